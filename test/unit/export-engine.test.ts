// @vitest-environment node
// The clean export's engine (lib/export/engine.ts) against the fake HubSpot: who is in the file,
// the receipt, a block set while the export runs, active segments, errors, and what it costs in
// requests (issue 15: a 50,000-member segment with 2,000 blocked in at most 600 requests).
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuditSetup } from '../../lib/audit/listAudit';
import { runExport } from '../../lib/export/engine';
import { DEFAULT_EXPORT_COLUMNS } from '../../lib/export/mailing';
import { translator } from '../../lib/i18n';
import { createHubspotApi, type HubspotApi } from '../../lib/hubspot/api';
import { isGatewayError } from '../../lib/hubspot/errors';
import { BRANDS, DEMO_FAMILIES, DEMO_LISTS, DEMO_PORTAL_ID, TOKENS, bigSeed, demoSeed, startFakeHubspot, type FakeHubspot } from '../fake-hubspot/index';

const setup: AuditSetup = {
  blockProperty: 'post_sperre_marken',
  catalog: BRANDS.map((b) => ({ value: b.value, label: b.label })),
  families: DEMO_FAMILIES.map((f) => ({ name: f.name, brands: [...f.brands] })),
  tr: translator('de'),
};
const apiFor = (fake: FakeHubspot): HubspotApi =>
  createHubspotApi({ token: TOKENS.valid, baseUrl: fake.httpUrl, allowBaseUrl: true, rateLimitPer10s: 100_000, searchPerSecond: 1_000 });
const count = (fake: FakeHubspot, re: RegExp) => fake.requests.filter((r) => re.test(`${r.method} ${r.path}`)).length;
const base = { columns: [...DEFAULT_EXPORT_COLUMNS], dialect: 'plain' as const, by: 'JB', now: () => new Date('2026-12-06T10:00:00.000Z') };

/** Ids of the file (plain dialect: first field of each line after the header). */
const idsOf = (csv: string) => csv.replace(/^\uFEFF/, '').split('\r\n').slice(1, -1).map((l) => l.split(/[;,]/)[0]!);

