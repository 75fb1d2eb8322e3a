import { useId, useMemo, useState } from 'react';
import { ledgerOfView } from '../lib/contactLedger';
import { isUnexplained, type LedgerAction, type LedgerFinding } from '../lib/domain/ledger';
import type { BlockIntent } from '../lib/domain/intent';
import { REASON_MAX_LENGTH } from '../lib/domain/reasonLog';
import type { BlockChange } from '../lib/domain/types';
import type { GatewayErrorData } from '../lib/hubspot/errors';
import type { ContactView } from '../lib/messaging';
import { t } from '../lib/i18n';
import type { GuardStatus } from '../lib/page/guardStatus';
import { AuthorPrompt } from './AuthorPrompt';
import { BlockEditor } from './BlockEditor';
import { ErrorBox } from './ErrorBox';
import { HistoryList } from './HistoryList';
import { LedgerNotices } from './LedgerNotices';

export type PanelState = 'loading' | 'ready' | 'error' | 'saving' | 'saved';

export interface ContactPanelProps {
  contactId: string;
  state: PanelState;
  view: ContactView | null;
  /** The load error (state "error") or the last failed save (state "ready"). */
  error: GatewayErrorData | null;
  /** Transient note, e.g. "HubSpot antwortet nicht, neuer Versuch …". */
  notice?: string;
  /** What the last save did besides the change itself (a simultaneous change kept, toggles already done, …). */
  saveNotes?: string[];
  guard: GuardStatus;
  onSave: (change: BlockChange, expected: BlockIntent, saveId: string) => Promise<boolean>;
  onReload: () => void;
  onOpenOptions: () => void;
  /** The short name the reason log records; '' asks for it before the first save, undefined: not known yet. */
  author?: string;
  onSetAuthor?: (userName: string) => Promise<boolean>;
  /** Restores or confirms a ledger finding of this contact; true when written (the view is read again). */
  onResolveLedger?: (finding: LedgerFinding, action: LedgerAction, reason: string) => Promise<boolean>;
}

/** From 90 % of what HubSpot stores, the panel says what to do before the log is full. */
export const REASON_LOG_WARN_AT = Math.ceil(REASON_MAX_LENGTH * 0.9);

