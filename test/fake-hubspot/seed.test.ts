// @vitest-environment node
// The seed must hold the cases the product's tests rely on; these checks keep it honest.
import { describe, expect, it } from 'vitest';
import { tokensOf } from './evaluate';
import { readLedger } from '../../lib/domain/ledger';
import { parseReasonLine } from '../../lib/domain/reasonLog';
import type { HistoryEntry } from '../../lib/domain/types';
import { BIG_FIRST_CONTACT_ID, BRANDS, DEMO_CONTACTS, DEMO_LISTS, DEMO_PORTAL_ID, LEDGER_DEMO_LINE, bigSeed, demoSeed } from './seed';
import { FakeState } from './state';

const demo = () => {
  const state = new FakeState(demoSeed());
  return { state, portal: state.portal(DEMO_PORTAL_ID)! };
};

describe('demo seed', () => {
  it('has ≥ 8 brands, the Kunstmeile family, a hidden option and an HTML label', () => {
    expect(BRANDS.length).toBeGreaterThanOrEqual(8);
    expect(BRANDS.filter((b) => b.label.startsWith('Kunstmeile ')).length).toBe(3);
    expect(BRANDS.some((b) => b.hidden)).toBe(true);
    expect(BRANDS.some((b) => /<b>/.test(b.label))).toBe(true);
  });

  it('has about 30 contacts, with and without blocks and reasons', () => {
    const { portal } = demo();
    expect(portal.contacts.size).toBe(31);
    const c = (id: string) => portal.contacts.get(id)!;
    expect(tokensOf(c(DEMO_CONTACTS.blockedWithReason).properties.post_sperre_marken)).toEqual(['marke_a', 'marke_c']);
    expect(c(DEMO_CONTACTS.unblocked).properties.post_sperre_marken).toBeUndefined();
    expect(c(DEMO_CONTACTS.blockedNoReason).properties.grund_post_sperre).toBeNull();
    expect(c(DEMO_CONTACTS.blankReason).properties.grund_post_sperre?.trim()).toBe('');
    const options = new Set(portal.properties.get('post_sperre_marken')!.options.map((o) => o.value));
    expect(tokensOf(c(DEMO_CONTACTS.staleOption).properties.post_sperre_marken).some((v) => !options.has(v))).toBe(true);
    expect(c(DEMO_CONTACTS.liftedBlock).history.post_sperre_marken!.map((h) => h.value)).toEqual(['', 'marke_b']);
  });

  it('lists: compliant, leaking, look-alike, manual with 2 blocked members, snapshot, companies', () => {
    const { portal } = demo();
    const list = (id: string) => portal.lists.get(id)!;
    const blockedFor = (brands: string[]) => (id: number) => {
      const v = tokensOf(portal.contacts.get(String(id))?.properties.post_sperre_marken);
      return v.some((b) => brands.includes(b));
    };
    const members = (id: string) => portal.memberIds(list(id));

    expect(members(DEMO_LISTS.compliantDynamic).filter(blockedFor(['marke_a']))).toEqual([]);
    expect(members(DEMO_LISTS.leakingDynamic).filter(blockedFor(['marke_a']))).toEqual([111]);
    expect(members(DEMO_LISTS.lookAlikeDynamic).every(blockedFor(['marke_b']))).toBe(true);
    expect(members(DEMO_LISTS.lookAlikeDynamic).length).toBeGreaterThan(0);
    expect(list(DEMO_LISTS.manualKunstmeile).processingType).toBe('MANUAL');
    expect(members(DEMO_LISTS.manualKunstmeile).filter(blockedFor(['kunstmeile_nord', 'kunstmeile_sued', 'kunstmeile_ost']))).toEqual([109, 110]);
    expect(list(DEMO_LISTS.snapshot).processingType).toBe('SNAPSHOT');
    expect(members(DEMO_LISTS.snapshot).filter(blockedFor(['marke_c']))).toEqual([]);
    expect(list(DEMO_LISTS.companies).objectTypeId).toBe('0-2');
    expect(members(DEMO_LISTS.compliantManual).filter(blockedFor(['galerie_west']))).toEqual([]);
    expect(members(DEMO_LISTS.notAnyDynamic).filter(blockedFor(['marke_b']))).toEqual([]);
    expect(members(DEMO_LISTS.notAnyDynamic)).not.toContain(123); // NOT_IN_LIST the suppression list
    expect(members(DEMO_LISTS.noBrandDynamic).length).toBeGreaterThan(0);
  });

  it('the compliant list excludes marke_a with IS_NONE_OF + includeObjectsWithNoValueSet in every branch', () => {
    const { portal } = demo();
    const branches = portal.lists.get(DEMO_LISTS.compliantDynamic)!.filterBranch!.filterBranches!;
    expect(branches.length).toBe(2);
    for (const b of branches) {
      expect(b.filters).toContainEqual(
        expect.objectContaining({ property: 'post_sperre_marken', operation: expect.objectContaining({ operator: 'IS_NONE_OF', values: ['marke_a'], includeObjectsWithNoValueSet: true }) }),
      );
    }
  });

  it('the ledger finds exactly the seeded changes without a reason: 104 and 112 set, 131 lifted by an import', () => {
    const { portal } = demo();
    const found: unknown[] = [];
    for (const c of portal.contacts.values()) {
      const history: HistoryEntry[] = [
        ...(c.history.post_sperre_marken ?? []).map((h) => ({ ...h, property: 'blocks' as const })),
        ...(c.history.grund_post_sperre ?? []).map((h) => ({ ...h, property: 'reason' as const })),
      ];
      const r = readLedger({ contactId: c.id, history, brands: BRANDS, current: { blocks: c.properties.post_sperre_marken, reason: c.properties.grund_post_sperre } });
      found.push(...r.findings.map((f) => [f.contactId, f.kind, f.brand, f.sourceType]));
    }
    expect(found).toEqual([
      [DEMO_CONTACTS.blockedNoReason, 'set-without-reason', 'marke_a', 'IMPORT'],
      [DEMO_CONTACTS.blankReason, 'set-without-reason', 'marke_a', 'WORKFLOW'],
      [DEMO_CONTACTS.liftedByImport, 'lifted-without-reason', 'marke_a', 'IMPORT'],
      [DEMO_CONTACTS.liftedByImport, 'lifted-without-reason', 'marke_c', 'IMPORT'],
    ]);
    expect(parseReasonLine(LEDGER_DEMO_LINE)).toMatchObject({ at: '2026-09-01T10:00:00.000Z', added: ['Marke A', 'Marke C', 'Galerie West'] });
  });

  it('is a fresh copy every time', () => {
    const a = demo();
    a.portal.contacts.get('101')!.properties.post_sperre_marken = '';
    expect(demo().portal.contacts.get('101')!.properties.post_sperre_marken).toBe('marke_a;marke_c');
  });
});

