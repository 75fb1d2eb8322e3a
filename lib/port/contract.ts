// The port contract: every gateway method, declared once. Its name, the zod schemas of its
// arguments and its result, and whether a content script may call it (extension pages, i.e. the
// options page and the popup, may call every method). From this one table derive:
//   - the types callers and handlers use (ArgsOf, ResultOf, GatewayHandlers),
//   - the router's access check and its check of every call's arguments (lib/background/router.ts),
//   - the tests' check of every handler's result (test/unit/port-contract.test.ts).
// Adding a method: a line here, its handler (lib/gateway/*-handlers), its caller. Nothing else.
// Arguments are strict objects: a field the declaration does not name is refused, not ignored.
// Content scripts import types from here only (`import type`): zod stays out of HubSpot's pages.
import { z } from 'zod';
import type { Progress } from '../audit/types';
import type { Translator } from '../i18n';
import {
  BlockChangeSchema,
  BlockIntentSchema,
  ConnectionReportSchema,
  ConnectionSummarySchema,
  ContactViewSchema,
  CsvDialectSchema,
  ExportFileSchema,
  ExportSetupSchema,
  HeldExportCheckSchema,
  PropertyNameSchema,
  GuardConfigSchema,
  LedgerFindingSchema,
  LedgerResolveResultSchema,
  ListAuditSchema,
  ListFixPlanSchema,
  NoArgs,
  PageCheckSchema,
  PortalAuditRequestSchema,
  PortalAuditSchema,
  PublicSettingsResultSchema,
  SaveOutcomeSchema,
  SettingsInputSchema,
  WorkflowAuditSchema,
  WorkflowFixPlanSchema,
  WorkflowFixResultSchema,
} from './shapes';

interface MethodDeclaration<A extends z.ZodType, R extends z.ZodType> {
  args: A;
  result: R;
  /** A content script may call it (for the page its tab shows). false: extension pages only. */
  contentScript: boolean;
}

const method = <A extends z.ZodType, R extends z.ZodType>(d: MethodDeclaration<A, R>) => d;

const Id = z.string().regex(/^\d+$/);
const Brands = z.array(z.string().min(1));
const UserName = z.strictObject({ userName: z.string() });

