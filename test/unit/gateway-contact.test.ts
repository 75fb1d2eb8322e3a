// @vitest-environment node
// The contact journeys of the gateway (view, save, connection test) against the fake HubSpot,
// without a browser: the same code the service worker runs.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeHubspot, TOKENS, type FakeHubspot } from '../fake-hubspot/index';
import { createHubspotApi, type HubspotApi, type HubspotApiOptions } from '../../lib/hubspot/api';
import type { Clock } from '../../lib/hubspot/clock';
import { memoryCache } from '../../lib/hubspot/cache';
import { getContactView, saveBlockChange } from '../../lib/gateway/contact';
import { testConnection } from '../../lib/gateway/connection';
import { GatewaySession, type ConnectionInfo, type GatewayEnv } from '../../lib/gateway/session';
import { parseSettings, type Settings } from '../../lib/settings';
import { parseReasonLog } from '../../lib/domain/reasonLog';
import { gatewayFailure } from './support/gateway';
import { BrandChoiceStore, memoryChoicesItem } from '../../lib/gateway/brandChoices';

let fake: FakeHubspot;
beforeAll(async () => {
  fake = await startFakeHubspot({ quiet: true });
});
afterAll(async () => fake.close());
beforeEach(() => fake.reset());

/** Virtual time for the limiter and waits, so a 429's wait costs nothing. */
function virtualClock(): Clock {
  let now = 0;
  return { now: () => now, sleep: async (ms) => void (now += ms) };
}

function env(overrides: Partial<Settings> = {}, apiOptions: Partial<HubspotApiOptions> = {}): GatewayEnv & { settings: Settings; connection: ConnectionInfo | null; apis: Map<string, HubspotApi> } {
  const e = {
    settings: parseSettings({ token: TOKENS.valid, userName: 'MK', ...overrides }),
    connection: null as ConnectionInfo | null,
    cache: memoryCache(),
    brandChoices: new BrandChoiceStore(memoryChoicesItem()),
    apis: new Map<string, HubspotApi>(),
    async loadSettings() {
      return e.settings;
    },
    async storeSettings(s: Settings) {
      e.settings = s;
    },
    async loadConnection() {
      return e.connection;
    },
    async storeConnection(c: ConnectionInfo | null) {
      e.connection = c;
    },
    apiFor(s: Settings) {
      const key = s.token;
      if (!e.apis.has(key)) e.apis.set(key, createHubspotApi({ token: s.token, baseUrl: fake.httpUrl, allowBaseUrl: true, maxAttempts: 2, ...apiOptions }));
      return e.apis.get(key)!;
    },
  };
  return e;
}
const session = (e: GatewayEnv) => GatewaySession.open(e, new AbortController().signal);
const api = () => fake.requests.filter((r) => r.kind === 'api');
const contact = (id: string) => fake.state.portal('12345678')!.contacts.get(id)!.properties;

const failure = gatewayFailure;

describe('connection test', () => {
  it('reports portal, region, brands and no missing scopes for a full token', async () => {
    const e = env();
    const report = await testConnection(e, e.settings, new AbortController().signal);
    expect(report).toMatchObject({ ok: true, portalId: '12345678', region: 'eu1', blockPropertyFound: true, reasonPropertyFound: true, missingScopes: [] });
    expect(report.brandCount).toBe(fake.state.portal('12345678')!.properties.get('post_sperre_marken')!.options!.length);
  });

  it('names the missing scopes', async () => {
    const e = env({ token: TOKENS.missingScopes });
    const report = await testConnection(e, e.settings, new AbortController().signal);
    expect(report.ok).toBe(false);
    expect(report.error?.kind).toBe('scope');
    expect(report.missingScopes).toEqual(expect.arrayContaining(['crm.objects.contacts.write', 'crm.lists.write']));
  });

  it('a token without automation passes, naming automation as optional (workflows are then left out)', async () => {
    const e = env({ token: TOKENS.noAutomation });
    const report = await testConnection(e, e.settings, new AbortController().signal);
    expect(report.error).toBeUndefined();
    expect(report.ok).toBe(true);
    expect(report.missingScopes).toEqual(['automation']);
  });

  it('says property-missing for a wrong property name, auth for a revoked token', async () => {
    const e = env({ blockProperty: 'post_sperre_markenx' });
    expect((await testConnection(e, e.settings, new AbortController().signal)).error?.kind).toBe('property-missing');
    const r = env({ token: TOKENS.revoked });
    expect((await testConnection(r, r.settings, new AbortController().signal)).error?.kind).toBe('auth');
    const n = env({ token: '' });
    expect((await testConnection(n, n.settings, new AbortController().signal)).error?.kind).toBe('not-configured');
  });
});

