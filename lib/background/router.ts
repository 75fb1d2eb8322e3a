// Background side of the gateway protocol: one Port per call, cancellable, with progress.
// What a call may be is the port contract's (lib/port/contract.ts): the router refuses a method
// it does not declare, a method a content script may not call, and arguments that do not fit the
// method's schema, before any handler (and so before any HubSpot request) runs.
import type { Runtime } from 'webextension-polyfill';
import { GatewayError, toErrorData } from '../hubspot/errors';
import { loadLanguage, toLanguage, translator } from '../i18n';
import { parseHubspotPage } from '../page/urls';
import { GATEWAY_CONTRACT, isGatewayMethod, type CallContext, type GatewayHandlers } from '../port/contract';
import { GATEWAY_PORT, type CallMessage, type ReplyMessage } from '../messaging';

/** Where a call's arguments do not fit: the paths of the offending fields, no values. */
function issuePaths(issues: readonly { path: readonly PropertyKey[] }[]): string {
  return [...new Set(issues.map((i) => i.path.map(String).join('.') || '(args)'))].join(', ');
}

/**
 * Serves one Port (one call). `keepAliveWhile` holds the service worker while a call runs: Chrome
 * ends an idle worker after 30 s, and a call may wait longer than that (a 429 asks for up to 10 s,
 * several times; a portal audit takes minutes).
 */
export function handlePort(
  port: Runtime.Port,
  handlers: GatewayHandlers,
  extensionOrigin: string,
  keepAliveWhile?: (work: Promise<unknown>) => void,
): void {
  if (port.name !== GATEWAY_PORT) return;
  const controller = new AbortController();
  let open = true;
  port.onDisconnect.addListener(() => {
    open = false;
    controller.abort();
  });
  const post = (msg: ReplyMessage) => {
    if (open) port.postMessage(msg);
  };
  port.onMessage.addListener(async (raw: unknown) => {
    const call = (raw ?? {}) as Partial<CallMessage>;
    // One worker serves callers of both languages at once: each call speaks its caller's, never a
    // shared one (German when the caller did not say).
    const lang = toLanguage(typeof call.lang === 'string' ? call.lang : undefined) ?? 'de';
    await loadLanguage(lang).catch((e: unknown) => console.error('[Post-Sperre Guard] UI strings', e));
    const tr = translator(lang);
    const t = tr.t;
    const senderUrl = port.sender?.url ?? '';
    // Extension pages (options, even when open in a tab) have the extension's origin;
    // content scripts report the HubSpot page they run in.
    const fromExtensionPage = senderUrl.startsWith(`${extensionOrigin}/`);
    const refuse = (e: GatewayError) => post({ type: 'result', ok: false, error: toErrorData(e, t) });
    const method = call.method;
    if (!isGatewayMethod(method) || (!fromExtensionPage && !GATEWAY_CONTRACT[method].contentScript)) {
      refuse(new GatewayError('invalid-request', t('errorUnknownCall', String(method)), { reason: 'method' }));
      return;
    }
    const parsed = GATEWAY_CONTRACT[method].args.safeParse(call.args);
    if (!parsed.success) {
      const where = issuePaths(parsed.error.issues);
      refuse(new GatewayError('invalid-request', t('portInvalidRequest', where), { reason: 'args', call: `${method}: ${where}` }));
      return;
    }
    const args = parsed.data;
    // A content script acts for the page its tab shows: a call naming another portal is refused.
    const portalId = (args as { portalId?: string }).portalId;
    if (!fromExtensionPage && portalId !== undefined && parseHubspotPage(port.sender?.tab?.url ?? senderUrl)?.portalId !== portalId) {
      refuse(new GatewayError('portal-mismatch', t('errorCallOtherPortal', portalId), { portalId }));
      return;
    }
    const handler = handlers[method] as (a: unknown, c: CallContext) => Promise<unknown>;
    try {
      const work = handler(args, {
        signal: controller.signal,
        progress: (progress) => post({ type: 'progress', progress }),
        sender: { tabUrl: port.sender?.tab?.url, fromExtensionPage },
        tr,
      });
      keepAliveWhile?.(work);
      const value = await work;
      post({ type: 'result', ok: true, value });
    } catch (e) {
      if (controller.signal.aborted) return; // the caller is gone
      if (!(e instanceof GatewayError)) console.error('[Post-Sperre Guard] unexpected error', e);
      post({ type: 'result', ok: false, error: toErrorData(e, t) });
    }
  });
}
