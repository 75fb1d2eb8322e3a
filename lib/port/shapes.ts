// The shapes that cross the port (pages ⇄ gateway), as zod schemas: the arguments the router checks
// before any handler runs, and the results the tests check every handler against (test/unit/port-*.test.ts).
// Types that belong to the port alone are inferred from here; types the engine or the CLI own too
// (ListAudit, WorkflowAudit, …) stay where they are, and the schema is tied to them by its annotation
// (the compiler refuses a schema whose output is not that type).
// Imported by the worker and the options page; content scripts import types only (no zod on HubSpot pages).
import { z } from 'zod';
import type { BranchLeak, ListAudit, MemberLeak, OutOfScope, PortalAudit, WorkflowAudit, WorkflowLeak, WorkflowSendsVia, WorkflowWarning, WorkflowWriteLeak } from '../audit/types';
import type { ListFixPlan } from '../audit/listFix';
import type { FilterBranch } from '../audit/filter-types';
import type { WorkflowFixResult } from '../audit/workflowFix';
import type { WorkflowFixPlan } from '../audit/workflowPlan';
import type { BulkPreviewArgs, BulkPreviewSummary, BulkRunArgs, BulkRunResult } from '../domain/bulkFile';
import type { BlockIntent } from '../domain/intent';
import type { LedgerFinding, LedgerFindingKind } from '../domain/ledger';
import type { LedgerResolveResult } from '../gateway/ledger';
import type { BlockChange, Brand, BrandFamily, HistoryEntry } from '../domain/types';
import { ERROR_KINDS, type ErrorDetail, type GatewayErrorData } from '../hubspot/errors';
import type { HookCheck, PageCheck } from '../page/pageCheck';
import { PostalScopeSchema, SettingsSchema, type PublicSettings } from '../settings';
import type { ExportReceipt } from '../export/mailing';
import type { HeldExportCheck } from '../export/hold';
import type { ExportFile, ExportSetup } from '../gateway/export';

/** HubSpot ids (portal, contact, list, workflow, record): digits. */
const Id = z.string().regex(/^\d+$/);
const Strings = z.array(z.string());
const BrandOption = z.object({ value: z.string(), label: z.string() });

// ---------- arguments ----------

export const BlockChangeSchema: z.ZodType<BlockChange> = z.object({ add: Strings, remove: Strings, reason: z.string() });
export const BlockIntentSchema: z.ZodType<BlockIntent> = z.object({ add: Strings, remove: Strings });

/** Settings a page may send: any subset, no defaults filled in (a missing key keeps the stored value). */
const settingsShape = SettingsSchema.shape;
export const SettingsInputSchema = z.strictObject({
  token: z.string().optional(),
  apiHost: settingsShape.apiHost.unwrap().optional(),
  blockProperty: settingsShape.blockProperty.unwrap().optional(),
  reasonProperty: settingsShape.reasonProperty.unwrap().optional(),
  families: settingsShape.families.unwrap().optional(),
  allowedPortalId: settingsShape.allowedPortalId.unwrap().optional(),
  userName: settingsShape.userName.unwrap().optional(),
  saveButtonLabels: settingsShape.saveButtonLabels.unwrap().optional(),
  postalScope: PostalScopeSchema.optional(),
});

/** A list filter as the fix plan carries it: checked to be a branch; the engine re-plans before writing. */
const FilterBranchSchema = z.custom<FilterBranch>((v) => typeof v === 'object' && v !== null && typeof (v as { filterBranchType?: unknown }).filterBranchType === 'string');

/** A list's fix as planned and shown; applying it plans again from HubSpot's state (lib/audit/listFix.ts). */
export const ListFixPlanSchema: z.ZodType<ListFixPlan> = z.object({
  listId: z.string().min(1),
  processingType: z.string().min(1),
  filterBranch: FilterBranchSchema.optional(),
  branches: z.array(z.number().int().nonnegative()).optional(),
  emptiedBranches: z.array(z.number().int().nonnegative()).optional(),
  removeRecordIds: z.array(z.string().min(1)).optional(),
  brands: z.array(z.string().min(1)),
});

