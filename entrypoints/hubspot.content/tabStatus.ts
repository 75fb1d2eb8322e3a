// What this tab is guarded by, for the toolbar popup (it asks with a runtime message).
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createStore } from '../../lib/store';
import { TAB_STATUS_MESSAGE, type TabStatus } from '../../lib/messaging';

export const tabStatus = createStore<TabStatus>({ page: null, guard: null });

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
