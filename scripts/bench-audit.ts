// Audit cost figures for `npm run bench`: HubSpot requests of the engine (lib/audit) in Node
// against the fake, beside what paging every member of every static list and reading each
// member would cost (the naive way).
import '../lib/i18n-node';
import { auditList, type AuditSetup } from '../lib/audit/listAudit';
import { portalAudit } from '../lib/audit/portalAudit';
import type { ListAudit } from '../lib/audit/types';
import { createHubspotApi } from '../lib/hubspot/api';
import { BRANDS, TOKENS, bigSeed, demoSeed, startFakeHubspot, type FakeHubspot } from '../test/fake-hubspot/index';
import type { Seed } from '../test/fake-hubspot/types';
import { translator } from '../lib/i18n';

const setup: AuditSetup = {
  blockProperty: 'post_sperre_marken',
  reasonProperty: 'grund_post_sperre',
  catalog: BRANDS.map((b) => ({ value: b.value, label: b.label })),
  families: [],
  tr: translator('de'),
};

/** Naive workflows: the listing, then one GET per workflow (no batch read). */
function naiveFlowCost(flows: number): number {
  return Math.max(1, Math.ceil(flows / 100)) + flows;
}

/** Shortest time HubSpot's limit allows for this many requests (Pro/Enterprise: 190 per 10 s). */
const atLimit = (requests: number) => `${Math.ceil(requests / 190) * 10} s`;

/** Naive: per static list, every membership page (250) and a batch read per 100 members. */
function naiveCost(lists: ListAudit[]): number {
  return lists.reduce((sum, l) => {
    if (l.processingType === 'DYNAMIC' || l.skipped) return sum + 1;
    const size = l.size ?? 0;
    return sum + 1 + Math.ceil(size / 250) + Math.ceil(size / 100);
  }, 0);
}

async function withFake<T>(seed: Seed, fn: (fake: FakeHubspot) => Promise<T>): Promise<T> {
  const fake = await startFakeHubspot({ quiet: true, rateLimit: false, seed });
  try {
    return await fn(fake);
  } finally {
    await fake.close();
  }
}

// The client's limiter is opened up: these figures count requests, they do not wait for budgets.
const apiFor = (fake: FakeHubspot) => createHubspotApi({ token: TOKENS.valid, baseUrl: fake.httpUrl, allowBaseUrl: true, rateLimitPer10s: 100_000, searchPerSecond: 1_000 });

export async function benchAudits(out: (label: string, value: string | number) => void): Promise<void> {
  console.log('\n# Audits (engine in Node against the fake; requests to HubSpot)');
  await withFake(bigSeed(), async (fake) => {
    const api = apiFor(fake);
    const started = Date.now();
    const audit = await auditList(api, { ...setup, listId: '3001' });
    out('static list 10,000 members, 30 blocked of 300: requests', api.stats().requests);
    out('  … findings / ms', `${audit.leaks.length} / ${Date.now() - started}`);
    out('  … paging every member and reading each instead', naiveCost([audit]));
  });
  await withFake(demoSeed(), async (fake) => {
    const api = apiFor(fake);
    const report = await portalAudit(api, setup);
    out(`demo portal audit (${report.lists.length} lists): requests`, report.requests);
    out('  … paging every member instead', naiveCost(report.lists));
  });
  await withFake(bigSeed({ contacts: 50_000, blocked: 1_000, lists: 200, maxListSize: 50_000 }), async (fake) => {
    const api = apiFor(fake);
    const started = Date.now();
    const report = await portalAudit(api, setup);
    out(`generated portal (${report.lists.length} lists ≤ 50,000 members, 1,000 blocked): requests`, report.requests);
    out('  … lists with findings / contacts missing a reason / ms', `${report.lists.filter((l) => !l.compliant).length} / ${report.contactsMissingReason.length} / ${Date.now() - started}`);
    out('  … paging every member instead', naiveCost(report.lists));
  });
  // The portal is 1,000,000 contacts / 50,000 blocked (BENCH_CONTACTS, BENCH_BLOCKED); the
  // default is smaller because the fake scans every contact for each new search query.
  const big = { contacts: Number(process.env.BENCH_CONTACTS ?? 200_000), blocked: Number(process.env.BENCH_BLOCKED ?? 10_000), lists: 1_000, workflows: 300 };
  await withFake(bigSeed({ contacts: big.contacts, blocked: big.blocked, lists: big.lists - 47, activeLists: 47, maxListSize: 20_000, workflows: big.workflows }), async (fake) => {
    const api = apiFor(fake);
    const started = Date.now();
    let progressEvents = 0;
    const report = await portalAudit(api, { ...setup, onProgress: () => progressEvents++ });
    const ms = Date.now() - started;
    const flows = report.workflows ?? [];
    const flowRequests = fake.requests.filter((r) => r.path.startsWith('/automation/')).length;
    out(`large portal (${big.contacts.toLocaleString('en')} contacts, ${big.blocked.toLocaleString('en')} blocked, ${report.lists.length} lists, ${flows.length} workflows): requests`, report.requests);
    out('  … of which workflows (listing + batch reads)', flowRequests);
    out('  … workflows one GET each instead', naiveFlowCost(flows.length));
    out('  … lists paging every member instead', naiveCost(report.lists));
    out('  … shortest time at 190 requests / 10 s (ours / naive lists + workflows)', `${atLimit(report.requests)} / ${atLimit(naiveCost(report.lists) + naiveFlowCost(flows.length))}`);
    out('  … lists / workflows with findings', `${report.lists.filter((l) => !l.compliant).length} / ${flows.filter((w) => !w.compliant).length}`);
    out('  … ms (local fake, no rate limit) / progress events', `${ms} / ${progressEvents}`);
  });
}
