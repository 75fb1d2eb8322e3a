// The export journeys (export.ts) bound to a session per call, with the caller's abort signal and
// progress (issue 15).
import type { CallContext, GatewayHandlers } from '../background/router';
import { t } from '../i18n';
import { checkExportForPage, exportForPage, exportSetupForPage } from './export';
import type { HandlerEnv } from './handlers';
import { GatewaySession } from './session';

type ExportMethods = 'getExportSetup' | 'runExport' | 'checkSegmentExport';

export function createExportHandlers(env: HandlerEnv): Pick<GatewayHandlers, ExportMethods> {
  const open = (ctx: Pick<CallContext, 'signal' | 'progress'>) =>
    GatewaySession.open(env, ctx.signal, () => ctx.progress({ done: 0, total: null, label: t('retrying') }));
  return {
    async getExportSetup(args, ctx) {
      return exportSetupForPage(await open(ctx), args);
    },
    async runExport(args, ctx) {
      return exportForPage(await open(ctx), args, ctx.progress);
    },
    async checkSegmentExport(args, ctx) {
      return checkExportForPage(await open(ctx), args, ctx.progress);
    },
  };
}
