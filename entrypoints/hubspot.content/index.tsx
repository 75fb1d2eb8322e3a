import { defineContentScript } from 'wxt/utils/define-content-script';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { isDocumentNavigation, samePageTarget } from '../../lib/page/navigation';
import { isHubspotAppHost, parseHubspotPage, type HubspotPage } from '../../lib/page/urls';
import { loadLanguage, setLanguage, toLanguage } from '../../lib/i18n';
import '../../lib/i18n-extension';
import { contactPanelFeature } from './features/contact-panel';
import { exportHoldFeature } from './features/export-hold';
import { listPanelFeature } from './features/list-panel';
import { sidebarGuardFeature } from './features/sidebar-guard';
import { surfaceGuardsFeature } from './features/surface-guards';
import { createPageContext, type PageContext } from './pageContext';
import { workflowPanelFeature } from './features/workflow-panel';
import { answerTabStatus, tabStatus, tabStatusOf } from './tabStatus';
import './style.css';

/** A feature: where it runs and what it starts; everything it starts ends with `signal`
 *  (aborted on every in-app navigation and when the extension goes away). Features of one page
 *  share `shared` (pageContext.ts), never each other's code. */
export interface Feature {
  name: string;
  include: (page: HubspotPage) => boolean;
  init: (page: HubspotPage, ctx: ContentScriptContext, signal: AbortSignal, shared: PageContext) => void | Promise<void>;
}

const FEATURES: Feature[] = [sidebarGuardFeature, surfaceGuardsFeature, contactPanelFeature, listPanelFeature, workflowPanelFeature, exportHoldFeature];

export default defineContentScript({
  // `app-*.hubspot.com` is no valid match pattern: match broadly, check the host in code.
  matches: ['https://*.hubspot.com/*'],
  cssInjectionMode: 'ui',
  // Before HubSpot's own scripts: the contact is read while HubSpot still loads its app; the
  // features start once the document is parsed (they need its <html lang> and <body>).
  runAt: 'document_start',
  main(ctx) {
    if (!isHubspotAppHost(location.hostname)) return;
    let current: AbortController | undefined;
    let lastHref = '';
    /** The page the features run for; undefined before the first run. */
    let lastPage: HubspotPage | null | undefined;
    const parsed = new Promise<void>((resolve) => {
      if (document.readyState !== 'loading') resolve();
      else document.addEventListener('DOMContentLoaded', () => resolve(), { once: true });
    });
    // The event carries the new URL: it fires from the Navigation API's `navigate`, before
    // location.href has changed.
    const run = (url: string) => {
      if (url === lastHref) return;
      lastHref = url;
      const page = parseHubspotPage(url);
      // Another view of the same record (a tab of the record, a query, a hash) is the same page:
      // the features keep running, and an open editor keeps what the user typed.
      if (lastPage !== undefined && samePageTarget(lastPage, page)) return;
      lastPage = page;
      current?.abort();
      const controller = new AbortController();
      current = controller;
      ctx.onInvalidated(() => controller.abort());
      tabStatus.set({ page: page?.kind ?? null, guard: null });
      if (!page) return;
      const features = FEATURES.filter((f) => f.include(page));
      if (features.length === 0) return;
      // The contact's read starts now (pageContext.ts), in parallel with HubSpot's own loading.
      const shared = createPageContext(page, controller.signal);
      // The toolbar popup asks this tab whether HubSpot's Save is guarded, per edit surface.
      const publish = () => tabStatus.set(tabStatusOf(page.kind, shared));
      const offs = [shared.guard.subscribe(publish), shared.surfaces.subscribe(publish)];
      controller.signal.addEventListener('abort', () => offs.forEach((off) => off()), { once: true });
      void parsed
        .then(() => {
          // Speak HubSpot's language (the user's HubSpot setting), else the browser's; the
          // strings are one small fetch from the package.
          setLanguage(toLanguage(document.documentElement.lang));
          return loadLanguage();
        })
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
    answerTabStatus(ctx);
    // HubSpot is a single-page app: follow its History API navigation.
    ctx.addEventListener(window, 'wxt:locationchange', (e) => {
      // A download (the clean export's file) is reported as a navigation too: the page stays.
      if (isDocumentNavigation(e.newUrl, location)) run(e.newUrl.href);
    });
    run(location.href);
  },
});
