// @vitest-environment node
// The bulk block from a file (lib/gateway/bulkBlock.ts) against the fake HubSpot: what the preview
// finds, what a run writes (only additions, one log entry per contact), what it costs in requests,
// how it treats a batch HubSpot refuses, a racing write, a 429, and a run started again.
import { beforeEach, describe, expect, it } from 'vitest';
import { BRANDS, DEMO_PORTAL_ID, inProcessFakeHubspot, STALE_BRAND_VALUE, TOKENS } from '../fake-hubspot/index';
import { otherWrite } from '../fake-hubspot/server';
import { createHubspotApi, type HubspotApi } from '../../lib/hubspot/api';
import type { Clock } from '../../lib/hubspot/clock';
import { parseCsv } from '../../lib/csv';
import { resolveBulk, runBulkBlock, type BulkSetup } from '../../lib/gateway/bulkBlock';
import { bulkReport, bulkResultCsv, MissingColumn, valuesOfColumn, type FileValue } from '../../lib/domain/bulkFile';
import { parseBlockValue, type BlockOption } from '../../lib/domain/blocks';
import { parseReasonLog } from '../../lib/domain/reasonLog';
import { createBulkHandlers } from '../../lib/gateway/bulk-handlers';
import { createContactHandlers } from '../../lib/gateway/handlers';
import { BrandChoiceStore, memoryChoicesItem } from '../../lib/gateway/brandChoices';
import { contactWriteKey, KeyedQueue } from '../../lib/gateway/queue';
import type { ConnectionInfo } from '../../lib/gateway/session';
import { memoryCache } from '../../lib/hubspot/cache';
import { parseSettings, type Settings } from '../../lib/settings';
import { translator } from '../../lib/i18n';

const BLOCK = 'post_sperre_marken';
const REASON = 'grund_post_sperre';
const FIRST = 500_000;
const fake = inProcessFakeHubspot({ rateLimit: false });
const portal = () => fake.state.portal(DEMO_PORTAL_ID)!;

function virtualClock(): Clock {
  let now = 0;
  return { now: () => now, sleep: async (ms) => void (now += ms) };
}

function api(fetch: typeof globalThis.fetch = fake.fetch): HubspotApi {
  return createHubspotApi({ token: TOKENS.valid, baseUrl: fake.baseUrl, fetch, clock: virtualClock(), random: () => 0.5 });
}

function setup(brands: string[] = ['marke_a', 'marke_b'], options: BlockOption[] = BRANDS.map((b) => ({ ...b }))): BulkSetup {
  return { blockProperty: BLOCK, reasonProperty: REASON, options, blockPropertyLabel: 'Post Sperre Marken', brands, reason: 'Widerspruch per Brief (Lettershop)', author: 'MK' };
}

/** `n` contacts from FIRST on; every seventh already blocked for marke_c with a log line. */
function addContacts(n: number): string[] {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = String(FIRST + i);
    ids.push(id);
    const blocked = i % 7 === 0;
    portal().contacts.add({
      id,
      createdAt: '2025-01-01T00:00:00.000Z',
      properties: { email: `kunde${i}@example.de`, ...(blocked ? { [BLOCK]: 'marke_c', [REASON]: 'alt: Marke C per Telefon' } : {}) },
    });
  }
  return ids;
}

const values = (list: string[]): FileValue[] => list.map((value, i) => ({ value, row: i + 2 }));
const contact = (id: string) => portal().contacts.get(id)!;
const blocks = (id: string) => parseBlockValue(contact(id).properties[BLOCK]);
const entriesOf = (id: string) => parseReasonLog(contact(id).properties[REASON] ?? '').entries;

beforeEach(() => fake.reset());

