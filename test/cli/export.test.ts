// @vitest-environment node
// The export command as its own process (docs/contract.md §4): the file and its receipt, both
// dialects, the exit codes, and nothing left behind on any error.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_LISTS, DEMO_PORTAL_ID, demoSeed, startFakeHubspot, type FakeHubspot } from '../fake-hubspot/index';
import { parseCsv, runCli, type Result } from './support';

/** The export command with German messages (the summary line is checked). */
const runExport = (fake: FakeHubspot, args: string[], env: Record<string, string | undefined> = {}, via: 'tsx' | 'npm' = 'tsx'): Promise<Result> =>
  runCli(fake, args, { PSG_LANG: 'de', ...env }, via, 'export');

describe('npm run export', () => {
  let fake: FakeHubspot;
  let dir: string;
  beforeAll(async () => {
    fake = await startFakeHubspot({ quiet: true, rateLimit: false, seed: demoSeed() });
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.reset();
    dir = mkdtempSync(join(tmpdir(), 'psg-export-'));
  });

  it('writes the clean file and its receipt (plain dialect, chosen columns, --author)', async () => {
    const file = join(dir, 'versand.csv');
    const r = await runExport(fake, ['--list', DEMO_LISTS.manualKunstmeile, '--output', file, '--columns', 'firstname,lastname,zip,city', '--dialect', 'plain', '--author', 'JB'], {}, 'npm');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const bytes = readFileSync(file);
    const rows = parseCsv(bytes.toString('utf8'));
    expect(rows[0]).toEqual(['hs_object_id', 'firstname', 'lastname', 'zip', 'city']);
    const members = fake.state.portal(DEMO_PORTAL_ID)!.lists.get(DEMO_LISTS.manualKunstmeile)!.staticMembers().map(String);
    const ids = rows.slice(1).map((row) => row[0]);
    expect(ids).not.toContain('109');
    expect(ids).not.toContain('110');
    expect(ids.length).toBeGreaterThan(0);
    const receipt = JSON.parse(readFileSync(`${file}.receipt.json`, 'utf8'));
    expect(Object.keys(receipt)).toEqual(['listId', 'name', 'brands', 'at', 'by', 'members', 'excluded', 'exported', 'sha256']);
    expect(receipt).toMatchObject({ listId: DEMO_LISTS.manualKunstmeile, by: 'JB', members: members.length, exported: ids.length });
    expect(receipt.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(r.stdout).toContain(`${ids.length} von ${members.length}`);
  }, 60_000);

  it('default dialect is excel: BOM and `;`; --brand chooses the brands; the author from PSG_AUTHOR', async () => {
    const file = join(dir, 'a.csv');
    const r = await runExport(fake, ['--list', DEMO_LISTS.leakingDynamic, '--brand', 'marke_a', '--brand', 'marke_c', '--output', file], { PSG_AUTHOR: 'MK' });
    expect(r.code).toBe(0);
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8').split('\r\n')[0]).toBe('\uFEFFhs_object_id;salutation;firstname;lastname;company;address;zip;city;country');
    const receipt = JSON.parse(readFileSync(`${file}.receipt.json`, 'utf8'));
    expect(receipt.brands).toEqual(['marke_a', 'marke_c']);
    expect(receipt.by).toBe('MK');
    expect(Object.keys(receipt.excluded)).toEqual(['marke_a', 'marke_c']);
    expect(receipt.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  }, 60_000);

  it.each([
    ['no --list', ['--output', 'x.csv']],
    ['no --output', ['--list', '1004']],
    ['a bad dialect', ['--list', '1004', '--output', 'x.csv', '--dialect', 'xlsx']],
    ['a column that is no property name', ['--list', '1004', '--output', 'x.csv', '--columns', 'zip,=cmd']],
    ['a column the portal does not have', ['--list', '1004', '--output', 'x.csv', '--columns', 'zip,lieblingsfarbe']],
    ['an unknown brand', ['--list', '1004', '--output', 'x.csv', '--brand', 'marke_z']],
    ['a list that does not exist', ['--list', '99999', '--output', 'x.csv']],
  ])('%s: exit 2, one line on stderr, nothing written', async (_what, args) => {
    const r = await runExport(fake, args.map((a) => (a === 'x.csv' ? join(dir, 'x.csv') : a)), { PSG_AUTHOR: 'JB' });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(readdirSync(dir)).toEqual([]);
  }, 60_000);

  it('an API error in the middle (the addresses): exit 2, no file, no receipt, no partial file', async () => {
    const file = join(dir, 'v.csv');
    fake.faults.add({ match: { method: 'POST', pathPrefix: '/crm/v3/objects/contacts/search' }, status: 500, skip: 1 });
    fake.faults.add({ match: { method: 'POST', pathPrefix: '/crm/v3/objects/contacts/batch/read' }, status: 500 });
    const r = await runExport(fake, ['--list', DEMO_LISTS.manualKunstmeile, '--output', file], { PSG_AUTHOR: 'JB' });
    expect(r.code).toBe(2);
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  }, 120_000);

  it('a bad token: exit 2, nothing written', async () => {
    const file = join(dir, 'v.csv');
    const r = await runExport(fake, ['--list', DEMO_LISTS.manualKunstmeile, '--output', file], { HUBSPOT_TOKEN: 'pat-na1-00000000-0000-0000-0000-000000000000' });
    expect(r.code).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
  }, 60_000);
});
