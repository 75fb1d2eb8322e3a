// @vitest-environment node
// The audit handlers of the gateway (what the list panel and the options page call), with an
// in-memory environment and the fake HubSpot: portal check, chosen brands, fixing, progress.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CallContext } from '../../lib/port/contract';
import type { Progress } from '../../lib/audit/types';
import { createAuditHandlers } from '../../lib/gateway/audit-handlers';
import { translator, type Language } from '../../lib/i18n';
import { parseSettings } from '../../lib/settings';
import { memoryGatewayEnv } from './support/gateway-env';
import { callThroughPort } from './support/port';
import { DEMO_FAMILIES, DEMO_LISTS, DEMO_PORTAL_ID, TOKENS, startFakeHubspot, type FakeHubspot } from '../fake-hubspot/index';

let fake: FakeHubspot;
beforeAll(async () => {
  fake = await startFakeHubspot({ quiet: true });
});
afterAll(() => fake.close());

const PORTAL = String(DEMO_PORTAL_ID);

function memoryEnv(token: string = TOKENS.valid) {
  const { env, settings, choices } = memoryGatewayEnv(fake.httpUrl, { token, families: DEMO_FAMILIES });
  return { env, settings, choices, handlers: createAuditHandlers(env) };
}

function ctx(lang: Language = 'de'): CallContext & { events: Progress[] } {
  const events: Progress[] = [];
  return { signal: new AbortController().signal, progress: (p) => events.push(p), sender: { fromExtensionPage: false }, tr: translator(lang), events };
}

beforeEach(() => fake.reset());

describe('auditList handler', () => {
  it('audits the list of the page, with the brands detected from its name', async () => {
    const { handlers } = memoryEnv();
    const c = ctx();
    const a = await handlers.auditList({ portalId: PORTAL, listId: DEMO_LISTS.manualKunstmeile }, c);
    expect(a.brandSource).toBe('detected');
    expect(a.brands).toEqual(['kunstmeile_nord', 'kunstmeile_sued', 'kunstmeile_ost']);
    expect(a.leaks.map((l) => l.kind === 'member' && l.recordId)).toEqual(['109', '110']);
    expect(a.availableBrands?.map((b) => b.value)).toContain('verlag_rhein');
    expect(c.events.length).toBeGreaterThan(0);
  });

  it('refuses a page of another portal before reading any list', async () => {
    const { handlers } = memoryEnv();
    await expect(handlers.auditList({ portalId: '87654321', listId: DEMO_LISTS.leakingDynamic }, ctx())).rejects.toMatchObject({ kind: 'portal-mismatch' });
    expect(fake.requests.some((r) => r.path.startsWith('/crm/v3/lists'))).toBe(false);
  });

  it('speaks the language of the call', async () => {
    const { handlers } = memoryEnv();
    const a = await handlers.auditList({ portalId: PORTAL, listId: DEMO_LISTS.lookAlikeDynamic }, ctx('en'));
    expect(a.leaks[0]).toMatchObject({ kind: 'filter-branch', branchSummary: 'Post Sperre Marken is any of Marke B', witnessSummary: 'e.g. a contact blocked for Marke B' });
  });

  it('without a token: not-configured', async () => {
    const { handlers } = memoryEnv('');
    await expect(handlers.auditList({ portalId: PORTAL, listId: DEMO_LISTS.leakingDynamic }, ctx())).rejects.toMatchObject({ kind: 'not-configured' });
  });
});

