// The clean export for the mail house inside the segment panel (issue 15): address columns, file
// format, start (a trusted click only), progress with cancel, the result with its receipt.
import { useEffect, useId, useRef, useState } from 'react';
import type { Progress } from '../lib/audit/types';
import type { ExportFile, ExportSetup } from '../lib/gateway/export';
import type { CsvDialect } from '../lib/export/mailing';
import type { GatewayErrorData } from '../lib/hubspot/errors';
import { t } from '../lib/i18n';
import { AuthorPrompt } from './AuthorPrompt';
import { ErrorBox } from './ErrorBox';
import { isUserAction } from './userAction';

export type ExportState =
  | { step: 'closed' }
  | { step: 'loading' }
  | { step: 'form'; setup: ExportSetup }
  | { step: 'running'; setup: ExportSetup; progress: Progress | null }
  | { step: 'done'; setup: ExportSetup; file: ExportFile }
  | { step: 'cancelled'; setup: ExportSetup }
  | { step: 'error'; setup: ExportSetup | null; error: GatewayErrorData };

export interface ExportSectionProps {
  state: ExportState;
  /** Labels of the mailing's brands (the list's brands as audited). */
  brandLabels: string[];
  onOpen: () => void;
  onClose: () => void;
  onStart: (columns: string[], dialect: CsvDialect) => void;
  onCancel: () => void;
  onDownloadAgain: () => void;
  onSetAuthor: (userName: string) => Promise<boolean>;
}

export function ExportSection(props: ExportSectionProps) {
  const { state } = props;
  const ids = { title: useId(), progress: useId(), dialect: useId(), receipt: useId() };
  const setup = 'setup' in state ? state.setup : null;
  const [columns, setColumns] = useState<Set<string> | null>(null);
  const [dialect, setDialect] = useState<CsvDialect | null>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  const chosen = columns ?? new Set(setup?.columns.filter((c) => c.checked).map((c) => c.name) ?? []);
  const format = dialect ?? setup?.dialect ?? 'excel';

  useEffect(() => {
    if (state.step === 'done') doneRef.current?.focus();
    if (state.step === 'cancelled') startRef.current?.focus();
  }, [state.step]);

  if (state.step === 'closed') {
    return (
      <div className="psg-export">
        <button type="button" ref={openRef} className="psg-button" data-testid="export-open" aria-expanded="false" onClick={props.onOpen}>
          {t('exportOpen')}
        </button>
      </div>
    );
  }

  const running = state.step === 'running';
  const toggle = (name: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(name);
    else next.delete(name);
    setColumns(next);
  };
  const order = setup?.columns.map((c) => c.name) ?? [];

  return (
    <section className="psg-export" aria-labelledby={ids.title} data-testid="export-section">
      <h3 id={ids.title} className="psg-subtitle">
        {t('exportTitle')}
      </h3>
      {state.step === 'loading' ? <progress aria-label={t('exportTitle')} /> : null}
      {state.step === 'error' ? <ErrorBox error={state.error} onRetry={state.setup ? undefined : props.onOpen} /> : null}
      {setup ? (
        <>
          <p className="psg-small">{t('exportIntro', props.brandLabels.join(', '))}</p>
          <fieldset className="psg-fieldset" data-testid="export-columns" disabled={running}>
            <legend className="psg-small">{t('exportColumnsLegend')}</legend>
            <p className="psg-small psg-muted">{t('exportColumnsNote')}</p>
            <ul className="psg-checklist">
              {setup.columns.map((c) => (
                <li key={c.name}>
                  <label>
                    <input type="checkbox" data-property={c.name} checked={chosen.has(c.name)} onChange={(e) => toggle(c.name, e.currentTarget.checked)} /> {c.label}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <p>
            <label htmlFor={ids.dialect} className="psg-small">
              {t('exportDialectLegend')}{' '}
            </label>
            <select id={ids.dialect} className="psg-input" data-testid="export-dialect" value={format} disabled={running} onChange={(e) => setDialect(e.currentTarget.value as CsvDialect)}>
              <option value="excel">{t('exportDialectExcel')}</option>
              <option value="plain">{t('exportDialectPlain')}</option>
            </select>
          </p>
          {setup.author === '' ? (
            <>
              <p className="psg-small">{t('exportAuthorNeeded')}</p>
              <AuthorPrompt onSave={props.onSetAuthor} />
            </>
          ) : null}
          {running ? (
            <div className="psg-progress" data-testid="export-progress" role="group" aria-labelledby={ids.progress}>
              <label id={ids.progress} className="psg-small psg-muted">
                {state.progress ? `${state.progress.total !== null ? `${t('listProgress', state.progress.done, state.progress.total)} · ` : ''}${state.progress.label}` : t('exportProgressList')}
              </label>
              {state.progress?.total ? <progress aria-labelledby={ids.progress} value={state.progress.done} max={Math.max(state.progress.total, 1)} /> : <progress aria-labelledby={ids.progress} />}
              <button type="button" className="psg-button" data-testid="export-cancel" onClick={props.onCancel}>
                {t('exportCancel')}
              </button>
            </div>
          ) : (
            <div className="psg-actions">
              <button
                type="button"
                ref={startRef}
                className="psg-button psg-primary"
                data-testid="export-start"
                disabled={setup.author === ''}
                onClick={(e) => isUserAction(e) && props.onStart(order.filter((n) => chosen.has(n)), format)}
              >
                {t('exportStart')}
              </button>
              <button type="button" className="psg-button" onClick={props.onClose}>
                {t('exportClose')}
              </button>
            </div>
          )}
          {state.step === 'cancelled' ? (
            <p className="psg-small" role="status">
              {t('exportCancelled')}
            </p>
          ) : null}
          {state.step === 'done' ? (
            <div
              ref={doneRef}
              tabIndex={-1}
              className="psg-done"
              data-testid="export-done"
              data-members={String(state.file.receipt.members)}
              data-excluded={String(state.file.receipt.members - state.file.receipt.exported)}
              data-exported={String(state.file.receipt.exported)}
            >
              <p role="status">{t('exportDone', state.file.receipt.exported, state.file.receipt.members, state.file.receipt.members - state.file.receipt.exported)}</p>
              <p id={ids.receipt} className="psg-small">
                {t('exportReceiptTitle')}
              </p>
              <pre className="psg-receipt" data-testid="export-receipt" aria-labelledby={ids.receipt} tabIndex={0}>
                {state.file.receiptText}
              </pre>
              <button type="button" className="psg-button" onClick={props.onDownloadAgain}>
                {t('exportDownloadAgain')}
              </button>
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
