// @vitest-environment node
// Every road that changes the block properties, as the fake records it in the property history
// (roads.ts, docs/hubspot.md), and what the ledger makes of each.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ledgerInputOf, readLedger } from '../../lib/domain/ledger';
import { formatReasonEntry } from '../../lib/domain/reasonLog';
import { call } from './helpers';
import { startFakeHubspot, type FakeHubspot } from './index';
import { API_WRITE_SOURCE_TYPE } from './roads';
import { APP_IDS, TOKENS, USERS } from './seed';

let fake: FakeHubspot;
beforeAll(async () => {
  fake = await startFakeHubspot({ quiet: true, rateLimit: false });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

const BLOCKS = 'post_sperre_marken';
const REASON = 'grund_post_sperre';
const BRANDS = [
  { value: 'marke_a', label: 'Marke A' },
  { value: 'marke_b', label: 'Marke B' },
  { value: 'marke_c', label: 'Marke C' },
];

type Raw = { value: string; timestamp: string; sourceType: string; sourceId?: string; updatedByUserId?: number };
async function read(id: string) {
  const r = await call<{ properties: Record<string, string | null>; propertiesWithHistory: Record<string, Raw[]> }>(
    fake,
    'GET',
    `/crm/v3/objects/contacts/${id}?properties=${BLOCKS},${REASON}&propertiesWithHistory=${BLOCKS},${REASON}`,
  );
  expect(r.status).toBe(200);
  return r.json;
}
const road = (id: string, body: unknown) => call(fake, 'POST', `/__fake/contacts/${id}/road`, { token: null, body });
async function ledgerOf(id: string) {
  const c = await read(id);
  return readLedger(ledgerInputOf({ id, ...c }, { blockProperty: BLOCKS, reasonProperty: REASON }, BRANDS));
}

/** Contact 102 has no block: give it three through the API, with a log line. */
async function blockForThree() {
  const r = await call(fake, 'PATCH', '/crm/v3/objects/contacts/102', {
    body: { properties: { [BLOCKS]: 'marke_a;marke_b;marke_c', [REASON]: formatReasonEntry({ at: new Date().toISOString(), added: ['Marke A', 'Marke B', 'Marke C'], removed: [], reason: 'Brief', by: 'MK' }) } },
  });
  expect(r.status).toBe(200);
}

describe('the API and the sidebar', () => {
  it('a write through the API is recorded as the app (INTEGRATION, app id, no user)', async () => {
    await blockForThree();
    const [entry] = (await read('102')).propertiesWithHistory[BLOCKS]!;
    expect(API_WRITE_SOURCE_TYPE).toBe('INTEGRATION');
    expect(entry).toEqual({ value: 'marke_a;marke_b;marke_c', timestamp: expect.any(String), sourceType: 'INTEGRATION', sourceId: String(APP_IDS.demo) });
    expect((await ledgerOf('102')).findings).toEqual([]);
  });

  it("the sidebar road (HubSpot's record page) is CRM_UI by the user", async () => {
    expect((await road('102', { road: 'sidebar', properties: { [BLOCKS]: 'marke_a' }, userId: USERS.jonas.id })).status).toBe(200);
    const [entry] = (await read('102')).propertiesWithHistory[BLOCKS]!;
    expect(entry).toMatchObject({ sourceType: 'CRM_UI', sourceId: `userId:${USERS.jonas.id}`, updatedByUserId: USERS.jonas.id });
    expect((await ledgerOf('102')).findings.map((f) => [f.kind, f.brand, f.by])).toEqual([['set-without-reason', 'marke_a', String(USERS.jonas.id)]]);
  });
});

describe('imports', () => {
  it('a cell without a leading ";" replaces every brand: the fair import leaves one of three', async () => {
    await blockForThree();
    const r = await road('102', { road: 'import', properties: { [BLOCKS]: 'marke_b' }, sourceId: 'import-778', userId: USERS.aylin.id });
    expect(r.status).toBe(200);
    const c = await read('102');
    expect(c.properties[BLOCKS]).toBe('marke_b');
    expect(c.propertiesWithHistory[BLOCKS]![0]).toMatchObject({ value: 'marke_b', sourceType: 'IMPORT', sourceId: 'import-778', updatedByUserId: USERS.aylin.id });
    const ledger = await ledgerOf('102');
    expect(ledger.findings.map((f) => [f.kind, f.brand, f.sourceType, f.sourceId])).toEqual([
      ['lifted-without-reason', 'marke_a', 'IMPORT', 'import-778'],
      ['lifted-without-reason', 'marke_c', 'IMPORT', 'import-778'],
    ]);
  });

  it('a cell with a leading ";" appends; an empty cell leaves the value', async () => {
    await blockForThree();
    await road('102', { road: 'import', properties: { [BLOCKS]: ';marke_c;verlag_rhein', [REASON]: '' } });
    const c = await read('102');
    expect(c.properties[BLOCKS]!.split(';').sort()).toEqual(['marke_a', 'marke_b', 'marke_c', 'verlag_rhein']);
    expect(c.propertiesWithHistory[REASON]).toHaveLength(1);
    expect((await ledgerOf('102')).findings.map((f) => [f.kind, f.brand])).toEqual([['set-without-reason', 'verlag_rhein']]);
  });
});

describe('bulk edit, workflows, merges, integrations, mobile', () => {
  it('a bulk edit replaces (default) or appends the blocks, and replaces the reason of every contact', async () => {
    await blockForThree();
    await road('102', { road: 'bulk-edit', properties: { [BLOCKS]: 'marke_c' }, mode: 'append' });
    expect((await read('102')).properties[BLOCKS]).toBe('marke_a;marke_b;marke_c');
    await road('102', { road: 'bulk-edit', properties: { [BLOCKS]: 'marke_c' } });
    await road('102', { road: 'bulk-edit', properties: { [REASON]: 'Robinsonliste' } });
    const c = await read('102');
    expect(c.properties).toMatchObject({ [BLOCKS]: 'marke_c', [REASON]: 'Robinsonliste' });
    expect(c.propertiesWithHistory[REASON]![0]).toMatchObject({ sourceType: 'CRM_UI_BULK_ACTION', updatedByUserId: USERS.jonas.id });
    const kinds = (await ledgerOf('102')).findings.map((f) => f.kind);
    expect(kinds).toContain('log-shortened');
    expect((await road('102', { road: 'bulk-edit', properties: { [BLOCKS]: 'x', [REASON]: 'y' } })).status).toBe(400);
  });

  it('a workflow sets or clears ("" clears) as AUTOMATION_PLATFORM, without a user', async () => {
    await blockForThree();
    await road('102', { road: 'workflow', properties: { [BLOCKS]: '' }, sourceId: '7001' });
    const c = await read('102');
    expect(c.properties[BLOCKS]).toBe('');
    expect(c.propertiesWithHistory[BLOCKS]![0]).toEqual({ value: '', timestamp: expect.any(String), sourceType: 'AUTOMATION_PLATFORM', sourceId: 'flowId:7001' });
    expect((await ledgerOf('102')).findings.map((f) => [f.kind, f.brand, f.sourceType])).toEqual([
      ['lifted-without-reason', 'marke_a', 'AUTOMATION_PLATFORM'],
      ['lifted-without-reason', 'marke_b', 'AUTOMATION_PLATFORM'],
      ['lifted-without-reason', 'marke_c', 'AUTOMATION_PLATFORM'],
    ]);
    await road('102', { road: 'workflow', properties: { [BLOCKS]: 'marke_a' }, sourceType: 'WORKFLOWS' });
    expect((await read('102')).propertiesWithHistory[BLOCKS]![0]).toMatchObject({ value: 'marke_a', sourceType: 'WORKFLOWS' });
  });

  it('a merge takes the most recent value of each property', async () => {
    await blockForThree();
    await road('102', { road: 'merge', properties: { [BLOCKS]: 'marke_b' }, otherUpdatedAt: '2020-01-01T00:00:00.000Z', otherId: '555' });
    expect((await read('102')).properties[BLOCKS]).toBe('marke_a;marke_b;marke_c'); // ours is newer
    await road('102', { road: 'merge', properties: { [BLOCKS]: 'marke_b', city: 'Kiel' }, otherUpdatedAt: '2099-01-01T00:00:00.000Z', otherId: '555' });
    const c = await read('102');
    expect(c.properties[BLOCKS]).toBe('marke_b');
    expect(c.propertiesWithHistory[BLOCKS]![0]).toMatchObject({ sourceType: 'MERGE_OBJECTS', sourceId: '555' });
    expect((await ledgerOf('102')).findings.map((f) => [f.kind, f.brand])).toEqual([
      ['lifted-without-reason', 'marke_a'],
      ['lifted-without-reason', 'marke_c'],
    ]);
  });

  it('an integration sending an empty list clears the blocks; the mobile app records its platform and user', async () => {
    await blockForThree();
    await road('102', { road: 'integration', properties: { [BLOCKS]: '' }, sourceId: '4242' });
    expect((await read('102')).propertiesWithHistory[BLOCKS]![0]).toEqual({ value: '', timestamp: expect.any(String), sourceType: 'INTEGRATION', sourceId: '4242' });
    const later = new Date(Date.now() + 10 * 60_000).toISOString(); // outside the ledger's window
    await road('102', { road: 'mobile', properties: { [BLOCKS]: 'marke_a', [REASON]: 'Telefonat unterwegs' }, platform: 'android', userId: USERS.mara.id, at: later });
    const c = await read('102');
    expect(c.propertiesWithHistory[BLOCKS]![0]).toMatchObject({ sourceType: 'MOBILE_ANDROID', sourceId: `userId:${USERS.mara.id}`, updatedByUserId: USERS.mara.id });
    // Reason text written with the block in one write explains it; the clear did not.
    const ledger = await ledgerOf('102');
    expect(ledger.findings.filter((f) => f.kind !== 'log-shortened').map((f) => [f.kind, f.brand, f.sourceType])).toEqual([
      ['lifted-without-reason', 'marke_a', 'INTEGRATION'],
      ['lifted-without-reason', 'marke_b', 'INTEGRATION'],
      ['lifted-without-reason', 'marke_c', 'INTEGRATION'],
    ]);
  });

  it('refuses unknown roads, values that are no option, and unknown contacts', async () => {
    expect((await road('102', { road: 'fax', properties: {} })).status).toBe(400);
    expect((await road('102', { road: 'import', properties: { [BLOCKS]: 'nope' } })).status).toBe(400);
    expect((await road('999999', { road: 'import', properties: { [BLOCKS]: 'marke_a' } })).status).toBe(404);
  });

  it('records a write at a given time in time order', async () => {
    await blockForThree();
    await road('102', { road: 'import', properties: { [BLOCKS]: 'marke_b' }, at: '2020-05-01T00:00:00.000Z' });
    const c = await read('102');
    expect(c.properties[BLOCKS]).toBe('marke_a;marke_b;marke_c');
    expect(c.propertiesWithHistory[BLOCKS]!.map((h) => h.value)).toEqual(['marke_a;marke_b;marke_c', 'marke_b']);
  });
});

describe('history limit and the nightly search', () => {
  it('propertiesWithHistory returns at most the configured number of entries: the ledger says the history is incomplete', async () => {
    await blockForThree();
    await road('102', { road: 'import', properties: { [BLOCKS]: 'marke_b' } });
    await road('102', { road: 'import', properties: { [BLOCKS]: 'marke_a;marke_b' } });
    expect((await call(fake, 'PUT', '/__fake/history', { token: null, body: { limit: 2 } })).json).toEqual({ limit: 2 });
    expect((await read('102')).propertiesWithHistory[BLOCKS]).toHaveLength(2);
    const ledger = await ledgerOf('102');
    expect(ledger.complete).toBe(false);
    const batch = await call(fake, 'POST', '/crm/v3/objects/contacts/batch/read', { body: { inputs: [{ id: '102' }], properties: [BLOCKS], propertiesWithHistory: [BLOCKS] } });
    expect(batch.json.results[0].propertiesWithHistory[BLOCKS]).toHaveLength(2);
    expect((await call(fake, 'PUT', '/__fake/history', { token: null, body: { limit: 0 } })).status).toBe(400);
    expect((await call(fake, 'GET', '/__fake/history', { token: null })).json).toEqual({ limit: 2 });
    fake.reset();
    expect((await call(fake, 'GET', '/__fake/history', { token: null })).json).toEqual({ limit: null });
  });

  it('search: lastmodifieddate GTE, OR-ed with HAS_PROPERTY on either property', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    await road('102', { road: 'sidebar', properties: { [REASON]: 'Notiz ohne Sperre' } });
    await road('101', { road: 'import', properties: { [BLOCKS]: 'marke_a' } });
    const recent = (property: string) => ({ filters: [{ propertyName: 'lastmodifieddate', operator: 'GTE', value: since }, { propertyName: property, operator: 'HAS_PROPERTY' }] });
    const r = await call(fake, 'POST', '/crm/v3/objects/contacts/search', { body: { filterGroups: [recent(BLOCKS), recent(REASON)], properties: [BLOCKS], limit: 100 } });
    expect(r.status).toBe(200);
    expect(r.json.results.map((c: { id: string }) => c.id)).toEqual(['101', '102']);
    const asMillis = await call(fake, 'POST', '/crm/v3/objects/contacts/search', {
      body: { filterGroups: [{ filters: [{ propertyName: 'lastmodifieddate', operator: 'GTE', value: String(Date.parse(since)) }] }], limit: 100 },
    });
    expect(asMillis.json.total).toBe(2);
  });

  it('batch read: at most 100 inputs, 50 with history, in HubSpot\'s error shape', async () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ id: String(101 + i) }));
    const r = await call(fake, 'POST', '/crm/v3/objects/contacts/batch/read', { body: { inputs: many(51), propertiesWithHistory: [BLOCKS] }, token: TOKENS.valid });
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
    expect((await call(fake, 'POST', '/crm/v3/objects/contacts/batch/read', { body: { inputs: many(101) } })).json).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
  });
});
