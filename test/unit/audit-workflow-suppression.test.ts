// @vitest-environment node
// The workflow fix by the portal's suppression list (issue 11): which lists qualify (the same
// analysis the audit uses for a workflow's own suppression lists), which are preferred, the plan,
// the PUT that appends the list id (an integer), the stale-revision re-plan, and manual enrolment,
// where a suppression list is the only fix.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ListResolver } from '../../lib/audit/analyze';
import type { FilterBranch } from '../../lib/audit/filter-types';
import type { AuditSetup } from '../../lib/audit/listAudit';
import { auditWorkflow } from '../../lib/audit/workflowAudit';
import { applyWorkflowFix, planWorkflowFix } from '../../lib/audit/workflowFix';
import { fixMethod, fixMethods } from '../../lib/audit/workflowPlan';
import { brandsHeldBy, chooseSuppressionLists, exactBlockBrands, type SuppressionCandidate } from '../../lib/audit/workflowSuppression';
import { enrollmentLeaks } from '../../lib/audit/workflowActions';
import { createHubspotApi } from '../../lib/hubspot/api';
import {
  and,
  BRANDS,
  countryIs,
  DEMO_FAMILIES,
  DEMO_FLOWS,
  DEMO_LISTS,
  DEMO_PORTAL_ID,
  FakeList,
  or,
  propFilter,
  startFakeHubspot,
  TOKENS,
  type FakeHubspot,
} from '../fake-hubspot/index';
import { translator } from '../../lib/i18n';

const P = 'post_sperre_marken';
const anyOf = (brands: string[]) => propFilter(P, 'ENUMERATION', 'IS_ANY_OF', brands);
const inList = (listId: string) => ({ filterType: 'IN_LIST', listId, operator: 'IN_LIST' });

describe('which active list holds every contact blocked for a brand', () => {
  const lists: Record<string, { processingType: string; filterBranch?: FilterBranch }> = {
    exactA: { processingType: 'DYNAMIC', filterBranch: or(and([anyOf(['marke_a'])])) },
    exactAB: { processingType: 'DYNAMIC', filterBranch: or(and([anyOf(['marke_a', 'marke_b'])])) },
    twoBranches: { processingType: 'DYNAMIC', filterBranch: or(and([anyOf(['marke_a'])]), and([anyOf(['marke_b'])])) },
    staticA: { processingType: 'MANUAL' },
    snapshotA: { processingType: 'SNAPSHOT', filterBranch: or(and([anyOf(['marke_a'])])) },
    schweiz: { processingType: 'DYNAMIC', filterBranch: or(and([countryIs('Schweiz')])) },
    aInSchweiz: { processingType: 'DYNAMIC', filterBranch: or(and([anyOf(['marke_a']), countryIs('Schweiz')])) },
    aOrSchweiz: { processingType: 'DYNAMIC', filterBranch: or(and([anyOf(['marke_a'])]), and([countryIs('Schweiz')])) },
    viaList: { processingType: 'DYNAMIC', filterBranch: or(and([inList('exactA')])) },
    viaStatic: { processingType: 'DYNAMIC', filterBranch: or(and([inList('staticA')])) },
  };
  const resolve: ListResolver = (id) => lists[id];
  const held = (id: string, brands = ['marke_a', 'marke_b']) => brandsHeldBy(id, brands, P, resolve);

  it('an active list whose filter is the block condition qualifies, for its brands only', () => {
    expect(held('exactA')).toEqual(['marke_a']);
    expect(held('exactAB')).toEqual(['marke_a', 'marke_b']);
    expect(held('twoBranches')).toEqual(['marke_a', 'marke_b']);
  });

  it('a static list never qualifies (new blocks do not join it), even with the right filter', () => {
    expect(held('staticA')).toEqual([]);
    expect(held('snapshotA')).toEqual([]);
    expect(held('viaStatic')).toEqual([]);
  });

  it('an active list that does not provably hold every blocked contact does not qualify', () => {
    expect(held('schweiz')).toEqual([]);
    expect(held('aInSchweiz')).toEqual([]); // blocked for Marke A but not in Switzerland: not in it
    expect(held('unknown')).toEqual([]);
  });

  it('a wider active list qualifies too (a superset of the blocked contacts), but is not exact', () => {
    expect(held('aOrSchweiz')).toEqual(['marke_a']);
    expect(held('viaList')).toEqual(['marke_a']);
    expect(exactBlockBrands(lists.aOrSchweiz!.filterBranch, P)).toBeNull();
    expect(exactBlockBrands(lists.viaList!.filterBranch, P)).toBeNull();
  });

  it('reads the brands of an exact block condition', () => {
    expect(exactBlockBrands(lists.exactA!.filterBranch, P)).toEqual(['marke_a']);
    expect(exactBlockBrands(lists.twoBranches!.filterBranch, P)).toEqual(['marke_a', 'marke_b']);
    expect(exactBlockBrands(or(and([propFilter(P, 'ENUMERATION', 'IS_ANY_OF', ['marke_a'], true)])), P)).toBeNull(); // + contacts without a block
    expect(exactBlockBrands(or(and([propFilter('other', 'ENUMERATION', 'IS_ANY_OF', ['marke_a'])])), P)).toBeNull();
    expect(exactBlockBrands(lists.aInSchweiz!.filterBranch, P)).toBeNull();
  });
});

