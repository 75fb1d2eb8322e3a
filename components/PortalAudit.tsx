import { useEffect, useId, useRef, useState } from 'react';
import type { PortalAudit as PortalAuditResult, Progress, WorkflowAudit } from '../lib/audit/types';
import type { GatewayErrorData } from '../lib/hubspot/errors';
import { t, tn } from '../lib/i18n';
import { countLists, countWorkflows } from '../lib/audit/counts';
import { contactPageUrl, listPageUrl, workflowPageUrl } from '../lib/page/urls';
import { ErrorBox } from './ErrorBox';
import { brandLabelsOf, flowVerdictText, portalAuditColumns, portalAuditCsv, portalAuditFlowRow, portalAuditRows } from '../lib/audit/presentation';
import { NO_RESOLUTION, PortalAuditLedger, type LedgerResolution } from './PortalAuditLedger';
import type { LedgerAction, LedgerFinding } from '../lib/domain/ledger';

export type PortalAuditState = 'idle' | 'running' | 'done' | 'error';

export interface PortalAuditProps {
  state: PortalAuditState;
  progress: Progress | null;
  result: PortalAuditResult | null;
  error: GatewayErrorData | null;
  /** Where links lead (from the connection test); without it names and ids stay plain text. */
  links: { uiDomain: string; portalId: string } | null;
  onStart: () => void;
  /** "Audit these too": the items the audit left outside the postal scope, audited on request. */
  outOfScopeAudit?: OutOfScopeAuditState;
  onAuditOutOfScope?: () => void;
  onCancelOutOfScope?: () => void;
  /** Restoring or confirming ledger findings (the ledger section). */
  ledgerResolution?: LedgerResolution;
  onResolveLedger?: (findings: LedgerFinding[], action: LedgerAction, reason: string) => void;
  onCancelResolveLedger?: () => void;
}

export interface OutOfScopeAuditState {
  state: PortalAuditState | 'cancelled';
  progress: Progress | null;
  result: PortalAuditResult | null;
  error: GatewayErrorData | null;
}

type Links = PortalAuditProps['links'];

/** A link into HubSpot, or the plain text when no safe link can be made. */
function safeLink(make: () => string, text: string) {
  let href: string | null;
  try {
    href = make();
  } catch {
    href = null;
  }
  return href ? (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {text}
    </a>
  ) : (
    text
  );
}

/** A labelled progress bar (its label names the step, and the count when known). */
function AuditProgress({ id, progress }: { id: string; progress: Progress | null }) {
  return (
    <div className="opt-progress">
      <label htmlFor={id}>
        {t('portalAuditRunning', progress?.label ?? t('portalAuditStarting'))}
        {progress && progress.total !== null ? ` (${t('portalAuditProgress', progress.done, progress.total)})` : ''}
      </label>
      {progress && progress.total !== null ? <progress id={id} value={progress.done} max={Math.max(progress.total, 1)} /> : <progress id={id} />}
    </div>
  );
}

/** Beside the name of an item audited on request although it is outside the postal scope. */
function OutOfScopeBadge() {
  return (
    <>
      {' '}
      <span className="opt-badge">{t('outOfScopeBadge')}</span>
    </>
  );
}

/** One row of the audit tables: a list or a workflow, in the same six columns. */
interface TableRow {
  id: string;
  name: string;
  href: (l: NonNullable<Links>) => string;
  kind: string;
  brands: string;
  verdict: string;
  verdictText: string;
  findings: number | null;
  /** This row alone lies outside the postal scope (a workflow that writes the block). */
  outOfScope?: boolean;
}

