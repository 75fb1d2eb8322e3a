// Fixing a workflow, in two explicit steps like a list (listFix.ts): a plan the user sees and
// confirms, then applying it. Nothing is written without applyWorkflowFix.
//   - the plan: the enrolment criteria with "block property is none of <leaking brands>" added to
//     each leaking enrolment branch and re-enrolment trigger (workflow.ts), and the revisionId the
//     flow was read with;
//   - applying: the flow is read again; when its revision moved on, or HubSpot refuses the PUT as a
//     stale revision (409), nothing is written and a fresh plan comes back for the user to confirm
//     again (never clobber someone else's edit). Otherwise the whole flow is PUT with the revision
//     read and the new criteria, and audited again.
import type { Flow, HubspotApi } from '../hubspot/api';
import { isGatewayError } from '../hubspot/errors';
import { gatewayError } from '../hubspot/messages';
import { t } from '../i18n';
import { fingerprint } from './filters';
import { newRun } from './listAudit';
import type { WorkflowAudit } from './types';
import { fixEnrollment } from './workflow';
import { auditLoadedFlow, criteriaOf, flowBrands, flowNotFound, type AuditWorkflowOptions } from './workflowAudit';

export interface WorkflowFixPlan {
  flowId: string;
  /** The revision the plan was made from; the write is sent with it. */
  revisionId: string;
  brands: string[];
  /** The enrolment branches that get the exclusion. */
  branches: number[];
  /** The criteria that would be sent; absent when no filter can close the leak (manual enrolment). */
  enrollmentCriteria?: Record<string, unknown>;
}

export const AUTOMATION_SCOPE = 'automation';

export async function planWorkflowFix(api: HubspotApi, opts: AuditWorkflowOptions): Promise<{ plan: WorkflowFixPlan; audit: WorkflowAudit; flow: Flow }> {
  const run = newRun(api, opts);
  const flow = await api.getFlow(opts.flowId, run.call);
  if (!flow) throw flowNotFound(opts.flowId);
  const { brands, brandSource } = flowBrands(flow, opts, opts.brandsOverride, opts.brandSource);
  const audit = await auditLoadedFlow(run, flow, brands, brandSource);
  const plan: WorkflowFixPlan = { flowId: flow.id, revisionId: flow.revisionId, brands: audit.brands, branches: [] };
  if (audit.compliant || audit.skipped) return { plan, audit, flow };
  plan.branches = [...new Set(audit.leaks.map((l) => l.branch))].sort((a, b) => a - b);
  const fixed = fixEnrollment(criteriaOf(flow), audit.leaks, opts.blockProperty);
  if (fixed) plan.enrollmentCriteria = fixed as Record<string, unknown>;
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
  const fresh = await planWorkflowFix(api, shared);
  if (fresh.audit.compliant) return { status: 'applied', audit: fresh.audit };
  const same =
    fresh.plan.revisionId === plan.revisionId &&
    !!plan.enrollmentCriteria &&
    !!fresh.plan.enrollmentCriteria &&
    fingerprint(fresh.plan.enrollmentCriteria) === fingerprint(plan.enrollmentCriteria);
  if (!same) return { status: 'replanned', plan: fresh.plan, audit: fresh.audit };
  opts.onProgress?.({ done: 0, total: null, label: t('fixApplying') });
  try {
    await api.updateFlow({ ...fresh.flow, enrollmentCriteria: plan.enrollmentCriteria as Flow['enrollmentCriteria'], revisionId: plan.revisionId });
  } catch (e) {
    if (staleRevision(e)) {
      const again = await planWorkflowFix(api, shared);
      return { status: 'replanned', plan: again.plan, audit: again.audit };
    }
    throw writeError(e);
  }
  const after = await planWorkflowFix(api, shared);
  return { status: 'applied', audit: after.audit };
}
