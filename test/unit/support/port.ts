// A runtime Port double for the router (lib/background/router.ts): what a content script or an
// extension page would send, and every reply the router posts.
import type { Runtime } from 'webextension-polyfill';
import { handlePort } from '../../../lib/background/router';
import { GATEWAY_PORT, type ReplyMessage } from '../../../lib/messaging';
import type { GatewayHandlers } from '../../../lib/port/contract';

export const EXTENSION_ORIGIN = 'chrome-extension://abc';
export const OPTIONS_PAGE = `${EXTENSION_ORIGIN}/options.html`;

export function fakePort(senderUrl: string, onPost?: (m: ReplyMessage) => void) {
  const messageListeners: ((m: unknown) => void)[] = [];
  const disconnectListeners: (() => void)[] = [];
  const posted: ReplyMessage[] = [];
  const port = {
    name: GATEWAY_PORT,
    sender: { url: senderUrl, tab: senderUrl.startsWith('https:') ? { url: senderUrl } : undefined },
    postMessage: (m: ReplyMessage) => {
      posted.push(m);
      onPost?.(m);
    },
    onMessage: { addListener: (l: (m: unknown) => void) => messageListeners.push(l) },
    onDisconnect: { addListener: (l: () => void) => disconnectListeners.push(l) },
    disconnect: () => disconnectListeners.forEach((l) => l()),
  };
  return {
    port: port as unknown as Runtime.Port,
    posted,
    send: (m: unknown) => messageListeners.forEach((l) => l(m)),
    callerGone: () => disconnectListeners.forEach((l) => l()),
  };
}

/** Some handlers; any other method rejects (a test that reaches one did not mean to). */
export function someHandlers(given: Partial<GatewayHandlers>): GatewayHandlers {
  const fail = () => Promise.reject(new Error('not in this test'));
  return new Proxy(given as GatewayHandlers, { get: (t, k: string) => (t as Record<string, unknown>)[k] ?? fail });
}

/** One call through the router, as `senderUrl` would make it; resolves with the router's answer. */
export function callThroughPort(handlers: Partial<GatewayHandlers>, message: unknown, senderUrl: string = OPTIONS_PAGE): Promise<Extract<ReplyMessage, { type: 'result' }>> {
  return new Promise((resolve) => {
    const p = fakePort(senderUrl, (m) => {
      if (m.type === 'result') resolve(m);
    });
    handlePort(p.port, someHandlers(handlers), EXTENSION_ORIGIN);
    p.send(message);
  });
}
