// @vitest-environment node
// The bulk block command as a user runs it: its own process, pointed at the fake HubSpot started
// here (docs/contract.md §5).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PORTAL_ID, TOKENS, startFakeHubspot, type FakeHubspot } from '../fake-hubspot/index';
import { parseCsv } from '../../lib/csv';
import { parseBlockValue } from '../../lib/domain/blocks';
import type { BulkReport } from '../../lib/domain/bulkFile';
import { parseReasonLog } from '../../lib/domain/reasonLog';
import { runCommand } from './support';

let fake: FakeHubspot;
const dir = mkdtempSync(join(tmpdir(), 'psg-block-'));
beforeAll(async () => {
  fake = await startFakeHubspot({ quiet: true });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const portal = () => fake.state.portal(DEMO_PORTAL_ID)!;
const contact = (id: string) => portal().contacts.get(id)!;
const blocks = (id: string) => parseBlockValue(contact(id).properties.post_sperre_marken);
const entries = (id: string) => parseReasonLog(contact(id).properties.grund_post_sperre ?? '').entries;
const block = (args: string[], env: Record<string, string | undefined> = {}, via: 'tsx' | 'npm' = 'tsx') => runCommand('block', fake, args, env, via);

let n = 0;
function file(text: string): string {
  const path = join(dir, `f${++n}.csv`);
  writeFileSync(path, text);
  return path;
}

type Doc = BulkReport;

const REASON = 'Rückläufer Herbstkatalog (Lettershop Müller)';

describe('block command', () => {
  it('json: blocks the matched contacts (one entry each), reports not found and already blocked; exit 1 for the not found', async () => {
    const path = file('Kundennr,Name\r\n113,Maria\r\n114,Niklas\r\n999999,Unbekannt\r\n113,doppelt\r\n');
    // 114 is blocked for marke_a already (by someone, with a line).
    const seeded = await block(['--file', file('id\n114\n'), '--column', 'id', '--by', 'id', '--brand', 'marke_a', '--reason', 'vorab', '--author', 'JB', '--format', 'json']);
    expect(seeded.code).toBe(0);
    const r = await block(['--file', path, '--column', 'Kundennr', '--by', 'id', '--brand', 'marke_a', '--brand', 'marke_b', '--reason', REASON, '--author', 'MK', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as Doc;
    expect(doc).toEqual({ matched: ['113', '114'], notFound: ['999999'], ambiguous: [], alreadyBlocked: [], written: ['113', '114'], failed: [] });
    expect(new Set(blocks('113'))).toEqual(new Set(['marke_a', 'marke_b']));
    expect(entries('113')).toEqual([expect.objectContaining({ added: ['Marke A', 'Marke B'], removed: [], reason: REASON, by: 'MK' })]);
    // 114: its earlier entry stays, ours adds only Marke B.
    expect(entries('114').map((e) => [e.added, e.by])).toEqual([
      [['Marke A'], 'JB'],
      [['Marke B'], 'MK'],
    ]);
  });

  it('a second run of the same file writes nothing more: everything already blocked, exit 0', async () => {
    const path = file('id\n113\n115\n');
    const args = ['--file', path, '--column', 'id', '--by', 'id', '--brand', 'marke_c', '--reason', REASON, '--format', 'json'];
    expect((await block(args)).code).toBe(0);
    const again = await block(args);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ matched: ['113', '115'], alreadyBlocked: ['113', '115'], written: [] });
    expect(entries('113')).toHaveLength(1);
  });

  it('--dry-run writes nothing (written empty) and says what would be done', async () => {
    const before = JSON.stringify(contact('113'));
    const r = await block(['--file', file('id\n113\n'), '--column', 'id', '--by', 'id', '--brand', 'marke_a', '--reason', REASON, '--dry-run', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ matched: ['113'], written: [] });
    expect(JSON.stringify(contact('113'))).toBe(before);
    expect(fake.requests.filter((q) => q.method !== 'GET' && !q.path.endsWith('/batch/read'))).toEqual([]);
  });

  it('by e-mail from an Excel file (BOM, `;`): an address on two contacts is ambiguous, exit 1; the result file has a row per value', async () => {
    const mail = (id: string) => contact(id).properties.email!;
    contact('118').properties.email = mail('117');
    const result = join(dir, 'ergebnis.csv');
    const path = file(`\uFEFFName;E-Mail\r\nMaria;${mail('113').toUpperCase()}\r\nQuirin;${mail('117')}\r\nNiemand;niemand@example.de\r\n`);
    const r = await block(['--file', path, '--column', 'E-Mail', '--by', 'email', '--brand', 'marke_b', '--reason', REASON, '--format', 'json', '--result', result]);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as Doc;
    expect(doc.matched).toEqual(['113']);
    expect(doc.ambiguous).toEqual([{ value: mail('117'), ids: ['117', '118'] }]);
    expect(doc.notFound).toEqual(['niemand@example.de']);
    expect(blocks('117')).toEqual([]);
    const rows = parseCsv(readFileSync(result, 'utf8'));
    expect(rows.header).toEqual(['id', 'value', 'outcome', 'error']);
    expect(rows.rows.map((x) => x[2])).toEqual(['written', 'not-found', 'ambiguous']);
  });

  it('table: German by default; a contact holding a removed option fails with the reason, the others are written', async () => {
    contact('115').properties.post_sperre_marken = 'marke_alt';
    contact('115').history.post_sperre_marken = [{ value: 'marke_alt', timestamp: '2025-06-01T00:00:00.000Z', sourceType: 'IMPORT' }];
    const r = await block(['--file', file('id\n113\n115\n'), '--column', 'id', '--by', 'id', '--brand', 'marke_a', '--reason', REASON]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('2 gefunden, 0 schon gesperrt, 1 geschrieben, 1 fehlgeschlagen');
    expect(r.stdout).toMatch(/Kontakt 115: marke_alt ist keine Option/);
  });

  it('2 with one line on stderr: usage, configuration and API errors', async () => {
    const path = file('id\n113\n');
    const base = ['--file', path, '--column', 'id', '--by', 'id', '--brand', 'marke_a', '--reason', REASON];
    const cases: [string[], Record<string, string | undefined>, RegExp][] = [
      [base.filter((_, i) => i > 1), {}, /--file/],
      [[...base.slice(0, 5), 'name', ...base.slice(6)], {}, /--by/],
      [[...base.slice(0, 9), '   '], {}, /Grund/],
      [[...base.slice(0, 7), 'marke_zz', ...base.slice(8)], {}, /marke_zz/],
      [[...base.slice(0, 3), 'Kundennr', ...base.slice(4)], {}, /Kundennr/],
      [['--file', join(dir, 'fehlt.csv'), ...base.slice(2)], {}, /fehlt\.csv/],
      [base, { HUBSPOT_TOKEN: TOKENS.revoked }, /401/],
    ];
    const results = await Promise.all(cases.map(([args, env]) => block(args, env)));
    results.forEach((r, i) => {
      const label = JSON.stringify(cases[i]![0]);
      expect(r.code, label).toBe(2);
      expect(r.stderr.trimEnd().split('\n'), label).toHaveLength(1);
      expect(r.stderr, label).toMatch(cases[i]![2]);
    });
    expect(blocks('113')).toEqual([]);
  }, 60_000);

  it('runs through `npm run -s block --` as the contract says', async () => {
    const r = await block(['--file', file('id\n113\n'), '--column', 'id', '--by', 'id', '--brand', 'marke_a', '--reason', REASON, '--format', 'json'], {}, 'npm');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ written: ['113'] });
  });
});
