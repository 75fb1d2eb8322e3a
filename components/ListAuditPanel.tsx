import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { Leak, ListAudit, Progress, Witness } from '../lib/audit/types';
import { brandLabel } from '../lib/domain/brands';
import { ERROR_KINDS, type ErrorKind, type GatewayErrorData } from '../lib/hubspot/errors';
import { t, tn } from '../lib/i18n';
import type { ListFixPlan } from '../lib/messaging';
import { contactPageUrl } from '../lib/page/urls';
import { ErrorBox } from './ErrorBox';
import { ListBrandPicker } from './ListBrandPicker';
import { typeLabel } from '../lib/audit/presentation';
import { isUserAction } from './userAction';

/** `data-verdict` of the list panel (docs/contract.md). */
export type ListVerdict = 'checking' | 'compliant' | 'leaks' | 'error';

export function listVerdict(loading: boolean, audit: ListAudit | null, error: GatewayErrorData | null): ListVerdict {
  if (loading) return 'checking';
  if (!audit) return error ? 'error' : 'checking';
  if (audit.error) return 'error';
  return audit.compliant ? 'compliant' : 'leaks';
}

export interface ListAuditPanelProps {
  listId: string;
  portalId: string;
  /** Host of the HubSpot page the panel sits in: contact links stay on it. */
  host: string;
  /** An audit (or a fix with its re-audit) is running. */
  loading: boolean;
  /** The latest audit; kept while a new one runs. */
  audit: ListAudit | null;
  /** The failed audit (no audit shown) or the last failed action (brands, fix). */
  error: GatewayErrorData | null;
  progress: Progress | null;
  /** Stores the list's brands (null: detect from the name again) and audits again. */
  onChangeBrands: (brands: string[] | null) => void;
  /** What the fix would send. Nothing is changed in HubSpot. Null when it failed (see `error`). */
  onPlanFix: (brands: string[]) => Promise<ListFixPlan | null>;
  /** Sends the plan to HubSpot; resolves to the re-audit, or null when it failed (see `error`). */
  onApplyFix: (plan: ListFixPlan) => Promise<ListAudit | null>;
  onReaudit: () => void;
  onOpenOptions?: () => void;
  /** The clean export for the mail house (shown under an audited contact list). */
  exportSlot?: ReactNode;
}

type FixStep =
  | { step: 'idle' }
  | { step: 'planning'; audit: ListAudit }
  | { step: 'confirm'; audit: ListAudit; plan: ListFixPlan }
  | { step: 'applying'; audit: ListAudit; plan: ListFixPlan }
  | { step: 'done'; audit: ListAudit };

const FIXABLE = new Set(['DYNAMIC', 'MANUAL', 'SNAPSHOT']);

/** Splits a translated sentence at a marker and puts a node (a link) there. */
const MARK = '\u0000';
function withNode(text: string, node: ReactNode): ReactNode {
  const [before, ...rest] = text.split(MARK);
  return (
    <>
      {before}
      {node}
      {rest.join('')}
    </>
  );
}

function uniq<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

function makeLabeler(audit: ListAudit | null) {
  const one = (v: string) => brandLabel(audit?.availableBrands ?? [], v);
  return { one, many: (vs: string[]) => vs.map(one).join(', ') };
}

/** "z. B. ein Kontakt mit country = Schweiz" when the engine gave no summary of the witness. */
export function witnessText(leak: { brand: string; witness: Witness; witnessSummary?: string }): string {
  if (leak.witnessSummary) return leak.witnessSummary;
  const parts = Object.entries(leak.witness)
    // The block property carries the leaking brand; the sentence names the brand already.
    .filter(([, v]) => !(v ?? '').split(';').includes(leak.brand))
    .map(([name, v]) => (v === null || v === '' ? t('witnessNoValue', name) : `${name} = ${v}`));
  return parts.length ? t('witnessExample', parts.join(', ')) : '';
}

