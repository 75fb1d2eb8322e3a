// Gateway method → implementation (the methods are declared in lib/port/contract.ts). Shared by
// the service worker (real storage) and the Node tests (in-memory storage), so the journeys are
// tested without a browser too.
import { GatewayError, toErrorData } from '../hubspot/errors';
import { NO_POLICY, omitLocked, type ManagedPolicy } from '../policy';
import { SettingsSchema, toPublicSettings, type Settings } from '../settings';
import type { PageCheck } from '../page/pageCheck';
import type { FinishedSave } from '../messaging';
import { defineHandlers, type CallContext } from '../port/contract';
import { getContactView, SAVE_DEADLINE_MS, saveBlockChange, saveDeadlineSignal } from './contact';
import { resolveLedgerFindings } from './ledger';
import { contactWriteKey, KeyedQueue } from './queue';
import { testConnection } from './connection';
import { GatewaySession, tokenFingerprint, type GatewayEnv } from './session';
import { guardConfig } from './guardConfig';

export interface HandlerEnv extends GatewayEnv {
  openOptionsPage(): Promise<void>;
  /** Keeps the service worker running until `work` settles (a save outlives its caller). */
  keepAliveWhile?(work: Promise<unknown>): void;
  /** What Chrome policy sets (storage.managed); loadSettings() already has it applied. */
  loadPolicy?(): Promise<ManagedPolicy>;
  /** One write at a time per contact, shared by every road that writes contacts (panel saves, the
   *  bulk block from a file); default: a queue of these handlers' own. */
  writeQueue?: KeyedQueue;
}

/** A write the user asked for runs to its end even when its caller is gone (in-app navigation closes
 *  the caller's port, not the write); this signal never fires. (An editor save has its deadline.) */
const UNTIL_DONE = new AbortController().signal;

const REMEMBERED_SAVES = 200;
/** The queue key of settings writes (contact writes are keyed `${portalId}/${contactId}`). */
const SETTINGS_WRITES = 'settings';

function remember(ids: Map<string, true>, id: string): void {
  ids.set(id, true);
  for (const old of ids.keys()) {
    if (ids.size <= REMEMBERED_SAVES) break;
    ids.delete(old);
  }
}

