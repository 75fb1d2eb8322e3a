// The portal audit as rows: one source for the table on the options page and its CSV download,
// so both always show the same columns and words. Pure (no DOM, no React).
import type { ListAudit, PortalAudit, WorkflowAudit } from '../lib/audit/types';
import { t } from '../lib/i18n';
import { typeLabel } from './typeLabel';
import { writeLeaks } from '../lib/audit/workflowActions';
import { CSV_BOM, toCsv } from '../lib/csv';
import { ledgerKindText, ledgerTime } from '../lib/audit/ledgerReport';
import { findingText } from './LedgerNotices';
import { roadName } from './roadLabel';

export type PortalVerdict = 'compliant' | 'leaks' | 'error';

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

function brandsText(l: ListAudit): string {
  if (l.skipped) return '';
  if (l.brandSource === 'all') return t('allBrands');
  const labels = new Map((l.availableBrands ?? []).map((b) => [b.value, b.label]));
  return l.brands.map((b) => labels.get(b) ?? b).join(', ');
}

export function portalAuditRow(l: ListAudit): PortalAuditRow {
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
    brands: brandsText(l),
    verdict,
    verdictText,
    findings: verdict === 'error' ? null : l.leaks.length,
  };
}

export function portalAuditRows(result: PortalAudit): PortalAuditRow[] {
  return result.lists.map(portalAuditRow);
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

export function portalAuditFlowRow(w: WorkflowAudit): PortalAuditFlowRow {
  const verdict: PortalVerdict = w.error ? 'error' : w.compliant ? 'compliant' : 'leaks';
  const labels = new Map((w.availableBrands ?? []).map((b) => [b.value, b.label]));
  return {
    flowId: w.flowId,
    name: w.name,
    enrollment: w.enrollmentType,
    brands: w.skipped || w.error ? '' : w.brandSource === 'all' ? t('allBrands') : w.brands.map((b) => labels.get(b) ?? b).join(', '),
    verdict,
    verdictText: verdict === 'error' ? t('portalAuditListError', w.error?.message ?? '') : verdict === 'leaks' ? t('verdictLeaks') : t('verdictCompliant'),
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

/** Column titles, in the order of the table. */
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
 * The tables of the portal audit as one CSV document, BOM first: the list rows, then the workflow
 * rows in the same columns, told apart by the type column ("Workflow" instead of a list's type),
 * then the ledger's findings (type: the finding's kind; verdict: the finding in words, with its
 * road and time).
 */
export function portalAuditCsv(result: PortalAudit): string {
  const lists = portalAuditRows(result).map((r) => [r.name, r.listId, r.type, r.brands, r.verdictText, r.findings]);
  const flows = (result.workflows ?? []).map(portalAuditFlowRow).map((r) => [r.name, r.flowId, t('portalAuditTypeWorkflow'), r.brands, flowVerdictText(r), r.findings]);
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
