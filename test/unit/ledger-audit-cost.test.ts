// @vitest-environment node
// What the ledger section of the portal audit costs in HubSpot requests (issue 14): a portal with
// 50,000 blocked contacts whose block and reason log each carry 20 history entries.
//   - full run: shares the portal audit's blocked-contacts search, then 50,000 / 50 = 1,000 batch
//     reads with history (HubSpot's limit with propertiesWithHistory);
//   - nightly run since yesterday, 200 contacts changed: one search page and 4 batch reads.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BlockedIndex } from '../../lib/audit/blockedIndex';
import { auditLedger } from '../../lib/audit/ledgerAudit';
import { newRun } from '../../lib/audit/listAudit';
import { countingApi, demoAuditSetup } from './support/audit-setup';
import { startFakeHubspot, type FakeHubspot } from '../fake-hubspot/index';
import { allBlockedSeed, giveLongHistories } from '../fake-hubspot/longHistories';

const setup = demoAuditSetup;
const apiFor = countingApi;
const count = (fake: FakeHubspot, re: RegExp) => fake.requests.filter((r) => re.test(`${r.method} ${r.path}`)).length;

const BLOCKED = 50_000;
const SINCE = '2026-12-05T00:00:00.000Z';

describe(`a portal with ${BLOCKED.toLocaleString('en')} blocked contacts, 20 history entries each (10 block, 10 reason)`, () => {
  let fake: FakeHubspot;
  let changed: string[];
  beforeAll(async () => {
    fake = await startFakeHubspot({ quiet: true, rateLimit: false, seed: allBlockedSeed(BLOCKED) });
    changed = giveLongHistories(fake, { entries: 10, changed: 200, since: SINCE });
  }, 120_000);
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.requests.length = 0;
  });

  it('a full ledger run: 1,000 batch reads besides the blocked-contacts search the portal audit makes anyway', async () => {
    const api = apiFor(fake);
    // The portal audit's own index of blocked contacts, widened to the reason log (portalAudit.ts).
    const blocked = new BlockedIndex(api, { blockProperty: setup.blockProperty, reasonProperty: setup.reasonProperty!, includeLogged: true });
    const run = newRun(api, setup, { blocked });
    const result = await auditLedger(run);
    expect(result).toMatchObject({ examined: BLOCKED, since: null });
    // Every change explained but the 200 imports of the last day.
    expect(result.findings.map((f) => f.contactId).sort()).toEqual([...changed].sort());
    // 50,000 / 200 per page, past the 10,000-result cap by hs_object_id ranges: the search the
    // list audits need anyway (the same index serves them: no search of their own follows).
    expect(count(fake, /contacts\/search$/)).toBe(250);
    expect(run.blocked.loaded).toBe(true);
    expect(run.blocked.contacts()).toHaveLength(BLOCKED);
    // The ledger's own requests: 50,000 / 50 batch reads with history.
    const reads = count(fake, /contacts\/batch\/read$/);
    expect(reads).toBe(1_000);
    expect(reads).toBeLessThanOrEqual(1_100);
    expect(api.stats().requests).toBe(250 + 1_000);
  }, 300_000);

  it('a nightly run after a day with 200 changed contacts: at most 10 requests, exactly those contacts', async () => {
    const api = apiFor(fake);
    const run = newRun(api, setup);
    const result = await auditLedger(run, { since: SINCE });
    expect(result).toMatchObject({ examined: 200, since: SINCE });
    expect(result.findings.map((f) => f.contactId).sort()).toEqual([...changed].sort());
    expect(result.findings[0]).toMatchObject({ kind: 'lifted-without-reason', sourceType: 'IMPORT', sourceId: 'import-4711' });
    expect(api.stats().requests).toBe(5); // 1 search page + 200 / 50 batch reads
    expect(api.stats().requests).toBeLessThanOrEqual(10);
    const bodies = fake.requests.filter((r) => r.path.endsWith('/search'));
    expect(bodies).toHaveLength(1);
  }, 120_000);
});