/** The words of one finding, branch numbers 1-based for people. */
export function branchLeakText(leak: { branch: number; brand: string; witness: Witness; branchSummary?: string; witnessSummary?: string }, brandLabel: string): string {
  const head = leak.branchSummary
    ? t('leakBranchWithSummary', leak.branch + 1, leak.branchSummary, brandLabel)
    : t('leakBranchNoSummary', leak.branch + 1, brandLabel);
  const example = witnessText(leak);
  return example ? `${head}, ${example}.` : `${head}.`;
}

/** The values of the exclusion the plan adds to root child `branch`, read from what is sent. */
export function exclusionValuesOf(filterBranch: unknown, branch: number): string[] | null {
  if (!filterBranch || typeof filterBranch !== 'object') return null;
  const kids = (filterBranch as { filterBranches?: unknown }).filterBranches;
  const child = Array.isArray(kids) ? (kids[branch] as { filters?: unknown } | undefined) : undefined;
  const filters = Array.isArray(child?.filters) ? (child.filters as unknown[]) : [];
  for (let i = filters.length - 1; i >= 0; i--) {
    const op = (filters[i] as { operation?: { operator?: unknown; values?: unknown } } | undefined)?.operation;
    if (op?.operator === 'IS_NONE_OF' && Array.isArray(op.values)) return op.values.map(String);
  }
  return null;
}

function asErrorData(e: { kind: string; message: string }): GatewayErrorData {
  const kind = (ERROR_KINDS as readonly string[]).includes(e.kind) ? (e.kind as ErrorKind) : 'invalid-response';
  return { kind, message: e.message, detail: {} };
}