describe('the clean export on the demo portal', () => {
  let fake: FakeHubspot;
  beforeAll(async () => {
    fake = await startFakeHubspot({ quiet: true, rateLimit: false, seed: demoSeed() });
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());
  const portal = () => fake.state.portal(DEMO_PORTAL_ID)!;

  it('a static segment: its members minus those blocked for its brands, with a receipt whose hash is the file’s', async () => {
    const list = portal().lists.get(DEMO_LISTS.manualKunstmeile)!;
    const members = list.staticMembers().map(String);
    const r = await runExport(apiFor(fake), { ...setup, ...base, listId: DEMO_LISTS.manualKunstmeile });
    expect([...r.receipt.brands].sort()).toEqual(['kunstmeile_nord', 'kunstmeile_ost', 'kunstmeile_sued']);
    expect(idsOf(r.csv)).toEqual(members.filter((id) => id !== '109' && id !== '110' && id !== '103').sort((a, b) => Number(a) - Number(b)));
    expect(r.csv.split('\r\n')[0]).toBe('hs_object_id,salutation,firstname,lastname,company,address,zip,city,country');
    expect(Object.keys(r.receipt)).toEqual(['listId', 'name', 'brands', 'at', 'by', 'members', 'excluded', 'exported', 'sha256']);
    expect(r.receipt).toMatchObject({ listId: '1004', name: list.name, at: '2026-12-06T10:00:00.000Z', by: 'JB', members: members.length });
    expect(r.receipt.exported).toBe(idsOf(r.csv).length);
    expect(r.receipt.sha256).toBe(createHash('sha256').update(Buffer.from(r.csv, 'utf8')).digest('hex'));
    expect(JSON.parse(r.receiptText)).toEqual(r.receipt);
  });

  it('excel dialect: UTF-8 with BOM and `;`; a value a spreadsheet would run is defused', async () => {
    portal().contacts.get('102')!.properties.city = '=HYPERLINK("x");Köln';
    portal().lists.get(DEMO_LISTS.compliantManual)!.setStaticMembers([102]);
    const r = await runExport(apiFor(fake), { ...setup, ...base, dialect: 'excel', listId: DEMO_LISTS.compliantManual, columns: ['city'] });
    expect(r.csv.startsWith('\uFEFFhs_object_id;city\r\n')).toBe(true);
    expect(r.csv).toContain(`102;"'=HYPERLINK(""x"");Köln"\r\n`);
    expect(r.receipt.sha256).toBe(createHash('sha256').update(Buffer.from(r.csv, 'utf8')).digest('hex'));
    expect(Buffer.from(r.csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('a contact blocked while the export runs (after its address was read) is still left out', async () => {
    const list = portal().lists.get(DEMO_LISTS.compliantManual)!;
    list.setStaticMembers([102, 113, 114]);
    const r = await runExport(apiFor(fake), {
      ...setup,
      ...base,
      listId: DEMO_LISTS.compliantManual,
      onProgress: (p) => {
        // The addresses are read; someone blocks 113 for the mailing's brand now.
        if (p.label === 'Sperren werden vor dem Schreiben erneut geprüft') portal().contacts.get('113')!.properties.post_sperre_marken = 'galerie_west';
      },
    });
    expect(r.receipt.brands).toEqual(['galerie_west']);
    expect(idsOf(r.csv)).toEqual(['102', '114']);
    expect(r.receipt).toMatchObject({ members: 3, exported: 2, excluded: { galerie_west: 1 } });
  });

  it('an active segment: its members as HubSpot evaluates them, minus the blocked', async () => {
    const list = portal().lists.get(DEMO_LISTS.leakingDynamic)!;
    const members = portal().memberIds(list).map(String);
    expect(members).toContain('111');
    const r = await runExport(apiFor(fake), { ...setup, ...base, listId: DEMO_LISTS.leakingDynamic });
    expect(r.receipt.brands).toEqual(['marke_a']);
    expect(idsOf(r.csv)).not.toContain('111');
    expect(r.receipt.members).toBe(members.length);
    expect(r.receipt.excluded.marke_a).toBeGreaterThanOrEqual(1);
    expect(r.receipt.exported + r.receipt.excluded.marke_a!).toBe(members.length);
  });

  it('a segment that does not exist, or of companies: an error, nothing made', async () => {
    await expect(runExport(apiFor(fake), { ...setup, ...base, listId: '99999' })).rejects.toSatisfy(isGatewayError);
    await expect(runExport(apiFor(fake), { ...setup, ...base, listId: DEMO_LISTS.companies })).rejects.toThrow(/kein Kontaktsegment/);
  });

  it('when HubSpot refuses the search by id, the batch read answers instead (same file)', async () => {
    const bySearch = await runExport(apiFor(fake), { ...setup, ...base, listId: DEMO_LISTS.manualKunstmeile });
    // The first search (the blocked contacts) passes; the first search by id is refused.
    fake.faults.add({ match: { method: 'POST', pathPrefix: '/crm/v3/objects/contacts/search' }, status: 400, skip: 1, times: 1 });
    const byBatch = await runExport(apiFor(fake), { ...setup, ...base, listId: DEMO_LISTS.manualKunstmeile });
    expect(byBatch.readVia).toBe('batch-read');
    expect(bySearch.readVia).toBe('search');
    expect(byBatch.csv).toBe(bySearch.csv);
  });
});

describe('scale: a 50,000-member segment with 2,000 blocked members', () => {
  let fake: FakeHubspot;
  beforeAll(async () => {
    fake = await startFakeHubspot({ quiet: true, rateLimit: false, seed: bigSeed({ contacts: 60_000, blocked: 4_000, maxListSize: 50_000, blockedInList: 2_000 }) });
  });
  afterAll(() => fake.close());

  it('costs at most 600 requests and leaves out exactly the 2,000', async () => {
    const api = apiFor(fake);
    const r = await runExport(api, { ...setup, ...base, listId: '3001' });
    expect(r.receipt.members).toBe(50_000);
    expect(r.receipt.excluded).toEqual({ marke_a: 2_000 });
    expect(r.receipt.exported).toBe(48_000);
    expect(r.readVia).toBe('search');
    // 1 list + 200 membership pages + 240 searches by id (200 each) + 2 × 20 pages of the 4,000 blocked.
    expect(count(fake, /GET .*\/memberships$/)).toBe(200);
    expect(count(fake, /contacts\/batch\/read$/)).toBe(0);
    expect(api.stats().requests).toBe(1 + 200 + 240 + 40);
    expect(api.stats().requests).toBeLessThanOrEqual(600);
  }, 120_000);
});
