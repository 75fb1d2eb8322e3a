// "Sperren aus Datei" on the options page (docs/bulk-block.md): a file from the mail house, its
// column (record ids or e-mail addresses), the brands and the reason; a preview of what the file
// names; then, on the user's own click, the blocks written in the background with progress and
// cancel; the result as a summary and a file. The view and its form state; the gateway calls come in.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { parseCsv, type CsvTable } from '../lib/csv';
import { bulkResultCsv, guessBy, MissingColumn, toWrite, valuesOfColumn, type BulkBy, type BulkPreviewSummary, type BulkProgress, type BulkRunResult, type FileValue } from '../lib/domain/bulkFile';
import { validateReason } from '../lib/domain/reasonLog';
import type { GatewayErrorData } from '../lib/hubspot/errors';
import { t } from '../lib/i18n';
import { ErrorBox } from './ErrorBox';
import { isUserAction } from './userAction';

export type BulkBlockState = 'idle' | 'preview' | 'running' | 'done' | 'error';

export interface BulkBlockProps {
  /** The block property's options (from the last connection test); undefined until known. */
  brands: { value: string; label: string }[] | undefined;
  onPreview(args: { values: FileValue[]; by: BulkBy; brands: string[]; reason: string }): Promise<BulkPreviewSummary>;
  onRun(args: { ids: string[]; brands: string[]; reason: string }, onProgress: (p: BulkProgress) => void): Promise<BulkRunResult>;
  /** Stops the run after the batch being written. */
  onCancel(): void;
  toErrorData(e: unknown): GatewayErrorData;
}

const MAX_LISTED = 20;

