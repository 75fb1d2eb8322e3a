import { useCallback, useEffect, useState } from 'react';
import { WorkflowAuditPanel } from '../../components/WorkflowAuditPanel';
import type { Progress, WorkflowAudit } from '../../lib/audit/types';
import type { WorkflowFixPlan } from '../../lib/audit/workflowPlan';
import type { GatewayErrorData } from '../../lib/hubspot/errors';
import { callGateway, isAbortError, toErrorData } from '../../lib/messaging-client';
import { useLatest } from './useLatest';

/** Audits one workflow through the background gateway; plans and applies the fix (re-planned when
 *  HubSpot's revision moved on). Brands chosen here are stored like a list's (setFlowBrands) and
 *  used by every later audit of the workflow. */
export function WorkflowPanelContainer({ portalId, flowId, signal }: { portalId: string; flowId: string; signal: AbortSignal }) {
  const [loading, setLoading] = useState(true);
  const [audit, setAudit] = useState<WorkflowAudit | null>(null);
  const [error, setError] = useState<GatewayErrorData | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [replanned, setReplanned] = useState(false);
  // Only the newest piece of work (audit, brand change or applied fix) may change the panel.
  const latest = useLatest();

  /** Audits again; first stores the brand choice when one is given (null: back to the name). */
  const load = useCallback(
    async (change?: { brands: string[] | null }) => {
      const isLatest = latest();
      setLoading(true);
      setError(null);
      try {
        if (change) await callGateway('setFlowBrands', { portalId, flowId, brands: change.brands }, { signal });
        const next = await callGateway('auditWorkflow', { portalId, flowId }, { signal, onProgress: setProgress });
        if (isLatest()) setAudit(next);
      } catch (e) {
        if (!isAbortError(e) && isLatest()) setError(toErrorData(e));
      } finally {
        if (isLatest()) {
          setLoading(false);
          setProgress(null);
        }
      }
    },
    [latest, portalId, flowId, signal],
  );

  useEffect(() => {
    void load();
  }, [load]);

  const onPlanFix = useCallback(
    async (chosen: string[]): Promise<WorkflowFixPlan | null> => {
      setError(null);
      setReplanned(false);
      try {
        return await callGateway('planWorkflowFix', { portalId, flowId, brands: chosen }, { signal, onProgress: setProgress });
      } catch (e) {
        if (!isAbortError(e)) setError(toErrorData(e));
        return null;
      }
    },
    [portalId, flowId, signal],
  );

  const onApplyFix = useCallback(
    async (plan: WorkflowFixPlan) => {
      // A fix ends in a fresh audit too: it takes its turn like a re-audit, so that the older of
      // the two answers never overwrites the newer.
      const isLatest = latest();
      setError(null);
      try {
        const r = await callGateway('applyWorkflowFix', { portalId, plan }, { signal, onProgress: setProgress });
        if (!isLatest()) return null;
        setAudit(r.audit);
        setReplanned(r.status === 'replanned');
        return { replanned: r.status === 'replanned' ? r.plan : null };
      } catch (e) {
        if (!isAbortError(e) && isLatest()) setError(toErrorData(e));
        return null;
      } finally {
        // An audit it overtook leaves the spinner to the latest turn.
        if (isLatest()) {
          setLoading(false);
          setProgress(null);
        }
      }
    },
    [latest, portalId, signal],
  );

  return (
    <WorkflowAuditPanel
      flowId={flowId}
      loading={loading}
      audit={audit}
      error={error}
      progress={progress}
      replanned={replanned}
      onChangeBrands={(brands) => void load({ brands })}
      onPlanFix={onPlanFix}
      onApplyFix={onApplyFix}
      onReaudit={() => void load()}
      onOpenOptions={() => void callGateway('openOptions', {}).catch(() => undefined)}
    />
  );
}
