// What this tab is guarded by, for the toolbar popup (it asks with a runtime message).
import browser from 'webextension-polyfill';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createStore } from '../../lib/store';
import { TAB_STATUS_MESSAGE, type TabStatus } from '../../lib/messaging';
import { SURFACE_IDS } from '../../lib/page/surfaces';
import type { PageContext } from './pageContext';

export const tabStatus = createStore<TabStatus>({ page: null, guard: null });

/** What a page's features know: the sidebar guard's state, and every other surface's. */
export function tabStatusOf(page: NonNullable<TabStatus['page']>, shared: Pick<PageContext, 'guard' | 'surfaces'>): TabStatus {
  const guard = page === 'contact' ? shared.guard.get().state : null;
  const states = { ...shared.surfaces.get(), ...(guard ? { sidebar: guard === 'active' ? ('guarded' as const) : ('inactive' as const) } : {}) };
  const surfaces = SURFACE_IDS.flatMap((surface) => (states[surface] ? [{ surface, state: states[surface] }] : []));
  return { page, guard, surfaces };
}

/** Answers the popup's question with this tab's status. The answer is a promise: the polyfill's
 *  onMessage (also in Chromium) sends what a listener's promise resolves to; other messages get
 *  undefined and are left to other listeners. */
export function answerTabStatus(ctx: ContentScriptContext): void {
  const listener = (msg: unknown): Promise<TabStatus> | undefined =>
    (msg as { type?: unknown } | null)?.type === TAB_STATUS_MESSAGE ? Promise.resolve(tabStatus.get()) : undefined;
  browser.runtime.onMessage.addListener(listener);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(listener));
}
