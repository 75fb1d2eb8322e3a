// List and portal audits through the gateway (issues 4 and 5). The journeys are in audit.ts;
// here they are bound to a session per call, with the caller's abort signal and progress.
import { defineHandlers, type CallContext } from '../port/contract';
import { applyListFixForPage, auditListForPage, planListFixForPage, portalAuditForOptions, setListBrands } from './audit';
import type { HandlerEnv } from './handlers';
import { applyWorkflowFixForPage, auditWorkflowForPage, planWorkflowFixForPage, setFlowBrands } from './workflowAudit';
import { GatewaySession } from './session';

export function createAuditHandlers(env: HandlerEnv) {
  // HubSpot's retries show as progress ("HubSpot antwortet nicht, neuer Versuch …"), as for contacts.
  const open = (ctx: Pick<CallContext, 'signal' | 'progress' | 'tr'>) =>
    GatewaySession.open(env, ctx.signal, () => ctx.progress({ done: 0, total: null, label: ctx.tr.t('retrying') }), ctx.tr);
  return defineHandlers({
    async auditList(args, ctx) {
      return auditListForPage(await open(ctx), args, ctx.progress);
    },
    async setListBrands(args, ctx) {
      return setListBrands(await open(ctx), args);
    },
    async planListFix(args, ctx) {
      return planListFixForPage(await open(ctx), args, ctx.progress);
    },
    async applyListFix(args, ctx) {
      return applyListFixForPage(await open(ctx), args, ctx.progress);
    },
    async auditWorkflow(args, ctx) {
      return auditWorkflowForPage(await open(ctx), args, ctx.progress);
    },
    async setFlowBrands(args, ctx) {
      return setFlowBrands(await open(ctx), args);
    },
    async planWorkflowFix(args, ctx) {
      return planWorkflowFixForPage(await open(ctx), args, ctx.progress);
    },
    async applyWorkflowFix(args, ctx) {
      return applyWorkflowFixForPage(await open(ctx), args, ctx.progress);
    },
    async portalAudit(args, ctx) {
      return portalAuditForOptions(await open(ctx), args, ctx.progress);
    },
  });
}
