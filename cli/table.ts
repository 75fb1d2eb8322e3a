// The readable report of the audit command: one row per list (the options page's words, from
// lib/audit/presentation.ts), its findings below it, then the blocks without a reason. German unless
// PSG_LANG=en (lib/i18n).
import type { ListAudit, PortalAudit, WorkflowAudit } from '../lib/audit/types';
import { t, tn } from '../lib/i18n';
import { sendsViaText, workflowLeakText } from '../lib/audit/workflowText';
import { countLists, countWorkflows } from '../lib/audit/counts';
import { portalAuditFlowRow, portalAuditRow, verdictCell } from '../lib/audit/presentation';
import { ledgerColumns, ledgerRow, ledgerRowCells, ledgerSummary } from '../lib/audit/ledgerReport';

/** Names and labels come from HubSpot users: no terminal control sequences get through. */
export function printable(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, ' ');
}

const width = (s: string) => Array.from(s).length;
const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - width(s)));

function findingLines(a: ListAudit, label: (v: string) => string): string[] {
  if (a.error) return [a.error.message];
  return a.leaks.map((l) =>
    l.kind === 'member'
      ? t('leakMember', l.recordId, label(l.brand))
      : t('cliLeakBranch', l.branch + 1, l.branchSummary ?? '?', label(l.brand), l.witnessSummary ?? JSON.stringify(l.witness)),
  );
}

export function reportTable(audit: PortalAudit, catalog: readonly { value: string; label: string }[]): string {
  const labels = new Map(catalog.map((b) => [b.value, b.label]));
  const label = (v: string) => printable(labels.get(v) ?? v);
  const head = [t('cliColId'), t('colList'), t('colType'), t('colBrands'), t('colVerdict')];
  const rows = audit.lists.map((a) => portalAuditRow(a, label)).map((r) => [r.listId, r.name, r.type, r.brands, verdictCell(r)].map(printable));
  const widths = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]!))));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i]!))).join('  ').trimEnd();

  const findings = audit.lists.filter((a) => !a.compliant).length;
  const out: string[] = [tn('portalAuditDone', audit.lists.length, audit.lists.length, findings, audit.requests), ''];
  if (audit.lists.length === 0) out.push(t('cliNoLists'));
  else {
    out.push(line(head));
    audit.lists.forEach((a, i) => {
      out.push(line(rows[i]!));
      // Findings indented under their list, so the table stays readable with many of them.
      for (const f of findingLines(a, label)) out.push(`${' '.repeat(widths[0]! + 2)}- ${printable(f)}`);
    });
  }
  if (audit.workflows) {
    out.push('', t('portalAuditFlowsDone', audit.workflows.length, audit.workflows.filter((w) => !w.compliant).length));
    const fhead = [t('cliColId'), t('colWorkflow'), t('colEnrollment'), t('colBrands'), t('colVerdict')];
    const frows = audit.workflows.map((w) => portalAuditFlowRow(w, label)).map((r) => [r.flowId, r.name, r.enrollment, r.brands, verdictCell(r)].map(printable));
    const fw = fhead.map((h, i) => Math.max(width(h), ...frows.map((r) => width(r[i]!))));
    const fline = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : pad(c, fw[i]!))).join('  ').trimEnd();
    out.push(fline(fhead));
    audit.workflows.forEach((w, i) => {
      out.push(fline(frows[i]!));
      for (const f of flowFindingLines(w, label)) out.push(`${' '.repeat(fw[0]! + 2)}- ${printable(f)}`);
    });
  }
  if (audit.outOfScope) out.push('', t('outOfScopeSummary', countLists(audit.outOfScope.lists), countWorkflows(audit.outOfScope.workflows)));
  out.push('');
  out.push(audit.contactsMissingReason.length ? t('portalAuditMissingReason', audit.contactsMissingReason.join(', ')) : t('cliNoMissingReason'));
  if (audit.ledger) {
    out.push('', ledgerSummary(audit.ledger));
    if (audit.ledger.findings.length > 0) {
      const lhead = ledgerColumns();
      const lrows = audit.ledger.findings.map((f) => ledgerRowCells(ledgerRow(f, label)).map(printable));
      const lw = lhead.map((h, i) => Math.max(width(h), ...lrows.map((r) => width(r[i]!))));
      const lline = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : pad(c, lw[i]!))).join('  ').trimEnd();
      out.push(lline(lhead), ...lrows.map(lline));
    }
  }
  return `${out.join('\n')}\n`;
}

/** One line per finding of a workflow, in the panel's words. */
export function flowFindingLines(w: WorkflowAudit, label: (v: string) => string): string[] {
  if (w.error) return [w.error.message];
  const lines = w.leaks.map((l) => workflowLeakText(l, label));
  if (w.leaks.some((l) => l.kind === 'writes-block-property')) lines.push(t('flowWritesAdvice'));
  if (w.skipped === 'out-of-scope') lines.push(t('flowWritesOutOfScope'));
  for (const x of w.warnings ?? []) lines.push(t('flowStaticSuppression', label(x.brand), x.listId));
  for (const v of w.sendsVia ?? []) lines.push(sendsViaText(v));
  return lines;
}
