// @vitest-environment node
// The audit command under HubSpot's rate limits (its own file: these runs wait for windows to
// pass, and run in parallel with the other command tests).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeHubspot, type FakeHubspot } from '../fake-hubspot/index';
import { FAMILIES, runCli, verdicts, type JsonReport } from './support';

let fake: FakeHubspot;
beforeAll(async () => {
  fake = await startFakeHubspot({ quiet: true });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

describe('audit command under rate limits', () => {
  it('a 429 storm only slows it down: same verdicts, exit 1', async () => {
    // The fake allows 3 requests per rolling 10 s while the command budgets for 100, and the
    // search answers 429 SECONDLY twice on top.
    fake.setRateLimit({ perTenSeconds: 3 });
    fake.faults.add({ match: { pathPrefix: '/crm/v3/objects/contacts/search' }, rateLimit: 'SECONDLY', times: 2 });
    const r = await runCli(fake, ['--format', 'json'], { HUBSPOT_BRAND_FAMILIES: FAMILIES });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(verdicts(report)['1002']).toEqual(['branch:1:marke_a']);
    expect(verdicts(report)['1004']).toEqual(['member:109:kunstmeile_nord', 'member:110:kunstmeile_sued']);
    expect(report.contactsMissingReason).toEqual(['104', '112']);
    const refused = fake.requests.filter((q) => q.status === 429).length;
    expect(refused).toBeGreaterThanOrEqual(3);
    // Retries are requests too.
    expect(report.requests).toBe(fake.requests.length);
  }, 60_000);

  it('--rate-limit paces the command itself below the portal limit: no 429 at all, just slower', async () => {
    // The fake allows 4 requests per 10 s; a whole-portal audit needs 8 (property, list search,
    // active filters, blocked contacts, memberships, workflows listing, workflows batch read, the
    // ledger's batch read with history). Budgeting 5 (minus the 10 % margin: 4) makes
    // the command wait for the window instead of running into 429s.
    fake.setRateLimit({ perTenSeconds: 4 });
    const r = await runCli(fake, ['--format', 'json', '--rate-limit', '5'], { HUBSPOT_BRAND_FAMILIES: FAMILIES });
    expect(r.code).toBe(1);
    expect(fake.requests.filter((q) => q.status === 429)).toHaveLength(0);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.lists).toHaveLength(9);
    expect(report.requests).toBe(8);
    expect(r.ms).toBeGreaterThan(10_000);
  }, 60_000);
});
