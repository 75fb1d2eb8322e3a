// Fixing a workflow, in two explicit steps like a list (listFix.ts): a plan the user sees and
// confirms, then applying it. Nothing is written without applyWorkflowFix.
//   - the plan: the enrolment criteria with "block property is none of <leaking brands>" added to
//     each leaking enrolment branch and re-enrolment trigger (workflow.ts), and the revisionId the
//     flow was read with; and the alternative (workflowSuppression.ts): the portal's active
//     list(s) holding every contact blocked for the leaking brands, to be added to the flow's
//     suppression lists, the only way for manual enrolment (when none qualifies, the plan says for
//     which brands);
//   - applying the way the user chose (`method`): the flow is read again; when its revision moved
//     on, or HubSpot refuses the PUT as a stale revision (409), nothing is written and a fresh plan
//     comes back for the user to confirm again (never clobber someone else's edit). Otherwise the
//     whole flow is PUT with the revision read and the new criteria, or the suppression list ids
//     appended, and audited again.
import type { Flow, HubspotApi } from '../hubspot/api';
import { isGatewayError } from '../hubspot/errors';
import { gatewayError } from '../hubspot/messages';
import { fingerprint } from './filters';
import { newRun } from './listAudit';
import type { WorkflowAudit } from './types';
import { fixEnrollment } from './workflow';
import { enrollmentLeaks } from './workflowActions';
import { auditLoadedFlow, criteriaOf, flowBrands, flowNotFound, type AuditWorkflowOptions } from './workflowAudit';
import { fixMethod, type WorkflowFixMethod, type WorkflowFixPlan } from './workflowPlan';
import { chooseSuppressionLists, findSuppressionCandidates } from './workflowSuppression';

export type { WorkflowFixMethod, WorkflowFixPlan } from './workflowPlan';

export const AUTOMATION_SCOPE = 'automation';

/** `withSuppression: false` leaves out the search for suppression lists (a re-audit needs none). */
export async function planWorkflowFix(
  api: HubspotApi,
  opts: AuditWorkflowOptions,
  { withSuppression = true }: { withSuppression?: boolean } = {},
): Promise<{ plan: WorkflowFixPlan; audit: WorkflowAudit; flow: Flow }> {
  const run = newRun(api, opts);
  const flow = await api.getFlow(opts.flowId, run.call);
  if (!flow) throw flowNotFound(opts.flowId, opts.tr.t);
  const { brands, brandSource } = flowBrands(flow, opts, opts.brandsOverride, opts.brandSource);
  const audit = await auditLoadedFlow(run, flow, brands, brandSource);
  const plan: WorkflowFixPlan = { flowId: flow.id, revisionId: flow.revisionId, brands: audit.brands, branches: [] };
  // Only enrolment leaks have a fix here; an action writing the block is for the user to remove.
  const enrol = enrollmentLeaks(audit);
  if (enrol.length === 0 || audit.skipped) return { plan, audit, flow };
  plan.branches = [...new Set(enrol.map((l) => l.branch))].sort((a, b) => a - b);
  const fixed = fixEnrollment(criteriaOf(flow), enrol, opts.blockProperty);
  if (fixed) plan.enrollmentCriteria = fixed as Record<string, unknown>;
  if (!withSuppression) return { plan, audit, flow };
  const leaking = [...new Set(enrol.map((l) => l.brand))];
  opts.onProgress?.({ done: 0, total: null, label: opts.tr.t('flowFixFindingLists') });
  const candidates = await findSuppressionCandidates(run, leaking, flow.suppressionListIds);
  const chosen = chooseSuppressionLists(candidates, leaking, audit.brands);
  if (chosen) {
    plan.suppression = {
      listIds: chosen.map((c) => c.listId),
      lists: chosen.map((c) => ({ listId: c.listId, name: c.name, brands: c.brands, exact: !!c.exactBrands })),
    };
  } else {
    const held = new Set(candidates.flatMap((c) => c.brands));
    plan.suppressionMissing = { brands: leaking.filter((b) => !held.has(b)), propertyLabel: opts.blockPropertyLabel ?? opts.blockProperty };
  }
  return { plan, audit, flow };
}

export type WorkflowFixResult =
  | { status: 'applied'; audit: WorkflowAudit }
  /** The flow changed since the plan (new revision, or HubSpot refused a stale one): confirm this plan. */
  | { status: 'replanned'; plan: WorkflowFixPlan; audit: WorkflowAudit };

/** A refusal of the revision sent: 409, or a 400 whose message names the revision (docs/hubspot-workflows.md). */
function staleRevision(e: unknown): boolean {
  if (!isGatewayError(e)) return false;
  if (e.kind === 'conflict') return true;
  return e.detail.status === 400 && /revision/i.test(e.detail.hubspotMessage ?? e.message);
}

function writeError(e: unknown): unknown {
  if (isGatewayError(e) && e.kind === 'scope') {
    return gatewayError('scope', { ...e.detail, missingScopes: [...new Set([...(e.detail.missingScopes ?? []), AUTOMATION_SCOPE])] });
  }
  return e;
}

export async function applyWorkflowFix(api: HubspotApi, plan: WorkflowFixPlan, opts: Omit<AuditWorkflowOptions, 'flowId' | 'brandsOverride'>): Promise<WorkflowFixResult> {
  const shared: AuditWorkflowOptions = { ...opts, flowId: plan.flowId, brandsOverride: plan.brands };
  const method = fixMethod(plan);
  // The user's choice stays with a fresh plan when that way is still possible there.
  const replan = async (): Promise<WorkflowFixResult> => {
    const again = await planWorkflowFix(api, shared);
    return { status: 'replanned', plan: keepMethod(again.plan, method), audit: again.audit };
  };
  const fresh = await planWorkflowFix(api, shared, { withSuppression: method === 'suppression' });
  if (enrollmentLeaks(fresh.audit).length === 0) return { status: 'applied', audit: fresh.audit };
  const same = fresh.plan.revisionId === plan.revisionId && samePlanned(method, plan, fresh.plan);
  if (!same) return method === 'suppression' ? { status: 'replanned', plan: keepMethod(fresh.plan, method), audit: fresh.audit } : replan();
  opts.onProgress?.({ done: 0, total: null, label: opts.tr.t('fixApplying') });
  const next: Flow =
    method === 'suppression'
      ? { ...fresh.flow, suppressionListIds: [...new Set([...fresh.flow.suppressionListIds, ...plan.suppression!.listIds])], revisionId: plan.revisionId }
      : { ...fresh.flow, enrollmentCriteria: plan.enrollmentCriteria as Flow['enrollmentCriteria'], revisionId: plan.revisionId };
  try {
    await api.updateFlow(next);
  } catch (e) {
    if (staleRevision(e)) return replan();
    throw writeError(e);
  }
  const after = await planWorkflowFix(api, shared, { withSuppression: false });
  return { status: 'applied', audit: after.audit };
}

/** The fresh plan would write exactly what the user confirmed. */
function samePlanned(method: WorkflowFixMethod | null, plan: WorkflowFixPlan, fresh: WorkflowFixPlan): boolean {
  if (method === 'enrollment') return !!fresh.enrollmentCriteria && fingerprint(fresh.enrollmentCriteria) === fingerprint(plan.enrollmentCriteria);
  if (method === 'suppression') return !!fresh.suppression && fingerprint(fresh.suppression.listIds) === fingerprint(plan.suppression!.listIds);
  return false;
}

function keepMethod(plan: WorkflowFixPlan, method: WorkflowFixMethod | null): WorkflowFixPlan {
  return method && fixMethod({ ...plan, method }) === method ? { ...plan, method } : plan;
}
