// The ledger section of the portal audit on the options page: one row per change the ledger found
// without a reason (contact linked to HubSpot, what changed, on which road, when), and the two
// ways to settle many at once: restore the blocks (sets them again, never lifts one) or confirm
// the changes, with one reason, a confirmation naming the count, progress and cancel. The write is
// the container's (resolveLedgerFindings, the contact panel's safe write path).
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { findingKey, type LedgerAction, type LedgerFinding } from '../lib/domain/ledger';
import { validateReason } from '../lib/domain/reasonLog';
import type { LedgerAudit } from '../lib/audit/ledgerAudit';
import { findingText, ledgerSummary, ledgerTime } from '../lib/audit/ledgerReport';
import type { Progress } from '../lib/audit/types';
import type { GatewayErrorData } from '../lib/hubspot/errors';
import { t } from '../lib/i18n';
import { contactPageUrl } from '../lib/page/urls';
import { ErrorBox } from './ErrorBox';
import { actionsOf } from './LedgerNotices';
import { roadName } from '../lib/audit/roadLabel';
import { isUserAction } from './userAction';
import type { PortalAuditState } from './PortalAudit';

/** What became of one finding the user settled (by findingKey). */
export type LedgerOutcome = { ok: true; text: string } | { ok: false; text: string };

export interface LedgerResolution {
  state: 'idle' | 'running' | 'done' | 'error' | 'cancelled';
  progress: Progress | null;
  /** Outcomes so far, by findingKey. */
  outcomes: Record<string, LedgerOutcome>;
  /** A failure of the whole call (e.g. the connection), not of one item. */
  error: GatewayErrorData | null;
}

export const NO_RESOLUTION: LedgerResolution = { state: 'idle', progress: null, outcomes: {}, error: null };

export interface PortalAuditLedgerProps {
  /** The portal audit's state: the ledger runs within it. */
  auditState: PortalAuditState;
  ledger: LedgerAudit | null;
  /** Brand labels by option value. */
  labels: ReadonlyMap<string, string>;
  links: { uiDomain: string; portalId: string } | null;
  resolution: LedgerResolution;
  /** Writes the action for these findings with the reason. Without it the rows only inform. */
  onResolve?: (findings: LedgerFinding[], action: LedgerAction, reason: string) => void;
  onCancelResolve?: () => void;
}

type SectionState = 'idle' | 'running' | 'done' | 'error';

/** The contact's page in HubSpot, or null when no safe link can be made. */
function contactHref(links: PortalAuditLedgerProps['links'], contactId: string): string | null {
  if (!links) return null;
  try {
    return contactPageUrl(links.uiDomain, links.portalId, contactId);
  } catch {
    return null;
  }
}

function sectionState(audit: PortalAuditState, ledger: LedgerAudit | null): SectionState {
  if (audit === 'running') return 'running';
  if (audit === 'error') return 'error';
  if (ledger) return 'done';
  return audit === 'done' ? 'error' : 'idle';
}

