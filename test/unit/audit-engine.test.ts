// @vitest-environment node
// The list audit engine against the fake HubSpot (demo portal): verdicts list by list, brands,
// referenced lists, and fixing (plan, apply, re-audit).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditList, type AuditSetup } from '../../lib/audit/listAudit';
import { applyListFix, planListFix } from '../../lib/audit/listFix';
import { BlockedIndex } from '../../lib/audit/blockedIndex';
import type { BranchLeak, ListAudit, MemberLeak } from '../../lib/audit/types';
import { analyzeFilter } from '../../lib/audit/analyze';
import { createHubspotApi, type HubspotApi } from '../../lib/hubspot/api';
import { GatewayError } from '../../lib/hubspot/errors';
import {
  BRANDS,
  DEMO_FAMILIES,
  DEMO_LISTS,
  DEMO_PORTAL_ID,
  FakeList,
  TOKENS,
  and,
  countryIs,
  notBlockedFor,
  or,
  startFakeHubspot,
  type FakeHubspot,
  type ListSeed,
} from '../fake-hubspot/index';
import { translator } from '../../lib/i18n';

let fake: FakeHubspot;
beforeAll(async () => {
  fake = await startFakeHubspot({ quiet: true });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const api = (token: string = TOKENS.valid): HubspotApi => createHubspotApi({ token, baseUrl: fake.httpUrl, allowBaseUrl: true });
const catalog = BRANDS.map((b) => ({ value: b.value, label: b.label }));
const setup = (lang: 'de' | 'en' = 'de'): AuditSetup => ({
  blockProperty: 'post_sperre_marken',
  reasonProperty: 'grund_post_sperre',
  blockPropertyLabel: 'Post Sperre Marken',
  catalog,
  families: DEMO_FAMILIES,
  tr: translator(lang),
});
const audit = (listId: string, extra: Partial<Parameters<typeof auditList>[1]> = {}, a = api()) => auditList(a, { ...setup(), listId, ...extra });
const portal = () => fake.state.portal(DEMO_PORTAL_ID)!;
const addList = (seed: Omit<ListSeed, 'createdAt' | 'objectTypeId'> & { objectTypeId?: string }) =>
  portal().lists.set(seed.listId, new FakeList({ objectTypeId: '0-1', createdAt: '2026-01-01T00:00:00.000Z', ...seed }));
const summary = (a: ListAudit) =>
  a.leaks.map((l) => (l.kind === 'member' ? `member:${l.recordId}:${l.brand}` : `branch:${l.branch}:${l.brand}`));
const writes = () => fake.requests.filter((r) => r.method !== 'GET' && !/search$|batch\/read$/.test(r.path));

describe('auditList on the demo portal', () => {
  it.each([
    [DEMO_LISTS.compliantDynamic, 'DYNAMIC', ['marke_a'], 'detected', []],
    [DEMO_LISTS.leakingDynamic, 'DYNAMIC', ['marke_a'], 'detected', ['branch:1:marke_a']],
    [DEMO_LISTS.lookAlikeDynamic, 'DYNAMIC', ['marke_b'], 'detected', ['branch:0:marke_b']],
    [DEMO_LISTS.manualKunstmeile, 'MANUAL', ['kunstmeile_nord', 'kunstmeile_sued', 'kunstmeile_ost'], 'detected', ['member:109:kunstmeile_nord', 'member:110:kunstmeile_sued']],
    [DEMO_LISTS.snapshot, 'SNAPSHOT', ['marke_c'], 'detected', []],
    [DEMO_LISTS.compliantManual, 'MANUAL', ['galerie_west'], 'detected', []],
    [DEMO_LISTS.notAnyDynamic, 'DYNAMIC', ['marke_b'], 'detected', []],
    [DEMO_LISTS.suppression, 'MANUAL', BRANDS.map((b) => b.value), 'all', []],
    [DEMO_LISTS.noBrandDynamic, 'DYNAMIC', BRANDS.map((b) => b.value), 'all', BRANDS.map((b) => `branch:0:${b.value}`)],
  ])('list %s (%s) for %j, %s: %j', async (listId, type, brands, source, leaks) => {
    const a = await audit(listId);
    expect(a.processingType).toBe(type);
    expect(a.brands).toEqual(brands);
    expect(a.brandSource).toBe(source);
    expect(summary(a)).toEqual(leaks);
    expect(a.compliant).toBe(leaks.length === 0);
    expect(a.availableBrands).toEqual(catalog);
    expect(typeof a.size).toBe('number');
  });

  it('skips a list of companies: compliant, no leaks, no member requests', async () => {
    const a = await audit(DEMO_LISTS.companies);
    expect(a).toMatchObject({ skipped: 'not-contacts', compliant: true, leaks: [], objectTypeId: '0-2' });
    expect(fake.requests.map((r) => r.path)).toEqual([`/crm/v3/lists/${DEMO_LISTS.companies}`]);
  });

  it('a list that does not exist is an error naming it', async () => {
    await expect(audit('99999')).rejects.toMatchObject({ kind: 'invalid-response', message: expect.stringContaining('99999') });
  });

  it('describes a leaking branch and its witness in the caller language, with brand labels', async () => {
    const de = (await audit(DEMO_LISTS.lookAlikeDynamic)).leaks[0] as BranchLeak;
    expect(de.branchSummary).toBe('Post Sperre Marken ist einer von Marke B');
    expect(de.witnessSummary).toBe('z. B. ein Kontakt, gesperrt für Marke B');
    expect(de.witness).toEqual({ post_sperre_marken: 'marke_b' });
    const en = (await auditList(api(), { ...setup('en'), listId: DEMO_LISTS.lookAlikeDynamic })).leaks[0] as BranchLeak;
    expect(en.branchSummary).toBe('Post Sperre Marken is any of Marke B');
    expect(en.witnessSummary).toBe('e.g. a contact blocked for Marke B');
  });

  it('member leaks name the contact, and contacts blocked only for other brands are no finding', async () => {
    const a = await audit(DEMO_LISTS.manualKunstmeile);
    expect((a.leaks as MemberLeak[]).map((l) => l.name)).toEqual(['Ines Koch', 'Jan Richter']);
    // 1005 holds 104, 112 (marke_a), 107, 108, 119, 122, 129 (other brands): none is blocked for marke_c.
    expect((await audit(DEMO_LISTS.snapshot)).compliant).toBe(true);
    // The same members are findings as soon as the list is audited for their brand.
    const forA = await audit(DEMO_LISTS.snapshot, { brandsOverride: ['marke_a'] });
    expect(summary(forA)).toEqual(['member:104:marke_a', 'member:112:marke_a']);
  });

  it('one finding per blocked brand of a member', async () => {
    addList({ listId: '1200', name: 'Testliste', processingType: 'MANUAL', memberIds: [101, 102, 111] });
    const a = await audit('1200', { brandsOverride: ['marke_a', 'marke_b', 'marke_c'] });
    expect(summary(a)).toEqual(['member:101:marke_a', 'member:101:marke_c', 'member:111:marke_a', 'member:111:marke_b']);
  });
});

describe('brands of a list', () => {
  it('an override wins over detection and is reported as chosen or argument', async () => {
    const chosen = await audit(DEMO_LISTS.leakingDynamic, { brandsOverride: ['marke_b'], brandSource: 'chosen' });
    expect(chosen.brands).toEqual(['marke_b']);
    expect(chosen.brandSource).toBe('chosen');
    // Neither branch excludes marke_b.
    expect(summary(chosen)).toEqual(['branch:0:marke_b', 'branch:1:marke_b']);
    const arg = await audit(DEMO_LISTS.compliantDynamic, { brandsOverride: ['marke_a', 'marke_c'] });
    expect(arg.brandSource).toBe('argument');
    expect(summary(arg)).toEqual(['branch:0:marke_c', 'branch:1:marke_c']);
  });

  it('a family name in the list name stands for all its brands; without families, every brand counts', async () => {
    expect((await audit(DEMO_LISTS.manualKunstmeile)).brands).toEqual(['kunstmeile_nord', 'kunstmeile_sued', 'kunstmeile_ost']);
    const noFamilies = await audit(DEMO_LISTS.manualKunstmeile, { families: [] });
    expect(noFamilies.brandSource).toBe('all');
    expect(summary(noFamilies)).toEqual(['member:109:kunstmeile_nord', 'member:110:kunstmeile_sued']);
  });

  it('an empty override means "detect"', async () => {
    expect((await audit(DEMO_LISTS.compliantDynamic, { brandsOverride: [] })).brandSource).toBe('detected');
  });
});

describe('referenced lists', () => {
  it('an active list in IN_LIST is evaluated on the same contact: its exclusion counts', async () => {
    addList({ listId: '1100', name: 'Newsletter Marke A', processingType: 'DYNAMIC', filterBranch: or(and([{ filterType: 'IN_LIST', listId: DEMO_LISTS.compliantDynamic, operator: 'IN_LIST' }])) });
    addList({ listId: '1101', name: 'Nachfass Marke A', processingType: 'DYNAMIC', filterBranch: or(and([{ filterType: 'IN_LIST', listId: DEMO_LISTS.leakingDynamic, operator: 'IN_LIST' }])) });
    const a = api();
    expect((await audit('1100', {}, a)).compliant).toBe(true);
    expect(summary(await audit('1101', {}, a))).toEqual(['branch:0:marke_a']);
    // Referenced lists come in one batch request per level, not one per list.
    expect(fake.requests.filter((r) => r.path === '/crm/v3/lists/')).toHaveLength(2);
  });

  it('resolves chains level by level, each list once, and survives cycles', async () => {
    addList({ listId: '1100', name: 'Kette 1 Marke A', processingType: 'DYNAMIC', filterBranch: or(and([{ filterType: 'IN_LIST', listId: '1101', operator: 'IN_LIST' }])) });
    addList({ listId: '1101', name: 'Kette 2', processingType: 'DYNAMIC', filterBranch: or(and([{ filterType: 'IN_LIST', listId: DEMO_LISTS.compliantDynamic, operator: 'IN_LIST' }, { filterType: 'IN_LIST', listId: DEMO_LISTS.notAnyDynamic, operator: 'IN_LIST' }])) });
    addList({ listId: '1102', name: 'Zyklus A Marke A', processingType: 'DYNAMIC', filterBranch: or(and([countryIs('Deutschland'), { filterType: 'IN_LIST', listId: '1103', operator: 'NOT_IN_LIST' }])) });
    addList({ listId: '1103', name: 'Zyklus B', processingType: 'DYNAMIC', filterBranch: or(and([{ filterType: 'IN_LIST', listId: '1102', operator: 'IN_LIST' }])) });
    const chain = await audit('1100');
    expect(chain.compliant).toBe(true);
    // 1100, then 1101, then 1001 + 1008, then 1009 (static, referenced by 1008): one request each level.
    expect(fake.requests.map((r) => r.path)).toEqual(['/crm/v3/lists/1100', '/crm/v3/lists/', '/crm/v3/lists/', '/crm/v3/lists/']);
    const listIds = fake.requests.filter((r) => r.path === '/crm/v3/lists/').map((r) => [r.query.listIds ?? []].flat().sort());
    expect(listIds).toEqual([['1101'], ['1001', '1008'], ['1009']]);
    fake.requests.length = 0;
    const cycle = await audit('1102');
    expect(summary(cycle)).toEqual(['branch:0:marke_a']);
    const leak = cycle.leaks[0] as BranchLeak;
    expect(leak.branchSummary).toContain('„Zyklus B“ (1103)');
    expect(fake.requests).toHaveLength(2);
  });

  it('a missing referenced list is unknown (may pass), not an error', async () => {
    addList({ listId: '1100', name: 'Verwaist Marke A', processingType: 'DYNAMIC', filterBranch: or(and([notBlockedFor(['marke_b']), { filterType: 'IN_LIST', listId: '424242', operator: 'NOT_IN_LIST' }])) });
    const a = await audit('1100');
    expect(summary(a)).toEqual(['branch:0:marke_a']);
    expect((a.leaks[0] as BranchLeak).reasons).toContain('unknown-list:424242');
  });
});

describe('static lists and the blocked contacts', () => {
  it('a shared BlockedIndex is fetched once for many lists', async () => {
    const a = api();
    const blocked = new BlockedIndex(a, { blockProperty: 'post_sperre_marken', reasonProperty: 'grund_post_sperre' });
    for (const id of [DEMO_LISTS.manualKunstmeile, DEMO_LISTS.snapshot, DEMO_LISTS.compliantManual, DEMO_LISTS.suppression]) await audit(id, { blocked }, a);
    expect(fake.requests.filter((r) => r.path.endsWith('/contacts/search'))).toHaveLength(1);
    expect(blocked.missingReason()).toEqual(['104', '112']);
  });

  it('pages a small list instead of asking about many blocked contacts', async () => {
    // 250 blocked contacts for marke_a (3 batch reads) against a list of 2 members (1 page).
    const p = portal();
    for (let i = 0; i < 250; i++) {
      p.contacts.add({ id: String(5000 + i), createdAt: '2026-01-01T00:00:00.000Z', properties: { post_sperre_marken: 'marke_a', grund_post_sperre: 'Brief.' }, history: {} });
    }
    addList({ listId: '1200', name: 'Klein Marke A', processingType: 'MANUAL', memberIds: [124, 5003] });
    const a = await audit('1200');
    expect(summary(a)).toEqual(['member:124:marke_a', 'member:5003:marke_a']);
    expect(fake.requests.filter((r) => r.path.includes('/memberships'))).toHaveLength(1);
    expect(fake.requests.some((r) => r.path === '/crm/v3/lists/1200/memberships')).toBe(true);
  });
});

describe('fixing a list', () => {
  it('warns in the plan when the fix leaves a branch that no contact can pass (a look-alike "is any of")', async () => {
    const { plan } = await planListFix(api(), { ...setup(), listId: DEMO_LISTS.lookAlikeDynamic });
    expect(plan.branches).toEqual([0]);
    expect(plan.emptiedBranches).toEqual([0]);
    expect(writes()).toEqual([]);
  });

  it('active list: the plan adds the exclusion to the leaking branch only; nothing is written before apply', async () => {
    const { plan, audit: before } = await planListFix(api(), { ...setup(), listId: DEMO_LISTS.leakingDynamic });
    expect(before.compliant).toBe(false);
    expect(plan.branches).toEqual([1]);
    expect(plan.emptiedBranches).toEqual([]); // branch 1 (Schweiz) keeps its unblocked contacts
    expect(plan.brands).toEqual(['marke_a']);
    const branches = plan.filterBranch!.filterBranches!;
    expect(branches[0]).toEqual(portal().lists.get(DEMO_LISTS.leakingDynamic)!.filterBranch!.filterBranches?.[0]);
    expect(branches[1]!.filters).toContainEqual(notBlockedFor(['marke_a']));
    expect(writes()).toEqual([]);

    const after = await applyListFix(api(), plan, setup());
    expect(after.compliant).toBe(true);
    expect(portal().lists.get(DEMO_LISTS.leakingDynamic)!.filterBranch).toEqual(plan.filterBranch);
    expect(writes().map((r) => `${r.method} ${r.path}`)).toEqual([`PUT /crm/v3/lists/${DEMO_LISTS.leakingDynamic}/update-list-filters`]);
    // The fixed filter really keeps out what leaked: a Swiss contact blocked for marke_a (111).
    expect(portal().isMember(portal().lists.get(DEMO_LISTS.leakingDynamic)!, '111')).toBe(false);
  });

  it('static list: the plan removes the blocked members; apply makes the re-audit compliant', async () => {
    const { plan } = await planListFix(api(), { ...setup(), listId: DEMO_LISTS.manualKunstmeile });
    expect(plan.removeRecordIds).toEqual(['109', '110']);
    expect(plan.filterBranch).toBeUndefined();
    const after = await applyListFix(api(), plan, setup());
    expect(after.compliant).toBe(true);
    expect(portal().lists.get(DEMO_LISTS.manualKunstmeile)!.staticMembers()).toEqual([102, 113, 114, 117, 121]);
  });

  it('a compliant list has an empty plan, and applying it writes nothing', async () => {
    const { plan } = await planListFix(api(), { ...setup(), listId: DEMO_LISTS.compliantDynamic });
    expect(plan).toEqual({ listId: DEMO_LISTS.compliantDynamic, processingType: 'DYNAMIC', brands: ['marke_a'] });
    expect((await applyListFix(api(), plan, setup())).compliant).toBe(true);
    expect(writes()).toEqual([]);
  });

  it('without crm.lists.write: a scope error naming crm.lists.write, and the list is unchanged', async () => {
    const a = api(TOKENS.missingScopes);
    const before = structuredClone(portal().lists.get(DEMO_LISTS.leakingDynamic)!.filterBranch);
    const { plan } = await planListFix(a, { ...setup(), listId: DEMO_LISTS.leakingDynamic });
    const err = await applyListFix(a, plan, setup()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GatewayError);
    expect((err as GatewayError).kind).toBe('scope');
    expect((err as GatewayError).detail.missingScopes).toContain('crm.lists.write');
    expect((err as GatewayError).message).toContain('crm.lists.write');
    expect(portal().lists.get(DEMO_LISTS.leakingDynamic)!.filterBranch).toEqual(before);

    const { plan: staticPlan } = await planListFix(a, { ...setup(), listId: DEMO_LISTS.manualKunstmeile });
    await expect(applyListFix(a, staticPlan, setup())).rejects.toMatchObject({ kind: 'scope', detail: { missingScopes: ['crm.lists.write'] } });
    expect(portal().lists.get(DEMO_LISTS.manualKunstmeile)!.staticMembers()).toHaveLength(7);
  });

  it('refuses a plan when the filter changed in the meantime (no clobbering)', async () => {
    const { plan } = await planListFix(api(), { ...setup(), listId: DEMO_LISTS.leakingDynamic });
    const list = portal().lists.get(DEMO_LISTS.leakingDynamic)!;
    const edited = or(and([countryIs('Deutschland'), notBlockedFor(['marke_a'])]), and([countryIs('Schweiz')]), and([countryIs('Italien')]));
    list.filterBranch = edited;
    await expect(applyListFix(api(), plan, setup())).rejects.toMatchObject({ kind: 'conflict' });
    expect(list.filterBranch).toBe(edited);
  });

  it('a static plan removes only what it listed and what is still a blocked member', async () => {
    const { plan } = await planListFix(api(), { ...setup(), listId: DEMO_LISTS.manualKunstmeile });
    // Meanwhile 110's block is lifted: 110 stays in the list.
    portal().contacts.get('110')!.properties.post_sperre_marken = '';
    const after = await applyListFix(api(), { ...plan, removeRecordIds: [...plan.removeRecordIds!, '102'] }, setup());
    expect(after.compliant).toBe(true);
    expect(portal().lists.get(DEMO_LISTS.manualKunstmeile)!.staticMembers()).toEqual([102, 110, 113, 114, 117, 121]);
  });

  it('a static removal failing half way says how many were removed and audits the list again', async () => {
    // 300 blocked members: HubSpot takes them in chunks of 250; the second chunk fails.
    const ids = Array.from({ length: 300 }, (_, i) => String(500_000 + i));
    for (const id of ids) portal().contacts.add({ id, createdAt: '2026-01-01T00:00:00.000Z', properties: { post_sperre_marken: 'marke_a' } });
    addList({ listId: '9001', name: 'Herbstkatalog Marke A', processingType: 'MANUAL', memberIds: ids.map(Number) });
    const { plan } = await planListFix(api(), { ...setup(), listId: '9001' });
    expect(plan.removeRecordIds).toHaveLength(300);
    fake.faults.add({ match: { method: 'PUT', pathPrefix: '/crm/v3/lists/9001/memberships/remove' }, skip: 1, status: 500 });
    const progress: number[] = [];
    const after = await applyListFix(api(), plan, { ...setup(), onProgress: (p) => progress.push(p.done) });
    expect(after.fixNote).toMatch(/^250 von 300 Kontakten wurden aus der Liste entfernt/);
    expect(after.compliant).toBe(false);
    expect(after.leaks.filter((l) => l.kind === 'member')).toHaveLength(50);
    expect(portal().lists.get('9001')!.staticMembers()).toHaveLength(50);
    expect(progress).toContain(250);
  });

  it('the fixed filter passes the sound analysis for every brand it was planned for', async () => {
    const { plan } = await planListFix(api(), { ...setup(), listId: DEMO_LISTS.noBrandDynamic });
    const verdicts = analyzeFilter(plan.filterBranch!, { blockProperty: 'post_sperre_marken', brands: plan.brands });
    expect(verdicts.every((v) => v.covered)).toBe(true);
    expect(plan.brands).toHaveLength(BRANDS.length);
  });
});