describe('scopes and users who left (issue 9)', () => {
  it('passes the connection test without crm.schemas.contacts.read: the property definition reads with crm.objects.contacts.read', async () => {
    const e = env({ token: TOKENS.noSchemas });
    const report = await testConnection(e, e.settings, new AbortController().signal);
    expect(report.error).toBeUndefined();
    expect(report.ok).toBe(true);
    expect(report.blockPropertyFound).toBe(true);
    expect(report.missingScopes).not.toContain('crm.schemas.contacts.read');
    const view = await getContactView(await session(e), '12345678', '101');
    expect(view.brands.length).toBeGreaterThan(0);
  });

  it('names users who have left (archived owners) in the history', async () => {
    const portal = fake.state.portal('12345678')!;
    // Kai Lorenz (user 45678) set a block before he left the company.
    portal.applyWrite(portal.contacts.get('102')!, { post_sperre_marken: 'marke_b' }, { sourceType: 'CRM_UI', sourceId: 'userId:45678', updatedByUserId: 45678 });
    const e = env();
    const names = await (await session(e)).userNames();
    expect(names['45678']).toBe('Kai Lorenz');
    expect(names['12345']).toBe('Mara Keller');
    const view = await getContactView(await session(e), '12345678', '102');
    expect(view.history.some((h) => h.updatedByUserId === 45678)).toBe(true);
    expect(view.userNames['45678']).toBe('Kai Lorenz');
  });
});

