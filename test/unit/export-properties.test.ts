// @vitest-environment node
// Rule 11 for every input: for random segments (static members or an active segment's filter),
// random blocks (several brands, stale options, lifted blocks, spaces) and random brand choices,
// the file holds exactly the members minus those blocked for the brands. The expectation comes
// from an independent reading of the fake's raw state (its `;`-joined strings, its own membership
// evaluation), not from the product's parsing; the receipt's counts and hash are checked likewise.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditSetup } from '../../lib/audit/listAudit';
import { runExport } from '../../lib/export/engine';
import { translator } from '../../lib/i18n';
import { createHubspotApi } from '../../lib/hubspot/api';
import { BRANDS, DEMO_LISTS, DEMO_PORTAL_ID, STALE_BRAND_VALUE, TOKENS, demoSeed, startFakeHubspot, type FakeHubspot } from '../fake-hubspot/index';

const VALUES = BRANDS.map((b) => b.value as string);
const setup: AuditSetup = { blockProperty: 'post_sperre_marken', catalog: BRANDS.map((b) => ({ value: b.value, label: b.label })), families: [], tr: translator('de') };

/** Reference: is the raw stored value a block for any of `brands`? */
function blockedFor(raw: string | null | undefined, brands: readonly string[]): string[] {
  if (raw === null || raw === undefined) return [];
  const tokens = raw.split(';').map((s) => s.trim());
  return brands.filter((b) => tokens.includes(b));
}

/** Ids in the file, whatever the dialect (the id column needs no quoting). */
function fileIds(csv: string): string[] {
  const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
  expect(lines.pop()).toBe('');
  return lines.slice(1).map((l) => l.split(/[;,]/)[0]!);
}

const blockValue = fc.oneof(
  fc.constant(null),
  fc.constant(''),
  fc.subarray([...VALUES, STALE_BRAND_VALUE], { minLength: 1 }).map((bs) => bs.join(';')),
  fc.subarray(VALUES, { minLength: 1 }).map((bs) => bs.join(' ; ')),
);

describe('export: file = members − blocked for the brands (property)', () => {
  let fake: FakeHubspot;
  beforeAll(async () => {
    fake = await startFakeHubspot({ quiet: true, rateLimit: false, seed: demoSeed() });
  });
  afterAll(() => fake.close());

  it('holds for random segments, blocks and brand choices', async () => {
    const portal = () => fake.state.portal(DEMO_PORTAL_ID)!;
    const ids = () => portal().contacts.ids().filter((id) => Number(id) < 200);
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          blocks: fc.array(blockValue, { minLength: 30, maxLength: 30 }),
          active: fc.boolean(),
          members: fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
          brands: fc.subarray(VALUES, { minLength: 1 }),
          dialect: fc.constantFrom('excel' as const, 'plain' as const),
        }),
        async ({ blocks, active, members, brands, dialect }) => {
          fake.reset();
          const p = portal();
          const all = ids();
          all.forEach((id, i) => {
            p.contacts.get(id)!.properties.post_sperre_marken = blocks[i % blocks.length] ?? null;
          });
          p.revision++;
          const listId = active ? DEMO_LISTS.noBrandDynamic : DEMO_LISTS.compliantManual;
          const list = p.lists.get(listId)!;
          if (!active) list.setStaticMembers(all.filter((_, i) => members[i % members.length]).map(Number));
          // Independent: the fake's own membership, the raw stored strings.
          const memberIds = p.memberIds(list).map(String);
          const expected = memberIds.filter((id) => blockedFor(p.contacts.get(id)!.properties.post_sperre_marken, brands).length === 0);
          const excluded = Object.fromEntries(brands.map((b) => [b, memberIds.filter((id) => blockedFor(p.contacts.get(id)!.properties.post_sperre_marken, [b]).length > 0).length]));

          const api = createHubspotApi({ token: TOKENS.valid, baseUrl: fake.httpUrl, allowBaseUrl: true, rateLimitPer10s: 100_000, searchPerSecond: 1_000 });
          const r = await runExport(api, { ...setup, listId, brandsOverride: brands, columns: ['firstname', 'city'], dialect, by: 'T' });
          expect(new Set(fileIds(r.csv))).toEqual(new Set(expected));
          expect(fileIds(r.csv)).toHaveLength(expected.length);
          expect(r.receipt.members).toBe(new Set(memberIds).size);
          expect(r.receipt.exported).toBe(expected.length);
          expect(r.receipt.excluded).toEqual(excluded);
          expect(r.receipt.sha256).toBe(createHash('sha256').update(Buffer.from(r.csv, 'utf8')).digest('hex'));
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);
});
