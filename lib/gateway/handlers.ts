// GatewayApi method → implementation. Shared by the service worker (real storage) and the
// Node tests (in-memory storage), so the journeys are tested without a browser too.
import type { GatewayHandlers } from '../background/router';
import { GatewayError } from '../hubspot/errors';
import { t } from '../i18n';
import { SettingsSchema, toPublicSettings, type Settings } from '../settings';
import type { PageCheck } from '../page/pageCheck';
import { getContactView, saveBlockChange } from './contact';
import { testConnection } from './connection';
import { GatewaySession, tokenFingerprint, type GatewayEnv } from './session';

export interface HandlerEnv extends GatewayEnv {
  openOptionsPage(): Promise<void>;
}

/** Extra handlers for list and portal audits are merged in by their features. */
/** The last contact page's check lives in the session cache (kept until the browser closes). */
const PAGE_CHECK_KEY = 'pageCheck';
const PAGE_CHECK_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export function createContactHandlers(
  env: HandlerEnv,
): Pick<GatewayHandlers, 'getContactView' | 'getUserNames' | 'saveBlockChange' | 'getSettings' | 'saveSettings' | 'testConnection' | 'getGuardConfig' | 'reportPageCheck' | 'getPageCheck' | 'openOptions'> {
  const open = (ctx: { signal: AbortSignal; progress: (p: { done: number; total: number | null; label: string }) => void }) =>
    GatewaySession.open(env, ctx.signal, () => ctx.progress({ done: 0, total: null, label: t('retrying') }));
  return {
    async getContactView({ portalId, contactId }, ctx) {
      return getContactView(await open(ctx), portalId, contactId);
    },
    async getUserNames({ portalId }, ctx) {
      const session = await open(ctx);
      await session.checkPortal(portalId);
      return session.userNames();
    },
    async saveBlockChange({ portalId, contactId, change, seen }, ctx) {
      return saveBlockChange(await open(ctx), portalId, contactId, change, seen);
    },
    async getSettings() {
      const [settings, connection] = await Promise.all([env.loadSettings(), env.loadConnection()]);
      const current = connection && connection.tokenFingerprint === tokenFingerprint(settings.token) ? connection : null;
      return { ...toPublicSettings(settings), ...(current?.brands ? { brands: current.brands } : {}) };
    },
    async saveSettings(input, ctx) {
      const current = await env.loadSettings();
      const merged = SettingsSchema.safeParse({ ...current, ...input, token: input.token ?? current.token });
      if (!merged.success) throw new GatewayError('invalid-response', t('errorUnexpected', merged.error.issues.map((i) => i.path.join('.')).join(', ')));
      const next: Settings = merged.data;
      await env.storeSettings(next);
      if (next.token !== current.token || next.apiHost !== current.apiHost || next.blockProperty !== current.blockProperty) await env.storeConnection(null);
      return testConnection(env, next, ctx.signal);
    },
    async testConnection(_args, ctx) {
      return testConnection(env, await env.loadSettings(), ctx.signal);
    },
    async getGuardConfig() {
      const s = await env.loadSettings();
      return { blockProperty: s.blockProperty, reasonProperty: s.reasonProperty, saveButtonLabels: s.saveButtonLabels };
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
  };
}
