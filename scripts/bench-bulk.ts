// Requests and time of a bulk block from a file (lib/gateway/bulkBlock.ts) against the fake
// HubSpot over HTTP: 1,000 contacts by record id and by e-mail, nothing racing; then the same with
// ten racing writes repaired.
import { resolveBulk, runBulkBlock, type BulkSetup } from '../lib/gateway/bulkBlock';
import { createHubspotApi } from '../lib/hubspot/api';
import { BRANDS, DEMO_PORTAL_ID, startFakeHubspot, TOKENS } from '../test/fake-hubspot/index';
import { otherWrite } from '../test/fake-hubspot/server';

const FIRST = 700_000;
const N = 1000;

export async function benchBulk(out: (label: string, value: string | number) => void): Promise<void> {
  console.log('\n# Bulk block from a file (1,000 contacts, fake HubSpot over HTTP)');
  const fake = await startFakeHubspot({ quiet: true, rateLimit: false });
  try {
    const setup: BulkSetup = {
      blockProperty: 'post_sperre_marken',
      reasonProperty: 'grund_post_sperre',
      options: BRANDS.map((b) => ({ ...b })),
      blockPropertyLabel: 'Post Sperre Marken',
      brands: ['marke_a'],
      reason: 'Bench: Rückläufer',
      author: 'Bench',
    };
    const seed = () => {
      fake.reset();
      const portal = fake.state.portal(DEMO_PORTAL_ID)!;
      for (let i = 0; i < N; i++) portal.contacts.add({ id: String(FIRST + i), createdAt: '2025-01-01T00:00:00.000Z', properties: { email: `bench${i}@example.de` } });
      return portal;
    };
    for (const by of ['id', 'email'] as const) {
      for (const races of [0, 10]) {
        const portal = seed();
        const api = createHubspotApi({ token: TOKENS.valid, baseUrl: fake.httpUrl, allowBaseUrl: true, rateLimitPer10s: 100_000 });
        const values = Array.from({ length: N }, (_, i) => ({ value: by === 'id' ? String(FIRST + i) : `bench${i}@example.de`, row: i + 2 }));
        const started = Date.now();
        const preview = await resolveBulk(api, setup, by, values);
        // Racing writes land after the read, before the batch update.
        for (let i = 0; i < races; i++) {
          const c = portal.contacts.get(String(FIRST + i * 97))!;
          otherWrite(portal, c, { addTokens: { post_sperre_marken: ['marke_b'] }, appendLines: { grund_post_sperre: `Sidebar ${i}` } });
        }
        const result = await runBulkBlock(api, setup, preview.matched);
        const label = `${by === 'id' ? 'by record id' : 'by e-mail'}, ${races ? `${races} racing writes repaired (${result.racesRepaired})` : 'nothing racing'}`;
        out(`requests for 1,000 contacts ${label}`, api.stats().requests);
        out(`ms for 1,000 contacts ${label}`, Date.now() - started);
      }
    }
  } finally {
    await fake.close();
  }
}