/** A workflow's fix as planned and shown; applying it re-reads the flow and writes only at the plan's revision. */
export const WorkflowFixPlanSchema: z.ZodType<WorkflowFixPlan> = z.object({
  flowId: Id,
  revisionId: z.string().min(1),
  brands: z.array(z.string().min(1)),
  branches: z.array(z.number().int().nonnegative()),
  enrollmentCriteria: z.looseObject({ type: z.string() }).optional(),
  suppression: z
    .object({
      listIds: z.array(Id).min(1),
      lists: z.array(z.object({ listId: Id, name: z.string(), brands: z.array(z.string().min(1)), exact: z.boolean() })),
    })
    .optional(),
  suppressionMissing: z.object({ brands: z.array(z.string().min(1)), propertyLabel: z.string() }).optional(),
  method: z.enum(['enrollment', 'suppression']).optional(),
});

/** "Audit these too": the ids a previous portal audit left outside the postal scope. */
export const PortalAuditRequestSchema = z.strictObject({
  outOfScope: PostalScopeSchema.pick({ listIds: true, flowIds: true }).optional(),
});

const HookCheckSchema: z.ZodType<HookCheck> = z.object({
  hook: z.string(),
  matched: z.object({ index: z.number().int(), of: z.number().int(), css: z.string(), seen: z.string(), source: z.string().optional() }).nullable(),
});
export const PageCheckSchema: z.ZodType<PageCheck> = z.strictObject({
  at: z.string(),
  host: z.string(),
  lang: z.string(),
  guard: z.object({ mode: z.enum(['pending', 'guarding', 'fail-closed', 'off']), problem: z.string().nullable() }),
  hooks: z.array(HookCheckSchema),
});

export const NoArgs = z.strictObject({});

/** A bulk block from a file: the chosen column's values (a mail house's file: thousands, not millions). */
export const BulkPreviewArgsSchema: z.ZodType<BulkPreviewArgs> = z.strictObject({
  values: z.array(z.strictObject({ value: z.string().min(1), row: z.number().int() })).max(100_000),
  by: z.enum(['id', 'email']),
  brands: z.array(z.string().min(1)),
  reason: z.string(),
});
export const BulkRunArgsSchema: z.ZodType<BulkRunArgs> = z.strictObject({ ids: z.array(Id).max(100_000), brands: z.array(z.string().min(1)), reason: z.string() });

// ---------- results ----------

const ErrorDetailSchema: z.ZodType<ErrorDetail> = z.object({
  status: z.number().optional(),
  missingScopes: Strings.optional(),
  call: z.string().optional(),
  retryAt: z.string().optional(),
  hubspotMessage: z.string().optional(),
  brands: Strings.optional(),
  policyName: z.string().optional(),
  reason: z.string().optional(),
  retryable: z.boolean().optional(),
  done: z.number().optional(),
  total: z.number().optional(),
  property: z.string().optional(),
  portalId: z.string().optional(),
  tokenPortalId: z.string().optional(),
});
export const ErrorDataSchema: z.ZodType<GatewayErrorData> = z.object({ kind: z.enum(ERROR_KINDS), message: z.string(), detail: ErrorDetailSchema });

const BrandSchema: z.ZodType<Brand> = z.object({ value: z.string(), label: z.string(), hidden: z.boolean(), known: z.boolean(), displayOrder: z.number() });
const BrandFamilySchema: z.ZodType<BrandFamily> = z.object({ name: z.string(), brands: Strings });
const HistoryEntrySchema: z.ZodType<HistoryEntry> = z.object({
  property: z.enum(['blocks', 'reason']),
  value: z.string().nullable(),
  timestamp: z.string(),
  sourceType: z.string(),
  sourceId: z.string().optional(),
  updatedByUserId: z.number().optional(),
});

/** A save that ended while nobody was waiting for it. */
export const FinishedSaveSchema = z.object({
  /** When it was asked for (ISO). */
  at: z.string(),
  ok: z.boolean(),
  /** Why it failed. */
  message: z.string().optional(),
});

