import { defineContentScript } from 'wxt/utils/define-content-script';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { isHubspotAppHost, parseHubspotPage, type HubspotPage } from '../../lib/page/urls';
import { loadLanguage, setLanguage, toLanguage } from '../../lib/i18n';
import '../../lib/i18n-extension';
import { contactPanelFeature } from './features/contact-panel';
import { listPanelFeature } from './features/list-panel';
import { sidebarGuardFeature } from './features/sidebar-guard';
import { createPageContext, type PageContext } from './pageContext';
import './style.css';

/** A feature: where it runs and what it starts; everything it starts ends with `signal`
 *  (aborted on every in-app navigation and when the extension goes away). Features of one page
 *  share `shared` (pageContext.ts), never each other's code. */
export interface Feature {
  name: string;
  include: (page: HubspotPage) => boolean;
  init: (page: HubspotPage, ctx: ContentScriptContext, signal: AbortSignal, shared: PageContext) => void | Promise<void>;
}

const FEATURES: Feature[] = [sidebarGuardFeature, contactPanelFeature, listPanelFeature];

export default defineContentScript({
  // `app-*.hubspot.com` is no valid match pattern: match broadly, check the host in code.
  matches: ['https://*.hubspot.com/*'],
  cssInjectionMode: 'ui',
  // As soon as the document is parsed: the contact is read while HubSpot still loads its app.
  runAt: 'document_end',
  main(ctx) {
    if (!isHubspotAppHost(location.hostname)) return;
    let current: AbortController | undefined;
    let lastHref = '';
    // The event carries the new URL: it fires from the Navigation API's `navigate`, before
    // location.href has changed.
    const run = (url: string) => {
      if (url === lastHref) return;
      lastHref = url;
      current?.abort();
      const controller = new AbortController();
      current = controller;
      ctx.onInvalidated(() => controller.abort());
      // Speak HubSpot's language (the user's HubSpot setting), else the browser's.
      setLanguage(toLanguage(document.documentElement.lang));
      const page = parseHubspotPage(url);
      if (!page) return;
      const features = FEATURES.filter((f) => f.include(page));
      if (features.length === 0) return;
      // The contact's read starts now (pageContext.ts); the strings load meanwhile (one small
      // fetch from the package), both in parallel with HubSpot's own loading.
      const shared = createPageContext(page, controller.signal);
      void loadLanguage()
        .catch((e: unknown) => console.error('[Post-Sperre Guard] UI strings', e))
        .then(() => {
          if (controller.signal.aborted) return;
          // Each feature on its own: one that fails leaves the others running.
          for (const feature of features) {
            try {
              Promise.resolve(feature.init(page, ctx, controller.signal, shared)).catch((e: unknown) => console.error(`[Post-Sperre Guard] ${feature.name}`, e));
            } catch (e) {
              console.error(`[Post-Sperre Guard] ${feature.name}`, e);
            }
          }
        });
    };
    // HubSpot is a single-page app: follow its History API navigation.
    ctx.addEventListener(window, 'wxt:locationchange', (e) => run(e.newUrl.href));
    run(location.href);
  },
});
