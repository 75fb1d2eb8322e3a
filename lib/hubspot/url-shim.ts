// Stand-in for node's `url` module inside the extension bundle: the HubSpot SDK's generated
// code only needs URL and URLSearchParams, which the service worker has as globals.
const URLImpl = globalThis.URL;
const URLSearchParamsImpl = globalThis.URLSearchParams;
export { URLImpl as URL, URLSearchParamsImpl as URLSearchParams };
export default { URL: URLImpl, URLSearchParams: URLSearchParamsImpl };