export function PortalAuditLedger({ auditState, ledger, labels, links, resolution, onResolve, onCancelResolve }: PortalAuditLedgerProps) {
  const ids = { title: useId(), help: useId(), reason: useId(), question: useId(), progress: useId() };
  const state = sectionState(auditState, ledger);
  const findings = useMemo(() => (state === 'done' && ledger ? ledger.findings : []), [state, ledger]);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [asking, setAsking] = useState<LedgerAction | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState(false);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const running = resolution.state === 'running';

  // A new audit result: nothing selected, no question open.
  useEffect(() => {
    setSelected(new Set());
    setAsking(null);
  }, [ledger]);
  useEffect(() => {
    if (asking) reasonRef.current?.focus();
  }, [asking]);

  const label = (v: string) => labels.get(v) ?? v;
  /** Findings the user can still act on (not settled yet, not mere information). */
  const open = findings.filter((f) => actionsOf(f).length > 0 && !resolution.outcomes[findingKey(f)]?.ok);
  const chosen = open.filter((f) => selected.has(findingKey(f)));
  const restorable = chosen.filter((f) => actionsOf(f).includes('restore'));
  const targets = asking === 'restore' ? restorable : chosen;

  const toggle = (key: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    // A write starts only from the user's own click or key press (never from a page script).
    if (!asking || !onResolve || !isUserAction(e)) return;
    const valid = validateReason(reason);
    if (!valid.ok) {
      setReasonError(true);
      reasonRef.current?.focus();
      return;
    }
    onResolve(targets, asking, valid.reason);
    setAsking(null);
    setReason('');
    setReasonError(false);
    setSelected(new Set());
  };

  const outcomesDone = Object.values(resolution.outcomes);
  return (
    <section className="opt-ledger" aria-labelledby={ids.title} data-testid="portal-audit-ledger" data-state={state} data-examined={state === 'done' && ledger ? ledger.examined : undefined} aria-busy={state === 'running' || running}>
      <h3 id={ids.title}>{t('ledgerAuditHeading')}</h3>
      <p id={ids.help} className="opt-help">
        {t('ledgerAuditHelp')}
      </p>
      {state === 'idle' ? <p className="opt-help">{t('ledgerAuditIdle')}</p> : null}
      {state === 'running' ? <p className="opt-help">{t('ledgerAuditRunning')}</p> : null}
      {state === 'error' ? <p className="opt-help">{t('ledgerAuditFailed')}</p> : null}
      {state === 'done' && ledger ? (
        <p className="opt-summary" data-testid="portal-audit-ledger-summary">
          {ledgerSummary(ledger)}
        </p>
      ) : null}
      {state === 'done' && findings.length === 0 ? <p className="opt-help">{t('ledgerAuditNone')}</p> : null}

      {findings.length > 0 ? (
        <>
          <table className="opt-table">
            <caption>{t('ledgerAuditTableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">
                  {onResolve ? (
                    <input
                      type="checkbox"
                      data-testid="ledger-select-all"
                      aria-label={t('ledgerAuditSelectAll')}
                      disabled={running || open.length === 0}
                      checked={open.length > 0 && chosen.length === open.length}
                      onChange={(e) => setSelected(e.target.checked ? new Set(open.map(findingKey)) : new Set())}
                    />
                  ) : (
                    t('ledgerAuditColSelect')
                  )}
                </th>
                <th scope="col">{t('ledgerAuditColContact')}</th>
                <th scope="col">{t('ledgerAuditColKind')}</th>
                <th scope="col">{t('ledgerAuditColRoad')}</th>
                <th scope="col">{t('ledgerAuditColAt')}</th>
                <th scope="col">{t('ledgerAuditColStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {findings.map((f) => {
                const key = findingKey(f);
                const text = findingText(f, f.brand === null ? '' : label(f.brand));
                const outcome = resolution.outcomes[key];
                const actionable = actionsOf(f).length > 0 && !outcome?.ok;
                const name = t('contactFallbackName', f.contactId);
                const href = contactHref(links, f.contactId);
                return (
                  <tr key={key} data-testid="ledger-row" data-contact-id={f.contactId} data-brand={f.brand ?? undefined} data-kind={f.kind} data-resolved={outcome?.ok ? 'true' : undefined}>
                    <td>
                      {onResolve && actionable ? (
                        <input
                          type="checkbox"
                          data-testid="ledger-select"
                          aria-label={t('ledgerAuditSelectRow', f.contactId, text)}
                          disabled={running}
                          checked={selected.has(key)}
                          onChange={(e) => toggle(key, e.target.checked)}
                        />
                      ) : null}
                    </td>
                    <th scope="row">
                      {href ? (
                        <a href={href} target="_blank" rel="noopener noreferrer">
                          {name}
                        </a>
                      ) : (
                        name
                      )}
                    </th>
                    <td>{text}</td>
                    <td title={f.sourceType}>{f.sourceId ? `${roadName(f.sourceType)} (${f.sourceId})` : roadName(f.sourceType)}</td>
                    <td>
                      <time dateTime={f.at}>{ledgerTime(f.at)}</time>
                    </td>
                    <td data-testid="ledger-row-status">{outcome ? outcome.text : t('ledgerAuditOpen')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>

          {onResolve ? (
            <div className="opt-ledger-actions">
              <button type="button" className="opt-button" data-testid="ledger-restore-selected" disabled={running || restorable.length === 0} onClick={() => setAsking('restore')}>
                {t('ledgerAuditRestoreSelected', restorable.length)}
              </button>{' '}
              <button type="button" className="opt-button" data-testid="ledger-confirm-selected" disabled={running || chosen.length === 0} onClick={() => setAsking('confirm')}>
                {t('ledgerAuditConfirmSelected', chosen.length)}
              </button>
            </div>
          ) : null}

          {asking && targets.length > 0 ? (
            <form className="opt-ledger-confirm" data-testid="ledger-confirmation" data-action={asking} data-count={targets.length} aria-describedby={ids.question} onSubmit={submit}>
              <p id={ids.question}>{asking === 'restore' ? t('ledgerAuditConfirmRestore', targets.length) : t('ledgerAuditConfirmConfirm', targets.length)}</p>
              <label htmlFor={ids.reason}>{t('ledgerAuditReasonLabel')}</label>
              <textarea
                id={ids.reason}
                ref={reasonRef}
                data-testid="ledger-reason-input"
                value={reason}
                aria-invalid={reasonError}
                onChange={(e) => {
                  setReason(e.target.value);
                  setReasonError(false);
                }}
                onKeyDown={(e) => e.key === 'Escape' && setAsking(null)}
              />
              {reasonError ? (
                <p role="alert" className="opt-error" data-testid="reason-error">
                  {t('ledgerAuditReasonMissing')}
                </p>
              ) : null}
              <button type="submit" className="opt-primary" data-testid="ledger-submit">
                {asking === 'restore' ? t('ledgerAuditSubmitRestore', targets.length) : t('ledgerAuditSubmitConfirm', targets.length)}
              </button>{' '}
              <button type="button" className="opt-button" onClick={() => setAsking(null)}>
                {t('cancel')}
              </button>
            </form>
          ) : null}
        </>
      ) : null}

      {running ? (
        <div className="opt-progress" data-testid="ledger-resolve-progress">
          <label htmlFor={ids.progress}>{resolution.progress?.label ?? t('ledgerWorking')}</label>
          {resolution.progress && resolution.progress.total !== null ? (
            <progress id={ids.progress} value={resolution.progress.done} max={Math.max(resolution.progress.total, 1)} />
          ) : (
            <progress id={ids.progress} />
          )}
          {onCancelResolve ? (
            <button type="button" className="opt-button" data-testid="ledger-resolve-cancel" onClick={onCancelResolve}>
              {t('cancel')}
            </button>
          ) : null}
        </div>
      ) : null}
      {resolution.error ? <ErrorBox error={resolution.error} /> : null}
      <div role="status" aria-live="polite">
        {resolution.state === 'done' ? (
          <p data-testid="ledger-resolve-done" data-resolved={outcomesDone.filter((o) => o.ok).length} data-failed={outcomesDone.filter((o) => !o.ok).length}>
            {t('ledgerAuditResolved', outcomesDone.filter((o) => o.ok).length, outcomesDone.filter((o) => !o.ok).length)}
          </p>
        ) : resolution.state === 'cancelled' ? (
          <p className="opt-help">{t('ledgerAuditResolveCancelled')}</p>
        ) : null}
      </div>
    </section>
  );
}