describe('setListBrands and chosen brands', () => {
  it('chosen brands override detection until cleared; brands of an argument win over both', async () => {
    const { handlers, choices } = memoryEnv();
    const listId = DEMO_LISTS.leakingDynamic;
    expect(await handlers.setListBrands({ portalId: PORTAL, listId, brands: ['marke_b'] }, ctx())).toBeNull();
    expect(choices()).toEqual({ [`${PORTAL}:${listId}`]: ['marke_b'] });

    const chosen = await handlers.auditList({ portalId: PORTAL, listId }, ctx());
    expect(chosen).toMatchObject({ brands: ['marke_b'], brandSource: 'chosen' });
    expect(chosen.leaks.map((l) => l.kind === 'filter-branch' && `${l.branch}:${l.brand}`)).toEqual(['0:marke_b', '1:marke_b']);

    const arg = await handlers.auditList({ portalId: PORTAL, listId, brands: ['marke_a', 'marke_c'] }, ctx());
    expect(arg).toMatchObject({ brands: ['marke_a', 'marke_c'], brandSource: 'argument' });
    // The brands the panel was shown, passed back, keep their origin.
    expect(await handlers.auditList({ portalId: PORTAL, listId, brands: ['marke_b'] }, ctx())).toMatchObject({ brandSource: 'chosen' });

    await handlers.setListBrands({ portalId: PORTAL, listId, brands: null }, ctx());
    expect(choices()).toEqual({});
    expect(await handlers.auditList({ portalId: PORTAL, listId }, ctx())).toMatchObject({ brands: ['marke_a'], brandSource: 'detected' });
  });

  it('a workflow\'s brand choice is stored under its own key by the list path, and used by the next audit', async () => {
    const { handlers, choices } = memoryEnv();
    const flowId = '7001';
    expect((await handlers.auditWorkflow({ portalId: PORTAL, flowId }, ctx())).brands).toEqual(['marke_a']);
    expect(await handlers.setFlowBrands({ portalId: PORTAL, flowId, brands: ['marke_b', 'marke_c'] }, ctx())).toBeNull();
    expect(choices()).toEqual({ [`${PORTAL}:flow:${flowId}`]: ['marke_b', 'marke_c'] });
    // The next view of the workflow (no brands passed) audits for the stored choice.
    expect(await handlers.auditWorkflow({ portalId: PORTAL, flowId }, ctx())).toMatchObject({ brands: ['marke_b', 'marke_c'], brandSource: 'chosen' });
    // A list with the same id is another item.
    expect((await handlers.auditList({ portalId: PORTAL, listId: DEMO_LISTS.leakingDynamic }, ctx())).brandSource).toBe('detected');
    await expect(handlers.setFlowBrands({ portalId: PORTAL, flowId, brands: ['marke_zz'] }, ctx())).rejects.toMatchObject({ kind: 'invalid-request' });
    await handlers.setFlowBrands({ portalId: PORTAL, flowId, brands: null }, ctx());
    expect(choices()).toEqual({});
    expect(await handlers.auditWorkflow({ portalId: PORTAL, flowId }, ctx())).toMatchObject({ brands: ['marke_a'], brandSource: 'detected' });
  });

  it('refuses values that are no option of the block property, and keeps the settings', async () => {
    const { handlers, choices } = memoryEnv();
    await expect(handlers.setListBrands({ portalId: PORTAL, listId: '1002', brands: ['marke_zz'] }, ctx())).rejects.toMatchObject({ kind: 'invalid-request', message: expect.stringContaining('marke_zz') });
    expect(choices()).toEqual({});
  });
});