describe('choosing the lists', () => {
  const c = (listId: string, brands: string[], exactBrands?: string[]): SuppressionCandidate => ({ listId, name: `L${listId}`, brands, ...(exactBrands ? { exactBrands } : {}) });

  it('prefers the list that is exactly the block condition over a wider one', () => {
    const wide = c('5', ['marke_a'], undefined);
    const exact = c('9', ['marke_a'], ['marke_a']);
    expect(chooseSuppressionLists([wide, exact], ['marke_a'], ['marke_a'])!.map((x) => x.listId)).toEqual(['9']);
  });

  it('several brands: one exact list for all of them, else one list per brand; null when a brand has none', () => {
    const a = c('11', ['marke_a'], ['marke_a']);
    const b = c('12', ['marke_b'], ['marke_b']);
    const ab = c('13', ['marke_a', 'marke_b'], ['marke_a', 'marke_b']);
    expect(chooseSuppressionLists([a, b, ab], ['marke_a', 'marke_b'], ['marke_a', 'marke_b'])!.map((x) => x.listId)).toEqual(['13']);
    expect(chooseSuppressionLists([a, b], ['marke_a', 'marke_b'], ['marke_a', 'marke_b'])!.map((x) => x.listId)).toEqual(['11', '12']);
    expect(chooseSuppressionLists([a], ['marke_a', 'marke_b'], ['marke_a', 'marke_b'])).toBeNull();
  });

  it('an exact list naming brands the workflow is not audited for is not "exactly" fitting', () => {
    const abc = c('3', ['marke_a'], ['marke_a', 'marke_c']);
    const a = c('20', ['marke_a'], ['marke_a']);
    expect(chooseSuppressionLists([abc, a], ['marke_a'], ['marke_a'])!.map((x) => x.listId)).toEqual(['20']);
  });
});