export const GATEWAY_CONTRACT = {
  getContactView: method({ args: z.strictObject({ portalId: Id, contactId: Id }), result: ContactViewSchema, contentScript: true }),
  /** Names of the portal's users by id, for the history (one request per few hours at most). */
  getUserNames: method({ args: z.strictObject({ portalId: Id }), result: z.record(z.string(), z.string()), contentScript: true }),
  /** `change`: the user's toggles and reason; `expected`: the change the editor showed for them (a save
   *  that would change anything else is refused as a conflict); `saveId`: the same for the same
   *  change sent twice from one editor (a double click), so that it is written once. */
  saveBlockChange: method({
    args: z.strictObject({ portalId: Id, contactId: Id, change: BlockChangeSchema, expected: BlockIntentSchema, saveId: z.string().min(1) }),
    result: SaveOutcomeSchema,
    contentScript: true,
  }),
  /** The settings without the token, and the brands seen by the last connection test. */
  getSettings: method({ args: NoArgs, result: PublicSettingsResultSchema, contentScript: false }),
  /** Saves and tests the connection. `token` undefined keeps the stored token. */
  saveSettings: method({ args: SettingsInputSchema, result: ConnectionReportSchema, contentScript: false }),
  testConnection: method({ args: NoArgs, result: ConnectionReportSchema, contentScript: false }),
  auditList: method({ args: z.strictObject({ portalId: Id, listId: Id, brands: Brands.optional() }), result: ListAuditSchema, contentScript: true }),
  /** Stores (or with null / [] clears) the brands a list is audited for. */
  setListBrands: method({ args: z.strictObject({ portalId: Id, listId: Id, brands: Brands.nullable() }), result: z.null(), contentScript: true }),
  planListFix: method({ args: z.strictObject({ portalId: Id, listId: Id, brands: Brands }), result: ListFixPlanSchema, contentScript: true }),
  applyListFix: method({ args: z.strictObject({ portalId: Id, plan: ListFixPlanSchema }), result: ListAuditSchema, contentScript: true }),
  /** The whole portal (in the postal scope), or with `outOfScope` exactly the items a previous audit
   *  left outside the scope ("audit these too"), each marked `inScope: false`. */
  portalAudit: method({ args: PortalAuditRequestSchema, result: PortalAuditSchema, contentScript: false }),
  auditWorkflow: method({ args: z.strictObject({ portalId: Id, flowId: Id, brands: Brands.optional() }), result: WorkflowAuditSchema, contentScript: true }),
  /** Like setListBrands, for a workflow. */
  setFlowBrands: method({ args: z.strictObject({ portalId: Id, flowId: Id, brands: Brands.nullable() }), result: z.null(), contentScript: true }),
  planWorkflowFix: method({ args: z.strictObject({ portalId: Id, flowId: Id, brands: Brands }), result: WorkflowFixPlanSchema, contentScript: true }),
  /** `replanned`: the workflow changed since the plan (new revision): nothing written, confirm the new plan. */
  applyWorkflowFix: method({ args: z.strictObject({ portalId: Id, plan: WorkflowFixPlanSchema }), result: WorkflowFixResultSchema, contentScript: true }),
  /** Restores a block lifted without a reason or confirms a change the ledger found, with the
   *  user's reason, item by item (one write at a time per contact, progress, cancel between items).
   *  From the contact panel (its tab's portal) and the options page (many contacts). */
  resolveLedgerFindings: method({
    args: z.strictObject({
      portalId: Id,
      items: z.array(z.strictObject({ contactId: Id, finding: LedgerFindingSchema, action: z.enum(['restore', 'confirm']) })).min(1),
      reason: z.string(),
    }),
    result: z.array(LedgerResolveResultSchema),
    contentScript: true,
  }),
  getGuardConfig: method({ args: NoArgs, result: GuardConfigSchema, contentScript: true }),
  /** A contact page reports its check of HubSpot's hooks (no personal data), for the diagnosis. */
  reportPageCheck: method({ args: PageCheckSchema, result: z.null(), contentScript: true }),
  /** The last contact page's check (options page). */
  getPageCheck: method({ args: NoArgs, result: PageCheckSchema.nullable(), contentScript: false }),
  /** For the toolbar popup: the connection as last tested, without any network call. */
  getConnection: method({ args: NoArgs, result: ConnectionSummarySchema, contentScript: false }),
  /** Forgets the stored token (not one set by policy) and the connection facts learned with it. */
  removeToken: method({ args: NoArgs, result: z.null(), contentScript: false }),
  /** The short name the reason log records for this browser profile ('' until given). */
  getAuthor: method({ args: NoArgs, result: UserName, contentScript: true }),
  setAuthor: method({ args: UserName, result: UserName, contentScript: true }),
  openOptions: method({ args: NoArgs, result: z.null(), contentScript: true }),
  /** The clean export's columns (remembered per portal), format and author. */
  getExportSetup: method({ args: z.strictObject({ portalId: Id }), result: ExportSetupSchema, contentScript: true }),
  /** The clean export's file and receipt, made in the worker; the panel downloads them. */
  runExport: method({
    args: z.strictObject({ portalId: Id, listId: Id, columns: z.array(PropertyNameSchema).max(50), dialect: CsvDialectSchema, brands: Brands.optional() }),
    result: ExportFileSchema,
    contentScript: true,
  }),
  /** How many members HubSpot's own export of the segment would send although blocked. */
  checkSegmentExport: method({ args: z.strictObject({ portalId: Id, listId: Id }), result: HeldExportCheckSchema, contentScript: true }),
};

type Contract = typeof GATEWAY_CONTRACT;
export type GatewayMethod = keyof Contract;
/** What a caller sends. */
export type ArgsOf<M extends GatewayMethod> = z.input<Contract[M]['args']>;
/** What a handler receives (the arguments as the router parsed them). */
export type ParsedArgsOf<M extends GatewayMethod> = z.output<Contract[M]['args']>;
export type ResultOf<M extends GatewayMethod> = z.output<Contract[M]['result']>;

export function isGatewayMethod(name: unknown): name is GatewayMethod {
  return typeof name === 'string' && Object.hasOwn(GATEWAY_CONTRACT, name);
}

/** What a handler gets besides its arguments. */
export interface CallContext {
  signal: AbortSignal;
  progress: (p: Progress) => void;
  /** Where the call came from: a content script in a tab, or an extension page. */
  sender: { tabUrl?: string; fromExtensionPage: boolean };
  /** The caller's language: every text made for this call speaks it (pass it to the session). */
  tr: Translator;
}

export type GatewayHandler<M extends GatewayMethod> = (args: ParsedArgsOf<M>, ctx: CallContext) => Promise<ResultOf<M>>;
export type GatewayHandlers = { [M in GatewayMethod]: GatewayHandler<M> };

/** A feature's handlers, checked against the contract and typed by it (the keys name the methods). */
export function defineHandlers<K extends GatewayMethod>(handlers: { [P in K]: GatewayHandler<P> }): { [P in K]: GatewayHandler<P> } {
  return handlers;
}
