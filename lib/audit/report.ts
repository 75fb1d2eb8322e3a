// Machine-readable forms of a portal audit (docs/contract.md §2): the JSON document of the command line
// and its CSV (RFC 4180), whose columns outside scripts read. The rows in words (the tables, the
// options page's download) are in ./presentation.ts; every CSV goes through lib/csv.ts.
// Names of contacts are left out on purpose: reports travel (CI logs, mail, spreadsheets) and the
// record id is enough to find the contact in HubSpot (data minimisation, DSGVO Art. 5).
import type { BranchLeak, Leak, ListAudit, MemberLeak, OutOfScope, PortalAudit, WorkflowAudit, WorkflowFinding, WorkflowSendsVia, WorkflowWarning } from './types';
import { toCsv, type CsvValue } from '../csv';
import type { LedgerFinding } from '../domain/ledger';
import { ledgerKindText } from './ledgerReport';

/** A branch finding as reported: the audit's own shape. */
export type ReportLeakBranch = BranchLeak;
/** A member finding as reported: without the contact's name. */
export type ReportLeakMember = Omit<MemberLeak, 'name'>;
export interface ReportList {
  listId: string;
  name: string;
  processingType: string;
  brands: string[];
  compliant: boolean;
  leaks: (ReportLeakBranch | ReportLeakMember)[];
  brandSource?: string;
  size?: number;
  skipped?: string;
  error?: { kind: string; message: string };
}
export interface ReportWorkflow {
  flowId: string;
  name: string;
  isEnabled: boolean;
  brands: string[];
  compliant: boolean;
  leaks: WorkflowFinding[];
  /** App and webhook actions of the workflow (information, no finding). */
  sendsVia?: WorkflowSendsVia[];
  enrollmentType?: string;
  inScope?: boolean;
  revisionId?: string;
  brandSource?: string;
  warnings?: WorkflowWarning[];
  suppressionListIds?: string[];
  addsToLists?: string[];
  skipped?: string;
  error?: { kind: string; message: string };
}
/** The ledger section exactly as the contract names it. */
export interface ReportLedger {
  examined: number;
  since: string | null;
  findings: LedgerFinding[];
}
export interface ReportDocument {
  lists: ReportList[];
  contactsMissingReason: string[];
  requests: number;
  workflows?: ReportWorkflow[];
  outOfScope?: OutOfScope;
  ledger?: ReportLedger;
}

/** Exactly the contract's fields, in its order (nothing of the contact beyond its id). */
export function reportLedgerFinding(f: LedgerFinding): LedgerFinding {
  return { contactId: f.contactId, brand: f.brand, kind: f.kind, at: f.at, sourceType: f.sourceType, sourceId: f.sourceId, by: f.by };
}

/** The contract's fields first (flowId, name, isEnabled, brands, compliant, leaks), then extras. */
export function reportWorkflow(w: WorkflowAudit): ReportWorkflow {
  return {
    flowId: w.flowId,
    name: w.name,
    isEnabled: w.isEnabled,
    brands: w.brands,
    compliant: w.compliant,
    leaks: w.leaks.map((l) => ({ ...l })),
    ...(w.sendsVia?.length ? { sendsVia: w.sendsVia.map((v) => ({ ...v })) } : {}),
    enrollmentType: w.enrollmentType,
    ...(w.inScope !== undefined ? { inScope: w.inScope } : {}),
    revisionId: w.revisionId,
    brandSource: w.brandSource,
    ...(w.warnings?.length ? { warnings: w.warnings } : {}),
    suppressionListIds: w.suppressionListIds,
    addsToLists: w.addsToLists,
    ...(w.skipped ? { skipped: w.skipped } : {}),
    ...(w.error ? { error: { kind: w.error.kind, message: w.error.message } } : {}),
  };
}

