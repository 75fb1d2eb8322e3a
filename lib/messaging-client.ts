// Caller side of the gateway protocol (content scripts, options page).
import type { Runtime } from 'webextension-polyfill';
import type { Progress } from './audit/types';
import { GatewayError, toErrorData as convert, type GatewayErrorData } from './hubspot/errors';
import { GATEWAY_PORT, type ArgsOf, type CallMessage, type GatewayMethod, type ReplyMessage, type ResultOf } from './messaging';
import { language, t } from './i18n';

// chrome.runtime directly: ports need no promise polyfill, and the polyfill would add ~10 KB to
// every HubSpot page. (Type-only import above.)
const runtime = (globalThis as unknown as { chrome: { runtime: Pick<Runtime.Static, 'connect'> } }).chrome.runtime;

export interface CallOptions {
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
}

/** Calls one gateway method in the background. Rejects with a GatewayError on failure and with
 *  an AbortError when `signal` fires (the background then stops the work). */
export function callGateway<M extends GatewayMethod>(method: M, args: ArgsOf<M>, opts: CallOptions = {}): Promise<ResultOf<M>> {
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) {
      reject(new DOMException('Aborted', 'AbortError'));
      return;
    }
    const port = runtime.connect({ name: GATEWAY_PORT });
    let settled = false;
    const finish = () => {
      settled = true;
      opts.signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      if (settled) return;
      finish();
      port.disconnect();
      reject(new DOMException('Aborted', 'AbortError'));
    };
    opts.signal?.addEventListener('abort', onAbort);
    port.onMessage.addListener((raw: unknown) => {
      const msg = raw as ReplyMessage;
      if (msg.type === 'progress') {
        opts.onProgress?.(msg.progress);
        return;
      }
      finish();
      port.disconnect();
      if (msg.ok) resolve(msg.value as ResultOf<M>);
      else reject(GatewayError.fromData(msg.error));
    });
    port.onDisconnect.addListener(() => {
      if (settled) return;
      finish();
      // The worker went away (extension reloaded or updated) before answering.
      reject(new GatewayError('network', t('errorExtensionRestarted')));
    });
    const call: CallMessage<M> = { method, args, lang: language() };
    port.postMessage(call);
  });
}

/** A call the caller cancelled (navigation, closed panel): not an error to show. */
export function isAbortError(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

/** Whatever a call rejected with, as the error data the UI shows (the one converter, in the page's language). */
export function toErrorData(e: unknown): GatewayErrorData {
  return convert(e, t);
}