describe('planListFix and applyListFix handlers', () => {
  it('plans, writes only on apply, and answers with the new audit', async () => {
    const { handlers } = memoryEnv();
    const plan = await handlers.planListFix({ portalId: PORTAL, listId: DEMO_LISTS.leakingDynamic, brands: [] }, ctx());
    expect(plan).toMatchObject({ listId: DEMO_LISTS.leakingDynamic, processingType: 'DYNAMIC', branches: [1], brands: ['marke_a'] });
    expect(fake.requests.some((r) => r.method === 'PUT')).toBe(false);
    // The plan travels as JSON over the port.
    const after = await handlers.applyListFix({ portalId: PORTAL, plan: JSON.parse(JSON.stringify(plan)) }, ctx());
    expect(after).toMatchObject({ listId: DEMO_LISTS.leakingDynamic, compliant: true, leaks: [], brandSource: 'detected' });
    expect(fake.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
  });

  it('static list: removes the blocked members', async () => {
    const { handlers } = memoryEnv();
    const plan = await handlers.planListFix({ portalId: PORTAL, listId: DEMO_LISTS.manualKunstmeile, brands: [] }, ctx());
    expect(plan.removeRecordIds).toEqual(['109', '110']);
    expect((await handlers.applyListFix({ portalId: PORTAL, plan }, ctx())).compliant).toBe(true);
  });

  it('a token without crm.lists.write gets a scope error that names it', async () => {
    const { handlers } = memoryEnv(TOKENS.missingScopes);
    const plan = await handlers.planListFix({ portalId: PORTAL, listId: DEMO_LISTS.manualKunstmeile, brands: [] }, ctx());
    const err = await handlers.applyListFix({ portalId: PORTAL, plan }, ctx()).catch((e: { kind: string; message: string; toData(): unknown }) => e);
    expect(err).toMatchObject({ kind: 'scope', message: expect.stringContaining('crm.lists.write'), detail: { missingScopes: ['crm.lists.write'] } });
  });

  it('refuses a malformed plan without calling HubSpot', async () => {
    const { handlers } = memoryEnv();
    const reply = await callThroughPort(handlers, { method: 'applyListFix', args: { portalId: PORTAL, plan: { listId: 1002 } } });
    expect(reply).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    expect(fake.requests).toHaveLength(0);
  });

  it('a plan for another portal is refused', async () => {
    const { handlers } = memoryEnv();
    const plan = await handlers.planListFix({ portalId: PORTAL, listId: DEMO_LISTS.manualKunstmeile, brands: [] }, ctx());
    await expect(handlers.applyListFix({ portalId: '87654321', plan }, ctx())).rejects.toMatchObject({ kind: 'portal-mismatch' });
    expect(fake.requests.some((r) => r.method === 'PUT')).toBe(false);
  });
});

describe('portalAudit handler', () => {
  it('audits every contact list and workflow with the chosen brands, and reports progress', async () => {
    const { handlers } = memoryEnv();
    await handlers.setListBrands({ portalId: PORTAL, listId: DEMO_LISTS.compliantManual, brands: ['marke_b'] }, ctx());
    await handlers.setFlowBrands({ portalId: PORTAL, flowId: '7001', brands: ['marke_c'] }, ctx());
    const c = ctx();
    const p = await handlers.portalAudit({}, c);
    expect(p.workflows?.find((f) => f.flowId === '7001')).toMatchObject({ brands: ['marke_c'], brandSource: 'chosen' });
    expect(p.lists).toHaveLength(9);
    expect(p.lists.find((l) => l.listId === DEMO_LISTS.compliantManual)).toMatchObject({ brands: ['marke_b'], brandSource: 'chosen', compliant: true });
    expect(p.lists.filter((l) => !l.compliant).map((l) => l.listId)).toEqual(['1002', '1003', '1004', '1010']);
    expect(p.contactsMissingReason).toEqual(['104', '112']);
    expect(p.requests).toBeGreaterThan(0);
    expect(c.events.some((e) => e.total === 9 && e.done === 9)).toBe(true);
  });

  it('audits exactly the out-of-scope items it is given, marked so; refuses ids that are no HubSpot ids', async () => {
    const { env, handlers } = memoryEnv();
    await env.storeSettings(parseSettings({ ...(await env.loadSettings()), postalScope: { folders: ['Postmailings'] } }));
    const c = ctx();
    const p = await handlers.portalAudit({ outOfScope: { listIds: ['1003', '1005'], flowIds: ['7003'] } }, c);
    expect(p.lists.map((l) => [l.listId, l.inScope])).toEqual([
      ['1003', false],
      ['1005', false],
    ]);
    expect(p.workflows!.map((w) => [w.flowId, w.inScope])).toEqual([['7003', false]]);
    expect(p.outOfScope).toBeUndefined();
    expect(c.events.some((e) => e.total === 2 && e.done === 2)).toBe(true);
    fake.reset();
    const reply = await callThroughPort(handlers, { method: 'portalAudit', args: { outOfScope: { listIds: ['../1003'], flowIds: [] } } });
    expect(reply).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    expect(fake.requests).toHaveLength(0);
  });
});

describe('postal scope in the panels (issue 11)', () => {
  it('the list panel\'s audit says whether the list is in scope; without a scope it says nothing', async () => {
    const { env, handlers } = memoryEnv();
    const plain = await handlers.auditList({ portalId: PORTAL, listId: DEMO_LISTS.leakingDynamic }, ctx());
    expect(plain.inScope).toBeUndefined();
    await env.storeSettings(parseSettings({ ...(await env.loadSettings()), postalScope: { folders: ['Postmailings'] } }));
    expect((await handlers.auditList({ portalId: PORTAL, listId: DEMO_LISTS.leakingDynamic }, ctx())).inScope).toBe(true);
    expect((await handlers.auditList({ portalId: PORTAL, listId: DEMO_LISTS.noBrandDynamic }, ctx())).inScope).toBe(false);
  });

  it('the workflow panel\'s audit: a workflow adding to a postal list is postal; others are not', async () => {
    const { env, handlers } = memoryEnv();
    await env.storeSettings(parseSettings({ ...(await env.loadSettings()), postalScope: { folders: ['Postmailings'] } }));
    const leaking = await handlers.auditWorkflow({ portalId: PORTAL, flowId: '7001' }, ctx());
    expect(leaking).toMatchObject({ inScope: true, compliant: false, addsToLists: [DEMO_LISTS.manualKunstmeile] });
    expect((await handlers.auditWorkflow({ portalId: PORTAL, flowId: '7003' }, ctx())).inScope).toBe(false);
  });

  it('a malformed workflow fix plan from the port is refused before anything is read', async () => {
    const { handlers } = memoryEnv();
    const reply = await callThroughPort(handlers, { method: 'applyWorkflowFix', args: { portalId: PORTAL, plan: { flowId: '../7001', revisionId: '3', brands: [], branches: [] } } });
    expect(reply).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    expect(fake.requests.filter((r) => r.path.startsWith('/automation/'))).toHaveLength(0);
  });

  it('a suppression plan from the port: list ids must be ids, the way one of the two', async () => {
    const { handlers } = memoryEnv();
    const base = { flowId: '7001', revisionId: '3', brands: ['marke_a'], branches: [1] };
    for (const plan of [
      { ...base, method: 'suppression', suppression: { listIds: ['1003; DROP'], lists: [] } },
      { ...base, method: 'suppression', suppression: { listIds: [], lists: [] } },
      { ...base, method: 'delete-everything' },
    ]) {
      const reply = await callThroughPort(handlers, { method: 'applyWorkflowFix', args: { portalId: PORTAL, plan } });
      expect(reply).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    }
    expect(fake.requests.filter((r) => r.path.startsWith('/automation/'))).toHaveLength(0);
    // A well-formed plan the portal does not back (no list qualifies for Marke A): re-planned, nothing written.
    const r = await handlers.applyWorkflowFix({ portalId: PORTAL, plan: { ...base, method: 'suppression', suppression: { listIds: ['1003'], lists: [{ listId: '1003', name: 'x', brands: ['marke_a'], exact: true }] } } }, ctx());
    expect(r.status).toBe('replanned');
    expect(fake.requests.filter((q) => q.method === 'PUT')).toHaveLength(0);
  });
});
