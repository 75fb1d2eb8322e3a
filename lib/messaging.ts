// The typed protocol between content scripts / options page and the background gateway.
// Every call travels over its own runtime Port, so that a caller can cancel it (the port is
// disconnected when the caller's AbortSignal fires: in-app navigation, a closed panel) and the
// background can stream progress before the answer.
import type { BlockIntent } from './domain/intent';
import type { BulkPreviewArgs, BulkPreviewSummary, BulkRunArgs, BulkRunResult } from './domain/bulkFile';
import type { BlockChange, Brand, BrandFamily, HistoryEntry } from './domain/types';
import type { GatewayErrorData } from './hubspot/errors';
import type { ListAudit, OutOfScope, PortalAudit, Progress, WorkflowAudit } from './audit/types';
import type { WorkflowFixPlan, WorkflowFixResult } from './audit/workflowFix';
import type { PublicSettings, Settings } from './settings';
import type { PageCheck } from './page/pageCheck';

/** Everything the contact panel shows. */
export interface ContactView {
  portalId: string;
  contactId: string;
  /** Every option of the block property plus values on the contact that are no option (known: false). */
  brands: Brand[];
  /** Option values the contact is blocked for now. */
  blocked: string[];
  /** Current text of the reason property ("" when empty). */
  reasonText: string;
  /** Both properties' history, newest first. */
  history: HistoryEntry[];
  /** Names of the users in the history, by user id (those HubSpot would tell). */
  userNames: Record<string, string>;
  families: BrandFamily[];
  blockProperty: string;
  reasonProperty: string;
  blockPropertyLabel: string;
  reasonPropertyLabel: string;
  /** HubSpot's settings page of the block property (where an admin restores a removed option). */
  blockPropertySettingsUrl?: string;
  /** A save of this contact that ended after its panel had gone (in-app navigation). */
  finishedSave?: FinishedSave;
}

/** A save that ended while nobody was waiting for it. */
export interface FinishedSave {
  /** When it was asked for (ISO). */
  at: string;
  ok: boolean;
  /** Why it failed. */
  message?: string;
}

/** How a save ended. */
export interface SaveOutcome {
  /** HubSpot's state after the save; null when the save landed but HubSpot could not be read afterwards. */
  view: ContactView | null;
  /** Toggles someone else had already made: nothing was written for them. */
  moot: string[];
  /** Writes by others that landed at the same moment as ours; ours had replaced them, they were written back. */
  kept: { by: HistoryEntry; at: string }[];
  /** The save landed; reading it back failed (the view is not fresh). */
  refreshError?: GatewayErrorData;
  /** Every toggle was already done by someone else: nothing was written. */
  nothingToDo?: boolean;
  /** HubSpot's history did not show our write, so a simultaneous write could not be ruled out. */
  unverified?: boolean;
}

/** What the sidebar guard needs to know (no token, no data). */
export interface GuardConfig {
  blockProperty: string;
  reasonProperty: string;
  saveButtonLabels: string[];
}

export interface ConnectionReport {
  ok: boolean;
  portalId?: string;
  uiDomain?: string;
  region?: string;
  /** Brand count of the block property, when found. */
  brandCount?: number;
  /** The brands (options of the block property), for the family editor. */
  brands?: { value: string; label: string }[];
  blockPropertyFound?: boolean;
  reasonPropertyFound?: boolean;
  missingScopes: string[];
  /** false when the token's scopes could not be read (e.g. a service key); then only calls reveal them. */
  scopesKnown?: boolean;
  blockPropertyName?: string;
  reasonPropertyName?: string;
  error?: GatewayErrorData;
}

export interface ConnectionSummary {
  configured: boolean;
  /** Some settings come from Chrome policy. */
  managed: boolean;
  portalId?: string;
  uiDomain?: string;
  region?: string;
}

/** Asked by the toolbar popup of the content script in the active tab (runtime message). */
export const TAB_STATUS_MESSAGE = 'psg-tab-status';
export interface TabStatus {
  page: 'contact' | 'list' | 'list-index' | 'workflow' | null;
  /** Contact pages: whether HubSpot's sidebar Save is guarded. */
  guard: 'active' | 'inactive' | null;
}

export interface ListFixPlan {
  listId: string;
  processingType: string;
  /** For active lists: the filterBranch that would be sent. */
  filterBranch?: unknown;
  /** For active lists: which root branches get the exclusion. */
  branches?: number[];
  /** For active lists: fixed branches that no contact passes any more (they selected blocked contacts). */
  emptiedBranches?: number[];
  /** For static lists: the record ids that would be removed. */
  removeRecordIds?: string[];
  brands: string[];
}

