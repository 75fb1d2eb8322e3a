// @vitest-environment node
// The workflow audit engine against the fake HubSpot (demo portal): verdicts per workflow,
// suppression lists (active: proof; static: only "today", with a warning), the portal audit with
// workflows and postal scope, a token without `automation`, and the fix with its revision.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuditSetup } from '../../lib/audit/listAudit';
import { auditOutOfScope, outOfScopeSelection, portalAudit } from '../../lib/audit/portalAudit';
import { auditWorkflow } from '../../lib/audit/workflowAudit';
import { enrollmentLeaks, writeLeaks } from '../../lib/audit/workflowActions';
import { workflowWriteText } from '../../lib/audit/workflowText';
import { applyWorkflowFix, planWorkflowFix } from '../../lib/audit/workflowFix';
import { createHubspotApi } from '../../lib/hubspot/api';
import { BRANDS, DEMO_FAMILIES, DEMO_FLOWS, DEMO_LISTS, DEMO_PORTAL_ID, TOKENS, startFakeHubspot, type FakeHubspot } from '../fake-hubspot/index';
import { setLanguage, translator } from '../../lib/i18n';

let fake: FakeHubspot;
beforeAll(async () => {
  fake = await startFakeHubspot({ quiet: true, rateLimit: false });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const api = (token: string = TOKENS.valid) => createHubspotApi({ token, baseUrl: fake.httpUrl, allowBaseUrl: true });
const setup: AuditSetup = {
  blockProperty: 'post_sperre_marken',
  reasonProperty: 'grund_post_sperre',
  blockPropertyLabel: 'Post Sperre Marken',
  catalog: BRANDS.map((b) => ({ value: b.value, label: b.label })),
  families: DEMO_FAMILIES,
  tr: translator('de'),
};
const audit = (flowId: string) => auditWorkflow(api(), { ...setup, flowId });
const portal = () => fake.state.portal(DEMO_PORTAL_ID)!;

describe('workflow audit', () => {
  it('finds the enrolment branch that lets contacts blocked for the brand in, with a witness', async () => {
    const a = await audit(DEMO_FLOWS.leaking);
    expect(a).toMatchObject({ flowId: '7001', brands: ['marke_a'], brandSource: 'detected', compliant: false, enrollmentType: 'LIST_BASED', revisionId: '3', addsToLists: [DEMO_LISTS.manualKunstmeile] });
    expect(a.leaks).toHaveLength(1);
    expect(a.leaks[0]).toMatchObject({ kind: 'enrollment-branch', branch: 1, brand: 'marke_a', source: 'enrollment', witness: { post_sperre_marken: 'marke_a', country: 'Schweiz' } });
    expect(enrollmentLeaks(a)[0]!.branchSummary).toContain('Schweiz');
  });

  it('re-enrolment triggers are enrolment too', async () => {
    expect((await audit(DEMO_FLOWS.compliant)).compliant).toBe(true);
    const a = await audit(DEMO_FLOWS.leakingReEnrollment);
    expect(enrollmentLeaks(a).map((l) => [l.branch, l.source, l.brand])).toEqual([[1, 're-enrollment', 'marke_a']]);
  });

  it('event-based enrolment may let anyone in: every brand leaks, saying the event is unknown', async () => {
    const a = await audit(DEMO_FLOWS.eventBased);
    expect(a.brandSource).toBe('all');
    expect(a.leaks.length).toBe(a.brands.length);
    expect(enrollmentLeaks(a)[0]!.source).toBe('event');
    expect(enrollmentLeaks(a)[0]!.reasons).toContain('unknown-branch:UNIFIED_EVENTS');
  });

  it('an active suppression list whose filter implies the block proves the workflow compliant', async () => {
    const a = await audit(DEMO_FLOWS.suppressedActive);
    expect(a).toMatchObject({ brands: ['marke_b'], compliant: true, suppressionListIds: [DEMO_LISTS.lookAlikeDynamic] });
    expect(a.warnings).toBeUndefined();
  });

  it('a static suppression list counts only "today", with a warning, and only while it holds every blocked contact', async () => {
    const before = await audit(DEMO_FLOWS.suppressedStatic);
    expect(before.compliant).toBe(false); // 1009 holds none of the contacts blocked for Kunstmeile brands
    expect(enrollmentLeaks(before)[0]!.reasons).toContain(`static-list:${DEMO_LISTS.suppression}`);
    // Put every contact blocked for a Kunstmeile brand into the static list.
    const blocked = [...portal().contacts.values()].filter((c) => /kunstmeile/.test(c.properties.post_sperre_marken ?? '')).map((c) => Number(c.id));
    const list = portal().lists.get(DEMO_LISTS.suppression)!;
    list.setStaticMembers([...list.staticMembers(), ...blocked]);
    const today = await audit(DEMO_FLOWS.suppressedStatic);
    expect(today.compliant).toBe(true);
    expect(today.warnings!.map((w) => [w.kind, w.listId]).every(([k, id]) => k === 'static-suppression' && id === DEMO_LISTS.suppression)).toBe(true);
    expect(today.warnings!.map((w) => w.brand).sort()).toEqual(['kunstmeile_nord', 'kunstmeile_ost', 'kunstmeile_sued']);
  });
});

describe('portal audit with workflows and postal scope', () => {
  it('audits the contact workflows beside the lists (companies left out)', async () => {
    const p = await portalAudit(api(), setup);
    expect(p.workflows!.map((w) => [w.flowId, w.compliant])).toEqual([
      ['7001', false],
      ['7002', true],
      ['7003', false],
      ['7004', true],
      ['7005', false],
      ['7006', false],
      ['7008', false],
      ['7009', true],
    ]);
    expect(p.workflowsSkipped).toBeUndefined();
    expect(p.outOfScope).toBeUndefined();
  });

  it('a token without automation still audits every list, and says why workflows are missing', async () => {
    const p = await portalAudit(api(TOKENS.noAutomation), setup);
    expect(p.lists).toHaveLength(9);
    expect(p.workflows).toBeUndefined();
    expect(p.workflowsSkipped).toMatchObject({ kind: 'scope' });
  });

  it('a portal without the workflows API (404) still audits every list', async () => {
    fake.faults.add({ match: { pathPrefix: '/automation/' }, status: 404 });
    const p = await portalAudit(api(), setup);
    expect(p.lists).toHaveLength(9);
    expect(p.workflowsSkipped).toMatchObject({ kind: 'not-found' });
  });

  it('with a postal scope: folder lists, workflows adding to them, the rest counted', async () => {
    const p = await portalAudit(api(), { ...setup, scope: { folders: ['postmailings'], namePatterns: ['Katalog-Nachfass*'], listIds: [], flowIds: [] } });
    expect(p.lists.map((l) => l.listId)).toEqual(['1001', '1002', '1004', '1008']);
    // 7009 adds to a list in the folder; 7008 lies outside the scope but writes the block: listed
    // after the rest with only its write findings, and still counted as out of scope.
    expect(p.workflows!.map((w) => [w.flowId, w.inScope, w.skipped])).toEqual([
      ['7001', true, undefined],
      ['7002', true, undefined],
      ['7005', true, undefined],
      ['7006', true, undefined],
      ['7009', true, undefined],
      ['7008', false, 'out-of-scope'],
    ]);
    const writer = p.workflows!.find((w) => w.flowId === '7008')!;
    expect(writer.leaks.map((l) => l.kind)).toEqual(['writes-block-property', 'writes-block-property', 'writes-block-property']);
    expect(writer.compliant).toBe(false);
    expect(p.outOfScope).toEqual({ lists: 5, workflows: 3, listIds: ['1003', '1005', '1007', '1009', '1010'], flowIds: ['7003', '7004', '7008'] });
  });

  it('"audit these too": exactly the items left outside the scope, marked so, and nothing written', async () => {
    const scope = { folders: ['postmailings'], namePatterns: ['Katalog-Nachfass*'], listIds: [], flowIds: [] };
    const out = (await portalAudit(api(), { ...setup, scope })).outOfScope!;
    // Each once, in the audit's order; an explicit selection, so no scope can drop them again.
    expect(outOfScopeSelection({ listIds: ['1003', '1005', '1003'], flowIds: ['7004', '7003', '7004'] })).toEqual({ listIds: ['1003', '1005'], flowIds: ['7004', '7003'] });
    fake.reset();
    const p = await auditOutOfScope(api(), setup, out);
    expect(p.lists.map((l) => [l.listId, l.inScope])).toEqual(out.listIds.map((id) => [id, false]));
    expect(p.workflows!.map((w) => [w.flowId, w.inScope])).toEqual(out.flowIds.map((id) => [id, false]));
    expect(p.lists.find((l) => l.listId === '1003')!.compliant).toBe(false);
    expect(p.workflows!.find((w) => w.flowId === '7004')!.compliant).toBe(true);
    expect(p.outOfScope).toBeUndefined();
    // Reads only (POST here is HubSpot's search and batch read).
    expect(fake.requests.filter((r) => r.method === 'PUT' || r.method === 'PATCH' || r.method === 'DELETE')).toEqual([]);
    expect(fake.requests.filter((r) => r.method === 'POST').every((r) => /\/search$|\/batch\/read$|\/get$/.test(r.path))).toBe(true);
    // Only lists outside the scope: no workflow is read.
    fake.reset();
    const listsOnly = await auditOutOfScope(api(), setup, { listIds: ['1003'], flowIds: [] });
    expect(listsOnly.lists.map((l) => l.listId)).toEqual(['1003']);
    expect(listsOnly.workflows).toBeUndefined();
    expect(fake.requests.some((r) => r.path.startsWith('/automation/'))).toBe(false);
  });
});

describe('workflow fix', () => {
  it('plans the exclusion for the leaking branch, writes it with the revision read, and the workflow is compliant', async () => {
    const { plan } = await planWorkflowFix(api(), { ...setup, flowId: DEMO_FLOWS.leaking });
    expect(plan).toMatchObject({ flowId: '7001', revisionId: '3', branches: [1], brands: ['marke_a'] });
    const r = await applyWorkflowFix(api(), plan, setup);
    expect(r.status).toBe('applied');
    expect(r.audit.compliant).toBe(true);
    const put = fake.requests.find((q) => q.method === 'PUT')!;
    expect(put.path).toBe('/automation/v4/flows/7001');
    expect(put.body).toMatchObject({ revisionId: '3', type: 'CONTACT_FLOW', suppressionListIds: [] });
    expect(portal().flows.get('7001')!.revisionId).toBe('4');
  });

  it('a revision changed since the plan: nothing written, a fresh plan to confirm', async () => {
    const { plan } = await planWorkflowFix(api(), { ...setup, flowId: DEMO_FLOWS.leaking });
    portal().flows.get('7001')!.revisionId = '5'; // someone saved the workflow in HubSpot
    const r = await applyWorkflowFix(api(), plan, setup);
    expect(r.status).toBe('replanned');
    expect(r.status === 'replanned' && r.plan.revisionId).toBe('5');
    expect(fake.requests.filter((q) => q.method === 'PUT')).toHaveLength(0);
    const again = await applyWorkflowFix(api(), (r as { plan: typeof plan }).plan, setup);
    expect(again.status).toBe('applied');
  });

  it('HubSpot refusing the revision as stale (409) re-plans instead of failing', async () => {
    const { plan } = await planWorkflowFix(api(), { ...setup, flowId: DEMO_FLOWS.leaking });
    fake.faults.add({ match: { method: 'PUT', pathPrefix: '/automation/v4/flows/7001' }, status: 409, times: 1 });
    const r = await applyWorkflowFix(api(), plan, setup);
    expect(r.status).toBe('replanned');
    expect(portal().flows.get('7001')!.revisionId).toBe('3');
  });

  it('manual enrolment cannot be fixed by a filter: no criteria in the plan', async () => {
    const f = portal().flows.get(DEMO_FLOWS.leaking)!;
    f.enrollmentCriteria = { type: 'MANUAL', shouldReEnroll: false };
    const { plan, audit: a } = await planWorkflowFix(api(), { ...setup, flowId: DEMO_FLOWS.leaking });
    expect(enrollmentLeaks(a)[0]!.source).toBe('manual');
    expect(plan.enrollmentCriteria).toBeUndefined();
  });
});

describe('actions that write the block or its reason, and app actions (issue 14)', () => {
  const labelled: AuditSetup = { ...setup, propertyLabels: { grund_post_sperre: 'Grund Post Sperre' } };

  it('a disabled workflow writing the block: each action a finding, beside its enrolment leaks, with words', async () => {
    const a = await auditWorkflow(api(), { ...labelled, flowId: DEMO_FLOWS.writesBlock });
    expect(a.isEnabled).toBe(false);
    expect(a.compliant).toBe(false);
    expect(writeLeaks(a)).toEqual([
      expect.objectContaining({ kind: 'writes-block-property', actionId: '2', property: 'post_sperre_marken', value: 'marke_b', propertyLabel: 'Post Sperre Marken' }),
      expect.objectContaining({ kind: 'writes-block-property', actionId: '3', property: 'grund_post_sperre', clears: true, propertyLabel: 'Grund Post Sperre' }),
      expect.objectContaining({ kind: 'writes-block-property', actionId: '4', property: 'post_sperre_marken', copiedFrom: 'messe_sperre' }),
    ]);
    setLanguage('de');
    expect(writeLeaks(a).map(workflowWriteText)).toEqual([
      'Aktion 2 dieses Workflows setzt „Post Sperre Marken“ auf „marke_b“ – ohne Grund und ohne Eintrag im Protokoll.',
      'Aktion 3 dieses Workflows leert „Grund Post Sperre“ – Sperren oder Gründe verschwinden ohne Grund und ohne Eintrag im Protokoll.',
      'Aktion 4 dieses Workflows kopiert den Wert von „messe_sperre“ nach „Post Sperre Marken“ – ohne Grund und ohne Eintrag im Protokoll.',
    ]);
    // The fix plan concerns enrolment only; the writes stay for the user to remove.
    const { plan } = await planWorkflowFix(api(), { ...setup, flowId: DEMO_FLOWS.writesBlock }, { withSuppression: false });
    expect(plan.branches).toEqual([...new Set(enrollmentLeaks(a).map((l) => l.branch))]);
  });

  it('a postal workflow handing contacts to an app and a webhook: listed, no finding', async () => {
    const a = await auditWorkflow(api(), { ...labelled, flowId: DEMO_FLOWS.sendsViaApp });
    expect(a).toMatchObject({ compliant: true, leaks: [], brands: ['marke_c'] });
    expect(a.sendsVia).toEqual([
      { actionId: '2', actionTypeId: '1-4711', name: '1-4711', kind: 'app' },
      { actionId: '3', actionTypeId: 'WEBHOOK', name: 'api.lettershop-nord.example', kind: 'webhook' },
    ]);
  });

  it('a workflow whose only findings are writes has nothing to plan, and a fix never touches it', async () => {
    const f = portal().flows.get(DEMO_FLOWS.writesBlock)!;
    f.enrollmentCriteria = { type: 'LIST_BASED', shouldReEnroll: false, listFilterBranch: { filterBranchType: 'OR', filterBranchOperator: 'OR', filters: [], filterBranches: [] } };
    const { plan, audit } = await planWorkflowFix(api(), { ...setup, flowId: DEMO_FLOWS.writesBlock });
    expect(enrollmentLeaks(audit)).toEqual([]);
    expect(audit.compliant).toBe(false);
    expect(plan).toMatchObject({ branches: [] });
    expect(plan.enrollmentCriteria).toBeUndefined();
    expect(plan.suppression).toBeUndefined();
  });
});
