// The export journeys (export.ts) bound to a session per call, with the caller's abort signal,
// progress and language (issue 15).
import { defineHandlers, type CallContext } from '../port/contract';
import { checkExportForPage, exportForPage, exportSetupForPage } from './export';
import type { HandlerEnv } from './handlers';
import { GatewaySession } from './session';

export function createExportHandlers(env: HandlerEnv) {
  const open = (ctx: Pick<CallContext, 'signal' | 'progress' | 'tr'>) =>
    GatewaySession.open(env, ctx.signal, () => ctx.progress({ done: 0, total: null, label: ctx.tr.t('retrying') }), ctx.tr);
  return defineHandlers({
    async getExportSetup(args, ctx) {
      return exportSetupForPage(await open(ctx), args);
    },
    async runExport(args, ctx) {
      return exportForPage(await open(ctx), args, ctx.progress);
    },
    async checkSegmentExport(args, ctx) {
      return checkExportForPage(await open(ctx), args, ctx.progress);
    },
  });
}
