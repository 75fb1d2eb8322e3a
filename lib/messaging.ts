// The typed protocol between content scripts / options page and the background gateway.
// Every call travels over its own runtime Port, so that a caller can cancel it (the port is
// disconnected when the caller's AbortSignal fires: in-app navigation, a closed panel) and the
// background can stream progress before the answer.
// The methods, their arguments and results are declared once in lib/port/contract.ts; here are
// the zod-free wire messages and the types pages use (type-only: no zod in the content script).
import type { z } from 'zod';
import type { GatewayErrorData } from './hubspot/errors';
import type { Progress } from './audit/types';
import type { SurfaceId } from './page/surfaces';
import type { Language } from './catalog';
import type { GatewayMethod, ArgsOf } from './port/contract';
import type {
  ConnectionReportSchema,
  ConnectionSummarySchema,
  ContactViewSchema,
  FinishedSaveSchema,
  GuardConfigSchema,
  PortalAuditRequestSchema,
  SaveOutcomeSchema,
} from './port/shapes';

export type { ArgsOf, GatewayMethod, ResultOf } from './port/contract';
export type { ListFixPlan } from './audit/listFix';

export type ContactView = z.infer<typeof ContactViewSchema>;
export type FinishedSave = z.infer<typeof FinishedSaveSchema>;
export type SaveOutcome = z.infer<typeof SaveOutcomeSchema>;
export type GuardConfig = z.infer<typeof GuardConfigSchema>;
export type ConnectionReport = z.infer<typeof ConnectionReportSchema>;
export type ConnectionSummary = z.infer<typeof ConnectionSummarySchema>;
export type PortalAuditRequest = z.infer<typeof PortalAuditRequestSchema>;

/** Asked by the toolbar popup of the content script in the active tab (runtime message). */
export const TAB_STATUS_MESSAGE = 'psg-tab-status';
export interface TabStatus {
  page: 'contact' | 'list' | 'list-index' | 'contact-index' | 'workflow' | null;
  /** Contact pages: whether HubSpot's sidebar Save is guarded. */
  guard: 'active' | 'inactive' | null;
  /** HubSpot's edit surfaces of this tab (sidebar, preview, all properties, bulk edit), guarded or not. */
  surfaces?: { surface: SurfaceId; state: 'guarded' | 'inactive' }[];
}

export const GATEWAY_PORT = 'psg-gateway';

/** Caller → background, first and only message on a port. */
export interface CallMessage<M extends GatewayMethod = GatewayMethod> {
  method: M;
  args: ArgsOf<M>;
  /** The caller's UI language: messages made in the background speak it. */
  lang?: Language;
}
/** Background → caller. */
export type ReplyMessage =
  | { type: 'progress'; progress: Progress }
  | { type: 'result'; ok: true; value: unknown }
  | { type: 'result'; ok: false; error: GatewayErrorData };
