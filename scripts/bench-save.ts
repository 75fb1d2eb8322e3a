// Requests per save, through the same gateway code the service worker runs, against the fake
// HubSpot: an open panel (its view already read) saves one change, once with nothing racing and
// once with another user's write landing between our read and our write (repaired); and a ledger
// finding restored and confirmed (resolveLedgerFindings).
import { createContactHandlers } from '../lib/gateway/handlers';
import type { ConnectionInfo } from '../lib/gateway/session';
import { createHubspotApi, type HubspotApi } from '../lib/hubspot/api';
import { memoryCache } from '../lib/hubspot/cache';
import { parseSettings, type Settings } from '../lib/settings';
import { DEMO_CONTACTS, DEMO_PORTAL_ID, startFakeHubspot, TOKENS } from '../test/fake-hubspot/index';
import { ledgerOfView } from '../lib/contactLedger';
import { translator } from '../lib/i18n';
import { BrandChoiceStore, memoryChoicesItem } from '../lib/gateway/brandChoices';

export async function benchSaves(out: (label: string, value: string | number) => void): Promise<void> {
  console.log('\n# Saving a block change (gateway against the fake HubSpot, view already open)');
  const fake = await startFakeHubspot({ quiet: true });
  try {
    let settings: Settings = parseSettings({ token: TOKENS.valid, userName: 'MK' });
    let connection: ConnectionInfo | null = null;
    let api: HubspotApi | undefined;
    const handlers = createContactHandlers({
      loadSettings: async () => settings,
      storeSettings: async (s) => void (settings = s),
      loadConnection: async () => connection,
      storeConnection: async (c) => void (connection = c),
      cache: memoryCache(),
      apiFor: (s) => (api ??= createHubspotApi({ token: s.token, baseUrl: fake.httpUrl, allowBaseUrl: true })),
      openOptionsPage: async () => undefined,
      brandChoices: new BrandChoiceStore(memoryChoicesItem()),
    });
    const ctx = { signal: new AbortController().signal, progress: () => undefined, sender: { fromExtensionPage: false }, tr: translator('de') };
    const portalId = String(DEMO_PORTAL_ID);
    const count = () => fake.requests.filter((r) => r.kind === 'api').length;

    const save = async (contactId: string, brand: string, n: number) => {
      await handlers.getContactView({ portalId, contactId }, ctx);
      fake.requests.length = 0;
      const outcome = await handlers.saveBlockChange(
        { portalId, contactId, change: { add: [brand], remove: [], reason: `Bench ${n}` }, expected: { add: [brand], remove: [] }, saveId: `bench-${n}` },
        ctx,
      );
      return { requests: count(), kept: outcome.kept.length };
    };

    const calm = await save('102', 'marke_a', 1);
    out('requests per save, nothing racing (re-read, PATCH, view)', calm.requests);
    fake.faults.add({
      match: { method: 'PATCH', pathPrefix: '/crm/v3/objects/contacts/103' },
      times: 1,
      interleave: { addTokens: { post_sperre_marken: ['marke_b'] }, appendLines: { grund_post_sperre: 'JB: +Marke B' } },
    });
    const raced = await save('103', 'marke_a', 2);
    out(`requests per save, one racing write repaired (${raced.kept} kept)`, raced.requests);

    // A ledger finding of the demo's contact 131 (an import lifted two blocks), restored and confirmed.
    const resolve = async (action: 'restore' | 'confirm') => {
      const view = await handlers.getContactView({ portalId, contactId: DEMO_CONTACTS.liftedByImport }, ctx);
      const finding = ledgerOfView(view).findings.find((f) => f.kind === 'lifted-without-reason');
      if (!finding) throw new Error('the demo contact 131 has no lifted block');
      fake.requests.length = 0;
      const [result] = await handlers.resolveLedgerFindings({ portalId, items: [{ contactId: finding.contactId, finding, action }], reason: `Bench ${action}` }, ctx);
      if (!result?.ok) throw new Error(`ledger ${action} failed`);
      return count();
    };
    out('requests per ledger restore (read with history, re-read, PATCH, view)', await resolve('restore'));
    out('requests per ledger confirm (log only)', await resolve('confirm'));
  } finally {
    await fake.close();
  }
}
