// What the features of one page share (issue 9): made by the content script on every page it
// runs on, ended with that page. The sidebar guard sets the guard status and counts HubSpot's own
// sidebar saves; the panel shows the status and re-reads after such a save. On a contact page the
// contact's view is asked for at once, in parallel with HubSpot's own loading and the UI strings,
// so the panel is ready when HubSpot's sidebar is.
import { language, type Language } from '../../lib/i18n';
import type { ContactView, GuardConfig } from '../../lib/messaging';
import { DEFAULT_BLOCK_PROPERTY, DEFAULT_REASON_PROPERTY, DEFAULT_SAVE_BUTTON_LABELS } from '../../lib/defaults';
import type { SurfaceId } from '../../lib/page/surfaces';
import { callGateway } from '../../lib/messaging-client';
import { guardStatus, type GuardStatus } from '../../lib/page/guardStatus';
import type { HubspotPage } from '../../lib/page/urls';
import { createStore, type Store } from '../../lib/store';

export interface EarlyRead {
  view: Promise<ContactView>;
  /** Progress of that read (e.g. "HubSpot is not answering, retrying"). */
  notice: Store<string | undefined>;
  /** The language its messages are in: asked before HubSpot's page said its language. */
  lang: Language;
}

export interface PageContext {
  guard: Store<GuardStatus>;
  /** Counts saves of HubSpot's own sidebar that touched the block properties. */
  sidebarSaves: Store<number>;
  /** HubSpot's other edit surfaces on this page (preview, all properties, bulk edit): guarded or not. */
  surfaces: Store<Partial<Record<SurfaceId, 'guarded' | 'inactive'>>>;
  /** The guards' settings, asked once per page; the defaults when the background cannot answer. */
  guardConfig(): Promise<GuardConfig>;
  /** The contact's view, asked for as soon as the URL named the contact (contact pages only).
   *  The first to take it owns it: later reads ask again. */
  takeEarlyRead(): EarlyRead | null;
}

export function createPageContext(page: HubspotPage, signal: AbortSignal): PageContext {
  let early: EarlyRead | null = null;
  if (page.kind === 'contact') {
    const notice = createStore<string | undefined>(undefined);
    const view = callGateway('getContactView', { portalId: page.portalId, contactId: page.contactId }, { signal, onProgress: (p) => notice.set(p.label) });
    view.catch(() => undefined); // whoever takes it handles the error
    early = { view, notice, lang: language() };
  }
  let config: Promise<GuardConfig> | null = null;
  return {
    guard: createStore<GuardStatus>(guardStatus('pending', '')),
    sidebarSaves: createStore(0),
    surfaces: createStore({}),
    guardConfig() {
      config ??= callGateway('getGuardConfig', {}, { signal }).catch((e: unknown) => {
        if (!signal.aborted) console.warn('[Post-Sperre Guard] guard settings unavailable, using the defaults', e);
        return { blockProperty: DEFAULT_BLOCK_PROPERTY, reasonProperty: DEFAULT_REASON_PROPERTY, saveButtonLabels: [...DEFAULT_SAVE_BUTTON_LABELS] };
      });
      return config;
    },
    takeEarlyRead() {
      const taken = early;
      early = null;
      return taken;
    },
  };
}