/** The audit's table of lists or of workflows; `outOfScope` marks rows audited on request. */
function AuditTable({ columns, rows, rowTestId, idAttribute, links, caption, outOfScope }: {
  columns: string[];
  rows: TableRow[];
  rowTestId: string;
  idAttribute: 'data-list-id' | 'data-flow-id';
  links: Links;
  caption: string;
  outOfScope?: boolean | undefined;
}) {
  return (
    <table className="opt-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} data-testid={rowTestId} {...{ [idAttribute]: r.id }} data-verdict={r.verdict} data-in-scope={outOfScope || r.outOfScope ? 'false' : undefined} className={`opt-row-${r.verdict}`}>
            <th scope="row">
              {links ? safeLink(() => r.href(links), r.name) : r.name}
              {outOfScope || r.outOfScope ? <OutOfScopeBadge /> : null}
            </th>
            <td>{r.id}</td>
            <td>{r.kind}</td>
            <td>{r.brands}</td>
            <td className={`opt-verdict opt-verdict-${r.verdict}`}>{r.verdictText}</td>
            <td className="opt-num">{r.findings ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ListTable({ result, links, caption, outOfScope }: { result: PortalAuditResult; links: Links; caption: string; outOfScope?: boolean }) {
  const rows = portalAuditRows(result).map((r) => ({
    id: r.listId,
    name: r.name,
    href: (l: NonNullable<Links>) => listPageUrl(l.uiDomain, l.portalId, r.listId),
    kind: r.type,
    brands: r.brands,
    verdict: r.verdict,
    verdictText: r.verdictText,
    findings: r.findings,
  }));
  return <AuditTable columns={portalAuditColumns()} rows={rows} rowTestId="portal-audit-row" idAttribute="data-list-id" links={links} caption={caption} outOfScope={outOfScope} />;
}

function FlowTable({ workflows, links, caption, outOfScope }: { workflows: WorkflowAudit[]; links: Links; caption: string; outOfScope?: boolean }) {
  const rows = workflows.map((w) => portalAuditFlowRow(w)).map((r) => ({
    id: r.flowId,
    name: r.name,
    href: (l: NonNullable<Links>) => workflowPageUrl(l.uiDomain, l.portalId, r.flowId),
    kind: r.enrollment,
    brands: r.brands,
    verdict: r.verdict,
    verdictText: flowVerdictText(r),
    findings: r.findings,
    outOfScope: r.actionsOnly,
  }));
  const columns = [t('colWorkflow'), t('cliColId'), t('colEnrollment'), t('colBrands'), t('colVerdict'), t('colFindings')];
  return <AuditTable columns={columns} rows={rows} rowTestId="portal-audit-flow-row" idAttribute="data-flow-id" links={links} caption={caption} outOfScope={outOfScope} />;
}

/** The items outside the postal scope, audited strictly on request: start, progress, cancel, rows. */
function OutOfScopeAudit({ audit, busy, links, onStart, onCancel }: { audit: OutOfScopeAuditState; busy: boolean; links: Links; onStart: () => void; onCancel?: () => void }) {
  const ids = { help: useId(), progress: useId() };
  const running = audit.state === 'running';
  const result = audit.state === 'done' ? audit.result : null;
  // The cancel button goes away with the run: keyboard focus goes back to the start button
  // instead of falling to the page.
  const runButton = useRef<HTMLButtonElement>(null);
  const wasRunning = useRef(running);
  useEffect(() => {
    const active = document.activeElement;
    if (wasRunning.current && !running && (active === null || active === document.body)) runButton.current?.focus();
    wasRunning.current = running;
  }, [running]);
  const findings = result
    ? portalAuditRows(result).filter((r) => r.verdict === 'leaks').length + (result.workflows ?? []).map((w) => portalAuditFlowRow(w)).filter((r) => r.verdict === 'leaks').length
    : 0;
  return (
    <div className="opt-out-of-scope-audit" data-testid="portal-audit-out-of-scope-audit" data-state={audit.state} aria-busy={running}>
      <p id={ids.help} className="opt-help">
        {t('outOfScopeAuditHelp')}
      </p>
      <button ref={runButton} type="button" className="opt-button" data-testid="portal-audit-out-of-scope-run" aria-describedby={ids.help} disabled={running || busy} onClick={onStart}>
        {t('outOfScopeAudit')}
      </button>
      {running ? (
        <>
          <AuditProgress id={ids.progress} progress={audit.progress} />
          {onCancel ? (
            <button type="button" className="opt-button" data-testid="portal-audit-out-of-scope-cancel" onClick={onCancel}>
              {t('cancel')}
            </button>
          ) : null}
        </>
      ) : null}
      {audit.error && audit.state === 'error' ? <ErrorBox error={audit.error} onRetry={onStart} /> : null}
      <div role="status" aria-live="polite">
        {result ? (
          <p className="opt-summary" data-testid="portal-audit-out-of-scope-summary">
            {t('outOfScopeResults', countLists(result.lists.length), countWorkflows(result.workflows?.length ?? 0), findings)}
          </p>
        ) : audit.state === 'cancelled' ? (
          <p className="opt-help">{t('outOfScopeCancelled')}</p>
        ) : null}
      </div>
      {result && result.lists.length > 0 ? <ListTable result={result} links={links} caption={t('outOfScopeListsCaption')} outOfScope /> : null}
      {result?.workflowsSkipped ? <p className="opt-help">{result.workflowsSkipped.message}</p> : null}
      {result?.workflows && result.workflows.length > 0 ? <FlowTable workflows={result.workflows} links={links} caption={t('outOfScopeFlowsCaption')} outOfScope /> : null}
    </div>
  );
}

function csvFileName(portalId: string | undefined): string {
  const day = new Date().toISOString().slice(0, 10);
  return `post-sperre-portal-audit${portalId ? `-${portalId}` : ''}-${day}.csv`;
}

/** The portal-wide audit on the options page: start, progress, one row per list, CSV download. */
export function PortalAudit({ state, progress, result, error, links, onStart, outOfScopeAudit, onAuditOutOfScope, onCancelOutOfScope, ledgerResolution, onResolveLedger, onCancelResolveLedger }: PortalAuditProps) {
  const ids = { title: useId(), progress: useId(), missing: useId(), outOfScope: useId() };
  const [showOutOfScope, setShowOutOfScope] = useState(false);
  const [csvUrl, setCsvUrl] = useState<string | null>(null);

  useEffect(() => {
    if (!result) return;
    const url = URL.createObjectURL(new Blob([portalAuditCsv(result)], { type: 'text/csv;charset=utf-8' }));
    setCsvUrl(url);
    return () => {
      URL.revokeObjectURL(url);
      setCsvUrl(null);
    };
  }, [result]);

  const rows = result ? portalAuditRows(result) : [];
  const running = state === 'running';

  return (
    <section id="portal-audit" className="opt-card" aria-labelledby={ids.title} aria-busy={running} data-testid="portal-audit-section" data-state={state}>
      <h2 id={ids.title}>{t('portalAuditHeading')}</h2>
      <p className="opt-help">{t('portalAuditHelp')}</p>
      <button type="button" className="opt-primary" data-testid="portal-audit" disabled={running} onClick={onStart}>
        {t('portalAudit')}
      </button>

      {running ? <AuditProgress id={ids.progress} progress={progress} /> : null}

      {error ? <ErrorBox error={error} onRetry={onStart} /> : null}

      <div role="status" aria-live="polite">
        {result && !running ? (
          <p className="opt-summary" data-testid="portal-audit-summary">
            {tn('portalAuditDone', result.lists.length, result.lists.length, rows.filter((r) => r.verdict === 'leaks').length, result.requests)}
          </p>
        ) : null}
      </div>

      {result && !running ? (
        <>
          {rows.length === 0 ? (
            <p>{t('portalAuditNoLists')}</p>
          ) : (
            <ListTable result={result} links={links} caption={t('portalAuditTableCaption')} />
          )}

          {result.outOfScope ? (
            <div className="opt-out-of-scope" data-testid="portal-audit-out-of-scope" data-lists={result.outOfScope.lists} data-workflows={result.outOfScope.workflows}>
              <p>
                {t('outOfScopeSummary', countLists(result.outOfScope.lists), countWorkflows(result.outOfScope.workflows))}{' '}
                {result.outOfScope.lists + result.outOfScope.workflows > 0 ? (
                  <button type="button" className="opt-link" aria-expanded={showOutOfScope} aria-controls={ids.outOfScope} onClick={() => setShowOutOfScope((v) => !v)}>
                    {t('outOfScopeShow')}
                  </button>
                ) : null}
              </p>
              {showOutOfScope ? (
                <div id={ids.outOfScope}>
                  <ul className="opt-contacts">
                    {result.outOfScope.listIds.map((id) => (
                      <li key={`l${id}`}>{links ? safeLink(() => listPageUrl(links.uiDomain, links.portalId, id), id) : id}</li>
                    ))}
                    {result.outOfScope.flowIds.map((id) => (
                      <li key={`w${id}`}>{links ? safeLink(() => workflowPageUrl(links.uiDomain, links.portalId, id), `${t('colWorkflow')} ${id}`) : `${t('colWorkflow')} ${id}`}</li>
                    ))}
                  </ul>
                  {onAuditOutOfScope ? (
                    <OutOfScopeAudit
                      audit={outOfScopeAudit ?? { state: 'idle', progress: null, result: null, error: null }}
                      busy={running}
                      links={links}
                      onStart={onAuditOutOfScope}
                      {...(onCancelOutOfScope ? { onCancel: onCancelOutOfScope } : {})}
                    />
                  ) : null}
                </div>
              ) : null}
            </div>
          ) : null}

          {result.workflowsSkipped ? (
            <p className="opt-help" data-testid="portal-audit-workflows-skipped">
              {result.workflowsSkipped.message}
            </p>
          ) : null}

          {result.workflows && result.workflows.length > 0 ? (
            <FlowTable workflows={result.workflows} links={links} caption={t('portalAuditFlowsCaption')} />
          ) : null}

          <h3 id={ids.missing}>{t('portalAuditMissingReason', result.contactsMissingReason.length)}</h3>
          {result.contactsMissingReason.length === 0 ? (
            <p className="opt-help">{t('portalAuditNoMissingReason')}</p>
          ) : (
            <ul className="opt-contacts" aria-labelledby={ids.missing}>
              {result.contactsMissingReason.map((id) => (
                <li key={id} data-testid="portal-audit-missing-reason" data-record-id={id}>
                  {links ? safeLink(() => contactPageUrl(links.uiDomain, links.portalId, id), t('contactFallbackName', id)) : t('contactFallbackName', id)}
                </li>
              ))}
            </ul>
          )}

          {csvUrl ? (
            <p>
              <a className="opt-button opt-download" href={csvUrl} download={csvFileName(links?.portalId)} data-testid="portal-audit-csv">
                {t('portalAuditCsv')}
              </a>
            </p>
          ) : null}
        </>
      ) : null}

      <PortalAuditLedger
        auditState={state}
        ledger={running ? null : (result?.ledger ?? null)}
        labels={brandLabelsOf(result)}
        links={links}
        resolution={ledgerResolution ?? NO_RESOLUTION}
        {...(onResolveLedger ? { onResolve: onResolveLedger } : {})}
        {...(onCancelResolveLedger ? { onCancelResolve: onCancelResolveLedger } : {})}
      />
    </section>
  );
}
