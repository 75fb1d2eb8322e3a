// @vitest-environment node
// What an audit costs in HubSpot requests (issue 4/5's goal): it follows the number of blocked
// contacts and lists, not the size of the lists. Against the fake's big generated portal.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditList, type AuditSetup } from '../../lib/audit/listAudit';
import { portalAudit } from '../../lib/audit/portalAudit';
import { createHubspotApi, type HubspotApi } from '../../lib/hubspot/api';
import { BRANDS, DEMO_PORTAL_ID, TOKENS, bigSeed, demoSeed, startFakeHubspot, type FakeHubspot } from '../fake-hubspot/index';
import { translator } from '../../lib/i18n';

const setup: AuditSetup = {
  blockProperty: 'post_sperre_marken',
  reasonProperty: 'grund_post_sperre',
  catalog: BRANDS.map((b) => ({ value: b.value, label: b.label })),
  families: [],
  tr: translator('de'),
};
// The client's own limiter is opened up: these tests count requests, they do not wait for budgets.
const apiFor = (fake: FakeHubspot): HubspotApi =>
  createHubspotApi({ token: TOKENS.valid, baseUrl: fake.httpUrl, allowBaseUrl: true, rateLimitPer10s: 100_000, searchPerSecond: 1_000 });
const count = (fake: FakeHubspot, re: RegExp) => fake.requests.filter((r) => re.test(`${r.method} ${r.path}`)).length;

describe('a big portal: 50,000 contacts, 300 blocked (150 for marke_a)', () => {
  let fake: FakeHubspot;
  beforeAll(async () => {
    fake = await startFakeHubspot({ quiet: true, rateLimit: false, seed: bigSeed() });
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.requests.length = 0;
  });

  it('a static list of 10,000 members holding 30 blocked contacts costs < 10 requests, and finds all 30', async () => {
    const api = apiFor(fake);
    const a = await auditList(api, { ...setup, listId: '3001' });
    expect(a.size).toBe(10_000);
    expect(a.brands).toEqual(['marke_a']);
    expect(a.leaks).toHaveLength(30);
    expect(new Set(a.leaks.map((l) => l.kind === 'member' && l.recordId)).size).toBe(30);
    // The list (1) + the blocked contacts (300 / 200 per page = 2) + memberships of the 150 blocked
    // for marke_a (2 batch reads of 100). Paging the members would be 40 requests.
    expect(api.stats().requests).toBe(5);
    expect(api.stats().requests).toBeLessThan(10);
    expect(count(fake, /^GET .*\/memberships$/)).toBe(0);
    expect(count(fake, /contacts\/search$/)).toBe(2);
    expect(count(fake, /memberships\/batch\/read$/)).toBe(2);
  });

  it('the portal audit: about one request per list at most, plus a few per hundred blocked contacts', async () => {
    const api = apiFor(fake);
    // The lists' cost (the ledger's own: ledger-audit-cost.test.ts).
    const p = await portalAudit(api, { ...setup, ledger: false });
    const lists = p.lists.length;
    expect(lists).toBe(6);
    expect(p.requests).toBe(api.stats().requests);
    // The workflows of the portal (none here): one listing request.
    expect(count(fake, /automation\/v4/)).toBe(1);
    const listRequests = p.requests - 1;
    // list search 1 + active filters 1 + blocked 2 + memberships ≤ 3 (300 blocked / 100)
    expect(listRequests).toBeLessThanOrEqual(lists + 2 * Math.ceil(300 / 100) + 1);
    const memberPages = p.lists.reduce((s, l) => s + Math.ceil((l.size ?? 0) / 250), 0);
    expect(memberPages).toBeGreaterThan(50 * listRequests); // 393 member pages vs 7 requests
    expect(p.lists.find((l) => l.listId === '3001')!.leaks).toHaveLength(30);
    expect(p.lists.find((l) => l.listId === '3002')!.compliant).toBe(true);
    expect(p.lists.find((l) => l.listId === '3003')!.leaks.map((l) => l.kind === 'filter-branch' && l.branch)).toEqual([1]);
    // Every tenth blocked contact has no reason.
    expect(p.contactsMissingReason).toHaveLength(30);
  });
});

describe('list sizes do not change the cost', () => {
  it('the same portal with lists 8 times larger costs the same number of requests', async () => {
    const requests: number[] = [];
    for (const maxListSize of [5_000, 40_000]) {
      const fake = await startFakeHubspot({ quiet: true, rateLimit: false, seed: bigSeed({ contacts: 50_000, blocked: 400, lists: 12, maxListSize }) });
      try {
        const p = await portalAudit(apiFor(fake), { ...setup, ledger: false });
        expect(p.lists.find((l) => l.listId === '3001')!.size).toBe(maxListSize);
        requests.push(p.requests);
      } finally {
        await fake.close();
      }
    }
    expect(requests[1]).toBe(requests[0]);
    // list search 1 + active filters 1 + blocked 400/200 = 2 + memberships ≤ 400/100 = 4, + the
    // workflows listing (no workflows in this portal)
    expect(requests[0]).toBeLessThanOrEqual(8 + 1);
  });
});

describe('the demo portal', () => {
  let fake: FakeHubspot;
  beforeAll(async () => {
    fake = await startFakeHubspot({ quiet: true, seed: demoSeed() });
  });
  afterAll(() => fake.close());

  it('audits 9 contact lists with 4 requests, its 8 contact workflows with 2 more, and the ledger with 1', async () => {
    const api = apiFor(fake);
    const p = await portalAudit(api, setup);
    expect(p.lists.map((l) => l.listId)).toEqual(['1001', '1002', '1003', '1004', '1005', '1007', '1008', '1009', '1010']);
    expect(p.workflows!.map((w) => w.flowId)).toEqual(['7001', '7002', '7003', '7004', '7005', '7006', '7008', '7009']);
    // list search, filters of the 5 active lists (one batch), blocked contacts, their memberships;
    // then the workflows listing and one batch read of the contact workflows (their lists are known);
    // the ledger shares the blocked-contacts search (widened to the reason log) and reads its 17
    // contacts with history in one batch
    expect(p.requests).toBe(7);
    expect(p.ledger!.examined).toBe(17);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /crm/v3/lists/search',
      'GET /crm/v3/lists/',
      'POST /crm/v3/objects/contacts/search',
      'POST /crm/lists/2026-03/records/memberships/batch/read',
      'GET /automation/v4/flows',
      'POST /automation/v4/flows/batch/read',
      'POST /crm/v3/objects/contacts/batch/read',
    ]);
    expect(fake.state.portal(DEMO_PORTAL_ID)).toBeDefined();
  });
});