export function BulkBlock({ brands, onPreview, onRun, onCancel, toErrorData }: BulkBlockProps) {
  const ids = {
    title: useId(),
    file: useId(),
    column: useId(),
    reason: useId(),
    reasonHelp: useId(),
    progress: useId(),
  };
  const [table, setTable] = useState<CsvTable | null>(null);
  const [fileName, setFileName] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);
  const [column, setColumn] = useState('');
  const [by, setBy] = useState<BulkBy>('id');
  const [chosen, setChosen] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [state, setState] = useState<BulkBlockState>('idle');
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<BulkPreviewSummary | null>(null);
  const [progress, setProgress] = useState<BulkProgress | null>(null);
  const [result, setResult] = useState<BulkRunResult | null>(null);
  const [error, setError] = useState<GatewayErrorData | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const doneRef = useRef<HTMLDivElement>(null);

  const reasonCheck = validateReason(reason);
  const reasonError = reason !== '' && !reasonCheck.ok ? (reasonCheck.error === 'empty' ? t('errorReasonRequired') : t('bulkBlockReasonTooLong')) : null;
  const ready = table !== null && column !== '' && chosen.length > 0 && reasonCheck.ok;

  // A changed input makes an earlier preview stale.
  const resetPreview = () => {
    if (state === 'preview' || state === 'error') setState('idle');
    setPreview(null);
    setError(null);
  };

  useEffect(() => {
    if (state === 'preview') summaryRef.current?.focus();
    if (state === 'done') doneRef.current?.focus();
  }, [state]);

  const resultUrl = useMemo(() => (preview && result ? URL.createObjectURL(new Blob([bulkResultCsv(preview, result)], { type: 'text/csv;charset=utf-8' })) : null), [preview, result]);
  useEffect(() => () => void (resultUrl && URL.revokeObjectURL(resultUrl)), [resultUrl]);

  async function readFile(file: File | undefined) {
    resetPreview();
    setTable(null);
    setFileError(null);
    setColumn('');
    if (!file) return;
    setFileName(file.name);
    const parsed = parseCsv(await file.text());
    if (parsed.header.length === 0 || parsed.rows.length === 0) {
      setFileError(t('bulkBlockEmptyFile'));
      return;
    }
    setTable(parsed);
    const first = parsed.header.find((h) => /mail|id/i.test(h)) ?? parsed.header[0]!;
    setColumn(first);
    setBy(guessBy(first));
  }

  async function showPreview() {
    if (!table || !ready) return;
    let values: FileValue[];
    try {
      values = valuesOfColumn(table, column, by);
    } catch (e) {
      if (e instanceof MissingColumn) setFileError(t('bulkBlockNoColumn', e.column, e.header.join(', ')));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setPreview(await onPreview({ values, by, brands: chosen, reason }));
      setState('preview');
    } catch (e) {
      setError(toErrorData(e));
      setState('error');
    } finally {
      setBusy(false);
    }
  }

  async function confirm(e: React.MouseEvent) {
    if (!isUserAction(e) || !preview) return;
    setState('running');
    setProgress({ done: 0, total: toWrite(preview).length });
    try {
      const r = await onRun({ ids: toWrite(preview).map((m) => m.id), brands: chosen, reason }, setProgress);
      setResult(r);
      if (r.error) setError({ kind: r.error.kind as GatewayErrorData['kind'], message: r.error.message, detail: {} });
      setState('done');
    } catch (err) {
      setError(toErrorData(err));
      setState('error');
    } finally {
      setProgress(null);
    }
  }

  function startOver() {
    setState('idle');
    setPreview(null);
    setResult(null);
    setError(null);
  }

  const locked = state === 'running' || state === 'done' || busy;
  const todo = preview ? toWrite(preview).length : 0;
  const listed = (values: string[]) => (values.length > MAX_LISTED ? `${values.slice(0, MAX_LISTED).join(', ')} …` : values.join(', '));

  return (
    <section id="bulk-block" className="opt-card" aria-labelledby={ids.title} aria-busy={busy || state === 'running'} data-testid="bulk-block" data-state={state}>
      <h2 id={ids.title}>{t('bulkBlockTitle')}</h2>
      <p className="opt-help">{t('bulkBlockIntro')}</p>

      <label htmlFor={ids.file}>{t('bulkBlockFile')}</label>
      <input id={ids.file} type="file" accept=".csv,text/csv" data-testid="bulk-block-file" disabled={locked} onChange={(e) => void readFile(e.currentTarget.files?.[0])} />
      {fileError ? (
        <p className="opt-error" role="alert">
          {fileError}
        </p>
      ) : null}

      {table ? (
        <fieldset disabled={locked}>
          <legend>{fileName}</legend>
          <label htmlFor={ids.column}>{t('bulkBlockColumn')}</label>
          <select
            id={ids.column}
            data-testid="bulk-block-column"
            data-by={by}
            value={column}
            onChange={(e) => {
              resetPreview();
              setColumn(e.currentTarget.value);
              setBy(guessBy(e.currentTarget.value));
            }}
          >
            {table.header.map((h) => (
              <option key={h} value={h}>
                {h}
              </option>
            ))}
          </select>
          <div role="radiogroup" aria-label={t('bulkBlockBy')} className="opt-checks">
            <span className="opt-help">{t('bulkBlockBy')}: </span>
            {(['id', 'email'] as const).map((b) => (
              <label key={b}>
                <input
                  type="radio"
                  name="bulk-block-by"
                  value={b}
                  data-testid="bulk-block-by"
                  checked={by === b}
                  onChange={() => {
                    resetPreview();
                    setBy(b);
                  }}
                />{' '}
                {b === 'id' ? t('bulkBlockById') : t('bulkBlockByEmail')}
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}

      <fieldset disabled={locked}>
        <legend>{t('bulkBlockBrands')}</legend>
        {brands && brands.length ? (
          <ul className="opt-checks">
            {brands.map((b) => (
              <li key={b.value}>
                <label>
                  <input
                    type="checkbox"
                    data-testid="bulk-block-brand"
                    data-brand={b.value}
                    checked={chosen.includes(b.value)}
                    onChange={(e) => {
                      resetPreview();
                      const on = e.currentTarget.checked;
                      setChosen((c) => (on ? [...c.filter((x) => x !== b.value), b.value] : c.filter((x) => x !== b.value)));
                    }}
                  />{' '}
                  {b.label}
                </label>
              </li>
            ))}
          </ul>
        ) : (
          <p className="opt-help">{t('bulkBlockNoBrandsKnown')}</p>
        )}
      </fieldset>

      <label htmlFor={ids.reason}>{t('bulkBlockReason')}</label>
      <textarea
        id={ids.reason}
        data-testid="bulk-block-reason"
        rows={2}
        value={reason}
        disabled={locked}
        aria-invalid={reasonError !== null}
        aria-describedby={reasonError ? ids.reasonHelp : undefined}
        onChange={(e) => {
          resetPreview();
          setReason(e.currentTarget.value);
        }}
      />
      {reasonError ? (
        <p id={ids.reasonHelp} className="opt-error">
          {reasonError}
        </p>
      ) : null}

      {state === 'idle' || state === 'error' ? (
        <p>
          <button type="button" className="opt-button" data-testid="bulk-block-preview-start" disabled={!ready || busy} onClick={() => void showPreview()}>
            {busy ? t('bulkBlockPreviewing') : t('bulkBlockPreviewButton')}
          </button>
        </p>
      ) : null}

      {preview && state !== 'idle' ? (
        <div
          ref={summaryRef}
          tabIndex={-1}
          role="status"
          data-testid="bulk-block-preview"
          data-matched={preview.matched.length}
          data-not-found={preview.notFound.length}
          data-ambiguous={preview.ambiguous.length}
          data-already={preview.alreadyBlocked.length}
        >
          <p className="opt-summary">{t('bulkBlockPreviewSummary', preview.matched.length, preview.alreadyBlocked.length, preview.notFound.length, preview.ambiguous.length)}</p>
          {preview.notFound.length ? <p className="opt-help">{t('bulkBlockNotFoundList', listed(preview.notFound))}</p> : null}
          {preview.ambiguous.length ? (
            <ul className="opt-help">
              {preview.ambiguous.slice(0, MAX_LISTED).map((a) => (
                <li key={a.value}>{t('bulkBlockAmbiguousItem', a.value, a.ids.join(', '))}</li>
              ))}
            </ul>
          ) : null}
          {state === 'preview' ? (
            todo > 0 ? (
              <button type="button" className="opt-primary" data-testid="bulk-block-confirm" onClick={(e) => void confirm(e)}>
                {t('bulkBlockConfirm', todo)}
              </button>
            ) : (
              <p>{t('bulkBlockNothingToDo')}</p>
            )
          ) : null}
        </div>
      ) : null}

      {state === 'running' ? (
        <div className="opt-progress">
          <label htmlFor={ids.progress}>{t('bulkBlockRunning', progress?.done ?? 0, progress?.total ?? todo)}</label>
          <progress id={ids.progress} value={progress?.done ?? 0} max={Math.max(progress?.total ?? todo, 1)} />{' '}
          <button type="button" className="opt-button" data-testid="bulk-block-cancel" onClick={onCancel}>
            {t('bulkBlockCancel')}
          </button>
        </div>
      ) : null}

      {state === 'done' && result ? (
        <div ref={doneRef} tabIndex={-1} role="status" data-testid="bulk-block-done" data-written={result.written.length} data-failed={result.failed.length} data-cancelled={result.cancelled || result.error ? 'true' : 'false'}>
          <p className="opt-summary">
            {result.cancelled || result.error
              ? t('bulkBlockCancelled', result.written.length, result.failed.length, result.notDone.length)
              : t('bulkBlockDone', result.written.length, result.failed.length, result.alreadyBlocked.length)}
          </p>
          {result.failed.length ? (
            <ul>
              {result.failed.slice(0, MAX_LISTED).map((f) => (
                <li key={f.id}>{t('bulkBlockFailedItem', f.id, f.error)}</li>
              ))}
            </ul>
          ) : null}
          {resultUrl ? (
            <a className="opt-button opt-download" href={resultUrl} download={`${fileName.replace(/\.csv$/i, '') || 'sperren'}-ergebnis.csv`} data-testid="bulk-block-result">
              {t('bulkBlockDownload')}
            </a>
          ) : null}{' '}
          <button type="button" className="opt-button" onClick={startOver}>
            {t('bulkBlockAgain')}
          </button>
        </div>
      ) : null}
      {error ? <ErrorBox error={error} /> : null}
    </section>
  );
}
