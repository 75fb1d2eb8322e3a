// The workflow journeys of the gateway (issue 11): audit one workflow for its page (with whether it
// is in the postal scope), plan its fix, apply the confirmed plan. Brands chosen for a workflow are
// kept like a list's (brandChoices.ts, key `${portalId}:flow:${flowId}`).
import { flowInScope, scopeConfigured } from '../audit/scope';
import type { Progress, WorkflowAudit } from '../audit/types';
import { auditWorkflow } from '../audit/workflowAudit';
import { applyWorkflowFix, planWorkflowFix, type WorkflowFixPlan, type WorkflowFixResult } from '../audit/workflowFix';
import { brandsFor, choiceForPage, postalListIds, setListBrands, setupFor } from './audit';
import { flowChoiceKey } from './brandChoices';
import type { GatewaySession } from './session';

async function withScope(session: GatewaySession, audit: WorkflowAudit): Promise<WorkflowAudit> {
  const scope = session.settings.postalScope;
  if (!scopeConfigured(scope)) return audit;
  const postal = await postalListIds(session, audit.addsToLists);
  const flow = { id: audit.flowId, name: audit.name, actions: audit.addsToLists.map((listId) => ({ actionTypeId: '0-63809083', fields: { listId } })) };
  return { ...audit, inScope: flowInScope(flow, scope, postal) };
}

export async function auditWorkflowForPage(
  session: GatewaySession,
  args: { portalId: string; flowId: string; brands?: string[] },
  progress?: (p: Progress) => void,
): Promise<WorkflowAudit> {
  await session.checkPortal(args.portalId);
  const setup = await setupFor(session, progress);
  const chosen = await choiceForPage(session, flowChoiceKey(args.portalId, args.flowId));
  const audit = await auditWorkflow(session.api, { ...setup, flowId: args.flowId, ...brandsFor(chosen, args.brands) });
  return withScope(session, audit);
}

/** Stores (or with null / [] clears) the brands a workflow is audited for: the list path, under
 *  the workflow's key. */
export function setFlowBrands(session: GatewaySession, args: { portalId: string; flowId: string; brands: string[] | null }): Promise<null> {
  return setListBrands(session, { portalId: args.portalId, listId: args.flowId, brands: args.brands }, flowChoiceKey(args.portalId, args.flowId));
}

export async function planWorkflowFixForPage(
  session: GatewaySession,
  args: { portalId: string; flowId: string; brands: string[] },
  progress?: (p: Progress) => void,
): Promise<WorkflowFixPlan> {
  await session.checkPortal(args.portalId);
  const setup = await setupFor(session, progress);
  const chosen = await session.env.brandChoices.get(flowChoiceKey(args.portalId, args.flowId));
  const { plan } = await planWorkflowFix(session.api, { ...setup, flowId: args.flowId, ...brandsFor(chosen, args.brands) });
  return plan;
}

export async function applyWorkflowFixForPage(
  session: GatewaySession,
  args: { portalId: string; plan: WorkflowFixPlan },
  progress?: (p: Progress) => void,
): Promise<WorkflowFixResult> {
  // The plan crossed the port (its shape checked by the router); the engine re-reads the flow and
  // writes only when it is still at the plan's revision with the same planned criteria.
  await session.checkPortal(args.portalId);
  const setup = await setupFor(session, progress);
  const r = await applyWorkflowFix(session.api, args.plan, setup);
  return { ...r, audit: await withScope(session, r.audit) };
}
