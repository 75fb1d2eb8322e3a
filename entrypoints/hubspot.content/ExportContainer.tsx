import { useCallback, useEffect, useRef, useState } from 'react';
import { ExportSection, type ExportState } from '../../components/ExportSection';
import type { CsvDialect } from '../../lib/export/mailing';
import type { ExportFile } from '../../lib/gateway/export';
import { callGateway, isAbortError, toErrorData } from '../../lib/messaging-client';
import { downloadExport } from './download';
import { onOpenCleanExport } from './exportBus';

/** The clean export of the segment panel: asks the gateway for the file and downloads it. */
export function ExportContainer({ portalId, listId, brands, brandLabels, signal }: { portalId: string; listId: string; brands: string[]; brandLabels: string[]; signal: AbortSignal }) {
  const [state, setState] = useState<ExportState>({ step: 'closed' });
  const running = useRef<AbortController | null>(null);
  const last = useRef<ExportFile | null>(null);

  const open = useCallback(async () => {
    setState({ step: 'loading' });
    try {
      const setup = await callGateway('getExportSetup', { portalId }, { signal });
      setState({ step: 'form', setup });
    } catch (e) {
      if (!isAbortError(e)) setState({ step: 'error', setup: null, error: toErrorData(e) });
    }
  }, [portalId, signal]);

  useEffect(() => {
    onOpenCleanExport(() => void open(), signal);
  }, [open, signal]);
  useEffect(() => () => running.current?.abort(), []);

  const start = useCallback(
    async (columns: string[], dialect: CsvDialect) => {
      if (state.step === 'closed' || state.step === 'loading' || !('setup' in state) || !state.setup) return;
      const setup = state.setup;
      const controller = new AbortController();
      running.current = controller;
      signal.addEventListener('abort', () => controller.abort(), { once: true });
      setState({ step: 'running', setup, progress: null });
      try {
        const file = await callGateway('runExport', { portalId, listId, columns, dialect, brands }, { signal: controller.signal, onProgress: (progress) => setState({ step: 'running', setup, progress }) });
        last.current = file;
        downloadExport(file);
        setState({ step: 'done', setup: { ...setup, dialect, columns: setup.columns.map((c) => ({ ...c, checked: columns.includes(c.name) })) }, file });
      } catch (e) {
        if (isAbortError(e)) setState({ step: 'cancelled', setup });
        else setState({ step: 'error', setup, error: toErrorData(e) });
      } finally {
        if (running.current === controller) running.current = null;
      }
    },
    [state, portalId, listId, brands, signal],
  );

  const setAuthor = useCallback(
    async (userName: string) => {
      try {
        await callGateway('setAuthor', { userName }, { signal });
        setState((s) => ('setup' in s && s.setup ? ({ ...s, setup: { ...s.setup, author: userName } } as ExportState) : s));
        return true;
      } catch {
        return false;
      }
    },
    [signal],
  );

  return (
    <ExportSection
      state={state}
      brandLabels={brandLabels}
      onOpen={() => void open()}
      onClose={() => setState({ step: 'closed' })}
      onStart={(columns, dialect) => void start(columns, dialect)}
      onCancel={() => running.current?.abort()}
      onDownloadAgain={() => last.current && downloadExport(last.current)}
      onSetAuthor={setAuthor}
    />
  );
}