function reportLeak(l: Leak): ReportLeakBranch | ReportLeakMember {
  if (l.kind === 'member') return { kind: 'member', recordId: l.recordId, brand: l.brand };
  return {
    kind: 'filter-branch',
    branch: l.branch,
    brand: l.brand,
    witness: l.witness,
    ...(l.branchSummary !== undefined ? { branchSummary: l.branchSummary } : {}),
    ...(l.witnessSummary !== undefined ? { witnessSummary: l.witnessSummary } : {}),
    ...(l.reasons?.length ? { reasons: l.reasons } : {}),
  };
}

/** The contract's fields first (listId, name, processingType, brands, compliant, leaks), then harmless extras. */
export function reportList(a: ListAudit): ReportList {
  return {
    listId: a.listId,
    name: a.name,
    processingType: a.processingType,
    brands: a.brands,
    compliant: a.compliant,
    leaks: a.leaks.map(reportLeak),
    brandSource: a.brandSource,
    ...(a.size !== undefined ? { size: a.size } : {}),
    ...(a.skipped ? { skipped: a.skipped } : {}),
    ...(a.error ? { error: { kind: a.error.kind, message: a.error.message } } : {}),
  };
}

export function reportDocument(audit: PortalAudit): ReportDocument {
  return {
    lists: audit.lists.map(reportList),
    contactsMissingReason: audit.contactsMissingReason,
    requests: audit.requests,
    ...(audit.workflows ? { workflows: audit.workflows.map(reportWorkflow) } : {}),
    ...(audit.outOfScope ? { outOfScope: audit.outOfScope } : {}),
    ...(audit.ledger ? { ledger: { examined: audit.ledger.examined, since: audit.ledger.since, findings: audit.ledger.findings.map(reportLedgerFinding) } } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// CSV (lib/csv.ts writes it, formulas neutralised)

export const CSV_COLUMNS = ['listId', 'name', 'processingType', 'brands', 'compliant', 'kind', 'brand', 'branch', 'recordId', 'witness', 'detail', 'at', 'sourceType', 'sourceId', 'by'] as const;

/**
 * One row per finding (a leaking branch and brand, a blocked member and brand, a list that could
 * not be audited, a contact blocked without a reason, a ledger finding), and one per list without
 * findings; a header row first. Lines end with CRLF (RFC 4180). `kind` is empty for a compliant
 * list, `skipped` for a list that is not a contact list, the ledger's kind for a ledger finding
 * (`recordId` the contact; `at`, `sourceType`, `sourceId`, `by` the write; `detail` in words).
 */
export function reportCsv(audit: PortalAudit): string {
  const rows: CsvValue[][] = [[...CSV_COLUMNS]];
  for (const a of audit.lists) {
    const head = [a.listId, a.name, a.processingType, a.brands.join(';'), a.compliant];
    if (a.error) {
      rows.push([...head, 'error', '', '', '', '', a.error.message]);
      continue;
    }
    if (a.leaks.length === 0) {
      rows.push([...head, a.skipped ? 'skipped' : '', '', '', '', '', a.skipped ?? '']);
      continue;
    }
    for (const l of a.leaks) {
      if (l.kind === 'member') rows.push([...head, 'member', l.brand, '', l.recordId, '', '']);
      else rows.push([...head, 'filter-branch', l.brand, l.branch, '', JSON.stringify(l.witness), l.branchSummary ?? '']);
    }
  }
  for (const id of audit.contactsMissingReason) rows.push(['', '', '', '', '', 'missing-reason', '', '', id, '', '']);
  for (const f of audit.ledger?.findings ?? []) rows.push(['', '', '', '', '', f.kind, f.brand ?? '', '', f.contactId, '', ledgerKindText(f.kind), f.at, f.sourceType, f.sourceId ?? '', f.by ?? '']);
  return toCsv(rows.map((r) => [...r, ...Array<CsvValue>(Math.max(0, CSV_COLUMNS.length - r.length)).fill('')]));
}
