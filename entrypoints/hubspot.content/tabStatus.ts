// What this tab is guarded by, for the toolbar popup (it asks with a runtime message).
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

interface OnMessage {
  addListener(fn: (msg: unknown, sender: unknown, reply: (answer: TabStatus) => void) => void): void;
  removeListener(fn: (msg: unknown, sender: unknown, reply: (answer: TabStatus) => void) => void): void;
}
// chrome.runtime directly: no promise polyfill in content scripts.
const onMessage = (globalThis as unknown as { chrome: { runtime: { onMessage: OnMessage } } }).chrome.runtime.onMessage;

export function answerTabStatus(ctx: ContentScriptContext): void {
  const listener = (msg: unknown, _sender: unknown, reply: (answer: TabStatus) => void) => {
    if ((msg as { type?: unknown } | null)?.type === TAB_STATUS_MESSAGE) reply(tabStatus.get());
  };
  onMessage.addListener(listener);
  ctx.onInvalidated(() => onMessage.removeListener(listener));
}
