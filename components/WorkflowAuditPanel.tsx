import { useEffect, useId, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { Progress, WorkflowAudit, WorkflowLeak } from '../lib/audit/types';
import { enrollmentLeaks, writeLeaks } from '../lib/audit/workflowActions';
import { sendsViaText, workflowLeakText, workflowWriteText } from '../lib/audit/workflowText';
import { fixMethod, fixMethods, type WorkflowFixMethod, type WorkflowFixPlan } from '../lib/audit/workflowPlan';
import { brandLabel } from '../lib/domain/brands';
import type { GatewayErrorData } from '../lib/hubspot/errors';
import { t, tn } from '../lib/i18n';
import { ErrorBox } from './ErrorBox';
import { ListBrandPicker } from './ListBrandPicker';
import { isUserAction } from './userAction';

export type FlowVerdict = 'checking' | 'compliant' | 'leaks' | 'error';

export function flowVerdict(loading: boolean, audit: WorkflowAudit | null, error: GatewayErrorData | null): FlowVerdict {
  if (loading) return 'checking';
  if (error || !audit || audit.error) return 'error';
  return audit.compliant ? 'compliant' : 'leaks';
}

export interface WorkflowAuditPanelProps {
  flowId: string;
  loading: boolean;
  audit: WorkflowAudit | null;
  error: GatewayErrorData | null;
  progress: Progress | null;
  /** Set when the last confirmation found a newer revision: the plan was made again. */
  replanned: boolean;
  onChangeBrands: (brands: string[] | null) => void;
  onPlanFix: (brands: string[]) => Promise<WorkflowFixPlan | null>;
  /** The fix result: the new plan when HubSpot's revision moved on, null on failure. */
  onApplyFix: (plan: WorkflowFixPlan) => Promise<{ replanned: WorkflowFixPlan | null } | null>;
  onReaudit: () => void;
  onOpenOptions: () => void;
}

type FixStep =
  | { step: 'idle' }
  | { step: 'planning' }
  | { step: 'confirm'; plan: WorkflowFixPlan; method: WorkflowFixMethod | null }
  | { step: 'applying'; plan: WorkflowFixPlan; method: WorkflowFixMethod | null };

const confirmStep = (plan: WorkflowFixPlan): FixStep => ({ step: 'confirm', plan, method: fixMethod(plan) });

/** Notes of the analysis that say a finding rests on something it cannot read ("may"). */
function mayNote(l: WorkflowLeak): string | null {
  const unknown = (l.reasons ?? []).filter((r) => /^(unknown-|static-list|unknown-list|list-cycle|approximate)/.test(r));
  return unknown.length ? t('flowLeakMay', unknown.join(', ')) : null;
}

/** The workflow audit panel (issue 11): verdict, findings per enrolment branch, brand choice, and
 *  the fix after a confirmation, written against the revision read. */
export function WorkflowAuditPanel(props: WorkflowAuditPanelProps) {
  const { flowId, loading, audit, error, progress } = props;
  const [picking, setPicking] = useState(false);
  const [fix, setFix] = useState<FixStep>({ step: 'idle' });
  const ids = { title: useId(), findings: useId(), progress: useId(), writes: useId(), sends: useId() };
  const confirmRef = useRef<HTMLHeadingElement>(null);

  const verdict = flowVerdict(loading, audit, error);
  const label = (v: string) => brandLabel(audit?.availableBrands ?? [], v);
  const leaks = audit && !audit.error && !audit.skipped ? enrollmentLeaks(audit) : [];
  // Actions writing the block or its reason: shown for every workflow, in the postal scope or not.
  const writes = audit && !audit.error && audit.skipped !== 'not-contacts' ? writeLeaks(audit) : [];
  const busy = loading || fix.step === 'planning' || fix.step === 'applying';

  useEffect(() => {
    if (fix.step === 'confirm') confirmRef.current?.focus();
  }, [fix.step]);
  // A new audit drops an old plan.
  useEffect(() => setFix((f) => (f.step === 'confirm' && !props.replanned ? { step: 'idle' } : f)), [audit, props.replanned]);

  const startFix = async () => {
    if (!audit) return;
    setFix({ step: 'planning' });
    const plan = await props.onPlanFix(audit.brands);
    setFix(plan ? confirmStep(plan) : { step: 'idle' });
  };
  const confirmFix = async (plan: WorkflowFixPlan, method: WorkflowFixMethod) => {
    setFix({ step: 'applying', plan, method });
    const r = await props.onApplyFix({ ...plan, method });
    setFix(r?.replanned ? confirmStep(r.replanned) : { step: 'idle' });
  };
  const stopHost = (e: KeyboardEvent) => e.stopPropagation();
  const shownError = error ?? (audit?.error ? { kind: audit.error.kind as GatewayErrorData['kind'], message: audit.error.message, detail: {} } : null);
  const brandNames = (brands: string[]) => brands.map(label).join(', ');

  return (
    <section
      className="psg-panel psg-list-panel"
      data-testid="workflow-audit-panel"
      data-verdict={verdict}
      data-flow-id={flowId}
      aria-labelledby={ids.title}
      aria-busy={busy}
      onKeyDown={stopHost}
      onKeyUp={stopHost}
    >
      <header className="psg-header">
        <h2 id={ids.title} className="psg-title">
          {t('flowPanelTitle')}
        </h2>
      </header>

      <p className={`psg-verdict psg-verdict-${audit?.skipped ? 'skipped' : verdict}`} role="status" aria-live="polite">
        {verdict === 'checking'
          ? t('flowChecking')
          : verdict === 'error'
            ? t('verdictError')
            : audit?.skipped === 'not-contacts'
              ? t('flowNotContacts')
              : verdict === 'compliant'
                ? t('flowVerdictCompliant', brandNames(audit!.brands))
                : leaks.length
                  ? t('flowVerdictLeaks', brandNames([...new Set(leaks.map((l) => l.brand))]))
                  : t('flowWritesVerdict')}
      </p>

      {loading && progress ? (
        <div className="psg-progress">
          <label id={ids.progress} className="psg-small psg-muted">
            {progress.label}
          </label>
          <progress aria-labelledby={ids.progress} />
        </div>
      ) : null}

      {shownError ? <ErrorBox error={shownError} onRetry={props.onReaudit} onOpenOptions={props.onOpenOptions} /> : null}

      {audit ? (
        <>
          <p className="psg-small psg-muted">
            <strong>{audit.name}</strong> · {t('flowEnrollmentLine', audit.enrollmentType)}
            {audit.addsToLists.length ? ` · ${t('flowAddsToLists', audit.addsToLists.join(', '))}` : ''}
          </p>
          <p className="psg-small" data-testid="scope-status" data-in-scope={audit.inScope === undefined ? 'unset' : String(audit.inScope)}>
            {audit.inScope === undefined ? t('scopeNone') : audit.inScope ? t('scopeInScope') : t('scopeOutOfScope')}
          </p>

          {!audit.skipped ? (
            <div className="psg-list-brands">
              <span className="psg-label psg-inline">{t('listBrandsLabel')}:</span>
              <ul className="psg-chips" aria-label={t('listBrandsLabel')}>
                {audit.brands.map((b) => (
                  <li key={b} className="psg-chip" data-testid="list-brand" data-brand={b}>
                    {label(b)}
                  </li>
                ))}
              </ul>
              {picking ? (
                <ListBrandPicker
                  available={audit.availableBrands ?? audit.brands.map((b) => ({ value: b, label: b }))}
                  initial={audit.brands}
                  busy={busy}
                  onApply={(brands) => {
                    setPicking(false);
                    props.onChangeBrands(brands);
                  }}
                  onReset={() => {
                    setPicking(false);
                    props.onChangeBrands(null);
                  }}
                  onCancel={() => setPicking(false)}
                />
              ) : (
                <div className="psg-actions">
                  <button type="button" className="psg-button" data-testid="list-brands-change" disabled={busy} onClick={() => setPicking(true)}>
                    {t('listBrandsChange')}
                  </button>
                  {!loading ? (
                    <button type="button" className="psg-button" onClick={props.onReaudit}>
                      {t('reaudit')}
                    </button>
                  ) : null}
                </div>
              )}
            </div>
          ) : null}

          {writes.length > 0 ? (
            <>
              <h3 id={ids.writes} className="psg-subtitle">
                {t('flowWritesVerdict')} ({writes.length})
              </h3>
              {/* May scroll (max-height): reachable by keyboard. */}
              <ul className="psg-leaks" aria-labelledby={ids.writes} tabIndex={0}>
                {writes.map((w, i) => (
                  <li key={`${w.actionId}-${w.property}-${i}`} data-testid="leak" data-kind="writes-block-property" data-action-id={w.actionId} data-property={w.property}>
                    {workflowWriteText(w)}
                    <span className="psg-small psg-muted psg-block">{t('flowWritesAdvice')}</span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}

          {audit.sendsVia && audit.sendsVia.length > 0 ? (
            <>
              <h3 id={ids.sends} className="psg-subtitle">
                {t('flowWritesHeading')}
              </h3>
              <ul className="psg-small" aria-labelledby={ids.sends}>
                {audit.sendsVia.map((v) => (
                  <li key={v.actionId} data-testid="flow-sends-via" data-action-id={v.actionId} data-action-type-id={v.actionTypeId} data-via={v.kind}>
                    {sendsViaText(v)}
                  </li>
                ))}
              </ul>
            </>
          ) : null}

          {(audit.warnings ?? []).map((w) => (
            <p key={`${w.listId}-${w.brand}`} className="psg-warn psg-small" data-testid="flow-warning" data-list-id={w.listId} data-brand={w.brand}>
              {t('flowStaticSuppression', label(w.brand), w.listId)}
            </p>
          ))}

          {leaks.length > 0 ? (
            <>
              <h3 id={ids.findings} className="psg-subtitle">
                {t('listFindingsHeading')} ({leaks.length})
              </h3>
              <ul className="psg-leaks" aria-labelledby={ids.findings} tabIndex={0}>
                {leaks.map((l, i) => (
                  <li key={`${l.branch}-${l.brand}-${i}`} data-testid="leak" data-kind="enrollment-branch" data-brand={l.brand} data-branch={String(l.branch)} data-source={l.source}>
                    {workflowLeakText(l, label)}
                    {mayNote(l) ? <span className="psg-small psg-muted psg-block">{mayNote(l)}</span> : null}
                  </li>
                ))}
              </ul>
              {fix.step === 'idle' || fix.step === 'planning' ? (
                <div className="psg-actions">
                  <button type="button" className="psg-button psg-primary" data-testid="fix-leaks" disabled={busy} onClick={(e) => isUserAction(e) && void startFix()}>
                    {t('fixLeaks')}
                  </button>
                </div>
              ) : null}
            </>
          ) : null}

          {fix.step === 'confirm' || fix.step === 'applying' ? (
            <FixConfirmation
              fix={fix}
              title={t('flowFixConfirm', audit?.name ?? flowId, fix.plan.revisionId)}
              replanned={props.replanned}
              headingRef={confirmRef}
              label={label}
              onChoose={(method) => setFix((f) => (f.step === 'confirm' ? { ...f, method } : f))}
              onConfirm={(method) => void confirmFix(fix.plan, method)}
              onCancel={() => setFix({ step: 'idle' })}
            />
          ) : null}
        </>
      ) : null}
    </section>
  );
}

/** The confirmation of a workflow fix: what will be written, the choice between the exclusion in the
 *  enrolment branches and the portal's suppression list when both are possible (radio buttons),
 *  and why a way is missing. Writes only on the user's own click or key press. */
function FixConfirmation(props: {
  fix: Extract<FixStep, { step: 'confirm' | 'applying' }>;
  title: string;
  replanned: boolean;
  headingRef: RefObject<HTMLHeadingElement | null>;
  label: (brand: string) => string;
  onChoose: (method: WorkflowFixMethod) => void;
  onConfirm: (method: WorkflowFixMethod) => void;
  onCancel: () => void;
}) {
  const { fix, label } = props;
  const { plan, method } = fix;
  const ids = { heading: useId(), radios: useId() };
  const names = (brands: string[]) => brands.map(label).join(', ');
  const methods = fixMethods(plan);
  const applying = fix.step === 'applying';
  const texts: Record<WorkflowFixMethod, string> = {
    enrollment: tn('flowFixPlan', plan.branches.length, names(plan.brands), plan.branches.length),
    suppression: plan.suppression
      ? t(
          'flowFixSuppressionPlan',
          plan.suppression.lists.map((l) => `„${l.name}“ (${l.listId})`).join(', '),
          names([...new Set(plan.suppression.lists.flatMap((l) => l.brands))]),
        )
      : '',
  };
  const titles: Record<WorkflowFixMethod, string> = { enrollment: t('flowFixMethodEnrollment'), suppression: t('flowFixMethodSuppression') };
  return (
    <div className="psg-confirm" role="group" aria-labelledby={ids.heading} data-testid="fix-confirm" data-revision={plan.revisionId} data-method={method ?? 'none'}>
      {props.replanned ? (
        <p className="psg-warn psg-small" role="alert" data-testid="fix-replanned">
          {t('flowFixReplanned')}
        </p>
      ) : null}
      <h3 id={ids.heading} ref={props.headingRef} tabIndex={-1} className="psg-subtitle">
        {props.title}
      </h3>
      {methods.length > 1 ? (
        <fieldset className="psg-fieldset" data-testid="fix-method" disabled={applying}>
          <legend className="psg-small">{t('flowFixMethodLegend')}</legend>
          {methods.map((m) => (
            <label key={m} className="psg-radio psg-small psg-block">
              <input type="radio" name={ids.radios} value={m} data-testid={`fix-method-${m}`} checked={method === m} onChange={() => props.onChoose(m)} />{' '}
              <strong>{titles[m]}</strong>: {texts[m]}
            </label>
          ))}
        </fieldset>
      ) : methods.length === 1 ? (
        <p className="psg-small" data-testid={`fix-plan-${methods[0]}`}>
          {texts[methods[0]!]}
        </p>
      ) : null}
      {!plan.enrollmentCriteria ? <p className="psg-small psg-muted">{t('flowFixNotPossible')}</p> : null}
      {plan.suppressionMissing && plan.suppressionMissing.brands.length > 0 ? (
        <div className="psg-small psg-muted" data-testid="fix-suppression-missing" data-brands={plan.suppressionMissing.brands.join(',')}>
          <p>{t('flowFixSuppressionMissing', names(plan.suppressionMissing.brands))}</p>
          <ul>
            {plan.suppressionMissing.brands.map((b) => (
              <li key={b}>{t('flowFixSuppressionCreate', label(b), plan.suppressionMissing!.propertyLabel)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="psg-actions">
        <button
          type="button"
          className="psg-button psg-primary"
          data-testid="confirm-fix"
          disabled={applying || !method}
          // Only the user fixes: a script in HubSpot's page cannot confirm for them.
          onClick={(e) => isUserAction(e) && method && props.onConfirm(method)}
        >
          {applying ? t('fixApplying') : t('fixConfirm')}
        </button>
        <button type="button" className="psg-button" data-testid="cancel-fix" disabled={applying} onClick={props.onCancel}>
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}
