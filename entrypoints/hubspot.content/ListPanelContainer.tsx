import { useCallback, useEffect, useState } from 'react';
import { ListAuditPanel } from '../../components/ListAuditPanel';
import type { ListAudit, Progress } from '../../lib/audit/types';
import type { GatewayErrorData } from '../../lib/hubspot/errors';
import type { ListFixPlan } from '../../lib/messaging';
import { callGateway, isAbortError, toErrorData } from '../../lib/messaging-client';
import { ExportContainer } from './ExportContainer';
import { useLatest } from './useLatest';


function sameSet(a: string[], b: string[]) {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** Audits one list through the background gateway; changes its brands; plans and applies the fix. */
export function ListPanelContainer({ host, portalId, listId, signal }: { host: string; portalId: string; listId: string; signal: AbortSignal }) {
  const [loading, setLoading] = useState(true);
  const [audit, setAudit] = useState<ListAudit | null>(null);
  const [error, setError] = useState<GatewayErrorData | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  // Only the newest piece of work may change the panel (a re-audit overtakes an older one).
  const latest = useLatest();

  const onProgress = useCallback((p: Progress) => setProgress(p), []);

  /** Runs work that ends in a fresh audit; the result, or null on failure (then `error` says why). */
  const run = useCallback(
    async (work: () => Promise<ListAudit>, keepAuditOnError: boolean): Promise<ListAudit | null> => {
      const isLatest = latest();
      setLoading(true);
      setError(null);
      setProgress(null);
      try {
        const next = await work();
        if (!isLatest()) return null;
        setAudit(next);
        return next;
      } catch (e) {
        if (isAbortError(e) || !isLatest()) return null;
        setError(toErrorData(e));
        if (!keepAuditOnError) setAudit(null);
        return null;
      } finally {
        if (isLatest()) {
          setLoading(false);
          setProgress(null);
        }
      }
    },
    [latest],
  );

  const load = useCallback(() => run(() => callGateway('auditList', { portalId, listId }, { signal, onProgress }), false), [run, portalId, listId, signal, onProgress]);

  useEffect(() => {
    void load();
  }, [load]);

  const onChangeBrands = useCallback(
    (brands: string[] | null) => {
      void run(async () => {
        await callGateway('setListBrands', { portalId, listId, brands }, { signal });
        return callGateway('auditList', { portalId, listId }, { signal, onProgress });
      }, true);
    },
    [run, portalId, listId, signal, onProgress],
  );

  const onPlanFix = useCallback(
    async (brands: string[]): Promise<ListFixPlan | null> => {
      setError(null);
      try {
        return await callGateway('planListFix', { portalId, listId, brands }, { signal, onProgress });
      } catch (e) {
        if (!isAbortError(e)) setError(toErrorData(e));
        return null;
      }
    },
    [portalId, listId, signal, onProgress],
  );

  const onApplyFix = useCallback(
    (plan: ListFixPlan) =>
      run(async () => {
        const after = await callGateway('applyListFix', { portalId, plan }, { signal, onProgress });
        // The re-audit is made for the plan's brands ("argument"); they are the brands the user
        // saw, so keep saying where those came from (name, choice, all).
        if (after.brandSource === 'argument' && audit && sameSet(after.brands, audit.brands)) return { ...after, brandSource: audit.brandSource };
        return after;
      }, true),
    [run, portalId, signal, onProgress, audit],
  );

  return (
    <ListAuditPanel
      listId={listId}
      portalId={portalId}
      host={host}
      loading={loading}
      audit={audit}
      error={error}
      progress={progress}
      onChangeBrands={onChangeBrands}
      onPlanFix={onPlanFix}
      onApplyFix={onApplyFix}
      onReaudit={() => void load()}
      onOpenOptions={() => void callGateway('openOptions', {}).catch(() => undefined)}
      exportSlot={
        audit ? (
          <ExportContainer
            portalId={portalId}
            listId={listId}
            brands={audit.brands}
            brandLabels={audit.brands.map((b) => audit.availableBrands?.find((x) => x.value === b)?.label ?? b)}
            signal={signal}
          />
        ) : null
      }
    />
  );
}