/** Everything the contact panel shows. */
export const ContactViewSchema = z.object({
  portalId: z.string(),
  contactId: z.string(),
  /** Every option of the block property plus values on the contact that are no option (known: false). */
  brands: z.array(BrandSchema),
  /** Option values the contact is blocked for now. */
  blocked: Strings,
  /** Current text of the reason property ("" when empty). */
  reasonText: z.string(),
  /** Both properties' history, newest first. */
  history: z.array(HistoryEntrySchema),
  /** Names of the users in the history, by user id (those HubSpot would tell). */
  userNames: z.record(z.string(), z.string()),
  families: z.array(BrandFamilySchema),
  blockProperty: z.string(),
  reasonProperty: z.string(),
  blockPropertyLabel: z.string(),
  reasonPropertyLabel: z.string(),
  /** HubSpot's settings page of the block property (where an admin restores a removed option). */
  blockPropertySettingsUrl: z.string().optional(),
  /** A save of this contact that ended after its panel had gone (in-app navigation). */
  finishedSave: FinishedSaveSchema.optional(),
});

/** How a save ended. */
export const SaveOutcomeSchema = z.object({
  /** HubSpot's state after the save; null when the save landed but HubSpot could not be read afterwards. */
  view: ContactViewSchema.nullable(),
  /** Toggles someone else had already made: nothing was written for them. */
  moot: Strings,
  /** Writes by others that landed at the same moment as ours; ours had replaced them, they were written back. */
  kept: z.array(z.object({ by: HistoryEntrySchema, at: z.string() })),
  /** The save landed; reading it back failed (the view is not fresh). */
  refreshError: ErrorDataSchema.optional(),
  /** Every toggle was already done by someone else: nothing was written. */
  nothingToDo: z.boolean().optional(),
  /** HubSpot's history did not show our write, so a simultaneous write could not be ruled out. */
  unverified: z.boolean().optional(),
});

// ---------- the ledger (restore / confirm a change made without a reason) ----------

const LEDGER_KINDS = ['lifted-without-reason', 'set-without-reason', 'log-shortened', 'history-incomplete'] as const satisfies readonly LedgerFindingKind[];
/** Every kind the ledger reports is one the port accepts (the compiler says when one is missing). */
const everyLedgerKind: Exclude<LedgerFindingKind, (typeof LEDGER_KINDS)[number]> extends never ? true : never = true;
void everyLedgerKind;
const LedgerFindingKindSchema = z.enum(LEDGER_KINDS);

/** A finding as the ledger reported it (lib/domain/ledger.ts); the gateway reads the contact again
 *  and resolves it only while it is still open. */
export const LedgerFindingSchema: z.ZodType<LedgerFinding> = z.object({
  contactId: Id,
  brand: z.string().min(1).nullable(),
  kind: LedgerFindingKindSchema,
  at: z.string().min(1),
  sourceType: z.string(),
  sourceId: z.string().nullable(),
  by: z.string().nullable(),
});

export const LedgerResolveResultSchema: z.ZodType<LedgerResolveResult> = z.union([
  z.object({
    contactId: z.string(),
    brand: z.string().nullable(),
    kind: LedgerFindingKindSchema,
    ok: z.literal(true),
    outcome: z.enum(['restored', 'moot', 'confirmed', 'already-resolved']),
    kept: z.number().int().positive().optional(),
  }),
  z.object({ contactId: z.string(), brand: z.string().nullable(), kind: LedgerFindingKindSchema, ok: z.literal(false), error: ErrorDataSchema }),
]);

/** What the sidebar guard needs to know (no token, no data). */
export const GuardConfigSchema = z.object({
  blockProperty: z.string(),
  reasonProperty: z.string(),
  saveButtonLabels: Strings,
  /** The block property's option labels (hidden ones too), when HubSpot told them: HubSpot's picker is read by them. */
  blockOptionLabels: Strings.optional(),
});

