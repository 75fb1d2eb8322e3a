import { defineConfig } from 'wxt';
import { fileURLToPath } from 'node:url';

// https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  webExt: { disabled: true },
  // `npm run zip:firefox` also packs the sources (AMO asks for them): without test output.
  zip: { excludeSources: ['artifacts/**', 'test-results/**', 'scratch/**', '.demo-profile/**', 'docs/store/**'] },
  // Explicit imports everywhere: lib/ must run in Node (CLI, tests) without WXT's globals.
  imports: false,
  manifest: {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'de',
    permissions: ['storage'],
    // IT presets settings through Chrome policy (lib/policy.ts, docs/deploy.md).
    storage: { managed_schema: 'managed_schema.json' },
    // The token is only ever sent to these hosts (lib/hubspot/hosts.ts checks the same list).
    host_permissions: ['https://api.hubapi.com/*', 'https://api-eu1.hubapi.com/*'],
    // The content script loads the UI strings of the page's language from the package. With a
    // dynamic URL (new each browser session, given by runtime.getURL) a page cannot probe for them.
    web_accessible_resources: [{ resources: ['i18n/*.json'], matches: ['https://*.hubspot.com/*'], use_dynamic_url: true }],
  },
  vite: () => ({
    resolve: {
      // @hubspot/api-client's generated code imports URL/URLSearchParams from node's `url`;
      // in the service worker the globals do the same job (docs/toolchain.md).
      alias: { url: fileURLToPath(new URL('./lib/hubspot/url-shim.ts', import.meta.url)) },
    },
  }),
});
