// The ledger's open findings of this contact, one notice each: what changed without a reason, on
// which road, and what the user can do about it (restore the block, confirm the change), each
// asking for a reason. The write itself is the container's (resolveLedgerFindings).
import { useEffect, useId, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { findingKey, type LedgerAction, type LedgerFinding } from '../lib/domain/ledger';
import { validateReason } from '../lib/domain/reasonLog';
import type { Brand } from '../lib/domain/types';
import { t } from '../lib/i18n';
import { findingText } from '../lib/audit/ledgerReport';
import { isUserAction } from './userAction';

export interface LedgerNoticesProps {
  findings: LedgerFinding[];
  brands: Brand[];
  userNames?: Record<string, string>;
  /** A save or another resolution is running: actions wait. */
  busy: boolean;
  /** Writes the resolution; true when done (the container re-reads, the finding is gone). Without
   *  it the notices only inform. */
  onResolve?: (finding: LedgerFinding, action: LedgerAction, reason: string) => Promise<boolean>;
}

/** What the user may do: restore only a lifted block; confirm any finding (for an incomplete
 *  history: that someone checked what is left of it; nothing in HubSpot brings the rest back). */
export function actionsOf(f: LedgerFinding): LedgerAction[] {
  return f.kind === 'lifted-without-reason' ? ['restore', 'confirm'] : ['confirm'];
}

function actionLabel(f: LedgerFinding, action: LedgerAction): string {
  if (action === 'restore') return t('ledgerRestore');
  switch (f.kind) {
    case 'lifted-without-reason':
      return t('ledgerConfirmLift');
    case 'set-without-reason':
      return t('ledgerConfirmBlock');
    case 'log-shortened':
      return t('ledgerConfirmLog');
    case 'history-incomplete':
      return t('ledgerConfirmHistory');
  }
}

export function LedgerNotices({ findings, brands, userNames = {}, busy, onResolve }: LedgerNoticesProps) {
  const headingId = useId();
  if (findings.length === 0) return null;
  return (
    <div className="psg-ledger-list">
      <h3 className="psg-subtitle" id={headingId}>
        {t('ledgerHeading')}
      </h3>
      {findings.map((f) => (
        <LedgerNotice key={findingKey(f)} finding={f} brands={brands} userNames={userNames} busy={busy} onResolve={onResolve} />
      ))}
    </div>
  );
}

function LedgerNotice({ finding: f, brands, userNames = {}, busy, onResolve }: { finding: LedgerFinding } & Omit<LedgerNoticesProps, 'findings'>) {
  const [open, setOpen] = useState<LedgerAction | null>(null);
  const [reason, setReason] = useState('');
  const [attempted, setAttempted] = useState(false);
  const [working, setWorking] = useState(false);
  const ids = { text: useId(), reason: useId(), error: useId() };
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const buttons = useRef(new Map<LedgerAction, HTMLButtonElement | null>());
  const label = f.brand === null ? '' : (brands.find((b) => b.value === f.brand)?.label ?? f.brand);
  const who = f.by === null ? null : (userNames[f.by] ?? t('historyUser', f.by));
  const validation = validateReason(reason);
  const showError = attempted && !validation.ok;

  useEffect(() => {
    if (open) inputRef.current?.focus();
  }, [open]);

  const cancel = () => {
    const opener = open;
    setOpen(null);
    setAttempted(false);
    // Back to the button that opened the form, so the keyboard user stays where they were.
    if (opener) queueMicrotask(() => buttons.current.get(opener)?.focus());
  };

  const submit = async (e: MouseEvent<HTMLButtonElement>) => {
    // Only the user writes: a script in HubSpot's page cannot fill the reason and click for them.
    if (!isUserAction(e) || !open || working) return;
    setAttempted(true);
    if (!validation.ok) {
      inputRef.current?.focus();
      return;
    }
    setWorking(true);
    try {
      if (await onResolve?.(f, open, validation.reason)) {
        setOpen(null);
        setReason('');
        setAttempted(false);
      }
    } finally {
      setWorking(false);
    }
  };

  const onFormKey = (e: KeyboardEvent) => {
    // Key presses must not reach HubSpot's own shortcuts (the panel sits in its page).
    e.stopPropagation();
    if (e.key === 'Escape' && !working) cancel();
  };

  return (
    <section
      className="psg-ledger"
      data-testid="ledger-notice"
      data-kind={f.kind}
      {...(f.brand !== null ? { 'data-brand': f.brand } : {})}
      data-source-type={f.sourceType}
      data-at={f.at}
      aria-labelledby={ids.text}
    >
      <p id={ids.text} className="psg-ledger-text">
        <span aria-hidden="true">⚠ </span>
        {findingText(f, label)}
      </p>
      {who || f.sourceId ? (
        <p className="psg-small psg-muted">
          {who ? t('ledgerByWhom', who) : null}
          {who && f.sourceId ? ' · ' : null}
          {f.sourceId ? <code>{f.sourceId}</code> : null}
        </p>
      ) : null}
      {open ? (
        <div role="group" aria-labelledby={ids.text} onKeyDown={onFormKey} onKeyUp={(e) => e.stopPropagation()}>
          <label htmlFor={ids.reason} className="psg-label">
            {open === 'restore' ? t('ledgerReasonRestore') : t('ledgerReasonConfirm')}
          </label>
          <textarea
            id={ids.reason}
            ref={inputRef}
            data-testid="ledger-reason-input"
            className="psg-input"
            rows={2}
            required
            aria-required="true"
            aria-invalid={showError}
            aria-describedby={showError ? ids.error : undefined}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          {showError ? (
            <p id={ids.error} className="psg-field-error" role="alert" data-testid="ledger-reason-error">
              {!validation.ok && validation.error === 'too-long' ? t('reasonTooLong') : t('reasonRequired')}
            </p>
          ) : null}
          <div className="psg-actions">
            <button type="button" className="psg-button psg-primary" data-testid="ledger-submit" disabled={working || busy} onClick={(e) => void submit(e)}>
              {working ? t('ledgerWorking') : open === 'restore' ? t('ledgerSubmitRestore') : t('ledgerSubmitConfirm')}
            </button>
            <button type="button" className="psg-button" disabled={working} onClick={cancel}>
              {t('cancel')}
            </button>
          </div>
        </div>
      ) : onResolve && actionsOf(f).length ? (
        <div className="psg-actions">
          {actionsOf(f).map((action) => (
            <button
              key={action}
              type="button"
              ref={(el) => void buttons.current.set(action, el)}
              className={action === 'restore' ? 'psg-button psg-primary' : 'psg-button'}
              data-testid={action === 'restore' ? 'ledger-restore' : 'ledger-confirm'}
              disabled={busy}
              onClick={() => setOpen(action)}
            >
              {actionLabel(f, action)}
            </button>
          ))}
        </div>
      ) : null}
    </section>
  );
}
