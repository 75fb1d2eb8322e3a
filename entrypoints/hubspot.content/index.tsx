import { defineContentScript } from 'wxt/utils/define-content-script';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { isHubspotAppHost, parseHubspotPage, type HubspotPage } from '../../lib/page/urls';
import { loadLanguage, setLanguage, toLanguage } from '../../lib/i18n';
import '../../lib/i18n-extension';
import { contactPanelFeature } from './features/contact-panel';
import { listPanelFeature } from './features/list-panel';
import { answerTabStatus, tabStatus } from './tabStatus';
import './style.css';

/** A feature: where it runs and what it starts; everything it starts ends with `signal`
 *  (aborted on every in-app navigation and when the extension goes away). */
export interface Feature {
  name: string;
  include: (page: HubspotPage) => boolean;
  init: (page: HubspotPage, ctx: ContentScriptContext, signal: AbortSignal) => void | Promise<void>;
}

const FEATURES: Feature[] = [contactPanelFeature, listPanelFeature];

export default defineContentScript({
  // `app-*.hubspot.com` is no valid match pattern: match broadly, check the host in code.
  matches: ['https://*.hubspot.com/*'],
  cssInjectionMode: 'ui',
  runAt: 'document_idle',
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
      tabStatus.set({ page: page?.kind ?? null, guard: null });
      if (!page) return;
      const features = FEATURES.filter((f) => f.include(page));
      if (features.length === 0) return;
      // Strings first (one small fetch from the package, in parallel with HubSpot's own loading).
      void loadLanguage()
        .catch((e: unknown) => console.error('[Post-Sperre Guard] UI strings', e))
        .then(() => {
          if (controller.signal.aborted) return;
          for (const feature of features) {
            Promise.resolve(feature.init(page, ctx, controller.signal)).catch((e: unknown) => console.error(`[Post-Sperre Guard] ${feature.name}`, e));
          }
        });
    };
    answerTabStatus(ctx);
    // HubSpot is a single-page app: follow its History API navigation.
    ctx.addEventListener(window, 'wxt:locationchange', (e) => run(e.newUrl.href));
    run(location.href);
  },
});