export const ConnectionReportSchema = z.object({
  ok: z.boolean(),
  portalId: z.string().optional(),
  uiDomain: z.string().optional(),
  region: z.string().optional(),
  /** Brand count of the block property, when found. */
  brandCount: z.number().optional(),
  /** The brands (options of the block property), for the family editor. */
  brands: z.array(BrandOption).optional(),
  blockPropertyFound: z.boolean().optional(),
  reasonPropertyFound: z.boolean().optional(),
  missingScopes: Strings,
  /** false when the token's scopes could not be read (e.g. a service key); then only calls reveal them. */
  scopesKnown: z.boolean().optional(),
  blockPropertyName: z.string().optional(),
  reasonPropertyName: z.string().optional(),
  error: ErrorDataSchema.optional(),
});

export const ConnectionSummarySchema = z.object({
  configured: z.boolean(),
  /** Some settings come from Chrome policy. */
  managed: z.boolean(),
  portalId: z.string().optional(),
  uiDomain: z.string().optional(),
  region: z.string().optional(),
});

/** The settings without the token, and the brands seen by the last connection test. */
export const PublicSettingsResultSchema: z.ZodType<PublicSettings & { brands?: { value: string; label: string }[] }> = SettingsSchema.omit({ token: true }).extend({
  hasToken: z.boolean(),
  tokenHint: z.string(),
  locked: Strings,
  managedBy: z.string().optional(),
  brands: z.array(BrandOption).optional(),
});

const Witness = z.record(z.string(), z.string().nullable());
const AuditError = z.object({ kind: z.string(), message: z.string() });
const BrandSource = z.enum(['chosen', 'detected', 'all', 'argument']);

const BranchLeakSchema: z.ZodType<BranchLeak> = z.object({
  kind: z.literal('filter-branch'),
  branch: z.number().int(),
  brand: z.string(),
  witness: Witness,
  branchSummary: z.string().optional(),
  witnessSummary: z.string().optional(),
  reasons: Strings.optional(),
});
const MemberLeakSchema: z.ZodType<MemberLeak> = z.object({ kind: z.literal('member'), recordId: z.string(), brand: z.string(), name: z.string().optional() });

export const ListAuditSchema: z.ZodType<ListAudit> = z.object({
  listId: z.string(),
  name: z.string(),
  processingType: z.string(),
  objectTypeId: z.string(),
  brands: Strings,
  brandSource: BrandSource,
  compliant: z.boolean(),
  leaks: z.array(z.union([BranchLeakSchema, MemberLeakSchema])),
  skipped: z.literal('not-contacts').optional(),
  error: AuditError.optional(),
  availableBrands: z.array(BrandOption).optional(),
  size: z.number().optional(),
  fixNote: z.string().optional(),
  inScope: z.boolean().optional(),
});

const WorkflowLeakSchema: z.ZodType<WorkflowLeak> = z.object({
  kind: z.literal('enrollment-branch'),
  branch: z.number().int(),
  brand: z.string(),
  witness: Witness,
  source: z.enum(['enrollment', 're-enrollment', 'event', 'list-membership', 'manual']),
  branchSummary: z.string().optional(),
  witnessSummary: z.string().optional(),
  reasons: Strings.optional(),
});
const WorkflowWriteLeakSchema: z.ZodType<WorkflowWriteLeak> = z.object({
  kind: z.literal('writes-block-property'),
  actionId: z.string(),
  property: z.string(),
  propertyLabel: z.string().optional(),
  actionTypeId: z.string(),
  valueType: z.string().optional(),
  value: z.string().optional(),
  clears: z.literal(true).optional(),
  copiedFrom: z.string().optional(),
  appends: z.literal(true).optional(),
});
const WorkflowSendsViaSchema: z.ZodType<WorkflowSendsVia> = z.object({ actionId: z.string(), actionTypeId: z.string(), name: z.string(), kind: z.enum(['app', 'webhook']) });
const WorkflowWarningSchema: z.ZodType<WorkflowWarning> = z.object({ kind: z.literal('static-suppression'), listId: z.string(), brand: z.string() });