export interface PortalAuditRequest {
  outOfScope?: Pick<OutOfScope, 'listIds' | 'flowIds'>;
}

/** Method name → [argument, result]. */
export interface GatewayApi {
  getContactView: [{ portalId: string; contactId: string }, ContactView];
  /** Names of the portal's users by id, for the history (one request per few hours at most). */
  getUserNames: [{ portalId: string }, Record<string, string>];
  /** `change`: the user's toggles and reason; `expected`: the change the editor showed for them (a save
   *  that would change anything else is refused as a conflict); `saveId`: the same for the same
   *  change sent twice from one editor (a double click), so that it is written once. */
  saveBlockChange: [{ portalId: string; contactId: string; change: BlockChange; expected: BlockIntent; saveId: string }, SaveOutcome];
  /** The settings without the token, and the brands seen by the last connection test. */
  getSettings: [Record<string, never>, PublicSettings & { brands?: { value: string; label: string }[] }];
  /** Saves and tests the connection. `token` undefined keeps the stored token. */
  saveSettings: [Partial<Omit<Settings, 'token'>> & { token?: string }, ConnectionReport];
  testConnection: [Record<string, never>, ConnectionReport];
  auditList: [{ portalId: string; listId: string; brands?: string[] }, ListAudit];
  setListBrands: [{ portalId: string; listId: string; brands: string[] | null }, null];
  planListFix: [{ portalId: string; listId: string; brands: string[] }, ListFixPlan];
  applyListFix: [{ portalId: string; plan: ListFixPlan }, ListAudit];
  /** The whole portal (in the postal scope), or with `outOfScope` exactly the items a previous audit
   *  left outside the scope ("audit these too"), each marked `inScope: false`. */
  portalAudit: [PortalAuditRequest, PortalAudit];
  auditWorkflow: [{ portalId: string; flowId: string; brands?: string[] }, WorkflowAudit];
  /** Like setListBrands, for a workflow. */
  setFlowBrands: [{ portalId: string; flowId: string; brands: string[] | null }, null];
  planWorkflowFix: [{ portalId: string; flowId: string; brands: string[] }, WorkflowFixPlan];
  /** `replanned`: the workflow changed since the plan (new revision): nothing written, confirm the new plan. */
  applyWorkflowFix: [{ portalId: string; plan: WorkflowFixPlan }, WorkflowFixResult];
  getGuardConfig: [Record<string, never>, GuardConfig];
  /** A contact page reports its check of HubSpot's hooks (no personal data), for the diagnosis. */
  reportPageCheck: [PageCheck, null];
  /** The last contact page's check (options page). */
  getPageCheck: [Record<string, never>, PageCheck | null];
  /** For the toolbar popup: the connection as last tested, without any network call. */
  getConnection: [Record<string, never>, ConnectionSummary];
  /** Forgets the stored token (not one set by policy) and the connection facts learned with it. */
  removeToken: [Record<string, never>, null];
  /** The short name the reason log records for this browser profile ('' until given). */
  getAuthor: [Record<string, never>, { userName: string }];
  setAuthor: [{ userName: string }, { userName: string }];
  openOptions: [Record<string, never>, null];
  /** Bulk block from a file (options page): which contacts the file's values name. Reads only. */
  bulkBlockPreview: [BulkPreviewArgs, BulkPreviewSummary];
  /** Blocks the brands on these contacts (only additions, one log entry each), batch by batch under
   *  the contacts' write queue; progress per batch. */
  bulkBlockRun: [BulkRunArgs, BulkRunResult];
  /** Stops the running bulk block after the batch being written (its result still comes back). */
  bulkBlockCancel: [Record<string, never>, null];
}
export type GatewayMethod = keyof GatewayApi;
export type ArgsOf<M extends GatewayMethod> = GatewayApi[M][0];
export type ResultOf<M extends GatewayMethod> = GatewayApi[M][1];

export const GATEWAY_PORT = 'psg-gateway';

/** Caller → background, first and only message on a port. */
export interface CallMessage<M extends GatewayMethod = GatewayMethod> {
  method: M;
  args: ArgsOf<M>;
  /** The caller's UI language: messages made in the background speak it. */
  lang?: 'de' | 'en';
}
/** Background → caller. */
export type ReplyMessage =
  | { type: 'progress'; progress: Progress }
  | { type: 'result'; ok: true; value: unknown }
  | { type: 'result'; ok: false; error: GatewayErrorData };
