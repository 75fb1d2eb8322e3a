// Extension pages, the worker and content scripts load the catalog of the language in use from
// the package (public/i18n/*.json; web-accessible for HubSpot's pages only under the per-session
// dynamic URL runtime.getURL gives, see wxt.config.ts).
import browser from 'webextension-polyfill';
import { setCatalogLoader, type Catalog } from './i18n';

setCatalogLoader(async (lang) => {
  const res = await fetch(browser.runtime.getURL(`/i18n/${lang}.json`));
  if (!res.ok) throw new Error(`UI strings for ${lang} missing (${res.status})`);
  return (await res.json()) as Catalog;
});
