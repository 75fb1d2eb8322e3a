// @vitest-environment node
// The ledger section of the portal audit (lib/audit/ledgerAudit.ts) against the fake HubSpot: which
// contacts it examines, what it finds on a write that came without a reason, `since`, the
// requests it adds, progress and cancel.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditLedger, parseSince } from '../../lib/audit/ledgerAudit';
import { newRun } from '../../lib/audit/listAudit';
import { portalAudit } from '../../lib/audit/portalAudit';
import type { Progress } from '../../lib/audit/types';
import { countingApi, demoAuditSetup } from './support/audit-setup';
import { DEMO_PORTAL_ID, startFakeHubspot, type FakeHubspot } from '../fake-hubspot/index';

const setup = demoAuditSetup;
const apiFor = countingApi;
const requests = (fake: FakeHubspot, re: RegExp) => fake.requests.filter((r) => re.test(`${r.method} ${r.path}`));
/** Ids asked for in the contacts batch reads with history. */
const readIds = (fake: FakeHubspot) =>
  requests(fake, /contacts\/batch\/read$/).flatMap((r) => (r.body as { inputs: { id: string }[]; propertiesWithHistory: string[] }).inputs.map((i) => i.id));

let fake: FakeHubspot;
beforeAll(async () => {
  fake = await startFakeHubspot({ quiet: true, rateLimit: false });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

/** A write on another road (an import, a workflow …), as HubSpot's history records it. */
function write(id: string, properties: Record<string, string>, sourceType: string, sourceId = 'import-77') {
  const portal = fake.state.portal(DEMO_PORTAL_ID)!;
  portal.applyWrite(portal.contacts.get(id)!, properties, { sourceType, sourceId });
}

/** Contacts of the demo portal holding a block or a non-empty reason log. */
function blockedOrLogged(): string[] {
  const portal = fake.state.portal(DEMO_PORTAL_ID)!;
  return [...portal.contacts.values()].filter((c) => (c.properties.post_sperre_marken ?? '') !== '' || (c.properties.grund_post_sperre ?? '') !== '').map((c) => c.id);
}

describe('the ledger section of the portal audit', () => {
  it('examines every contact with a block or a reason log (a lifted block with its log too), with the history of both properties', async () => {
    const p = await portalAudit(apiFor(fake), setup);
    const want = blockedOrLogged();
    expect(want).toContain('106'); // block lifted, log kept
    expect(p.ledger).toMatchObject({ examined: want.length, since: null });
    expect(readIds(fake).sort()).toEqual([...want].sort());
    for (const r of requests(fake, /contacts\/batch\/read$/)) {
      const body = r.body as { inputs: unknown[]; propertiesWithHistory: string[] };
      expect(body.inputs.length).toBeLessThanOrEqual(50);
      expect(body.propertiesWithHistory.sort()).toEqual(['grund_post_sperre', 'post_sperre_marken']);
    }
  });

  it('names a block an import lifted without a reason, with its road, time and source', async () => {
    write('111', { post_sperre_marken: 'marke_a;marke_b' }, 'IMPORT');
    const p = await portalAudit(apiFor(fake), setup);
    const at = fake.state.portal(DEMO_PORTAL_ID)!.contacts.get('111')!.updatedAt;
    expect(p.ledger!.findings).toContainEqual({ contactId: '111', brand: 'galerie_west', kind: 'lifted-without-reason', at: new Date(at).toISOString(), sourceType: 'IMPORT', sourceId: 'import-77', by: null });
  });

  it('costs the portal audit one batch read per 50 such contacts and no search of its own', async () => {
    const withLedger = await portalAudit(apiFor(fake), setup);
    const searches = requests(fake, /contacts\/search$/).length;
    fake.requests.length = 0;
    const without = await portalAudit(apiFor(fake), { ...setup, ledger: false });
    expect(without.ledger).toBeUndefined();
    expect(requests(fake, /contacts\/search$/)).toHaveLength(searches);
    expect(withLedger.requests - without.requests).toBe(Math.ceil(blockedOrLogged().length / 50));
  });

  it('is left out of an audit of chosen lists or workflows', async () => {
    const p = await portalAudit(apiFor(fake), { ...setup, listIds: ['1001'] });
    expect(p.ledger).toBeUndefined();
    expect(requests(fake, /contacts\/batch\/read$/)).toHaveLength(0);
  });

  it('since a date: only the contacts modified since then, found by lastmodifieddate in both filter groups', async () => {
    const since = new Date(Date.now() - 60_000).toISOString();
    write('111', { post_sperre_marken: 'marke_a;marke_b' }, 'IMPORT');
    write('106', { grund_post_sperre: '' }, 'WORKFLOWS', 'flow-9');
    write('101', { post_sperre_marken: 'marke_a' }, 'INTEGRATION', 'app-1');
    const api = apiFor(fake);
    const result = await auditLedger(newRun(api, setup), { since });
    // 106 holds neither property any more: outside what the ledger examines (a block and log both
    // cleared leave nothing to search by).
    expect(result).toMatchObject({ examined: 2, since });
    expect(readIds(fake).sort()).toEqual(['101', '111']);
    expect(result.findings.map((f) => `${f.contactId}:${f.kind}:${f.brand}:${f.sourceType}`).sort()).toEqual([
      '101:lifted-without-reason:marke_c:INTEGRATION',
      '111:lifted-without-reason:galerie_west:IMPORT',
    ]);
    const [search] = requests(fake, /contacts\/search$/);
    const groups = (search!.body as { filterGroups: { filters: { propertyName: string; operator: string; value?: string }[] }[] }).filterGroups;
    expect(groups).toHaveLength(2);
    for (const g of groups) expect(g.filters).toContainEqual({ propertyName: 'lastmodifieddate', operator: 'GTE', value: String(Date.parse(since)) });
    expect(groups.map((g) => g.filters.find((f) => f.operator === 'HAS_PROPERTY')!.propertyName)).toEqual(['post_sperre_marken', 'grund_post_sperre']);
    expect(api.stats().requests).toBe(2);
  });

  it('the portal audit passes `since` to its ledger section', async () => {
    const since = new Date(Date.now() + 60_000).toISOString();
    const p = await portalAudit(apiFor(fake), { ...setup, ledger: { since } });
    expect(p.ledger).toEqual({ examined: 0, since, findings: [] });
    expect(requests(fake, /contacts\/batch\/read$/)).toHaveLength(0);
  });

  it('reports progress while reading and stops when cancelled', async () => {
    const seen: Progress[] = [];
    await portalAudit(apiFor(fake), { ...setup, onProgress: (p) => seen.push(p) });
    const reads = seen.filter((p) => p.label === 'Verlauf der Sperren wird gelesen');
    expect(reads.at(-1)).toMatchObject({ done: blockedOrLogged().length, total: blockedOrLogged().length });

    const controller = new AbortController();
    const run = portalAudit(apiFor(fake), {
      ...setup,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.label === 'Kontakte mit Sperre oder Grund werden gesucht') controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('parseSince', () => {
  it.each([
    ['2026-12-01', '2026-12-01T00:00:00.000Z'],
    ['2026-12-01T02:30:00Z', '2026-12-01T02:30:00.000Z'],
    ['2026-12-01T02:30Z', '2026-12-01T02:30:00.000Z'],
    ['2026-12-01T03:30:00+01:00', '2026-12-01T02:30:00.000Z'],
    [' 2026-12-01T02:30:00.123Z ', '2026-12-01T02:30:00.123Z'],
  ])('%s → %s', (text, iso) => expect(parseSince(text)).toBe(iso));
  it.each(['', 'gestern', '2026-02-30', '2026-13-01', '2026-12-01T02:30:00', '12/01/2026', '2026-12-01T25:00:00Z', '1733011200000'])('%s is refused', (text) =>
    expect(parseSince(text)).toBeNull(),
  );
});
