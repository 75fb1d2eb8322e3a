// The portal audit as rows in words: one source for the options page's table and download and the
// command line's table, so all of them show the same type, brands and verdict. Pure (no DOM, no
// React). The machine-readable forms (the contract's JSON and CSV) are in ./report.ts; the ledger's
// rows in ./ledgerReport.ts.
import type { ListAudit, PortalAudit, WorkflowAudit } from './types';
import { t, type MessageKey } from '../i18n';
import { writeLeaks } from './workflowActions';
import { CSV_BOM, toCsv } from '../csv';
import { findingText, ledgerKindText, ledgerTime } from './ledgerReport';
import { roadName } from './roadLabel';

export type PortalVerdict = 'compliant' | 'leaks' | 'error';

/** "aktiv", "statisch", "statisch (Momentaufnahme)" for HubSpot's processingType; unknown types as they are. */
export function typeLabel(processingType: string): string {
  const key = `type${processingType}` as MessageKey;
  const text = t(key);
  return text === key ? processingType : text;
}

/** A brand's label by option value: from the audit's own catalog, else the value itself. */
export type BrandLabel = (value: string) => string;

function catalogLabel(available: readonly { value: string; label: string }[] | undefined): BrandLabel {
  const labels = new Map((available ?? []).map((b) => [b.value, b.label]));
  return (v) => labels.get(v) ?? v;
}

export interface PortalAuditRow {
  listId: string;
  name: string;
  type: string;
  brands: string;
  verdict: PortalVerdict;
  /** The verdict in words, with the note for skipped lists and the message for failed ones. */
  verdictText: string;
  /** Number of findings; null when the list could not be audited. */
  findings: number | null;
}

export function portalVerdict(l: ListAudit): PortalVerdict {
  if (l.error) return 'error';
  return l.compliant ? 'compliant' : 'leaks';
}

function brandsText(l: ListAudit, label: BrandLabel): string {
  if (l.skipped) return '';
  if (l.brandSource === 'all') return t('allBrands');
  return l.brands.map(label).join(', ');
}

/** One list as a row; `label` defaults to the list's own brand catalog. */
export function portalAuditRow(l: ListAudit, label: BrandLabel = catalogLabel(l.availableBrands)): PortalAuditRow {
  const verdict = portalVerdict(l);
  const verdictText =
    verdict === 'error'
      ? t('portalAuditListError', l.error?.message ?? '')
      : verdict === 'leaks'
        ? t('verdictLeaks')
        : l.skipped
          ? `${t('verdictCompliant')} (${t('verdictSkipped')})`
          : t('verdictCompliant');
  return {
    listId: l.listId,
    name: l.name,
    type: typeLabel(l.processingType),
    brands: brandsText(l, label),
    verdict,
    verdictText,
    findings: verdict === 'error' ? null : l.leaks.length,
  };
}

export function portalAuditRows(result: PortalAudit): PortalAuditRow[] {
  return result.lists.map((l) => portalAuditRow(l));
}

export interface PortalAuditFlowRow {
  flowId: string;
  name: string;
  enrollment: string;
  brands: string;
  verdict: PortalVerdict;
  verdictText: string;
  findings: number | null;
  /** Compliant only because a static suppression list holds every blocked contact today. */
  onlyToday: boolean;
  /** Ids of the actions that write the block or its reason. */
  writesIn: string[];
  /** Where the workflow hands contacts on: app names and webhook hosts. */
  sendsVia: string[];
  /** Outside the postal scope: only its actions were checked. */
  actionsOnly: boolean;
}