describe('the file', () => {
  it('reads the chosen column; `;` or `,`, a BOM, quotes; values once, e-mails without regard to case', () => {
    const table = parseCsv('\uFEFFName;E-Mail;ID\r\n"Keller; Mara";Mara@Example.de;101\r\nX;mara@example.de;102\n\nY;;103\n');
    expect(table.delimiter).toBe(';');
    expect(table.header).toEqual(['Name', 'E-Mail', 'ID']);
    expect(valuesOfColumn(table, 'E-Mail', 'email')).toEqual([{ value: 'Mara@Example.de', row: 2 }]);
    expect(valuesOfColumn(table, 'ID', 'id').map((v) => v.value)).toEqual(['101', '102', '103']);
    expect(parseCsv('id,name\n1,"a, b"\n').rows).toEqual([['1', 'a, b']]);
    expect(() => valuesOfColumn(table, 'Kundennummer', 'id')).toThrow(MissingColumn);
  });
});

describe('preview', () => {
  it('by id: matched, not found (also values that are no id), already blocked for every chosen brand', async () => {
    const [, a, b, c] = addContacts(4);
    otherWrite(portal(), contact(b!), { addTokens: { [BLOCK]: ['marke_a', 'marke_b'] } });
    otherWrite(portal(), contact(c!), { addTokens: { [BLOCK]: ['marke_a'] } });
    const p = await resolveBulk(api(), setup(), 'id', values([a!, b!, c!, '999999999', 'abc']));
    expect(p.matched.map((m) => m.id)).toEqual([a, b, c]);
    expect(p.notFound).toEqual(['999999999', 'abc']);
    expect(p.alreadyBlocked).toEqual([b]);
    expect(p.ambiguous).toEqual([]);
  });

  it('by e-mail: an address on several contacts is ambiguous and none of them is written', async () => {
    const [a, b, c] = addContacts(3);
    contact(c!).properties.email = 'kunde1@example.de'; // same address as b
    const p = await resolveBulk(api(), setup(), 'email', values(['KUNDE0@example.de', 'kunde1@example.de', 'niemand@example.de']));
    expect(p.matched.map((m) => [m.id, m.value])).toEqual([[a, 'KUNDE0@example.de']]);
    expect(p.ambiguous).toEqual([{ value: 'kunde1@example.de', ids: [b, c] }]);
    expect(p.notFound).toEqual(['niemand@example.de']);
    const run = await runBulkBlock(api(), setup(), p.matched);
    expect(run.written).toEqual([a]);
    expect(blocks(b!)).toEqual([]);
    expect(blocks(c!)).toEqual([]);
  });
});

