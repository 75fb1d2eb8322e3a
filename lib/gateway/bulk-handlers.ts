// The bulk block from a file through the gateway (options page only): the journeys are in
// bulkBlock.ts; here they get a session, the background's write queue, progress and cancel.
import { defineHandlers, type CallContext } from '../port/contract';
import { previewBulkForOptions, runBulkForOptions } from './bulkBlock';
import type { HandlerEnv } from './handlers';
import { contactWriteKey, KeyedQueue } from './queue';
import { GatewaySession } from './session';

/** A run's batches are never cut half way (a batch sent is read back and repaired); this signal never fires. */
const UNTIL_DONE = new AbortController().signal;

export function createBulkHandlers(env: HandlerEnv) {
  const queue = env.writeQueue ?? new KeyedQueue();
  const retrying = (ctx: Pick<CallContext, 'progress' | 'tr'>) => () => ctx.progress({ done: 0, total: null, label: ctx.tr.t('retrying') });
  /** The run going on now: "Abbrechen" stops it after the batch being written. */
  let running: AbortController | null = null;
  return defineHandlers({
    async bulkBlockPreview(args, ctx) {
      return previewBulkForOptions(await GatewaySession.open(env, ctx.signal, retrying(ctx), ctx.tr), args);
    },
    async bulkBlockRun(args, ctx) {
      const stop = new AbortController();
      running?.abort();
      running = stop;
      // The options page closed: stop after the current batch as well.
      ctx.signal.addEventListener('abort', () => stop.abort(), { once: true });
      try {
        const session = await GatewaySession.open(env, UNTIL_DONE, retrying(ctx), ctx.tr);
        const { portalId } = await session.portal();
        return await runBulkForOptions(session, args, {
          signal: stop.signal,
          lock: (ids, task) => queue.runMany(ids.map((id) => contactWriteKey(portalId, id)), task),
          onProgress: (p) => ctx.progress({ done: p.done, total: p.total, label: ctx.tr.t('bulkBlockRunning', p.done, p.total) }),
          onWait: retrying(ctx),
          ...(env.clock ? { sleep: (ms: number) => env.clock!.sleep(ms) } : {}),
        });
      } finally {
        if (running === stop) running = null;
      }
    },
    async bulkBlockCancel() {
      running?.abort();
      return null;
    },
  });
}