/** One workflow as a row; `label` defaults to the workflow's own brand catalog. */
export function portalAuditFlowRow(w: WorkflowAudit, label: BrandLabel = catalogLabel(w.availableBrands)): PortalAuditFlowRow {
  const verdict: PortalVerdict = w.error ? 'error' : w.compliant ? 'compliant' : 'leaks';
  return {
    flowId: w.flowId,
    name: w.name,
    enrollment: w.enrollmentType,
    brands: w.skipped || w.error ? '' : w.brandSource === 'all' ? t('allBrands') : w.brands.map(label).join(', '),
    verdict,
    verdictText:
      verdict === 'error'
        ? t('portalAuditListError', w.error?.message ?? '')
        : verdict === 'leaks'
          ? t('verdictLeaks')
          : w.skipped === 'not-contacts'
            ? `${t('verdictCompliant')} (${t('verdictSkipped')})`
            : t('verdictCompliant'),
    findings: verdict === 'error' ? null : w.leaks.length,
    onlyToday: (w.warnings ?? []).length > 0,
    writesIn: [...new Set(writeLeaks(w).map((l) => l.actionId))],
    sendsVia: [...new Set((w.sendsVia ?? []).map((v) => v.name))],
    actionsOnly: w.skipped === 'out-of-scope',
  };
}

/** A workflow's verdict in words, with its notes: holds only today, writes the block in which
 *  actions, sends through which apps, only its actions checked (table and CSV). */
export function flowVerdictText(r: PortalAuditFlowRow): string {
  const notes = [
    ...(r.onlyToday ? [t('flowOnlyToday')] : []),
    ...(r.writesIn.length ? [t('flowWritesRowWrites', r.writesIn.join(', '))] : []),
    ...(r.sendsVia.length ? [t('flowWritesRowSends', r.sendsVia.join(', '))] : []),
    ...(r.actionsOnly ? [t('flowWritesOutOfScope')] : []),
  ];
  return notes.length ? `${r.verdictText} (${notes.join('; ')})` : r.verdictText;
}

/**
 * The verdict for a table without a findings column whose findings and error message follow as
 * lines below the row (the command line): the same words as verdictText, the number of findings
 * in brackets, "Fehler" alone.
 */
export function verdictCell(r: Pick<PortalAuditRow, 'verdict' | 'verdictText' | 'findings'>): string {
  if (r.verdict === 'error') return t('verdictError');
  if (r.verdict === 'leaks') return `${r.verdictText} (${r.findings ?? 0})`;
  return r.verdictText;
}

/** Column titles, in the order of the options page's table. */
export function portalAuditColumns(): string[] {
  return [t('colList'), t('colListId'), t('colType'), t('colBrands'), t('colVerdict'), t('colFindings')];
}

/** Brand labels by option value (every audited list carries the catalog). */
export function brandLabelsOf(result: PortalAudit | null): ReadonlyMap<string, string> {
  const labels = new Map<string, string>();
  for (const l of result?.lists ?? []) for (const b of l.availableBrands ?? []) labels.set(b.value, b.label);
  for (const w of result?.workflows ?? []) for (const b of w.availableBrands ?? []) labels.set(b.value, b.label);
  return labels;
}

/**
 * The options page's download: its tables as one CSV document, BOM first (the command line's CSV
 * has the contract's columns instead, ./report.ts; both written by lib/csv.ts): the list rows, then the workflow
 * rows in the same columns, told apart by the type column ("Workflow" instead of a list's type),
 * then the ledger's findings (type: the finding's kind; verdict: the finding in words, with its
 * road and time).
 */
export function portalAuditCsv(result: PortalAudit): string {
  const lists = portalAuditRows(result).map((r) => [r.name, r.listId, r.type, r.brands, r.verdictText, r.findings]);
  const flows = (result.workflows ?? []).map((w) => portalAuditFlowRow(w)).map((r) => [r.name, r.flowId, t('portalAuditTypeWorkflow'), r.brands, flowVerdictText(r), r.findings]);
  const labels = brandLabelsOf(result);
  const label = (v: string | null) => (v === null ? '' : (labels.get(v) ?? v));
  const ledger = (result.ledger?.findings ?? []).map((f) => [
    t('contactFallbackName', f.contactId),
    f.contactId,
    ledgerKindText(f.kind),
    label(f.brand),
    `${findingText(f, label(f.brand))} ${ledgerTime(f.at)}, ${roadName(f.sourceType)}${f.sourceId ? ` (${f.sourceId})` : ''}`,
    '',
  ]);
  return CSV_BOM + toCsv([portalAuditColumns(), ...lists, ...flows, ...ledger]);
}
