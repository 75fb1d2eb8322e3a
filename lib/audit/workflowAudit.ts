// The workflow audit engine, one for the workflow page, the options page and
// the command line: orchestration over a HubspotApi (pure functions in workflow.ts).
//   - the lists the criteria and suppression lists reference are resolved first (ListDirectory,
//     shared with the list audit of the same run);
//   - each enrolment branch and re-enrolment trigger is analysed per brand (analyze.ts);
//   - a brand still leaking while a static suppression list exists is checked against that list's
//     members today: when every contact blocked for the brand is a member, the brand is compliant
//     "today", with a warning that the list can go stale (new blocks do not join it by themselves).
import type { Flow } from '../hubspot/api';
import { GatewayError, type Say } from '../hubspot/errors';
import type { ListResolver } from './analyze';
import { describeBranch, describeWitness } from './describe';
import type { FilterBranch } from './filter-types';
import { asBranch, CONTACT_OBJECT_TYPE, describeContext, listBrands, loadBlocked, newRun, type AuditRun, type AuditSetup } from './listAudit';
import { listsAddedBy } from './scope';
import type { BrandSource, WorkflowAudit, WorkflowFinding, WorkflowLeak, WorkflowWarning, WorkflowWriteLeak } from './types';
import { analyzeWorkflow, enrollmentBranches, enrollmentRoot, type EnrollmentCriteriaLike, type WorkflowVerdict } from './workflow';
import { blockWrites, sendsVia } from './workflowActions';
import { DEFAULT_REASON_PROPERTY } from '../defaults';

export function criteriaOf(flow: Flow): EnrollmentCriteriaLike | undefined {
  return flow.enrollmentCriteria as EnrollmentCriteriaLike | undefined;
}

export function flowNotFound(flowId: string, t: Say): GatewayError {
  return new GatewayError('invalid-response', t('errorFlowNotFound', flowId), { status: 404, reason: 'not-found' });
}

/** The brands a workflow is audited for: from its name like a list's, else every brand. */
export function flowBrands(flow: Flow, setup: AuditSetup, override?: readonly string[], source?: 'chosen' | 'argument') {
  return listBrands(flow.name ?? '', setup, override, source);
}

export interface AuditWorkflowOptions extends AuditSetup {
  flowId: string;
  brandsOverride?: readonly string[];
  brandSource?: 'chosen' | 'argument';
}

/** Audits one workflow: reads it, then as auditLoadedFlow. */
export async function auditWorkflow(api: import('../hubspot/api').HubspotApi, opts: AuditWorkflowOptions): Promise<WorkflowAudit> {
  const run = newRun(api, opts);
  opts.onProgress?.({ done: 0, total: null, label: opts.tr.t('auditProgressFlow') });
  const flow = await api.getFlow(opts.flowId, run.call);
  if (!flow) throw flowNotFound(opts.flowId, opts.tr.t);
  const { brands, brandSource } = flowBrands(flow, opts, opts.brandsOverride, opts.brandSource);
  return auditLoadedFlow(run, flow, brands, brandSource);
}

export async function auditLoadedFlow(run: AuditRun, flow: Flow, brands: string[], brandSource: BrandSource): Promise<WorkflowAudit> {
  const criteria = criteriaOf(flow);
  const base: WorkflowAudit = {
    flowId: flow.id,
    name: flow.name ?? '',
    isEnabled: flow.isEnabled ?? false,
    objectTypeId: flow.objectTypeId ?? CONTACT_OBJECT_TYPE,
    enrollmentType: criteria?.type ?? 'MANUAL',
    revisionId: flow.revisionId,
    brands,
    brandSource,
    compliant: true,
    leaks: [],
    suppressionListIds: [...flow.suppressionListIds],
    addsToLists: listsAddedBy(flow),
    availableBrands: run.setup.catalog.map((b) => ({ value: b.value, label: b.label })),
  };
  if ((flow.objectTypeId ?? CONTACT_OBJECT_TYPE) !== CONTACT_OBJECT_TYPE) return { ...base, skipped: 'not-contacts' };
  const writes = flowWrites(flow, run.setup);
  const via = sendsVia(flow.actions);
  if (via.length) base.sendsVia = via;
  if (brands.length === 0) return withFindings(base, [], writes);
  run.setup.onProgress?.({ done: 0, total: null, label: run.setup.tr.t('auditProgressFilters') });

  const flowLike = { enrollmentCriteria: criteria, suppressionListIds: flow.suppressionListIds };
  const { root } = enrollmentRoot(flowLike);
  await run.lists.resolveReferences(root, run.call);
  const resolver = run.lists.resolver();
  let verdicts = analyzeWorkflow(flowLike, { blockProperty: run.setup.blockProperty, brands, resolveList: resolver });

  // Static suppression lists: compliant "today" when they hold every contact blocked for the brand.
  const warnings: WorkflowWarning[] = [];
  const statics = flow.suppressionListIds.filter((id) => {
    const l = run.lists.known(id);
    return l && l.processingType !== 'DYNAMIC';
  });
  const leakingBrands = [...new Set(verdicts.filter((v) => !v.covered).map((v) => v.brand))];
  if (statics.length && leakingBrands.length) {
    await loadBlocked(run);
    const candidates = run.blocked.blockedFor(leakingBrands).map((c) => c.id);
    if (candidates.length) await run.blocked.fetchMemberships(candidates, run.call);
    for (const brand of leakingBrands) {
      const holding = statics.filter((listId) => run.blocked.blockedFor([brand]).every((c) => run.blocked.isMember(listId, c.id)));
      if (holding.length === 0) continue;
      // Today every contact blocked for the brand is in these lists: for the brand's analysis they
      // are "every contact blocked for the brand".
      const today: ListResolver = (id) =>
        holding.includes(id) ? { processingType: 'DYNAMIC', filterBranch: blockedForBranch(run.setup.blockProperty, brand) } : resolver(id);
      const again = analyzeWorkflow(flowLike, { blockProperty: run.setup.blockProperty, brands: [brand], resolveList: today });
      if (again.every((v) => v.covered)) {
        verdicts = verdicts.map((v) => (v.brand === brand ? { ...v, covered: true, witness: undefined, reasons: undefined, assumptions: undefined } : v));
        for (const listId of holding) warnings.push({ kind: 'static-suppression', listId, brand });
      }
    }
  }
  return { ...withFindings(base, workflowLeaks(run, criteria, verdicts), writes), ...(warnings.length ? { warnings } : {}) };
}