describe('run', () => {
  it('adds the brands, keeps every block and log line, one entry per contact with reason and author', async () => {
    const ids = addContacts(8);
    const p = await resolveBulk(api(), setup(), 'id', values(ids));
    const run = await runBulkBlock(api(), setup(), p.matched);
    expect(run.written).toEqual(ids);
    expect(run.failed).toEqual([]);
    for (const id of ids) {
      expect(blocks(id)).toEqual(expect.arrayContaining(['marke_a', 'marke_b']));
      const entries = entriesOf(id);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ added: ['Marke A', 'Marke B'], removed: [], reason: 'Widerspruch per Brief (Lettershop)', by: 'MK' });
    }
    // The contact blocked for marke_c before keeps it, and its earlier line.
    expect(new Set(blocks(ids[0]!))).toEqual(new Set(['marke_c', 'marke_a', 'marke_b']));
    expect(contact(ids[0]!).properties[REASON]).toMatch(/^alt: Marke C per Telefon\n\[/);
    const doc = bulkReport(p, run);
    expect(doc).toEqual({ matched: ids, notFound: [], ambiguous: [], alreadyBlocked: [], written: ids, failed: [] });
  });

  it(`1,000 contacts in 40 requests when nothing races (by id and by e-mail)`, async () => {
    const ids = addContacts(1000);
    for (const by of ['id', 'email'] as const) {
      fake.reset();
      addContacts(1000);
      const client = api();
      const file = by === 'id' ? ids : ids.map((_, i) => `kunde${i}@example.de`);
      const p = await resolveBulk(client, setup(), by, values(file));
      const run = await runBulkBlock(client, setup(), p.matched);
      expect(run.written).toHaveLength(1000);
      const counts: Record<string, number> = {};
      for (const r of fake.requests) counts[`${r.method} ${r.path.replace(/\?.*/, '')}`] = (counts[`${r.method} ${r.path.replace(/\?.*/, '')}`] ?? 0) + 1;
      // read 10 (batch read or search), write 10 (batch update), verify 20 (history, 50 per request)
      expect(client.stats().requests, JSON.stringify(counts)).toBe(40);
      expect(counts['POST /crm/v3/objects/contacts/batch/update']).toBe(10);
    }
  });

  it('a contact holding a value that is no option any more fails with HubSpot’s words; the rest of its batch is written', async () => {
    const ids = addContacts(5);
    contact(ids[2]!).properties[BLOCK] = STALE_BRAND_VALUE;
    contact(ids[2]!).history[BLOCK] = [{ value: STALE_BRAND_VALUE, timestamp: '2025-06-01T00:00:00.000Z', sourceType: 'IMPORT' }];
    // The options as the extension cached them before an admin removed the option: HubSpot refuses the batch.
    const stale = setup(['marke_a'], [...BRANDS.map((b) => ({ ...b })), { value: STALE_BRAND_VALUE, label: 'Marke Alt', hidden: false }]);
    const p = await resolveBulk(api(), stale, 'id', values(ids));
    const run = await runBulkBlock(api(), stale, p.matched);
    expect(run.failed).toEqual([{ id: ids[2], error: expect.stringMatching(/marke_alt was not one of the allowed options/) }]);
    expect(run.written).toEqual(ids.filter((_, i) => i !== 2));
    expect(blocks(ids[2]!)).toEqual([STALE_BRAND_VALUE]);
    for (const id of run.written) expect(entriesOf(id)).toHaveLength(1);
    const csv = parseCsv(bulkResultCsv(p, run));
    expect(csv.header).toEqual(['id', 'value', 'outcome', 'error']);
    expect(csv.rows.find((r) => r[0] === ids[2])?.[2]).toBe('failed');
    // With current options the refusal is said before anything is sent.
    fake.reset();
    addContacts(5);
    contact(ids[2]!).properties[BLOCK] = STALE_BRAND_VALUE;
    contact(ids[2]!).history[BLOCK] = [{ value: STALE_BRAND_VALUE, timestamp: '2025-06-01T00:00:00.000Z', sourceType: 'IMPORT' }];
    const fresh = await runBulkBlock(api(), setup(['marke_a']), (await resolveBulk(api(), setup(['marke_a']), 'id', values(ids))).matched);
    expect(fresh.failed).toEqual([{ id: ids[2], error: expect.stringContaining('marke_alt') }]);
    expect(fake.requests.filter((r) => r.path.includes('/crm/v3/objects/contacts/') && r.method === 'PATCH')).toHaveLength(0);
  });

  it('a write that lands between our read and our write is kept (their brand, their line), ours too', async () => {
    const ids = addContacts(3);
    const target = ids[1]!;
    let raced = false;
    const racing: typeof fetch = async (input, init) => {
      if (!raced && String(input).includes('/batch/update')) {
        raced = true;
        otherWrite(portal(), contact(target), { addTokens: { [BLOCK]: ['galerie_west'] }, appendLines: { [REASON]: 'Jonas: Galerie West per Telefon' }, sourceType: 'CRM_UI' });
      }
      return fake.fetch(input, init);
    };
    const client = api(racing);
    const p = await resolveBulk(client, setup(), 'id', values(ids));
    const run = await runBulkBlock(client, setup(), p.matched);
    expect(raced).toBe(true);
    expect(run.written).toEqual(ids);
    expect(run.racesRepaired).toBe(1);
    expect(blocks(target)).toEqual(expect.arrayContaining(['galerie_west', 'marke_a', 'marke_b']));
    expect(contact(target).properties[REASON]).toContain('Jonas: Galerie West per Telefon');
    expect(entriesOf(target)).toHaveLength(1);
  });

  it('a 429 or a dropped answer after the batch landed: waited out, every contact written once', async () => {
    const ids = addContacts(4);
    fake.faults.add({ match: { method: 'POST', pathPrefix: '/crm/v3/objects/contacts/batch/update' }, rateLimit: 'TEN_SECONDLY_ROLLING', times: 1 });
    fake.faults.add({ match: { method: 'POST', pathPrefix: '/crm/v3/objects/contacts/batch/update' }, drop: true, after: true, times: 1 });
    const waits: number[] = [];
    const run = await runBulkBlock(api(), setup(), (await resolveBulk(api(), setup(), 'id', values(ids))).matched, { sleep: async () => undefined, onWait: (ms) => waits.push(ms) });
    expect(run.written).toEqual(ids);
    expect(waits.length).toBe(2);
    for (const id of ids) expect(entriesOf(id)).toHaveLength(1);
    expect(fake.requests.filter((r) => r.path.endsWith('/batch/update'))).toHaveLength(2); // the dropped one had landed: not sent again
  });

  it('a state that is behind (the search index lags): shown blocked is read again, not skipped; a write planned on it is repaired', async () => {
    const [a, b] = addContacts(3).slice(1);
    const p = await resolveBulk(api(), setup(['marke_a']), 'email', values(['kunde1@example.de', 'kunde2@example.de']));
    // As the index showed them: a blocked for marke_a, b without its newest line; HubSpot holds more.
    const stale = p.matched.map((m) => (m.id === a ? { ...m, state: { blocks: ['marke_a'], reason: '' } } : m));
    otherWrite(portal(), contact(b!), { addTokens: { [BLOCK]: ['galerie_west'] }, appendLines: { [REASON]: 'Aylin: Galerie West' } });
    const run = await runBulkBlock(api(), setup(['marke_a']), stale);
    expect(run.written).toEqual([a, b]);
    expect(blocks(a!)).toEqual(['marke_a']);
    expect(new Set(blocks(b!))).toEqual(new Set(['marke_a', 'galerie_west']));
    expect(contact(b!).properties[REASON]).toContain('Aylin: Galerie West');
    expect(entriesOf(b!)).toHaveLength(1);
  });

  it('a run cancelled half way, started again, does only what is left: one entry per contact', async () => {
    const ids = addContacts(250);
    const stop = new AbortController();
    const first = await runBulkBlock(api(), setup(), (await resolveBulk(api(), setup(), 'id', values(ids))).matched, {
      signal: stop.signal,
      onProgress: (p) => {
        if (p.done >= 100) stop.abort();
      },
    });
    expect(first.cancelled).toBe(true);
    expect(first.written).toHaveLength(100);
    expect(first.notDone).toHaveLength(150);
    fake.requests.length = 0;
    const again = await resolveBulk(api(), setup(), 'id', values(ids));
    expect(again.alreadyBlocked).toEqual(first.written);
    const second = await runBulkBlock(api(), setup(), again.matched.filter((m) => !again.alreadyBlocked.includes(m.id)));
    expect(second.written).toEqual(first.notDone);
    for (const id of ids) expect(entriesOf(id), id).toHaveLength(1);
    expect(fake.requests.filter((r) => r.path.endsWith('/batch/update'))).toHaveLength(2); // 150 left: two batches
  });

  it('never lifts a block, also when the brands asked for are partly blocked already', async () => {
    const [, a] = addContacts(2);
    otherWrite(portal(), contact(a!), { addTokens: { [BLOCK]: ['marke_b', 'kunstmeile_ost'] }, appendLines: { [REASON]: 'Telefon' } });
    const run = await runBulkBlock(api(), setup(['marke_a', 'marke_b']), [{ id: a! }]);
    expect(run.written).toEqual([a]);
    expect(new Set(blocks(a!))).toEqual(new Set(['marke_b', 'kunstmeile_ost', 'marke_a']));
    expect(entriesOf(a!)[0]).toMatchObject({ added: ['Marke A'], removed: [] });
  });
});