export const WorkflowAuditSchema: z.ZodType<WorkflowAudit> = z.object({
  flowId: z.string(),
  name: z.string(),
  isEnabled: z.boolean(),
  objectTypeId: z.string(),
  enrollmentType: z.string(),
  revisionId: z.string(),
  brands: Strings,
  brandSource: BrandSource,
  compliant: z.boolean(),
  leaks: z.array(z.union([WorkflowLeakSchema, WorkflowWriteLeakSchema])),
  warnings: z.array(WorkflowWarningSchema).optional(),
  sendsVia: z.array(WorkflowSendsViaSchema).optional(),
  suppressionListIds: Strings,
  addsToLists: Strings,
  inScope: z.boolean().optional(),
  skipped: z.enum(['not-contacts', 'out-of-scope']).optional(),
  error: AuditError.optional(),
  availableBrands: z.array(BrandOption).optional(),
});

const OutOfScopeSchema: z.ZodType<OutOfScope> = z.object({ lists: z.number(), workflows: z.number(), listIds: Strings, flowIds: Strings });

export const PortalAuditSchema: z.ZodType<PortalAudit> = z.object({
  lists: z.array(ListAuditSchema),
  contactsMissingReason: Strings,
  requests: z.number(),
  workflows: z.array(WorkflowAuditSchema).optional(),
  workflowsSkipped: z.object({ kind: z.enum(['scope', 'not-found']), message: z.string() }).optional(),
  outOfScope: OutOfScopeSchema.optional(),
  ledger: z.object({ examined: z.number().int().nonnegative(), since: z.string().nullable(), findings: z.array(LedgerFindingSchema) }).optional(),
});

export const WorkflowFixResultSchema: z.ZodType<WorkflowFixResult> = z.union([
  z.object({ status: z.literal('applied'), audit: WorkflowAuditSchema }),
  z.object({ status: z.literal('replanned'), plan: WorkflowFixPlanSchema, audit: WorkflowAuditSchema }),
]);

// ---------- the clean export (issue 15) ----------

/** Internal property names (columns of the export). */
export const PropertyNameSchema = z.string().regex(/^[a-z0-9_]{1,100}$/i);
export const CsvDialectSchema = z.enum(['excel', 'plain']);

export const ExportSetupSchema: z.ZodType<ExportSetup> = z.object({
  columns: z.array(z.object({ name: z.string(), label: z.string(), checked: z.boolean() })),
  dialect: CsvDialectSchema,
  author: z.string(),
});

const ExportReceiptSchema: z.ZodType<ExportReceipt> = z.object({
  listId: z.string(),
  name: z.string(),
  brands: Strings,
  at: z.string(),
  by: z.string(),
  members: z.number(),
  excluded: z.record(z.string(), z.number()),
  exported: z.number(),
  sha256: z.string(),
});

export const ExportFileSchema: z.ZodType<ExportFile> = z.object({ csv: z.string(), receipt: ExportReceiptSchema, receiptText: z.string(), fileName: z.string() });

export const HeldExportCheckSchema: z.ZodType<HeldExportCheck> = z.object({ listId: z.string(), name: z.string(), brands: Strings, brandLabels: Strings, blocked: z.number() });

// ---------- the bulk block from a file (issue 15) ----------

export const BulkPreviewSummarySchema: z.ZodType<BulkPreviewSummary> = z.object({
  matched: z.array(z.object({ id: z.string(), value: z.string() })),
  notFound: Strings,
  ambiguous: z.array(z.object({ value: z.string(), ids: Strings })),
  alreadyBlocked: Strings,
});
export const BulkRunResultSchema: z.ZodType<BulkRunResult> = z.object({
  written: Strings,
  failed: z.array(z.object({ id: z.string(), error: z.string() })),
  alreadyBlocked: Strings,
  notDone: Strings,
  cancelled: z.boolean(),
  racesRepaired: z.number(),
  error: z.object({ kind: z.string(), message: z.string() }).optional(),
});
