// The options page's download of the portal audit: the rows of its table (lib/audit/presentation.ts)
// as one CSV document, with the ledger's findings in the panel's sentences. The command line's CSV
// has the contract's columns instead (lib/audit/report.ts); both go through lib/csv.ts.
import type { PortalAudit } from '../lib/audit/types';
import { t } from '../lib/i18n';
import { CSV_BOM, toCsv } from '../lib/csv';
import { ledgerKindText, ledgerTime } from '../lib/audit/ledgerReport';
import { brandLabelsOf, flowVerdictText, portalAuditColumns, portalAuditFlowRow, portalAuditRows } from '../lib/audit/presentation';
import { findingText } from './LedgerNotices';
import { roadName } from './roadLabel';

/**
 * The tables of the portal audit as one CSV document, BOM first: the list rows, then the workflow
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
