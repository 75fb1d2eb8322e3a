// Background side of the gateway protocol: one Port per call, cancellable, with progress.
import type { Runtime } from 'webextension-polyfill';
import type { Progress } from '../audit/types';
import { GatewayError } from '../hubspot/errors';
import { loadLanguage, setLanguage, t } from '../i18n';
import { parseHubspotPage } from '../page/urls';
import { GATEWAY_PORT, type ArgsOf, type CallMessage, type GatewayMethod, type ReplyMessage, type ResultOf } from '../messaging';

export interface CallContext {
  signal: AbortSignal;
  progress: (p: Progress) => void;
  /** Where the call came from: a content script in a tab, or an extension page. */
  sender: { tabUrl?: string; fromExtensionPage: boolean };
}

export type GatewayHandlers = {
  [M in GatewayMethod]: (args: ArgsOf<M>, ctx: CallContext) => Promise<ResultOf<M>>;
};

/** Methods a content script may call. Settings and the portal audit are for the options page only. */
const CONTENT_SCRIPT_METHODS: ReadonlySet<GatewayMethod> = new Set<GatewayMethod>([
  'getContactView',
  'getUserNames',
  'saveBlockChange',
  'auditList',
  'setListBrands',
  'planListFix',
  'applyListFix',
  'auditWorkflow',
  'setFlowBrands',
  'planWorkflowFix',
  'applyWorkflowFix',
  'getGuardConfig',
  'reportPageCheck',
  'openOptions',
  'getAuthor',
  'setAuthor',
  'getExportSetup',
  'runExport',
  'checkSegmentExport',
]);

export function toErrorData(e: unknown) {
  if (e instanceof GatewayError) return e.toData();
  console.error('[Post-Sperre Guard] unexpected error', e);
  return new GatewayError('invalid-response', t('errorUnexpected', e instanceof Error ? e.message : String(e))).toData();
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
    const call = raw as CallMessage;
    // One worker serves every tab; the language of the latest caller wins (callers rarely differ).
    setLanguage(call.lang);
    await loadLanguage().catch((e: unknown) => console.error('[Post-Sperre Guard] UI strings', e));
    const senderUrl = port.sender?.url ?? '';
    // Extension pages (options, even when open in a tab) have the extension's origin;
    // content scripts report the HubSpot page they run in.
    const fromExtensionPage = senderUrl.startsWith(`${extensionOrigin}/`);
    const handler = handlers[call.method] as ((a: unknown, c: CallContext) => Promise<unknown>) | undefined;
    if (!handler || (!fromExtensionPage && !CONTENT_SCRIPT_METHODS.has(call.method))) {
      post({ type: 'result', ok: false, error: toErrorData(new GatewayError('invalid-response', t('errorUnknownCall', String(call.method)))) });
      return;
    }
    // A content script acts for the page its tab shows: a call naming another portal is refused.
    const portalId = (call.args as { portalId?: unknown } | null | undefined)?.portalId;
    if (!fromExtensionPage && portalId !== undefined && parseHubspotPage(port.sender?.tab?.url ?? senderUrl)?.portalId !== portalId) {
      post({ type: 'result', ok: false, error: toErrorData(new GatewayError('portal-mismatch', t('errorCallOtherPortal', String(portalId)), { portalId: String(portalId) })) });
      return;
    }
    try {
      const work = handler(call.args, {
        signal: controller.signal,
        progress: (progress) => post({ type: 'progress', progress }),
        sender: { tabUrl: port.sender?.tab?.url, fromExtensionPage },
      });
      keepAliveWhile?.(work);
      const value = await work;
      post({ type: 'result', ok: true, value });
    } catch (e) {
      if (controller.signal.aborted) return; // the caller is gone
      post({ type: 'result', ok: false, error: toErrorData(e) });
    }
  });
}
