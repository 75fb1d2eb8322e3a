// GatewayApi method → implementation. Shared by the service worker (real storage) and the
// Node tests (in-memory storage), so the journeys are tested without a browser too.
import type { GatewayHandlers } from '../background/router';
import { GatewayError } from '../hubspot/errors';
import { t } from '../i18n';
import { NO_POLICY, omitLocked, type ManagedPolicy } from '../policy';
import { SettingsSchema, toPublicSettings, type Settings } from '../settings';
import { getContactView, saveBlockChange } from './contact';
import { testConnection } from './connection';
import { GatewaySession, tokenFingerprint, type GatewayEnv } from './session';

export interface HandlerEnv extends GatewayEnv {
  openOptionsPage(): Promise<void>;
  /** What Chrome policy sets (storage.managed); loadSettings() already has it applied. */
  loadPolicy?(): Promise<ManagedPolicy>;
}

/** Extra handlers for list and portal audits are merged in by their features. */
export function createContactHandlers(env: HandlerEnv): Pick<
  GatewayHandlers,
  'getContactView' | 'getUserNames' | 'saveBlockChange' | 'getSettings' | 'saveSettings' | 'testConnection' | 'getGuardConfig' | 'openOptions' | 'getConnection' | 'removeToken' | 'getAuthor' | 'setAuthor'
> {
  const policy = async () => (await env.loadPolicy?.()) ?? NO_POLICY;
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
      const session = await open(ctx);
      // The reason log names a person (HubSpot's own history names only the private app).
      if (!session.settings.userName.trim()) throw new GatewayError('not-configured', t('errorNoAuthor'));
      return saveBlockChange(session, portalId, contactId, change, seen);
    },
    async getAuthor() {
      return { userName: (await env.loadSettings()).userName };
    },
    async setAuthor({ userName }) {
      const name = userName.trim();
      if (!name || name.length > 40) throw new GatewayError('invalid-response', t('authorInvalid'));
      await env.storeSettings({ ...(await env.loadSettings()), userName: name });
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
    async removeToken() {
      if ((await policy()).locked.includes('token')) throw new GatewayError('invalid-response', t('tokenLockedCannotRemove'));
      await env.storeSettings({ ...(await env.loadSettings()), token: '' });
      await env.storeConnection(null);
      return null;
    },
    async saveSettings(rawInput, ctx) {
      const input = omitLocked(rawInput, await policy());
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
    async openOptions() {
      await env.openOptionsPage();
      return null;
    },
  };
}