/** The list audit panel: verdict, brands, findings in words, and the confirmed one-click fix. */
export function ListAuditPanel(props: ListAuditPanelProps) {
  const { listId, portalId, host, loading, audit, error, progress } = props;
  const [collapsed, setCollapsed] = useState(false);
  const [picking, setPicking] = useState(false);
  const [fix, setFix] = useState<FixStep>({ step: 'idle' });
  const ids = { title: useId(), findings: useId(), confirm: useId(), progress: useId() };
  const confirmHeadingRef = useRef<HTMLHeadingElement>(null);
  const fixButtonRef = useRef<HTMLButtonElement>(null);
  const brandsButtonRef = useRef<HTMLButtonElement>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  const focusAfter = useRef<'fix' | 'brands' | null>(null);

  const verdict = listVerdict(loading, audit, error);
  const label = makeLabeler(audit);
  // A plan or a "done" note belongs to the audit it was made for; a newer audit drops it.
  const current = fix.step !== 'idle' && fix.audit === audit ? fix : ({ step: 'idle' } as const);
  const busy = loading || current.step === 'planning' || current.step === 'applying';

  useEffect(() => {
    if (current.step === 'confirm') confirmHeadingRef.current?.focus();
    else if (current.step === 'done') doneRef.current?.focus();
  }, [current.step]);
  useEffect(() => {
    if (focusAfter.current === 'fix' && fixButtonRef.current) {
      fixButtonRef.current.focus();
      focusAfter.current = null;
    } else if (focusAfter.current === 'brands' && brandsButtonRef.current && !loading) {
      brandsButtonRef.current.focus();
      focusAfter.current = null;
    }
  });

  const leaks = audit && !audit.error && !audit.skipped ? audit.leaks : [];
  const branchLeaks = leaks.filter((l): l is Extract<Leak, { kind: 'filter-branch' }> => l.kind === 'filter-branch');
  const memberLeaks = leaks.filter((l): l is Extract<Leak, { kind: 'member' }> => l.kind === 'member');
  const leakingBranches = uniq(branchLeaks.map((l) => l.branch)).sort((a, b) => a - b);
  const blockedMembers = uniq(memberLeaks.map((l) => l.recordId)).length;
  const memberName = (id: string) => memberLeaks.find((l) => l.recordId === id && l.name)?.name ?? t('contactFallbackName', id);
  const contactLink = (id: string, text: string) => {
    let href: string | null;
    try {
      href = contactPageUrl(host, portalId, id);
    } catch {
      href = null; // an id that is no HubSpot id gets no link
    }
    return href ? (
      <a href={href} target="_blank" rel="noopener noreferrer">
        {text}
      </a>
    ) : (
      <span>{text}</span>
    );
  };
  const canFix = !!audit && leaks.length > 0 && FIXABLE.has(audit.processingType);

  const startFix = async () => {
    if (!audit) return;
    setFix({ step: 'planning', audit });
    const plan = await props.onPlanFix(audit.brands);
    setFix(plan ? { step: 'confirm', audit, plan } : { step: 'idle' });
    if (!plan) focusAfter.current = 'fix';
  };
  const cancelFix = () => {
    focusAfter.current = 'fix';
    setFix({ step: 'idle' });
  };
  const confirmFix = async (plan: ListFixPlan) => {
    if (!audit) return;
    setFix({ step: 'applying', audit, plan });
    const after = await props.onApplyFix(plan);
    setFix(after ? { step: 'done', audit: after } : { step: 'idle' });
  };

  // Keys typed in the panel are ours: HubSpot's keyboard shortcuts must not see them.
  const stopHost = (e: KeyboardEvent) => e.stopPropagation();

  const scopeNote =
    error?.kind === 'scope' && (!error.detail.missingScopes || error.detail.missingScopes.includes('crm.lists.write')) && audit !== null ? (
      <p className="psg-warn psg-small">{t('fixNeedsListsWrite')}</p>
    ) : null;
  const shownError = error ?? (audit?.error ? asErrorData(audit.error) : null);

  return (
    <section
      className="psg-panel psg-list-panel"
      data-testid="list-audit-panel"
      data-verdict={verdict}
      data-list-id={listId}
      aria-labelledby={ids.title}
      aria-busy={busy}
      onKeyDown={stopHost}
      onKeyUp={stopHost}
      onKeyPress={stopHost}
    >
      <header className="psg-header">
        <h2 id={ids.title} className="psg-title">
          {t('listPanelTitle')}
        </h2>
        <button type="button" className="psg-link" aria-expanded={!collapsed} onClick={() => setCollapsed((c) => !c)}>
          <span aria-hidden="true">{collapsed ? '▸' : '▾'}</span>
          <span className="psg-sr">{t('collapsePanel')}</span>
        </button>
      </header>

      <p className={`psg-verdict psg-verdict-${audit?.skipped ? 'skipped' : verdict}`} role="status" aria-live="polite">
        {verdict === 'checking'
          ? t('listChecking')
          : verdict === 'error'
            ? t('verdictError')
            : audit?.skipped
              ? t('listNotContacts')
              : verdict === 'compliant'
                ? t('listCompliant')
                : leaks.length === 1
                  ? t('listLeaksOne')
                  : t('listLeaks', leaks.length)}
      </p>

      {current.step === 'done' && !loading ? (
        <p ref={doneRef} tabIndex={-1} className="psg-done" data-testid="fix-done">
          {t('fixDone')}
        </p>
      ) : null}

      {loading && progress ? (
        <div className="psg-progress">
          <label id={ids.progress} className="psg-small psg-muted">
            {progress.total !== null ? `${t('listProgress', progress.done, progress.total)} · ` : ''}
            {progress.label}
          </label>
          {progress.total !== null ? (
            <progress aria-labelledby={ids.progress} value={progress.done} max={Math.max(progress.total, 1)} />
          ) : (
            <progress aria-labelledby={ids.progress} />
          )}
        </div>
      ) : null}

      {scopeNote}
      {shownError ? <ErrorBox error={shownError} onRetry={props.onReaudit} onOpenOptions={props.onOpenOptions} /> : null}

      {audit && !collapsed ? (
        <>
          <p className="psg-small psg-muted">
            <strong>{audit.name}</strong> · {t('listTypeLine', typeLabel(audit.processingType))}
            {audit.size !== undefined ? ` · ${tn(audit.skipped ? 'listSizeRecords' : 'listSizeLine', audit.size, audit.size)}` : ''}
          </p>
          {audit.inScope !== undefined ? (
            <p className="psg-small" data-testid="scope-status" data-in-scope={String(audit.inScope)}>
              {audit.inScope ? t('scopeInScope') : t('scopeOutOfScope')}
            </p>
          ) : null}

          {!audit.skipped ? (
            <div className="psg-list-brands">
              <span className="psg-label psg-inline">{t('listBrandsLabel')}:</span>
              <ul className="psg-chips" aria-label={t('listBrandsLabel')}>
                {audit.brands.map((b) => (
                  <li key={b} className="psg-chip" data-testid="list-brand" data-brand={b}>
                    {label.one(b)}
                  </li>
                ))}
              </ul>
              <span className="psg-small psg-muted">
                {audit.brandSource === 'detected'
                  ? t('listBrandsDetected')
                  : audit.brandSource === 'chosen'
                    ? t('listBrandsChosen')
                    : audit.brandSource === 'argument'
                      ? t('listBrandsArgument')
                      : t('listBrandsAll')}
              </span>
              {picking ? (
                <ListBrandPicker
                  available={audit.availableBrands ?? audit.brands.map((b) => ({ value: b, label: b }))}
                  initial={audit.brands}
                  busy={busy}
                  onApply={(brands) => {
                    setPicking(false);
                    focusAfter.current = 'brands';
                    props.onChangeBrands(brands);
                  }}
                  onReset={() => {
                    setPicking(false);
                    focusAfter.current = 'brands';
                    props.onChangeBrands(null);
                  }}
                  onCancel={() => {
                    setPicking(false);
                    focusAfter.current = 'brands';
                  }}
                />
              ) : (
                <div className="psg-actions">
                  <button
                    type="button"
                    ref={brandsButtonRef}
                    className="psg-button"
                    data-testid="list-brands-change"
                    disabled={busy || current.step === 'confirm'}
                    onClick={() => setPicking(true)}
                  >
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

          {leaks.length > 0 ? (
            <>
              <h3 id={ids.findings} className="psg-subtitle">
                {t('listFindingsHeading')} ({leaks.length})
              </h3>
              <ul className="psg-leaks" aria-labelledby={ids.findings}>
                {leaks.map((l, i) =>
                  l.kind === 'filter-branch' ? (
                    <li key={`b-${l.branch}-${l.brand}-${i}`} data-testid="leak" data-kind="filter-branch" data-brand={l.brand} data-branch={String(l.branch)}>
                      {branchLeakText(l, label.one(l.brand))}
                      {l.reasons?.length ? (
                        <span className="psg-muted psg-small psg-block">
                          {t('leakAssumption')} <span className="psg-tech">{t('errorTechnical', l.reasons.join(', '))}</span>
                        </span>
                      ) : null}
                    </li>
                  ) : (
                    <li key={`m-${l.recordId}-${l.brand}-${i}`} data-testid="leak" data-kind="member" data-brand={l.brand} data-record-id={l.recordId}>
                      {withNode(t('leakMember', MARK, label.one(l.brand)), contactLink(l.recordId, l.name ?? t('contactFallbackName', l.recordId)))}
                    </li>
                  ),
                )}
              </ul>
            </>
          ) : null}

          {audit.fixNote ? (
            <p className="psg-warn psg-small" role="alert" data-testid="fix-note">
              {audit.fixNote}
            </p>
          ) : null}

          {canFix && (current.step === 'idle' || current.step === 'planning') ? (
            <div className="psg-fix">
              <p className="psg-small">
                {audit.processingType === 'DYNAMIC'
                  ? t(
                      leakingBranches.length === 1 ? 'fixDynamicOne' : 'fixDynamic',
                      leakingBranches.map((b) => b + 1).join(', '),
                      t('blockPropertyDefaultLabel'),
                      label.many(uniq(branchLeaks.map((l) => l.brand))),
                    )
                  : tn('fixStatic', blockedMembers, blockedMembers)}
              </p>
              <div className="psg-actions">
                <button type="button" ref={fixButtonRef} className="psg-button psg-primary" data-testid="fix-leaks" disabled={busy} onClick={(e) => isUserAction(e) && void startFix()}>
                  {current.step === 'planning' ? t('fixPlanning') : t('fixLeaks')}
                </button>
              </div>
            </div>
          ) : null}

          {current.step === 'confirm' || current.step === 'applying' ? (
            <div
              className="psg-confirm"
              role="group"
              aria-labelledby={ids.confirm}
              data-testid="fix-confirm"
              onKeyDown={(e) => {
                if (e.key === 'Escape' && current.step === 'confirm') {
                  e.preventDefault();
                  cancelFix();
                }
              }}
            >
              <h3 id={ids.confirm} ref={confirmHeadingRef} tabIndex={-1} className="psg-subtitle">
                {t('fixConfirmTitle')}
              </h3>
              <FixPlanView
                plan={current.plan}
                audit={audit}
                brandLabels={label.many}
                contactLine={(id) => contactLink(id, memberName(id))}
              />
              <div className="psg-actions">
                <button
                  type="button"
                  className="psg-button psg-primary"
                  data-testid="confirm-fix"
                  disabled={current.step === 'applying' || planIsEmpty(current.plan)}
                  // Only the user fixes: a script in HubSpot's page cannot confirm for them.
                  onClick={(e) => isUserAction(e) && void confirmFix(current.plan)}
                >
                  {current.step === 'applying' ? t('fixApplying') : t('fixConfirm')}
                </button>
                <button type="button" className="psg-button" data-testid="cancel-fix" disabled={current.step === 'applying'} onClick={cancelFix}>
                  {t('cancel')}
                </button>
              </div>
            </div>
          ) : null}
        </>
      ) : null}
      {audit && !collapsed && !audit.skipped ? props.exportSlot : null}
    </section>
  );
}

function planIsEmpty(plan: ListFixPlan): boolean {
  return (plan.branches?.length ?? 0) === 0 && (plan.removeRecordIds?.length ?? 0) === 0;
}

/** Exactly what applyListFix will send, in words; the JSON for the curious. */
function FixPlanView({
  plan,
  audit,
  brandLabels,
  contactLine,
}: {
  plan: ListFixPlan;
  audit: ListAudit;
  brandLabels: (values: string[]) => string;
  contactLine: (id: string) => ReactNode;
}) {
  if (planIsEmpty(plan)) return <p>{t('fixNothing')}</p>;
  const summaries = new Map<number, string>();
  for (const l of audit.leaks) if (l.kind === 'filter-branch' && l.branchSummary) summaries.set(l.branch, l.branchSummary);
  const leakBrands = (b: number) => uniq(audit.leaks.filter((l) => l.kind === 'filter-branch' && l.branch === b).map((l) => l.brand));
  return (
    <>
      {plan.branches?.length ? (
        <ul className="psg-plan" data-testid="fix-plan-branches">
          {plan.branches.map((b) => {
            const values = exclusionValuesOf(plan.filterBranch, b) ?? (leakBrands(b).length ? leakBrands(b) : plan.brands);
            return (
              <li key={b} data-branch={String(b)}>
                {t('fixBranchAdd', b + 1, t('blockPropertyDefaultLabel'), brandLabels(values))}
                {summaries.get(b) ? <span className="psg-muted psg-small psg-block">{summaries.get(b)}</span> : null}
                {plan.emptiedBranches?.includes(b) ? (
                  <span className="psg-warn psg-small psg-block" role="alert" data-testid="fix-empties-branch">
                    {t('fixEmptiesBranch', b + 1)}
                  </span>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {plan.removeRecordIds?.length ? (
        <>
          <p>{tn('fixRemoveIntro', plan.removeRecordIds.length, plan.removeRecordIds.length)}</p>
          <ul className="psg-plan" data-testid="fix-plan-members">
            {plan.removeRecordIds.map((id) => (
              <li key={id} data-record-id={id}>
                {contactLine(id)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {plan.filterBranch !== undefined ? (
        <details className="psg-details">
          <summary className="psg-small">{t('fixTechnical')}</summary>
          <pre className="psg-reason">{JSON.stringify(plan.filterBranch, null, 2)}</pre>
        </details>
      ) : null}
    </>
  );
}
