// @vitest-environment node
// The audit command's ledger (docs/contract.md §3 "Command line"): a separate process against the
// fake HubSpot, as a scheduled job runs it.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_LISTS, DEMO_PORTAL_ID, TOKENS, startFakeHubspot, type FakeHubspot } from '../fake-hubspot/index';
import { parseCsv, runCli, type JsonReport } from './support';

interface LedgerReport extends JsonReport {
  ledger?: { examined: number; since: string | null; findings: Record<string, unknown>[] };
}

let fake: FakeHubspot;
beforeAll(async () => {
  fake = await startFakeHubspot({ quiet: true });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const portal = () => fake.state.portal(DEMO_PORTAL_ID)!;
/** A write on another road, recorded in the history as HubSpot does. */
function write(id: string, properties: Record<string, string>, sourceType: string, sourceId: string) {
  portal().applyWrite(portal().contacts.get(id)!, properties, { sourceType, sourceId });
}
const json = (stdout: string) => JSON.parse(stdout) as LedgerReport;
const tempDir = () => mkdtempSync(join(tmpdir(), 'psg-ledger-'));

describe('audit command: the ledger', () => {
  it('json: exactly the contract\'s ledger fields; an import that lifted a block is a finding with its road', async () => {
    write('111', { post_sperre_marken: 'marke_a;marke_b' }, 'IMPORT', 'import-4711');
    const r = await runCli(fake, ['--format', 'json']);
    expect(r.code).toBe(1);
    const ledger = json(r.stdout).ledger!;
    expect(Object.keys(ledger)).toEqual(['examined', 'since', 'findings']);
    expect(ledger.since).toBeNull();
    expect(ledger.examined).toBe(17);
    for (const f of ledger.findings) expect(Object.keys(f)).toEqual(['contactId', 'brand', 'kind', 'at', 'sourceType', 'sourceId', 'by']);
    const lifted = ledger.findings.find((f) => f.contactId === '111')!;
    expect(lifted).toEqual({
      contactId: '111',
      brand: 'galerie_west',
      kind: 'lifted-without-reason',
      at: new Date(portal().contacts.get('111')!.updatedAt).toISOString(),
      sourceType: 'IMPORT',
      sourceId: 'import-4711',
      by: null,
    });
  });

  it('ledger findings alone give exit 1 for the whole portal; --list leaves the ledger out', async () => {
    for (const id of ['1002', '1003', '1004', '1010']) portal().lists.delete(id);
    for (const id of ['7001', '7003', '7004', '7005', '7006']) portal().flows.delete(id);
    // Every block has a reason now, but the history shows two blocks set without one.
    portal().contacts.delete('131');
    for (const id of ['104', '112']) portal().contacts.get(id)!.properties.grund_post_sperre = '2026-01-01 MK: +Marke A. Brief.';
    const r = await runCli(fake, ['--format', 'json']);
    const report = json(r.stdout);
    expect(report.lists.every((l) => l.compliant) && report.contactsMissingReason.length === 0).toBe(true);
    expect([...new Set(report.ledger!.findings.map((f) => f.contactId))]).toEqual(['104', '112']);
    expect(report.ledger!.findings).toContainEqual(expect.objectContaining({ contactId: '112', kind: 'set-without-reason', sourceType: 'WORKFLOW' }));
    expect(r.code).toBe(1);
    const one = await runCli(fake, ['--format', 'json', '--list', DEMO_LISTS.compliantDynamic]);
    expect(one.code).toBe(0);
    expect(json(one.stdout).ledger).toBeUndefined();
  });

  it('table and csv carry the findings, in words and in fields', async () => {
    write('111', { post_sperre_marken: 'marke_a;marke_b' }, 'IMPORT', 'import-4711');
    const table = await runCli(fake, []);
    expect(table.stdout).toContain('Sperren-Verlauf: Kontakte mit Sperre oder Grund geprüft: 17; Änderungen ohne Grund: 5.');
    expect(table.stdout).toMatch(/111 +Galerie West +Sperre ohne Grund aufgehoben +\d{4}-\d\d-\d\d \d\d:\d\d UTC +IMPORT \(import-4711\)/);
    const en = await runCli(fake, [], { PSG_LANG: 'en' });
    expect(en.stdout).toMatch(/111 +Galerie West +Block lifted without a reason/);
    const csv = parseCsv((await runCli(fake, ['--format', 'csv'])).stdout);
    const head = csv[0]!;
    const rows = csv.slice(1).filter((row) => row[head.indexOf('kind')]!.endsWith('-without-reason')).map((row) => Object.fromEntries(head.map((h, i) => [h, row[i]])));
    expect(rows.find((row) => row.recordId === '111')).toMatchObject({ kind: 'lifted-without-reason', brand: 'galerie_west', sourceType: 'IMPORT', sourceId: 'import-4711', detail: 'Sperre ohne Grund aufgehoben' });
    expect(rows.map((row) => row.recordId)).toEqual(['104', '111', '112', '131', '131']);
  });

  it('--since: only contacts modified since then; the JSON says from when', async () => {
    const since = new Date(Date.now() - 60_000).toISOString();
    write('111', { post_sperre_marken: 'marke_a;marke_b' }, 'IMPORT', 'import-4711');
    const r = await runCli(fake, ['--format', 'json', '--since', since]);
    const ledger = json(r.stdout).ledger!;
    expect(ledger).toMatchObject({ examined: 1, since });
    expect(ledger.findings.map((f) => f.contactId)).toEqual(['111']);
    const day = await runCli(fake, ['--format', 'json', '--since', '2099-01-01']);
    expect(json(day.stdout).ledger).toEqual({ examined: 0, since: '2099-01-01T00:00:00.000Z', findings: [] });
  });

  it('a bad --since is a usage error with one line naming it; so are --since/--state with --list', async () => {
    for (const args of [['--since', 'gestern'], ['--since', '2026-02-30'], ['--since', '2026-12-01T10:00'], ['--since', '2026-12-01', '--list', '1001'], ['--state', 'x.json', '--workflow', '7001']]) {
      const r = await runCli(fake, ['--format', 'json', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(args[0] === '--since' && args.length === 2 ? new RegExp(`--since: „${args[1]}“`) : /--since und --state gelten nur/);
    }
    expect(fake.requests).toHaveLength(0);
  });

  it('--state: the first run examines everything and records its start; the next examines what changed since', async () => {
    const dir = tempDir();
    const file = join(dir, 'ledger-state.json');
    const before = Date.now();
    const first = await runCli(fake, ['--format', 'json', '--state', file]);
    expect(first.code).toBe(1);
    expect(json(first.stdout).ledger).toMatchObject({ since: null, examined: 17 });
    const state = JSON.parse(readFileSync(file, 'utf8')) as { startedAt: string };
    expect(Object.keys(state)).toEqual(['startedAt']);
    expect(Date.parse(state.startedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(state.startedAt)).toBeLessThanOrEqual(Date.now());

    write('111', { post_sperre_marken: 'marke_a;marke_b' }, 'IMPORT', 'import-4711');
    const second = await runCli(fake, ['--format', 'json', '--state', file]);
    expect(json(second.stdout).ledger).toMatchObject({ since: state.startedAt, examined: 1 });
    expect(json(second.stdout).ledger!.findings.map((f) => f.contactId)).toEqual(['111']);
    const next = JSON.parse(readFileSync(file, 'utf8')) as { startedAt: string };
    expect(Date.parse(next.startedAt)).toBeGreaterThan(Date.parse(state.startedAt));
    // Written by rename: nothing else left in the directory.
    expect(readdirSync(dir)).toEqual(['ledger-state.json']);
    // --since wins over the file.
    const explicit = await runCli(fake, ['--format', 'json', '--state', file, '--since', '2020-01-01']);
    expect(json(explicit.stdout).ledger!.since).toBe('2020-01-01T00:00:00.000Z');
  });

  it('--state is not written when the run fails, and a damaged file stops the run (exit 2) untouched', async () => {
    const dir = tempDir();
    const file = join(dir, 'state.json');
    const failed = await runCli(fake, ['--format', 'json', '--state', file], { HUBSPOT_TOKEN: TOKENS.revoked });
    expect(failed.code).toBe(2);
    expect(existsSync(file)).toBe(false);

    writeFileSync(file, '{"startedAt": "yesterday"}');
    fake.requests.length = 0;
    const damaged = await runCli(fake, ['--format', 'json', '--state', file]);
    expect(damaged.code).toBe(2);
    expect(damaged.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(damaged.stderr).toContain(`--state ${file}: erwartet {"startedAt": "<ISO-Zeitpunkt>"}`);
    expect(readFileSync(file, 'utf8')).toBe('{"startedAt": "yesterday"}');
    expect(fake.requests).toHaveLength(0);
  });
});
