import { useCallback, useEffect, useRef, useState } from 'react';
import { PortalAudit, type OutOfScopeAuditState, type PortalAuditState } from '../../components/PortalAudit';
import type { PortalAudit as PortalAuditResult, Progress } from '../../lib/audit/types';
import type { GatewayErrorData } from '../../lib/hubspot/errors';
import { callGateway, isAbortError, toErrorData } from '../../lib/messaging-client';
import { NO_RESOLUTION, type LedgerOutcome, type LedgerResolution } from '../../components/PortalAuditLedger';
import { brandLabelsOf } from '../../lib/audit/presentation';
import { ledgerOutcomeNote } from '../../components/saveNotes';
import { findingKey, type LedgerAction, type LedgerFinding } from '../../lib/domain/ledger';
import { t } from '../../lib/i18n';


const IDLE: OutOfScopeAuditState = { state: 'idle', progress: null, result: null, error: null };

/** The portal-wide audit on the options page (issue 5). */
export function PortalAuditContainer() {
  const [state, setState] = useState<PortalAuditState>('idle');
  const [progress, setProgress] = useState<Progress | null>(null);
  const [result, setResult] = useState<PortalAuditResult | null>(null);
  const [error, setError] = useState<GatewayErrorData | null>(null);
  const [links, setLinks] = useState<{ uiDomain: string; portalId: string } | null>(null);
  const controller = useRef<AbortController | null>(null);
  const [extra, setExtra] = useState<OutOfScopeAuditState>(IDLE);
  const extraController = useRef<AbortController | null>(null);
  const [resolution, setResolution] = useState<LedgerResolution>(NO_RESOLUTION);
  const resolveController = useRef<AbortController | null>(null);

  // Leaving the page stops the audits in the background (a write already started is finished).
  useEffect(
    () => () => {
      controller.current?.abort();
      extraController.current?.abort();
      resolveController.current?.abort();
    },
    [],
  );

  const start = useCallback(async () => {
    controller.current?.abort();
    extraController.current?.abort();
    setExtra(IDLE);
    const mine = new AbortController();
    controller.current = mine;
    const signal = mine.signal;
    setState('running');
    setError(null);
    setResult(null);
    setProgress(null);
    resolveController.current?.abort();
    setResolution(NO_RESOLUTION);
    try {
      // The portal and its UI host make the links of the table (the audit result does not carry
      // them). No token or a dead one is said here, before the long work starts; a token that may
      // only read (no write scopes) can still audit.
      const report = await callGateway('testConnection', {}, { signal });
      if (report.portalId && report.uiDomain) setLinks({ portalId: report.portalId, uiDomain: report.uiDomain });
      if (report.error && (report.error.kind === 'not-configured' || report.error.kind === 'auth')) {
        setError(report.error);
        setState('error');
        return;
      }
      const audit = await callGateway('portalAudit', {}, { signal, onProgress: setProgress });
      setResult(audit);
      setState('done');
    } catch (e) {
      if (isAbortError(e)) return;
      setError(toErrorData(e));
      setState('error');
    } finally {
      setProgress(null);
    }
  }, []);

  // "Audit these too": exactly the items the audit left outside the postal scope (only reads).
  const auditOutOfScope = useCallback(async () => {
    const out = result?.outOfScope;
    if (!out) return;
    extraController.current?.abort();
    const mine = new AbortController();
    extraController.current = mine;
    setExtra({ ...IDLE, state: 'running' });
    try {
      const audit = await callGateway('portalAudit', { outOfScope: { listIds: out.listIds, flowIds: out.flowIds } }, { signal: mine.signal, onProgress: (p) => setExtra((x) => (x.state === 'running' ? { ...x, progress: p } : x)) });
      setExtra({ ...IDLE, state: 'done', result: audit });
    } catch (e) {
      if (isAbortError(e)) return;
      setExtra({ ...IDLE, state: 'error', error: toErrorData(e) });
    }
  }, [result]);

  const cancelOutOfScope = useCallback(() => {
    extraController.current?.abort();
    extraController.current = null;
    setExtra({ ...IDLE, state: 'cancelled' });
  }, []);

  // Restore or confirm ledger findings: the gateway's resolveLedgerFindings (the contact panel's
  // write path, one contact at a time), progress and cancel between contacts.
  const resolveLedger = useCallback(
    async (findings: LedgerFinding[], action: LedgerAction, reason: string) => {
      if (!links || findings.length === 0) return;
      resolveController.current?.abort();
      const mine = new AbortController();
      resolveController.current = mine;
      setResolution((r) => ({ ...r, state: 'running', progress: null, error: null }));
      const labels = brandLabelsOf(result);
      try {
        const results = await callGateway(
          'resolveLedgerFindings',
          { portalId: links.portalId, items: findings.map((finding) => ({ contactId: finding.contactId, finding, action })), reason },
          { signal: mine.signal, onProgress: (p) => setResolution((r) => (r.state === 'running' ? { ...r, progress: p } : r)) },
        );
        const outcomes: Record<string, LedgerOutcome> = {};
        results.forEach((res, i) => {
          const f = findings[i];
          if (!f) return;
          outcomes[findingKey(f)] = res.ok ? { ok: true, text: ledgerOutcomeNote(res, (v) => labels.get(v) ?? v) } : { ok: false, text: t('ledgerAuditFailedRow', res.error.message) };
        });
        setResolution((r) => ({ state: 'done', progress: null, error: null, outcomes: { ...r.outcomes, ...outcomes } }));
      } catch (e) {
        if (isAbortError(e)) return;
        setResolution((r) => ({ ...r, state: 'error', progress: null, error: toErrorData(e) }));
      }
    },
    [links, result],
  );

  const cancelResolve = useCallback(() => {
    resolveController.current?.abort();
    resolveController.current = null;
    setResolution((r) => ({ ...r, state: 'cancelled', progress: null }));
  }, []);

  return (
    <PortalAudit
      state={state}
      progress={progress}
      result={result}
      error={error}
      links={links}
      onStart={() => void start()}
      outOfScopeAudit={extra}
      onAuditOutOfScope={() => void auditOutOfScope()}
      onCancelOutOfScope={cancelOutOfScope}
      ledgerResolution={resolution}
      {...(links ? { onResolveLedger: (f: LedgerFinding[], a: LedgerAction, r: string) => void resolveLedger(f, a, r) } : {})}
      onCancelResolveLedger={cancelResolve}
    />
  );
}
