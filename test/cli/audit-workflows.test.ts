// @vitest-environment node
// The audit command with workflows and a postal scope (contract: "Workflows", "Postal scope").
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TOKENS, startFakeHubspot, type FakeHubspot } from '../fake-hubspot/index';
import { FAMILIES, runCli } from './support';

let fake: FakeHubspot;
beforeAll(async () => {
  fake = await startFakeHubspot({ quiet: true });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

interface FlowReport {
  flowId: string;
  name: string;
  isEnabled: boolean;
  brands: string[];
  compliant: boolean;
  leaks: { kind: string; branch: number; brand: string; witness: Record<string, string | null> }[];
}

describe('audit command: workflows', () => {
  it('json: the portal\'s contact workflows beside the lists, in the contract\'s shape', async () => {
    const r = await runCli(fake, ['--format', 'json'], { HUBSPOT_BRAND_FAMILIES: FAMILIES });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as { workflows: FlowReport[]; lists: unknown[]; outOfScope?: unknown };
    expect(report.lists).toHaveLength(9);
    expect(report.outOfScope).toBeUndefined();
    const w = report.workflows.find((f) => f.flowId === '7001')!;
    expect(w).toMatchObject({ name: 'Katalogversand Marke A', isEnabled: true, brands: ['marke_a'], compliant: false });
    expect(w.leaks).toEqual([expect.objectContaining({ kind: 'enrollment-branch', branch: 1, brand: 'marke_a', witness: { post_sperre_marken: 'marke_a', country: 'Schweiz' } })]);
    expect(report.workflows.map((f) => f.flowId)).toEqual(['7001', '7002', '7003', '7004', '7005', '7006', '7008', '7009']);
  }, 60_000);

  it('an action writing the block or its reason is a finding (exit 1); app and webhook actions are listed (exit 0)', async () => {
    const r = await runCli(fake, ['--format', 'json', '--workflow', '7008']);
    expect(r.code).toBe(1);
    const w = (JSON.parse(r.stdout) as { workflows: (FlowReport & { leaks: Record<string, unknown>[] })[] }).workflows[0]!;
    expect(w).toMatchObject({ flowId: '7008', isEnabled: false, compliant: false });
    expect(w.leaks.filter((l) => l.kind === 'writes-block-property')).toEqual([
      expect.objectContaining({ kind: 'writes-block-property', actionId: '2', property: 'post_sperre_marken', value: 'marke_b' }),
      expect.objectContaining({ kind: 'writes-block-property', actionId: '3', property: 'grund_post_sperre', clears: true }),
      expect.objectContaining({ kind: 'writes-block-property', actionId: '4', property: 'post_sperre_marken', copiedFrom: 'messe_sperre' }),
    ]);
    const table = await runCli(fake, ['--workflow', '7008'], { PSG_LANG: 'en' });
    expect(table.code).toBe(1);
    expect(table.stdout).toContain('Action 2 of this workflow sets "Post Sperre Marken" to "marke_b"');
    expect(table.stdout).toContain('Remove the action from the workflow.');

    const ok = await runCli(fake, ['--format', 'json', '--workflow', '7009']);
    expect(ok.code).toBe(0);
    const v = (JSON.parse(ok.stdout) as { workflows: (FlowReport & { sendsVia: unknown[] })[] }).workflows[0]!;
    expect(v).toMatchObject({ flowId: '7009', compliant: true, leaks: [] });
    expect(v.sendsVia).toEqual([
      { actionId: '2', actionTypeId: '1-4711', name: '1-4711', kind: 'app' },
      { actionId: '3', actionTypeId: 'WEBHOOK', name: 'api.lettershop-nord.example', kind: 'webhook' },
    ]);
  }, 60_000);

  it('--workflow audits only the chosen ones: 0 when compliant, 1 with findings', async () => {
    const ok = await runCli(fake, ['--format', 'json', '--workflow', '7002']);
    expect(ok.code).toBe(0);
    const report = JSON.parse(ok.stdout) as { workflows: FlowReport[]; lists: unknown[] };
    expect(report.lists).toEqual([]);
    expect(report.workflows.map((f) => f.flowId)).toEqual(['7002']);
    expect((await runCli(fake, ['--workflow', '7001'])).code).toBe(1);
  }, 60_000);

  it('a token without automation: lists audited, "workflows" absent, one line on stderr', async () => {
    const r = await runCli(fake, ['--format', 'json'], { HUBSPOT_TOKEN: TOKENS.noAutomation, HUBSPOT_BRAND_FAMILIES: FAMILIES });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(report).not.toHaveProperty('workflows');
    expect((report.lists as unknown[]).length).toBe(9);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('automation');
  }, 60_000);

  it('postal scope from flags and the environment: out-of-scope items counted, the table says it in one line', async () => {
    const r = await runCli(fake, ['--format', 'json', '--postal-folder', 'Postmailings'], { HUBSPOT_BRAND_FAMILIES: FAMILIES });
    const report = JSON.parse(r.stdout) as { lists: { listId: string }[]; workflows: FlowReport[]; outOfScope: { lists: number; workflows: number } };
    expect(report.lists.map((l) => l.listId)).toEqual(['1001', '1002', '1004', '1008']);
    // 7008 is not postal but writes the block: reported after the rest, its actions only.
    expect(report.workflows.map((f) => f.flowId)).toEqual(['7001', '7002', '7005', '7009', '7008']);
    expect(report.workflows.find((f) => f.flowId === '7008')).toMatchObject({ inScope: false, skipped: 'out-of-scope', compliant: false });
    expect(report.outOfScope).toMatchObject({ lists: 5, workflows: 4 });
    const table = await runCli(fake, [], { HUBSPOT_POSTAL_FOLDERS: 'Postmailings', PSG_LANG: 'en' });
    expect(table.stdout).toContain('5 lists and 4 workflows not marked postal, not audited.');
    expect(table.stdout).toContain('not marked postal; only its actions checked');
  }, 60_000);
});
