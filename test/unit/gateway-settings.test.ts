// Settings journeys of the gateway that need no HubSpot: the reason log's author, removing the
// token, and values set by Chrome policy (never stored, never overridden by a caller).
import { describe, expect, it } from 'vitest';
import { createContactHandlers, type HandlerEnv } from '../../lib/gateway/handlers';
import type { ConnectionInfo } from '../../lib/gateway/session';
import type { HubspotApi } from '../../lib/hubspot/api';
import { applyPolicy, parsePolicy, withoutPolicy } from '../../lib/policy';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings';
import type { CallContext } from '../../lib/port/contract';
import { translator } from '../../lib/i18n';
import { BrandChoiceStore, memoryChoicesItem } from '../../lib/gateway/brandChoices';

function env(stored: Partial<Settings>, rawPolicy: Record<string, unknown> = {}) {
  const policy = parsePolicy(rawPolicy);
  const state = { stored: { ...DEFAULT_SETTINGS, ...stored } as Settings, connection: { tokenFingerprint: 'x', portalId: '1', uiDomain: 'app.hubspot.com', region: 'eu1', checkedAt: '' } as ConnectionInfo | null };
  const e: HandlerEnv = {
    loadSettings: () => Promise.resolve(applyPolicy(state.stored, policy)),
    storeSettings: (s) => {
      state.stored = withoutPolicy(s, state.stored, policy);
      return Promise.resolve();
    },
    loadConnection: () => Promise.resolve(state.connection),
    storeConnection: (c) => {
      state.connection = c;
      return Promise.resolve();
    },
    cache: { get: () => Promise.resolve(undefined), set: () => Promise.resolve() },
    apiFor: () => ({}) as HubspotApi,
    openOptionsPage: () => Promise.resolve(),
    loadPolicy: () => Promise.resolve(policy),
    brandChoices: new BrandChoiceStore(memoryChoicesItem()),
  };
  return { e, state, handlers: createContactHandlers(e) };
}

const ctx: CallContext = { signal: new AbortController().signal, progress: () => undefined, sender: { fromExtensionPage: true }, tr: translator('de') };

describe('gateway settings', () => {
  it('refuses a save before the person gave a short name, then records it per profile', async () => {
    const { handlers, state } = env({ token: 'pat-eu1-x', userName: '' });
    const change = { add: ['marke_a'], remove: [], reason: 'Brief' };
    await expect(handlers.saveBlockChange({ portalId: '1', contactId: '101', change, expected: { add: ['marke_a'], remove: [] }, saveId: 's1' }, ctx)).rejects.toMatchObject({ kind: 'not-configured' });
    await expect(handlers.setAuthor({ userName: '   ' }, ctx)).rejects.toMatchObject({ kind: 'invalid-request' });
    expect(await handlers.setAuthor({ userName: ' MK ' }, ctx)).toEqual({ userName: 'MK' });
    expect(state.stored.userName).toBe('MK');
    expect(await handlers.getAuthor({}, ctx)).toEqual({ userName: 'MK' });
  });

  it('removes a stored token and the facts learned with it', async () => {
    const { handlers, state } = env({ token: 'pat-eu1-x' });
    await handlers.removeToken({}, ctx);
    expect(state.stored.token).toBe('');
    expect(state.connection).toBeNull();
    expect((await handlers.getConnection({}, ctx)).configured).toBe(false);
  });

  it('a token set by policy cannot be removed here, is never stored, and a caller cannot override a locked value', async () => {
    const { handlers, state } = env({ token: 'mine', blockProperty: 'own' }, { token: 'from-it', blockProperty: 'it_prop', managedBy: 'IT' });
    await expect(handlers.removeToken({}, ctx)).rejects.toMatchObject({ kind: 'invalid-request' });
    const settings = await handlers.getSettings({}, ctx);
    expect(settings).toMatchObject({ blockProperty: 'it_prop', locked: ['blockProperty', 'token'], managedBy: 'IT', hasToken: true });
    expect(JSON.stringify(settings)).not.toContain('from-it');
    expect((await handlers.getConnection({}, ctx)).managed).toBe(true);
    await handlers.setAuthor({ userName: 'AB' }, ctx);
    expect(state.stored).toMatchObject({ token: 'mine', blockProperty: 'own', userName: 'AB' });
  });

  it('a tab giving its short name while the options page saves: both changes are kept', async () => {
    const { e, handlers, state } = env({ token: 'pat-eu1-x', userName: '' });
    // Storage answers a task later, as chrome.storage does: the two calls interleave.
    const later = <T>(v: T) => new Promise<T>((r) => setTimeout(() => r(v), 0));
    const load = e.loadSettings.bind(e);
    const store = e.storeSettings.bind(e);
    e.loadSettings = async () => later(await load());
    e.storeSettings = async (v) => store(await later(v));
    await Promise.all([handlers.saveSettings({ families: [{ name: 'Kunstmeile', brands: ['kunstmeile_nord'] }] }, ctx), handlers.setAuthor({ userName: 'MK' }, ctx)]);
    expect(state.stored).toMatchObject({ userName: 'MK', families: [{ name: 'Kunstmeile', brands: ['kunstmeile_nord'] }] });
  });
});