describe('viewing a contact', () => {
  it('after the connection test a view costs one request, and a repeat view one too', async () => {
    const e = env();
    await testConnection(e, e.settings, new AbortController().signal);
    fake.requests.length = 0;
    const view = await getContactView(await session(e), '12345678', '101');
    expect(api().map((r) => `${r.method} ${r.path}`)).toEqual(['GET /crm/v3/objects/contacts/101']);
    expect(view.blocked).toEqual(['marke_a', 'marke_c']);
    expect(view.brands.length).toBeGreaterThanOrEqual(8);
    expect(view.history.length).toBeGreaterThan(0);
    const times = view.history.map((h) => Date.parse(h.timestamp));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('names the users of the history, primed by the connection test, without an extra request', async () => {
    const e = env();
    await testConnection(e, e.settings, new AbortController().signal);
    fake.requests.length = 0;
    const view = await getContactView(await session(e), '12345678', '101');
    expect(api()).toHaveLength(1);
    const ids = [...new Set(view.history.map((h) => String(h.updatedByUserId)))];
    expect(ids.sort()).toEqual(['12345', '23456']);
    expect(view.userNames).toEqual({ '12345': 'Mara Keller', '23456': 'Jonas Brandt' });
  });

  it('without owner names (scope missing) the view still loads and names stay ids', async () => {
    const e = env();
    fake.faults.add({ match: { pathPrefix: '/crm/v3/owners' }, status: 403 });
    const s = await session(e);
    expect(await s.userNames()).toEqual({});
    const view = await getContactView(s, '12345678', '101');
    expect(view.userNames).toEqual({});
    expect(view.history.length).toBeGreaterThan(0);
  });

  it('a first view without a connection test costs at most 3 requests', async () => {
    const e = env();
    await getContactView(await session(e), '12345678', '101');
    expect(api().length).toBeLessThanOrEqual(3);
  });

  it('keeps values that are no option and marks them unknown', async () => {
    const unknownHolder = fake.state
      .portal('12345678')!
      .contacts.ids()
      .find((id) => {
        const options = new Set(fake.state.portal('12345678')!.properties.get('post_sperre_marken')!.options!.map((o) => o.value));
        return (contact(id).post_sperre_marken ?? '').split(';').some((v) => v && !options.has(v));
      });
    expect(unknownHolder).toBeDefined();
    const view = await getContactView(await session(env()), '12345678', unknownHolder!);
    expect(view.brands.some((b) => !b.known && view.blocked.includes(b.value))).toBe(true);
  });

  it("refuses another portal's page before reading anything of it", async () => {
    const e = env();
    const err = await failure(getContactView(await session(e), '87654321', '201'));
    expect(err.kind).toBe('portal-mismatch');
    expect(api().some((r) => r.path.includes('/objects/contacts'))).toBe(false);
  });

  it('maps a missing property, a revoked token and a malformed answer to their kinds', async () => {
    expect((await failure(getContactView(await session(env({ blockProperty: 'nope' })), '12345678', '101'))).kind).toBe('property-missing');
    expect((await failure(getContactView(await session(env({ token: TOKENS.revoked })), '12345678', '101'))).kind).toBe('auth');
    const e = env();
    await testConnection(e, e.settings, new AbortController().signal);
    fake.faults.add({ match: { method: 'GET', pathPrefix: '/crm/v3/objects/contacts' }, malformed: true, times: 1 });
    const err = await failure(getContactView(await session(e), '12345678', '101'));
    expect(err.kind).toBe('invalid-response');
    expect(err.detail.call).toContain('/crm/v3/objects/contacts/101');
  });
});

describe('saving a change', () => {
  const change = (add: string[], remove: string[], reason = 'Widerspruch per Brief') => ({ add, remove, reason });
  /** The editor shows the intent applied to what it last read; that is what it expects the save to change. */
  const shown = (add: string[], remove: string[]) => ({ add, remove });
  const noWait = { sleep: async () => undefined };

  it('writes one PATCH: fresh set plus the change, reason log appended, earlier text kept; 3 requests in all', async () => {
    const e = env();
    const s = await session(e);
    await getContactView(s, '12345678', '101'); // warms account and property, as an open panel has
    const before = contact('101').grund_post_sperre!;
    fake.requests.length = 0;
    const outcome = await saveBlockChange(s, '12345678', '101', change(['marke_b'], ['marke_a']), shown(['marke_b'], ['marke_a']), { now: () => new Date('2026-11-29T09:15:00Z') });
    expect(api().map((r) => r.method)).toEqual(['GET', 'PATCH', 'GET']);
    expect(contact('101').post_sperre_marken!.split(';').sort()).toEqual(['marke_b', 'marke_c']);
    const reason = contact('101').grund_post_sperre!;
    expect(reason.startsWith(before)).toBe(true);
    const entries = parseReasonLog(reason).entries;
    expect(entries.at(-1)).toMatchObject({ added: ['Marke B'], removed: ['Marke A'], reason: 'Widerspruch per Brief', by: 'MK' });
    expect(outcome.view!.blocked.sort()).toEqual(['marke_b', 'marke_c']);
    expect(outcome).toMatchObject({ moot: [], kept: [] });
  });

  it('keeps what someone else blocked meanwhile on other brands', async () => {
    const s = await session(env());
    contact('102').post_sperre_marken = 'marke_c';
    await saveBlockChange(s, '12345678', '102', change(['marke_a'], []), shown(['marke_a'], []));
    expect(contact('102').post_sperre_marken!.split(';').sort()).toEqual(['marke_a', 'marke_c']);
  });

  it('refuses, writing nothing, when the change would differ from what the editor showed', async () => {
    const s = await session(env());
    contact('102').post_sperre_marken = 'marke_a';
    fake.requests.length = 0;
    const err = await failure(saveBlockChange(s, '12345678', '102', change(['marke_a'], []), shown(['marke_a'], [])));
    expect(err.kind).toBe('conflict');
    expect(err.detail.brands).toEqual(['marke_a']);
    expect(api().filter((r) => r.method === 'PATCH')).toHaveLength(0);
  });

  it('refuses a blank reason, an empty change and a brand that is no option before sending', async () => {
    const s = await session(env());
    fake.requests.length = 0;
    await failure(saveBlockChange(s, '12345678', '102', change(['marke_a'], [], '  \n '), shown(['marke_a'], [])));
    await failure(saveBlockChange(s, '12345678', '102', change([], []), shown([], [])));
    expect(api()).toHaveLength(0);
    const err = await failure(saveBlockChange(s, '12345678', '102', change(['no_such_brand'], []), shown(['no_such_brand'], [])));
    expect(err.message).toContain('no_such_brand');
    expect(api().filter((r) => r.method === 'PATCH')).toHaveLength(0);
  });

  it('refuses before sending when the contact keeps a value that is no option any more, names it, and saves once it is lifted', async () => {
    const s = await session(env());
    expect(contact('105').post_sperre_marken).toBe('marke_b;marke_alt');
    fake.requests.length = 0;
    const err = await failure(saveBlockChange(s, '12345678', '105', change(['marke_a'], []), shown(['marke_a'], [])));
    expect(err.message).toContain('marke_alt');
    expect(err.detail).toMatchObject({ brands: ['marke_alt'], property: 'post_sperre_marken', reason: 'validation' });
    expect(api().filter((r) => r.method === 'PATCH')).toHaveLength(0);
    await saveBlockChange(s, '12345678', '105', change(['marke_a'], ['marke_alt']), shown(['marke_a'], ['marke_alt']));
    expect(contact('105').post_sperre_marken!.split(';').sort()).toEqual(['marke_a', 'marke_b']);
  });

  it('a 5xx on every write ends as network after bounded attempts, and nothing is half-written', async () => {
    const s = await session(env());
    const before = { ...contact('102') };
    fake.faults.add({ match: { method: 'PATCH' }, status: 500 });
    const err = await failure(saveBlockChange(s, '12345678', '102', change(['marke_a'], []), shown(['marke_a'], []), noWait));
    expect(err.kind).toBe('network');
    expect(contact('102').post_sperre_marken ?? null).toBe(before.post_sperre_marken ?? null);
  });

  it('repairs a write that landed between our read and our write: their block and log line are kept beside ours', async () => {
    const s = await session(env());
    fake.faults.add({
      match: { method: 'PATCH', pathPrefix: '/crm/v3/objects/contacts/101' },
      times: 1,
      interleave: { addTokens: { post_sperre_marken: ['marke_b'] }, appendLines: { grund_post_sperre: 'JB: +Marke B, Anruf' }, userId: 23456 },
    });
    const outcome = await saveBlockChange(s, '12345678', '101', change(['galerie_west'], []), shown(['galerie_west'], []));
    expect(contact('101').post_sperre_marken!.split(';').sort()).toEqual(['galerie_west', 'marke_a', 'marke_b', 'marke_c']);
    const text = contact('101').grund_post_sperre!;
    expect(text.split('\n').filter((l) => l === 'JB: +Marke B, Anruf')).toHaveLength(1);
    expect(parseReasonLog(text).entries.filter((x) => x.reason === 'Widerspruch per Brief')).toHaveLength(1);
    expect(outcome.kept).toHaveLength(1);
    expect(outcome.kept[0]!.by).toMatchObject({ updatedByUserId: 23456, sourceType: 'CRM_UI' });
    expect(outcome.view!.blocked.sort()).toEqual(['galerie_west', 'marke_a', 'marke_b', 'marke_c']);
  });

  it('a 429 on our write: waits, re-reads and writes a body planned on the new state (a change made meanwhile survives)', async () => {
    const s = await session(env({}, { clock: virtualClock() }));
    fake.faults.add({ match: { method: 'PATCH' }, times: 1, rateLimit: 'TEN_SECONDLY_ROLLING' });
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
      // Someone blocks Marke B in HubSpot while we wait.
      await fetch(`${fake.httpUrl}/__fake/contacts/101`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ addTokens: { post_sperre_marken: ['marke_b'] }, appendLines: { grund_post_sperre: 'AD: +Marke B' } }) });
    };
    const outcome = await saveBlockChange(s, '12345678', '101', change(['galerie_west'], []), shown(['galerie_west'], []), { sleep });
    expect(waits).toHaveLength(1);
    expect(contact('101').post_sperre_marken!.split(';').sort()).toEqual(['galerie_west', 'marke_a', 'marke_b', 'marke_c']);
    expect(contact('101').grund_post_sperre!).toContain('AD: +Marke B');
    expect(outcome.kept).toEqual([]);
    const patches = api().filter((r) => r.method === 'PATCH');
    expect(patches).toHaveLength(2);
    expect(JSON.stringify(patches[1]!.body)).toContain('marke_b');
  });

  it('a write whose answer was lost but which landed is recognised: one log entry, no second write', async () => {
    const s = await session(env());
    fake.faults.add({ match: { method: 'PATCH' }, times: 1, status: 500, after: true });
    const outcome = await saveBlockChange(s, '12345678', '102', change(['marke_a'], []), shown(['marke_a'], []), noWait);
    expect(api().filter((r) => r.method === 'PATCH')).toHaveLength(1);
    expect(parseReasonLog(contact('102').grund_post_sperre ?? '').entries).toHaveLength(1);
    expect(outcome).toMatchObject({ moot: [], kept: [] });
    expect(outcome.nothingToDo).toBeUndefined();
  });

  it('a toggle someone else made while we waited drops out; nothing left means nothing written', async () => {
    const s = await session(env());
    fake.faults.add({ match: { method: 'PATCH' }, times: 1, status: 503 });
    const sleep = async () => {
      await fetch(`${fake.httpUrl}/__fake/contacts/102`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ addTokens: { post_sperre_marken: ['marke_a'] }, appendLines: { grund_post_sperre: 'AD: +Marke A' } }) });
    };
    const outcome = await saveBlockChange(s, '12345678', '102', change(['marke_a'], []), shown(['marke_a'], []), { sleep });
    expect(outcome).toMatchObject({ nothingToDo: true, moot: ['marke_a'] });
    expect(contact('102').grund_post_sperre).toBe('AD: +Marke A');
  });

  it('saved but the re-read failed: says so instead of an error that invites a second save', async () => {
    // The first GET (the re-read before writing) passes, every later one finds HubSpot unreachable.
    let gets = 0;
    const e = env({}, {
      maxAttempts: 1,
      fetch: async (input, init) => {
        if ((init?.method ?? 'GET') === 'GET' && String(input).includes('/contacts/102') && ++gets > 1) throw new TypeError('fetch failed');
        return globalThis.fetch(input, init);
      },
    });
    const outcome = await saveBlockChange(await session(e), '12345678', '102', change(['marke_a'], []), shown(['marke_a'], []));
    expect(outcome.view).toBeNull();
    expect(outcome.refreshError?.kind).toBe('network');
    expect(contact('102').post_sperre_marken).toBe('marke_a');
  });
});
