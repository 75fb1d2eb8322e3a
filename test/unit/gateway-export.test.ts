// @vitest-environment node
// The export journeys of the gateway (lib/gateway/export.ts) with an in-memory environment and the
// fake HubSpot: columns offered and remembered per portal, the author, the portal check, the
// remembered brands, cancel, and the count behind a held HubSpot export.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkExportForPage, exportForPage, exportSetupForPage } from '../../lib/gateway/export';
import { setListBrands } from '../../lib/gateway/audit';
import { GatewaySession } from '../../lib/gateway/session';
import { isGatewayError } from '../../lib/hubspot/errors';
import { memoryGatewayEnv } from './support/gateway-env';
import { DEMO_FAMILIES, DEMO_LISTS, DEMO_PORTAL_ID, OTHER_PORTAL_ID, TOKENS, startFakeHubspot, type FakeHubspot } from '../fake-hubspot/index';

let fake: FakeHubspot;
beforeAll(async () => {
  fake = await startFakeHubspot({ quiet: true, rateLimit: false });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const PORTAL = String(DEMO_PORTAL_ID);

function memoryEnv(userName = 'JB') {
  const { env, settings } = memoryGatewayEnv(fake.httpUrl, { token: TOKENS.valid, families: DEMO_FAMILIES, userName });
  const open = (signal = new AbortController().signal) => GatewaySession.open(env, signal);
  return { env, open, settings };
}

const ids = (csv: string) => csv.replace(/^\uFEFF/, '').split('\r\n').slice(1, -1).map((l) => l.split(/[;,]/)[0]);

describe('export setup', () => {
  it('offers HubSpot’s address properties with their labels, the defaults checked, excel', async () => {
    const { open } = memoryEnv();
    const s = await exportSetupForPage(await open(), { portalId: PORTAL });
    expect(s.columns.filter((c) => c.checked).map((c) => c.name)).toEqual(['salutation', 'firstname', 'lastname', 'company', 'address', 'zip', 'city', 'country']);
    expect(s.columns.find((c) => c.name === 'zip')!.label).toBe('Postal Code');
    expect(s.columns.map((c) => c.name)).toContain('state');
    expect(s.dialect).toBe('excel');
    expect(s.author).toBe('JB');
  });

  it('remembers the columns and the format per portal after an export', async () => {
    const { open } = memoryEnv();
    await exportForPage(await open(), { portalId: PORTAL, listId: DEMO_LISTS.manualKunstmeile, columns: ['lastname', 'zip'], dialect: 'plain' });
    const s = await exportSetupForPage(await open(), { portalId: PORTAL });
    expect(s.columns.filter((c) => c.checked).map((c) => c.name)).toEqual(['lastname', 'zip']);
    expect(s.dialect).toBe('plain');
  });
});

describe('export for the page', () => {
  it('the file leaves out the blocked members; the receipt names the author', async () => {
    const { open } = memoryEnv();
    const f = await exportForPage(await open(), { portalId: PORTAL, listId: DEMO_LISTS.manualKunstmeile, columns: ['zip'], dialect: 'plain' });
    expect(ids(f.csv)).not.toContain('109');
    expect(ids(f.csv)).not.toContain('110');
    expect(f.receipt.by).toBe('JB');
    expect(f.fileName).toMatch(/^Jahresprogramm-Kunstmeile-1004-\d{4}-\d\d-\d\d\.csv$/);
  });

  it('uses the brands remembered for the list', async () => {
    const { open } = memoryEnv();
    await setListBrands(await open(), { portalId: PORTAL, listId: DEMO_LISTS.compliantManual, brands: ['marke_a'] });
    const f = await exportForPage(await open(), { portalId: PORTAL, listId: DEMO_LISTS.compliantManual, columns: [], dialect: 'plain' });
    expect(f.receipt.brands).toEqual(['marke_a']);
  });

  it('refuses without an author, another portal’s page, a bad column', async () => {
    await expect(exportForPage(await memoryEnv('').open(), { portalId: PORTAL, listId: '1004', columns: [], dialect: 'plain' })).rejects.toMatchObject({ kind: 'not-configured' });
    const { open } = memoryEnv();
    await expect(exportForPage(await open(), { portalId: String(OTHER_PORTAL_ID), listId: '1004', columns: [], dialect: 'plain' })).rejects.toMatchObject({ kind: 'portal-mismatch' });
    await expect(exportForPage(await open(), { portalId: PORTAL, listId: '1004', columns: ['=cmd'], dialect: 'plain' })).rejects.toSatisfy(isGatewayError);
  });

  it('stops when the caller cancels', async () => {
    const { open } = memoryEnv();
    const controller = new AbortController();
    const session = await open(controller.signal);
    const run = exportForPage(session, { portalId: PORTAL, listId: DEMO_LISTS.manualKunstmeile, columns: [], dialect: 'plain' }, (p) => {
      if (p.label === 'Mitglieder werden gelesen') controller.abort();
    });
    await expect(run).rejects.toThrow();
  });
});

describe('check behind a held HubSpot export', () => {
  it('counts the members blocked for the segment’s brands, for static and active segments', async () => {
    const { open } = memoryEnv();
    expect(await checkExportForPage(await open(), { portalId: PORTAL, listId: DEMO_LISTS.manualKunstmeile })).toMatchObject({ blocked: 2 });
    const leaking = await checkExportForPage(await open(), { portalId: PORTAL, listId: DEMO_LISTS.leakingDynamic });
    expect(leaking.brands).toEqual(['marke_a']);
    expect(leaking.blocked).toBeGreaterThanOrEqual(1);
    expect(await checkExportForPage(await open(), { portalId: PORTAL, listId: DEMO_LISTS.compliantDynamic })).toMatchObject({ blocked: 0 });
  });
});