export function ContactPanel(props: ContactPanelProps) {
  const { contactId, state, view, error, notice, guard } = props;
  const [editing, setEditing] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const titleId = useId();
  const showData = view && state !== 'error';
  const blocked = new Set(view?.blocked ?? []);
  // Changes without a reason, whatever road made them (the same reading the gateway resolves).
  const ledger = useMemo(() => (view ? ledgerOfView(view) : null), [view]);

  return (
    <section className="psg-panel" data-testid="postsperre-panel" data-state={state} data-contact-id={contactId} aria-labelledby={titleId} aria-busy={state === 'loading' || state === 'saving'}>
      <header className="psg-header">
        <h2 id={titleId} className="psg-title">
          {t('panelTitle')}
        </h2>
        <button type="button" className="psg-link" aria-expanded={!collapsed} onClick={() => setCollapsed((c) => !c)}>
          {collapsed ? '▸' : '▾'}
          <span className="psg-sr">{t('panelTitle')}</span>
        </button>
      </header>
      <p className="psg-status" role="status" aria-live="polite">
        {state === 'loading' ? t('panelLoading') : state === 'saving' ? t('panelSaving') : state === 'saved' ? t('panelSaved') : ''}
        {notice ? ` ${notice}` : ''}
      </p>
      <p
        className={`psg-guard psg-small ${guard.state === 'inactive' || guard.mode === 'fail-closed' ? 'psg-warn' : 'psg-muted'}`}
        data-testid="guard-status"
        data-state={guard.state}
        data-mode={guard.mode}
      >
        {guard.message}
      </p>
      {error ? <ErrorBox error={error} onRetry={props.onReload} onOpenOptions={props.onOpenOptions} /> : null}
      {props.saveNotes?.length ? (
        <div className="psg-small psg-note" role="status" data-testid="save-notice">
          {props.saveNotes.map((n) => (
            <p key={n}>{n}</p>
          ))}
        </div>
      ) : null}
      {showData && !collapsed ? (
        <>
          {ledger ? (
            <LedgerNotices
              findings={ledger.findings}
              brands={view.brands}
              userNames={view.userNames}
              busy={state === 'saving'}
              {...(props.onResolveLedger ? { onResolve: props.onResolveLedger } : {})}
            />
          ) : null}
          <p className="psg-small">{view.blocked.length ? t('blockedCount', view.blocked.length, view.brands.length) : t('noBlocks')}</p>
          <ul className="psg-brands" aria-label={view.blockPropertyLabel}>
            {/* Blocked brands first; among each group HubSpot's option order. */}
            {[...view.brands.filter((b) => blocked.has(b.value)), ...view.brands.filter((b) => !blocked.has(b.value))].map((b) => {
              const isBlocked = blocked.has(b.value);
              return (
                <li key={b.value} data-testid="brand-row" data-brand={b.value} data-blocked={String(isBlocked)} className={isBlocked ? 'psg-blocked' : ''}>
                  {/* No tick beside "not blocked": in HubSpot's own checkbox a tick means blocked. */}
                  <span className="psg-mark" aria-hidden="true">
                    {isBlocked ? '⛔' : ''}
                  </span>
                  <span className="psg-brand-label">{b.label}</span>
                  <span className={isBlocked ? 'psg-tag psg-tag-blocked' : 'psg-tag'}>{isBlocked ? t('brandBlocked') : t('brandNotBlocked')}</span>
                  {!b.known ? <span className="psg-badge">{t('brandUnknown')}</span> : null}
                  {b.hidden ? <span className="psg-badge">{t('brandHidden')}</span> : null}
                </li>
              );
            })}
          </ul>

          {editing && props.author === '' && props.onSetAuthor ? <AuthorPrompt onSave={props.onSetAuthor} /> : null}
          {editing && props.author ? (
            <p className="psg-muted psg-small" data-testid="author-name">
              {t('authorAs', props.author)}
            </p>
          ) : null}
          {editing ? (
            <BlockEditor
              brands={view.brands}
              families={view.families}
              blocked={view.blocked}
              blockPropertyLabel={view.blockPropertyLabel}
              {...(view.blockPropertySettingsUrl ? { propertySettingsUrl: view.blockPropertySettingsUrl } : {})}
              saving={state === 'saving'}
              onCancel={() => setEditing(false)}
              onSave={async (change, expected, saveId) => {
                if (props.author === '') return false; // the name is asked above the editor first
                const ok = await props.onSave(change, expected, saveId);
                if (ok) setEditing(false);
                return ok;
              }}
            />
          ) : (
            <div className="psg-actions">
              <button type="button" className="psg-button psg-primary" data-testid="edit-blocks" disabled={state === 'saving'} onClick={() => setEditing(true)}>
                {t('editBlocks')}
              </button>
            </div>
          )}

          <h3 className="psg-subtitle">{t('reasonHeading')}</h3>
          {view.reasonText.length >= REASON_LOG_WARN_AT ? (
            <p className="psg-warn psg-small" role="note" data-testid="reason-log-near-full">
              {t('reasonLogNearFull', Math.floor((view.reasonText.length / REASON_MAX_LENGTH) * 100), view.reasonText.length, REASON_MAX_LENGTH)}
            </p>
          ) : null}
          {view.reasonText.trim() ? (
            <pre className="psg-reason">{view.reasonText}</pre>
          ) : (
            <p className={view.blocked.length ? 'psg-warn' : 'psg-muted'}>{view.blocked.length ? t('reasonMissingWarning') : t('reasonEmpty')}</p>
          )}

          <details className="psg-details" open>
            <summary>
              {t('historyHeading')} ({view.history.length})
            </summary>
            <HistoryList history={view.history} brands={view.brands} userNames={view.userNames} unexplained={(e) => (ledger ? isUnexplained(ledger, e) : false)} />
          </details>
        </>
      ) : null}
    </section>
  );
}
