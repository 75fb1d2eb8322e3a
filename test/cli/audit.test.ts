// @vitest-environment node
// The audit command as a user runs it: a separate process, HUBSPOT_TOKEN / HUBSPOT_API_BASE in
// its environment, pointed at the fake HubSpot started here over plain HTTP (docs/contract.md §2).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_LISTS, DEMO_PORTAL_ID, TOKENS, bigSeed, startFakeHubspot, type FakeHubspot } from '../fake-hubspot/index';
import { ALL_BRANDS, FAMILIES, parseCsv, runCli, verdicts, type JsonReport } from './support';

let fake: FakeHubspot;
beforeAll(async () => {
  fake = await startFakeHubspot({ quiet: true });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

describe('audit command: verdicts and formats', () => {
  it('json: the mixed demo portal, list by list; exit 1; nothing on stderr', async () => {
    const r = await runCli(fake, ['--format', 'json'], { HUBSPOT_BRAND_FAMILIES: FAMILIES });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(verdicts(report)).toEqual({
      '1001': [],
      '1002': ['branch:1:marke_a'],
      '1003': ['branch:0:marke_b'],
      '1004': ['member:109:kunstmeile_nord', 'member:110:kunstmeile_sued'],
      '1005': [],
      '1007': [],
      '1008': [],
      '1009': [],
      '1010': ALL_BRANDS.map((b) => `branch:0:${b}`),
    });
    const byId = Object.fromEntries(report.lists.map((l) => [l.listId, l]));
    expect(byId['1002']).toMatchObject({ name: 'Frühjahrsmailing Marke A', processingType: 'DYNAMIC', brands: ['marke_a'], compliant: false });
    expect(byId['1002']!.leaks[0]).toMatchObject({ kind: 'filter-branch', branch: 1, brand: 'marke_a', witness: { post_sperre_marken: 'marke_a' } });
    expect(byId['1004']).toMatchObject({ processingType: 'MANUAL', brands: ['kunstmeile_nord', 'kunstmeile_sued', 'kunstmeile_ost'] });
    expect(byId['1005']).toMatchObject({ processingType: 'SNAPSHOT', compliant: true });
    expect(report.contactsMissingReason).toEqual(['104', '112']);
    // `requests` is every request the command made, as the fake saw them.
    expect(report.requests).toBe(fake.requests.length);
    // 6 for the lists (property, list search, filters, blocked, memberships), 2 for the workflows.
    expect(report.requests).toBeLessThanOrEqual(6 + 2);
  });

  it('table: German by default, English with PSG_LANG=en', async () => {
    const de = await runCli(fake, []);
    expect(de.code).toBe(1);
    expect(de.stdout).toContain('9 Segmente geprüft, 4 mit Befund');
    expect(de.stdout).toMatch(/1002 +Frühjahrsmailing Marke A +aktiv +Marke A +Sperren werden nicht beachtet \(1\)/);
    expect(de.stdout).toMatch(/1001 +Herbstkatalog Marke A +aktiv +Marke A +in Ordnung/);
    expect(de.stdout).toContain('Kontakt 109 ist gesperrt für Kunstmeile Nord und ist Mitglied des Segments.');
    // Branches are numbered from 1 for people (JSON keeps the contract's 0-based index).
    expect(de.stdout).toMatch(/- Zweig 2 \(country .*Schweiz\): Kontakte mit Post-Sperre für Marke A kommen durch, z\. B\. ein Kontakt/);
    expect(de.stdout).toContain('Kontakte mit Sperre ohne Grund: 104, 112');
    const en = await runCli(fake, [], { PSG_LANG: 'en' });
    expect(en.stdout).toContain('9 segments audited, 4 with findings');
    expect(en.stdout).toMatch(/1005 +Messe-Einladung Marke C +static \(snapshot\) +Marke C +compliant/);
    expect(en.stdout).toContain('Contacts with a block but no reason: 104, 112');
  });

  it('csv: a header, one row per finding and per compliant list, RFC 4180 quoting', async () => {
    const r = await runCli(fake, ['--format', 'csv', '--list', DEMO_LISTS.leakingDynamic, '--list', DEMO_LISTS.compliantDynamic, '--list', DEMO_LISTS.manualKunstmeile], {
      HUBSPOT_BRAND_FAMILIES: FAMILIES,
    });
    expect(r.code).toBe(1);
    const rows = parseCsv(r.stdout);
    expect(rows[0]).toEqual(['listId', 'name', 'processingType', 'brands', 'compliant', 'kind', 'brand', 'branch', 'recordId', 'witness', 'detail', 'at', 'sourceType', 'sourceId', 'by']);
    const body = rows.slice(1).map((row) => [row[0], row[4], row[5], row[6], row[7], row[8]].join('|'));
    expect(body).toEqual([
      '1002|false|filter-branch|marke_a|1|',
      '1001|true||||',
      '1004|false|member|kunstmeile_nord||109',
      '1004|false|member|kunstmeile_sued||110',
      '||missing-reason|||104',
      '||missing-reason|||112',
    ]);
    // The witness is JSON inside a quoted field.
    expect(JSON.parse(rows[1]![9]!)).toMatchObject({ post_sperre_marken: 'marke_a' });
    expect(r.stdout).toContain(',"{""post_sperre_marken"":""marke_a""');
    expect(rows.every((row) => row.length === 15)).toBe(true);
  });

  it('--brand audits every list for the brands given', async () => {
    const r = await runCli(fake, ['--format', 'json', '--brand', 'marke_b', '--list', DEMO_LISTS.leakingDynamic, '--list', DEMO_LISTS.snapshot]);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(verdicts(report)).toEqual({ '1002': ['branch:0:marke_b', 'branch:1:marke_b'], '1005': ['member:122:marke_b'] });
    expect(report.lists.every((l) => l.brands.join() === 'marke_b')).toBe(true);
  });

  it('a large report reaches a pipe complete (no cut-off at exit)', async () => {
    const big = await startFakeHubspot({ quiet: true, rateLimit: false, seed: bigSeed({ contacts: 20_000, blocked: 2_000, lists: 40, maxListSize: 10_000, blockedInList: 400 }) });
    try {
      const r = await runCli(big, ['--format', 'json']);
      expect(r.stdout.length).toBeGreaterThan(256 * 1024);
      const report = JSON.parse(r.stdout) as JsonReport;
      expect(report.lists).toHaveLength(40);
      expect(report.lists.find((l) => l.listId === '3001')!.leaks).toHaveLength(400);
      expect(r.code).toBe(1);
    } finally {
      await big.close();
    }
  }, 60_000);
});

describe('audit command: exit codes', () => {
  it('0 when every named list is compliant (blocks without reason are reported, not counted)', async () => {
    const r = await runCli(fake, ['--format', 'json', '--list', DEMO_LISTS.compliantDynamic, '--list', DEMO_LISTS.compliantManual, '--list', DEMO_LISTS.companies]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.lists.map((l) => [l.listId, l.compliant, l.skipped])).toEqual([
      ['1001', true, undefined],
      ['1007', true, undefined],
      ['1006', true, 'not-contacts'],
    ]);
    expect(report.contactsMissingReason).toEqual(['104', '112']);
  });

  it('whole portal: blocks without a reason alone give 1; once every block has a reason, 0', async () => {
    const portal = fake.state.portal(DEMO_PORTAL_ID)!;
    for (const id of ['1002', '1003', '1004', '1010']) portal.lists.delete(id);
    // Workflow findings count too (audit-workflows.test.ts): keep only the compliant workflow that
    // needs none of the deleted lists (7004's suppression list 1003 is gone).
    for (const id of ['7001', '7003', '7004', '7005', '7006', '7008']) portal.flows.delete(id);
    const before = await runCli(fake, ['--format', 'json']);
    expect((JSON.parse(before.stdout) as JsonReport).lists.every((l) => l.compliant)).toBe(true);
    expect(before.code).toBe(1);
    // A reason written with each block (as the history shows it), and no import that lifted
    // blocks (contact 131): the ledger finds nothing either.
    portal.contacts.delete('131');
    for (const id of ['104', '112']) {
      const c = portal.contacts.get(id)!;
      const at = c.history.post_sperre_marken![0]!.timestamp;
      c.properties.grund_post_sperre = `${at.slice(0, 10)} MK: +Marke A. Brief.`;
      c.history.grund_post_sperre = [{ value: c.properties.grund_post_sperre, timestamp: at, sourceType: 'CRM_UI', updatedByUserId: 12345 }];
    }
    const after = await runCli(fake, []);
    expect(after.code).toBe(0);
    expect(after.stdout).toContain('Jede Sperre hat einen Grund.');
  });

  it('2 with one line on stderr: bad token', async () => {
    const r = await runCli(fake, ['--format', 'json'], { HUBSPOT_TOKEN: TOKENS.revoked });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/HUBSPOT_TOKEN/);
    expect(r.stderr).toContain('401');
  });

  it('2 with one line on stderr naming the cause: usage and configuration mistakes', async () => {
    const cases: [string[], Record<string, string | undefined>, RegExp][] = [
      [[], { HUBSPOT_TOKEN: undefined }, /HUBSPOT_TOKEN ist nicht gesetzt/],
      [['--format', 'xml'], {}, /xml/],
      [['--token', 'x'], {}, /--token/],
      [['--brand', 'marke_zz'], {}, /marke_zz/],
      [['--rate-limit', 'viele'], {}, /--rate-limit/],
      [[], { HUBSPOT_RATE_LIMIT: '0' }, /HUBSPOT_RATE_LIMIT/],
      [[], { HUBSPOT_BRAND_FAMILIES: 'Kunstmeile' }, /HUBSPOT_BRAND_FAMILIES/],
      [[], { HUBSPOT_BLOCK_PROPERTY: 'gibt_es_nicht' }, /gibt_es_nicht/],
      [[], { HUBSPOT_API_BASE: 'ftp://example.com' }, /HUBSPOT_API_BASE/],
    ];
    // Independent runs: in parallel, to keep the suite fast.
    const results = await Promise.all(cases.map(([args, env]) => runCli(fake, args, env)));
    results.forEach((r, i) => {
      const [args, env, message] = cases[i]!;
      const label = JSON.stringify({ args, env });
      expect(r.code, label).toBe(2);
      expect(r.stdout, label).toBe('');
      expect(r.stderr.trimEnd().split('\n'), label).toHaveLength(1);
      expect(r.stderr, label).toMatch(message);
    });
  }, 60_000); // nine processes at once: slow on a busy two-core machine

  it('2 for a list that does not exist, naming it; the other lists are still reported', async () => {
    const r = await runCli(fake, ['--format', 'json', '--list', '424242', '--list', DEMO_LISTS.compliantDynamic]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('424242');
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.lists.map((l) => [l.listId, l.compliant, l.error?.kind])).toEqual([
      ['424242', false, 'invalid-response'],
      ['1001', true, undefined],
    ]);
  });

  it('2 for a malformed answer, saying which call returned it', async () => {
    fake.faults.add({ match: { method: 'POST', pathPrefix: '/crm/v3/lists/search' }, malformed: true });
    const lists = await runCli(fake, ['--format', 'json']);
    expect(lists.code).toBe(2);
    expect(lists.stdout).toBe('');
    expect(lists.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(lists.stderr).toContain('POST /crm/v3/lists/search');
    expect(lists.stderr).toMatch(/JSON/);

    fake.reset();
    fake.faults.add({ match: { method: 'POST', pathPrefix: '/crm/v3/lists/records/memberships/batch/read' }, malformed: true });
    const memberships = await runCli(fake, ['--format', 'json']);
    expect(memberships.code).toBe(2);
    expect(memberships.stderr).toContain('/records/memberships/batch/read');
  });

  it('runs through `npm run -s audit --` as the contract says', async () => {
    const r = await runCli(fake, ['--list', DEMO_LISTS.compliantDynamic, '--format', 'json'], {}, 'npm');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as JsonReport).lists[0]).toMatchObject({ listId: '1001', compliant: true });
  });

  it('--help explains the call briefly, with one example per format, and exits 0', async () => {
    const r = await runCli(fake, ['--help'], { HUBSPOT_TOKEN: undefined });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('post-sperre-audit [--list');
    expect(r.stdout).toContain('HUBSPOT_TOKEN');
    expect(r.stdout).toMatch(/--format json/);
    expect(r.stdout).toMatch(/--format csv --output/);
    expect(r.stdout.split('\n').length).toBeLessThanOrEqual(10);
  });

  it('--version names the package version', async () => {
    const r = await runCli(fake, ['--version'], { HUBSPOT_TOKEN: undefined });
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(`post-sperre-audit ${(JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version: string }).version}`);
  });

  it('LANG is the language fallback; PSG_LANG wins', async () => {
    expect((await runCli(fake, ['--help'], { HUBSPOT_TOKEN: undefined, LANG: 'en_US.UTF-8' })).stdout).toMatch(/^Postal-block audit/);
    expect((await runCli(fake, ['--help'], { HUBSPOT_TOKEN: undefined, LANG: 'en_US.UTF-8', PSG_LANG: 'de' })).stdout).toMatch(/^Post-Sperre-Prüfung/);
    expect((await runCli(fake, ['--help'], { HUBSPOT_TOKEN: undefined, LANG: 'C.UTF-8' })).stdout).toMatch(/^Post-Sperre-Prüfung/);
  });

  it('--output writes the report to a file, nothing to stdout, same exit code', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'psg-cli-')), 'audit.csv');
    const r = await runCli(fake, ['--format', 'csv', '--list', DEMO_LISTS.leakingDynamic, '--output', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(readFileSync(file, 'utf8')).toMatch(/^listId,name,/);
  });

  it('runs as npx post-sperre-audit (the package bin)', async () => {
    const r = await runCli(fake, ['--version'], { HUBSPOT_TOKEN: undefined }, 'bin');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^post-sperre-audit \d+\.\d+\.\d+/);
  });

  it('families from a JSON file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'psg-cli-'));
    const file = join(dir, 'families.json');
    writeFileSync(file, JSON.stringify({ Kunstmeile: ['kunstmeile_nord', 'kunstmeile_sued', 'kunstmeile_ost'] }));
    const r = await runCli(fake, ['--format', 'json', '--list', DEMO_LISTS.manualKunstmeile, '--families-file', file]);
    expect((JSON.parse(r.stdout) as JsonReport).lists[0]!.brands).toEqual(['kunstmeile_nord', 'kunstmeile_sued', 'kunstmeile_ost']);
  });
});