describe('big seed', () => {
  it('starts fast and lazily, and is deterministic', () => {
    const t0 = performance.now();
    const state = new FakeState(bigSeed({ contacts: 50_000, blocked: 300, maxListSize: 10_000, blockedInList: 30 }));
    expect(performance.now() - t0).toBeLessThan(500);
    const portal = state.portal(DEMO_PORTAL_ID)!;
    expect(portal.contacts.size).toBe(50_000);
    const again = new FakeState(bigSeed({ contacts: 50_000, blocked: 300, maxListSize: 10_000, blockedInList: 30 })).portal(DEMO_PORTAL_ID)!;
    const id = String(BIG_FIRST_CONTACT_ID + 4321);
    expect(portal.contacts.get(id)).toEqual(again.contacts.get(id));
  });

  it('has a 10,000-member static list with 30 members blocked for marke_a, among 300 blocked contacts', () => {
    const state = new FakeState(bigSeed());
    const portal = state.portal(DEMO_PORTAL_ID)!;
    const big = portal.lists.get('3001')!;
    const members = portal.memberIds(big);
    expect(members.length).toBe(10_000);
    const blockedA = members.filter((id) => tokensOf(portal.contacts.get(String(id))!.properties.post_sperre_marken).includes('marke_a'));
    expect(blockedA.length).toBe(30);
    let blocked = 0;
    for (const c of portal.contacts.values()) if (tokensOf(c.properties.post_sperre_marken).length) blocked++;
    expect(blocked).toBe(300);
  });
});