/** The last contact page's check lives in the session cache (kept until the browser closes). */
const PAGE_CHECK_KEY = 'pageCheck';
const PAGE_CHECK_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** The contact, settings and page methods; the audit methods are in audit-handlers.ts. */
export function createContactHandlers(env: HandlerEnv) {
  const policy = async () => (await env.loadPolicy?.()) ?? NO_POLICY;
  const open = (ctx: Pick<CallContext, 'signal' | 'progress' | 'tr'>) =>
    GatewaySession.open(env, ctx.signal, () => ctx.progress({ done: 0, total: null, label: ctx.tr.t('retrying') }), ctx.tr);
  const writes = env.writeQueue ?? new KeyedQueue();
  /** Every change of the settings reads and writes them in a row (a tab's short name and the options page's save). */
  const settingsWrite = <T>(task: () => Promise<T>) => writes.run(SETTINGS_WRITES, task);
  /** Saves that ended after their caller had gone, by contact: told on the next view of it. */
  const finished = new Map<string, FinishedSave>();
  /** Saves that wrote, by saveId: the same save sent again (a double click) is not written twice. */
  const landed = new Map<string, true>();
  const contactKey = contactWriteKey;
  return defineHandlers({
    async getContactView({ portalId, contactId }, ctx) {
      const view = await getContactView(await open(ctx), portalId, contactId);
      const key = contactKey(portalId, contactId);
      const done = finished.get(key);
      if (!done) return view;
      finished.delete(key);
      return { ...view, finishedSave: done };
    },
    async getUserNames({ portalId }, ctx) {
      const session = await open(ctx);
      await session.checkPortal(portalId);
      return session.userNames();
    },
    async saveBlockChange({ portalId, contactId, change, expected, saveId }, ctx) {
      const key = contactKey(portalId, contactId);
      const { t } = ctx.tr;
      const retrying = () => ctx.progress({ done: 0, total: null, label: t('retrying') });
      const at = new Date().toISOString();
      // The save says within SAVE_DEADLINE_MS of the click whether it landed (queueing included).
      const monotonic = env.clock ? () => env.clock!.now() : () => performance.now();
      const deadlineAt = monotonic() + SAVE_DEADLINE_MS;
      // The reason log names a person (HubSpot's own history names only the private app).
      if (!(await env.loadSettings()).userName.trim()) throw new GatewayError('not-configured', t('errorNoAuthor'));
      try {
        const run = writes.run(key, async () => {
          // Not the caller's signal: leaving the page does not cancel a save, only its deadline ends it.
          // On a virtual clock (tests) no wall-clock timer can stand for it: the waits' budget bounds the save.
          const deadline = env.clock ? new AbortController().signal : saveDeadlineSignal(deadlineAt - monotonic());
          const session = await GatewaySession.open(env, deadline, retrying, ctx.tr);
          if (landed.has(saveId)) {
            // Sent twice (a double click): the first one wrote; show HubSpot's state, write nothing.
            return { view: await getContactView(session, portalId, contactId), moot: [], kept: [] };
          }
          const result = await saveBlockChange(session, portalId, contactId, change, expected, {
            ...(env.clock ? { sleep: env.clock.sleep } : {}),
            monotonic,
            deadlineAt,
            onWait: (_ms, label) => ctx.progress({ done: 0, total: null, label }),
          });
          if (!result.nothingToDo) remember(landed, saveId);
          return result;
        });
        env.keepAliveWhile?.(run);
        const outcome = await run;
        if (ctx.signal.aborted) finished.set(key, { at, ok: true });
        return outcome;
      } catch (e) {
        if (ctx.signal.aborted) finished.set(key, { at, ok: false, message: toErrorData(e, t).message });
        throw e;
      }
    },
    async resolveLedgerFindings(args, ctx) {
      const retrying = () => ctx.progress({ done: 0, total: null, label: ctx.tr.t('retrying') });
      // The same per-contact queue as the editor's saves: one write at a time per contact, whoever asks.
      return resolveLedgerFindings(args, {
        openSession: () => GatewaySession.open(env, UNTIL_DONE, retrying, ctx.tr),
        tr: ctx.tr,
        runForContact: (contactId, task) => {
          const run = writes.run(contactKey(args.portalId, contactId), task);
          env.keepAliveWhile?.(run);
          return run;
        },
        signal: ctx.signal,
        progress: ctx.progress,
        ...(env.clock ? { sleep: env.clock.sleep } : {}),
        onWait: retrying,
      });
    },
    async getAuthor() {
      return { userName: (await env.loadSettings()).userName };
    },
    async setAuthor({ userName }, ctx) {
      const name = userName.trim();
      if (!name || name.length > 40) throw new GatewayError('invalid-request', ctx.tr.t('authorInvalid'));
      await settingsWrite(async () => env.storeSettings({ ...(await env.loadSettings()), userName: name }));
      return { userName: name };
    },
    async getSettings() {
      const [settings, connection, p] = await Promise.all([env.loadSettings(), env.loadConnection(), policy()]);
      const current = connection && connection.tokenFingerprint === tokenFingerprint(settings.token) ? connection : null;
      return { ...toPublicSettings(settings, p), ...(current?.brands ? { brands: current.brands } : {}) };
    },
    async getConnection() {
      const [settings, connection, p] = await Promise.all([env.loadSettings(), env.loadConnection(), policy()]);
      const current = connection && connection.tokenFingerprint === tokenFingerprint(settings.token) ? connection : null;
      return {
        configured: settings.token.length > 0,
        managed: p.locked.length > 0,
        ...(current ? { portalId: current.portalId, uiDomain: current.uiDomain, region: current.region } : {}),
      };
    },
    async removeToken(_args, ctx) {
      if ((await policy()).locked.includes('token')) throw new GatewayError('invalid-request', ctx.tr.t('tokenLockedCannotRemove'));
      await settingsWrite(async () => {
        await env.storeSettings({ ...(await env.loadSettings()), token: '' });
        await env.storeConnection(null);
      });
      return null;
    },
    async saveSettings(rawInput, ctx) {
      const input = omitLocked(rawInput, await policy());
      const next = await settingsWrite(async () => {
        const current = await env.loadSettings();
        const merged = SettingsSchema.safeParse({ ...current, ...input, token: input.token ?? current.token });
        if (!merged.success) throw new GatewayError('invalid-request', ctx.tr.t('portInvalidRequest', merged.error.issues.map((i) => i.path.join('.')).join(', ')));
        const saved: Settings = merged.data;
        await env.storeSettings(saved);
        if (saved.token !== current.token || saved.apiHost !== current.apiHost || saved.blockProperty !== current.blockProperty) await env.storeConnection(null);
        return saved;
      });
      return testConnection(env, next, ctx.signal, ctx.tr);
    },
    async testConnection(_args, ctx) {
      return testConnection(env, await env.loadSettings(), ctx.signal, ctx.tr);
    },
    async getGuardConfig(_args, ctx) {
      return guardConfig(env, ctx.signal, ctx.tr);
    },
    async reportPageCheck(check) {
      await env.cache.set(PAGE_CHECK_KEY, check, PAGE_CHECK_TTL_MS);
      return null;
    },
    async getPageCheck() {
      return (await env.cache.get<PageCheck>(PAGE_CHECK_KEY)) ?? null;
    },
    async openOptions() {
      await env.openOptionsPage();
      return null;
    },
  });
}