/** The actions of a flow that write the block property or the reason property. */
export function flowWrites(flow: Pick<Flow, 'actions'>, setup: Pick<AuditSetup, 'blockProperty' | 'reasonProperty' | 'blockPropertyLabel' | 'propertyLabels'>): WorkflowWriteLeak[] {
  const reason = setup.reasonProperty ?? DEFAULT_REASON_PROPERTY;
  const labels: Record<string, string | undefined> = { [reason]: setup.propertyLabels?.[reason], [setup.blockProperty]: setup.blockPropertyLabel };
  return blockWrites(flow.actions, [setup.blockProperty, reason]).map((w) => (labels[w.property] ? { ...w, propertyLabel: labels[w.property]! } : w));
}

function withFindings(base: WorkflowAudit, enrollment: WorkflowLeak[], writes: WorkflowWriteLeak[]): WorkflowAudit {
  const leaks: WorkflowFinding[] = [...enrollment, ...writes];
  return { ...base, compliant: leaks.length === 0, leaks };
}

/**
 * A flow outside the postal scope that writes the block or the reason property: reported anyway
 * (a write around the product's rules matters whatever the workflow is for), with only these
 * findings; its enrolment is not audited (it stays counted as out of scope). Null when it writes
 * neither. Costs nothing: the flow was read to decide its scope.
 */
export function outOfScopeWrites(flow: Flow, setup: AuditSetup): WorkflowAudit | null {
  if ((flow.objectTypeId ?? CONTACT_OBJECT_TYPE) !== CONTACT_OBJECT_TYPE) return null;
  const writes = flowWrites(flow, setup);
  if (writes.length === 0) return null;
  return {
    flowId: flow.id,
    name: flow.name ?? '',
    isEnabled: flow.isEnabled ?? false,
    objectTypeId: flow.objectTypeId ?? CONTACT_OBJECT_TYPE,
    enrollmentType: criteriaOf(flow)?.type ?? 'MANUAL',
    revisionId: flow.revisionId,
    brands: [],
    brandSource: 'all',
    compliant: false,
    leaks: writes,
    suppressionListIds: [...flow.suppressionListIds],
    addsToLists: listsAddedBy(flow),
    inScope: false,
    skipped: 'out-of-scope',
    availableBrands: setup.catalog.map((b) => ({ value: b.value, label: b.label })),
  };
}

function blockedForBranch(blockProperty: string, brand: string): FilterBranch {
  return {
    filterBranchType: 'OR',
    filterBranchOperator: 'OR',
    filters: [],
    filterBranches: [
      {
        filterBranchType: 'AND',
        filterBranchOperator: 'AND',
        filters: [{ filterType: 'PROPERTY', property: blockProperty, operation: { operationType: 'ENUMERATION', operator: 'IS_ANY_OF', values: [brand] } }],
        filterBranches: [],
      },
    ],
  };
}

function workflowLeaks(run: AuditRun, criteria: EnrollmentCriteriaLike | undefined, verdicts: WorkflowVerdict[]): WorkflowLeak[] {
  const ctx = describeContext(run);
  const branches = enrollmentBranches(criteria);
  const out: WorkflowLeak[] = [];
  for (const v of verdicts) {
    if (v.covered) continue;
    const witness = v.witness ?? {};
    const b = branches[v.branch];
    out.push({
      kind: 'enrollment-branch',
      branch: v.branch,
      brand: v.brand,
      witness,
      source: v.source,
      ...(b && b.source !== 'manual' ? { branchSummary: describeBranch(asBranch(b.node), ctx) } : {}),
      witnessSummary: describeWitness(witness, ctx),
      ...(v.reasons?.length ? { reasons: v.reasons } : {}),
    });
  }
  return out;
}