describe('through the gateway (options page)', () => {
  function handlers(userName = 'MK') {
    let settings: Settings = parseSettings({ token: TOKENS.valid, userName });
    let connection: ConnectionInfo | null = null;
    const client = api();
    const queue = new KeyedQueue();
    const env = {
      loadSettings: async () => settings,
      storeSettings: async (v: Settings) => void (settings = v),
      loadConnection: async () => connection,
      storeConnection: async (c: ConnectionInfo | null) => void (connection = c),
      cache: memoryCache(),
      apiFor: () => client,
      openOptionsPage: async () => undefined,
      writeQueue: queue,
      brandChoices: new BrandChoiceStore(memoryChoicesItem()),
    };
    return { bulk: createBulkHandlers(env), contact: createContactHandlers(env), queue };
  }
  const ctx = (progress: (p: { done: number; total: number | null; label: string }) => void = () => undefined) => ({ signal: new AbortController().signal, progress, sender: { fromExtensionPage: true }, tr: translator('de') });

  it('previews without sending any contact’s log, runs with progress, and refuses without an author', async () => {
    const ids = addContacts(3);
    const { bulk } = handlers();
    const preview = await bulk.bulkBlockPreview({ values: values(ids), by: 'id', brands: ['marke_a'], reason: 'Retoure' }, ctx());
    expect(preview.matched).toEqual(ids.map((id) => ({ id, value: id })));
    const progress: string[] = [];
    const run = await bulk.bulkBlockRun({ ids, brands: ['marke_a'], reason: 'Retoure' }, ctx((p) => progress.push(p.label)));
    expect(run.written).toEqual(ids);
    expect(progress).toContain('Sperren werden geschrieben: 3 von 3 Kontakten …');
    await expect(handlers('').bulk.bulkBlockRun({ ids, brands: ['marke_b'], reason: 'Retoure' }, ctx())).rejects.toMatchObject({ kind: 'not-configured' });
    await expect(bulk.bulkBlockPreview({ values: values(ids), by: 'id', brands: ['marke_a'], reason: ' \u200b ' }, ctx())).rejects.toThrow(/Ohne Grund/);
  });

  it('"Abbrechen" stops the run after the batch being written; its result still comes back', async () => {
    const ids = addContacts(250);
    const { bulk } = handlers();
    let cancelled = false;
    const run = await bulk.bulkBlockRun(
      { ids, brands: ['marke_a'], reason: 'Retoure' },
      ctx((p) => {
        if (p.total !== null && p.done >= 100 && !cancelled) {
          cancelled = true;
          void bulk.bulkBlockCancel({}, ctx());
        }
      }),
    );
    expect(run.cancelled).toBe(true);
    expect(run.written).toEqual(ids.slice(0, 100));
    expect(run.notDone).toEqual(ids.slice(100));
  });

  it('waits for a panel save of the same contact (one write at a time per contact)', async () => {
    const ids = addContacts(2);
    const { bulk, queue } = handlers();
    const order: string[] = [];
    let release!: () => void;
    const held = queue.run(contactWriteKey(String(DEMO_PORTAL_ID), ids[1]!), async () => {
      order.push('panel save');
      await new Promise<void>((r) => (release = r));
    });
    const run = bulk.bulkBlockRun({ ids, brands: ['marke_a'], reason: 'Retoure' }, ctx()).then((r) => (order.push('bulk'), r));
    await new Promise((r) => setTimeout(r, 20));
    expect(order).toEqual(['panel save']);
    expect(fake.requests.filter((r) => r.path.endsWith('/batch/update'))).toHaveLength(0);
    release();
    await held;
    expect((await run).written).toEqual(ids);
  });
});
