// @vitest-environment node
// The rule of the ledger section (issue 14): whatever the portal holds, the portal audit reads
// with history every contact that holds a block or a non-empty reason log, each exactly once, in
// batch reads of at most 50; with `since`, exactly those of them modified since then. Random
// portals in the fake HubSpot against a model of that rule.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portalAudit } from '../../lib/audit/portalAudit';
import { countingApi, demoAuditSetup } from './support/audit-setup';
import { DEMO_PORTAL_ID, startFakeHubspot, type FakeHubspot } from '../fake-hubspot/index';

const setup = demoAuditSetup;

const DAY = 86_400_000;
const T0 = Date.parse('2026-11-20T00:00:00.000Z');
const time = fc.integer({ min: 0, max: 6 }).map((d) => new Date(T0 + d * DAY).toISOString());
const contact = fc.record({
  // undefined: the property was never set; '' emptied; '  ' blank but set.
  block: fc.constantFrom(undefined, '', 'marke_a', 'marke_a;marke_c', 'marke_alt'),
  reason: fc.constantFrom(undefined, '', '  ', '2026-01-01 MK: +Marke A. Brief.'),
  updatedAt: time,
});
const portalArb = fc.record({ contacts: fc.array(contact, { maxLength: 140 }), since: fc.option(time, { nil: null }) });

let fake: FakeHubspot;
beforeAll(async () => {
  fake = await startFakeHubspot({ quiet: true, rateLimit: false });
});
afterAll(() => fake.close());

type Case = typeof portalArb extends fc.Arbitrary<infer T> ? T : never;

/** The portal of the case: these contacts only, no lists, no workflows. */
function seed(c: Case): void {
  fake.reset();
  const portal = fake.state.portal(DEMO_PORTAL_ID)!;
  for (const id of [...portal.contacts.ids()]) portal.contacts.delete(id);
  for (const id of [...portal.lists.keys()]) portal.lists.delete(id);
  for (const id of [...portal.flows.keys()]) portal.flows.delete(id);
  c.contacts.forEach((x, i) => {
    const properties: Record<string, string | null> = { firstname: `K${i}` };
    if (x.block !== undefined) properties.post_sperre_marken = x.block;
    if (x.reason !== undefined) properties.grund_post_sperre = x.reason;
    portal.contacts.add({ id: String(5000 + i * 7), createdAt: '2026-01-01T00:00:00.000Z', properties, history: {}, updatedAt: x.updatedAt });
  });
  portal.revision++;
}

/** The rule: a block or a non-empty log; modified since `since` when given. */
function model(c: Case): string[] {
  return c.contacts
    .map((x, i) => ({ ...x, id: String(5000 + i * 7) }))
    .filter((x) => (x.block ?? '') !== '' || (x.reason ?? '') !== '')
    .filter((x) => c.since === null || Date.parse(x.updatedAt) >= Date.parse(c.since))
    .map((x) => x.id)
    .sort();
}

describe('ledger section: which contacts it reads', () => {
  it('every contact with a block or a log, each once, ≤ 50 per batch read; with since only those modified since', async () => {
    await fc.assert(
      fc.asyncProperty(portalArb, async (c) => {
        seed(c);
        const api = countingApi(fake);
        const audit = await portalAudit(api, { ...setup, ledger: { since: c.since } });
        const reads = fake.requests.filter((r) => r.path.endsWith('/contacts/batch/read')).map((r) => (r.body as { inputs: { id: string }[]; propertiesWithHistory: string[] }));
        const ids = reads.flatMap((b) => b.inputs.map((i) => i.id));
        expect(reads.every((b) => b.inputs.length <= 50 && b.propertiesWithHistory.length === 2)).toBe(true);
        expect(new Set(ids).size).toBe(ids.length);
        expect([...ids].sort()).toEqual(model(c));
        expect(audit.ledger).toMatchObject({ examined: ids.length, since: c.since });
        expect(reads).toHaveLength(Math.ceil(ids.length / 50));
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
