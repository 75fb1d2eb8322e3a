// Export cost figures for `npm run bench` (issue 15): HubSpot requests of the clean export
// (lib/export/engine.ts) in Node against the fake, for a 50,000-member segment with 2,000 members
// blocked for its brand, beside what reading the addresses by batch read (100 per request) would cost.
import '../lib/i18n-node';
import { runExport } from '../lib/export/engine';
import { DEFAULT_EXPORT_COLUMNS } from '../lib/export/mailing';
import { createHubspotApi } from '../lib/hubspot/api';
import { translator } from '../lib/i18n';
import { BRANDS, TOKENS, bigSeed, startFakeHubspot } from '../test/fake-hubspot/index';

export async function benchExport(out: (label: string, value: string | number) => void): Promise<void> {
  console.log('\n# Clean export for the mail house (engine in Node against the fake; requests to HubSpot)');
  const fake = await startFakeHubspot({ quiet: true, rateLimit: false, seed: bigSeed({ contacts: 60_000, blocked: 4_000, maxListSize: 50_000, blockedInList: 2_000 }) });
  try {
    // The client's limiter is opened up: these figures count requests, they do not wait for budgets.
    const api = createHubspotApi({ token: TOKENS.valid, baseUrl: fake.httpUrl, allowBaseUrl: true, rateLimitPer10s: 100_000, searchPerSecond: 1_000 });
    const started = Date.now();
    const r = await runExport(api, {
      blockProperty: 'post_sperre_marken',
      catalog: BRANDS.map((b) => ({ value: b.value, label: b.label })),
      families: [],
      tr: translator('de'),
      listId: '3001',
      columns: [...DEFAULT_EXPORT_COLUMNS],
      dialect: 'excel',
      by: 'bench',
    });
    const ms = Date.now() - started;
    const n = (re: RegExp) => fake.requests.filter((q) => re.test(`${q.method} ${q.path}`)).length;
    const requests = api.stats().requests;
    const blockedPages = n(/contacts\/search$/) - Math.ceil(r.receipt.exported / 200);
    out('export 50,000 members, 2,000 blocked for the brand (4,000 blocked in the portal): requests', requests);
    out('  … list / membership pages (250) / address searches (200 ids) / blocked pages (2 readings)', `${n(/GET .*\/lists\/3001$/)} / ${n(/memberships$/)} / ${Math.ceil(r.receipt.exported / 200)} / ${blockedPages}`);
    out('  … members / left out / exported', `${r.receipt.members} / ${r.receipt.members - r.receipt.exported} / ${r.receipt.exported}`);
    out('  … addresses by batch read (100 per request) instead', requests - Math.ceil(r.receipt.exported / 200) + Math.ceil(r.receipt.exported / 100));
    out('  … file size / ms (local fake, no rate limit)', `${(Buffer.byteLength(r.csv, 'utf8') / 1024).toFixed(0)} KB / ${ms}`);
    out('  … shortest time at HubSpot limits (search 5/s per account shared; others 190/10 s)', `${Math.ceil(Math.ceil(r.receipt.exported / 200) / 5 + blockedPages / 5)} s search, ${Math.ceil((requests - n(/contacts\/search$/)) / 19)} s rest (parallel budgets)`);
  } finally {
    await fake.close();
  }
}