describe('the plan and its write (fake HubSpot)', () => {
  let fake: FakeHubspot;
  beforeAll(async () => {
    fake = await startFakeHubspot({ quiet: true, rateLimit: false });
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  const api = () => createHubspotApi({ token: TOKENS.valid, baseUrl: fake.httpUrl, allowBaseUrl: true });
  const setup: AuditSetup = {
    blockProperty: P,
    reasonProperty: 'grund_post_sperre',
    blockPropertyLabel: 'Post Sperre Marken',
    catalog: BRANDS.map((b) => ({ value: b.value, label: b.label })),
    families: DEMO_FAMILIES,
    tr: translator('de'),
  };
  const portal = () => fake.state.portal(DEMO_PORTAL_ID)!;
  const flow = () => portal().flows.get(DEMO_FLOWS.leaking)!;
  const addList = (listId: string, name: string, processingType: 'DYNAMIC' | 'MANUAL', filterBranch?: FilterBranch) =>
    portal().lists.set(listId, new FakeList({ listId, name, objectTypeId: '0-1', processingType, createdAt: '2025-06-01T08:00:00.000Z', ...(filterBranch ? { filterBranch } : {}) }));
  const puts = () => fake.requests.filter((q) => q.method === 'PUT' && q.path.startsWith('/automation/v4/flows/'));
  const plan = (flowId: string = DEMO_FLOWS.leaking, brandsOverride?: string[]) => planWorkflowFix(api(), { ...setup, flowId, ...(brandsOverride ? { brandsOverride } : {}) });

  it('no qualifying list in the portal: the plan says so and for which brand, and offers only the exclusion', async () => {
    addList('1020', 'Post Sperre Marke A (manuell)', 'MANUAL'); // static: never
    addList('1021', 'Marke A in der Schweiz', 'DYNAMIC', or(and([anyOf(['marke_a']), countryIs('Schweiz')]))); // active, not implied
    const { plan: p } = await plan();
    expect(p.suppression).toBeUndefined();
    expect(p.suppressionMissing).toEqual({ brands: ['marke_a'], propertyLabel: 'Post Sperre Marken' });
    expect(fixMethods(p)).toEqual(['enrollment']);
  });

  it('offers the exact active list beside the exclusion; choosing it PUTs the list id appended as an integer, nothing else changed', async () => {
    addList('1022', 'Gesperrt für Marke A oder Schweiz', 'DYNAMIC', or(and([anyOf(['marke_a'])]), and([countryIs('Schweiz')])));
    addList('1023', 'Post Sperre Marke A', 'DYNAMIC', or(and([anyOf(['marke_a'])])));
    const before = structuredClone(flow());
    const { plan: p } = await plan();
    expect(p.suppression).toEqual({ listIds: ['1023'], lists: [{ listId: '1023', name: 'Post Sperre Marke A', brands: ['marke_a'], exact: true }] });
    expect(p.suppressionMissing).toBeUndefined();
    expect(fixMethods(p)).toEqual(['enrollment', 'suppression']);
    expect(fixMethod(p)).toBe('enrollment'); // the default until the user chooses

    const r = await applyWorkflowFix(api(), { ...p, method: 'suppression' }, setup);
    expect(r.status).toBe('applied');
    expect(r.audit.compliant).toBe(true);
    expect(r.audit.suppressionListIds).toEqual(['1023']);
    expect(puts()).toHaveLength(1);
    const body = puts()[0]!.body as Record<string, unknown>;
    expect(body.suppressionListIds).toEqual([1023]);
    expect(body.revisionId).toBe('3');
    expect(body.enrollmentCriteria).toEqual(before.enrollmentCriteria);
    expect(body.actions).toEqual(before.actions);
    expect(flow().revisionId).toBe('4');
  });

  it('keeps the suppression lists the flow already has and appends', async () => {
    addList('1023', 'Post Sperre Marke A', 'DYNAMIC', or(and([anyOf(['marke_a'])])));
    flow().suppressionListIds = [Number(DEMO_LISTS.suppression)];
    const { plan: p } = await plan();
    await applyWorkflowFix(api(), { ...p, method: 'suppression' }, setup);
    expect((puts()[0]!.body as Record<string, unknown>).suppressionListIds).toEqual([Number(DEMO_LISTS.suppression), 1023]);
  });

  it('several brands: the lists for each (the demo\'s exact Marke B list and a new one for Marke A)', async () => {
    addList('1023', 'Post Sperre Marke A', 'DYNAMIC', or(and([anyOf(['marke_a'])])));
    const { plan: p, audit } = await plan(DEMO_FLOWS.leaking, ['marke_a', 'marke_b']);
    expect([...new Set(enrollmentLeaks(audit).map((l) => l.brand))].sort()).toEqual(['marke_a', 'marke_b']);
    expect(p.suppression!.listIds).toEqual([DEMO_LISTS.lookAlikeDynamic, '1023'].sort());
    const r = await applyWorkflowFix(api(), { ...p, method: 'suppression' }, setup);
    expect(r.status === 'applied' && r.audit.compliant).toBe(true);
  });

  it('a revision changed since the plan: nothing written, a fresh plan that keeps the choice', async () => {
    addList('1023', 'Post Sperre Marke A', 'DYNAMIC', or(and([anyOf(['marke_a'])])));
    const { plan: p } = await plan();
    flow().revisionId = '5';
    const r = await applyWorkflowFix(api(), { ...p, method: 'suppression' }, setup);
    expect(r.status).toBe('replanned');
    if (r.status !== 'replanned') return;
    expect(r.plan).toMatchObject({ revisionId: '5', method: 'suppression', suppression: { listIds: ['1023'] } });
    expect(puts()).toHaveLength(0);
    const again = await applyWorkflowFix(api(), r.plan, setup);
    expect(again.status).toBe('applied');
    expect((puts()[0]!.body as Record<string, unknown>).revisionId).toBe('5');
  });

  it('HubSpot refusing the revision as stale (409) re-plans this way too, nothing written', async () => {
    addList('1023', 'Post Sperre Marke A', 'DYNAMIC', or(and([anyOf(['marke_a'])])));
    const { plan: p } = await plan();
    fake.faults.add({ match: { method: 'PUT', pathPrefix: '/automation/v4/flows/7001' }, status: 409, times: 1 });
    const r = await applyWorkflowFix(api(), { ...p, method: 'suppression' }, setup);
    expect(r).toMatchObject({ status: 'replanned', plan: { method: 'suppression' } });
    expect(flow().revisionId).toBe('3');
    expect(flow().suppressionListIds).toEqual([]);
  });

  it('the qualifying list is gone by the confirmation: nothing written, re-planned', async () => {
    addList('1023', 'Post Sperre Marke A', 'DYNAMIC', or(and([anyOf(['marke_a'])])));
    const { plan: p } = await plan();
    portal().lists.get('1023')!.filterBranch = or(and([countryIs('Schweiz')]));
    const r = await applyWorkflowFix(api(), { ...p, method: 'suppression' }, setup);
    expect(r.status).toBe('replanned');
    if (r.status === 'replanned') expect(r.plan.suppression).toBeUndefined();
    expect(puts()).toHaveLength(0);
  });

  it('manual enrolment: no filter can close it, the suppression list can, and does', async () => {
    flow().enrollmentCriteria = { type: 'MANUAL', shouldReEnroll: false };
    const none = await plan();
    expect(none.plan.enrollmentCriteria).toBeUndefined();
    expect(none.plan.suppressionMissing?.brands).toEqual(['marke_a']);
    expect(fixMethod(none.plan)).toBeNull();

    addList('1023', 'Post Sperre Marke A', 'DYNAMIC', or(and([anyOf(['marke_a'])])));
    const { plan: p, audit } = await plan();
    expect(enrollmentLeaks(audit).map((l) => l.source)).toEqual(['manual']);
    expect(fixMethods(p)).toEqual(['suppression']);
    expect(fixMethod(p)).toBe('suppression');
    const r = await applyWorkflowFix(api(), p, setup);
    expect(r.status).toBe('applied');
    expect(r.audit.compliant).toBe(true);
    expect((await auditWorkflow(api(), { ...setup, flowId: DEMO_FLOWS.leaking })).compliant).toBe(true);
    expect((puts()[0]!.body as Record<string, unknown>).enrollmentCriteria).toEqual({ type: 'MANUAL', shouldReEnroll: false });
  });

  it('a plan with a way that is not possible writes nothing', async () => {
    const { plan: p } = await plan();
    const r = await applyWorkflowFix(api(), { ...p, method: 'suppression' }, setup);
    expect(r.status).toBe('replanned');
    expect(puts()).toHaveLength(0);
  });
});
