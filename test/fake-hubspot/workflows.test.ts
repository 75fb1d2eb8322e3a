// @vitest-environment node
// The fake HubSpot's workflows (automation v4): listing with paging, one flow, batch read, and the
// PUT that refuses a stale revisionId. Shapes: docs/hubspot-workflows.md.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call } from './helpers';
import { startFakeHubspot, type FakeHubspot } from './index';
import { DEMO_FLOWS, DEMO_LISTS, DEMO_PORTAL_ID, TOKENS } from './seed';

let fake: FakeHubspot;

beforeAll(async () => {
  fake = await startFakeHubspot({ quiet: true, rateLimit: false });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

describe('fake HubSpot: workflows', () => {
  it('lists every flow in pages with an opaque cursor, listing fields only', async () => {
    const first = await call(fake, 'GET', '/automation/v4/flows?limit=3');
    expect(first.status).toBe(200);
    expect(first.json.results).toHaveLength(3);
    expect(first.json.results[0]).toEqual({
      id: DEMO_FLOWS.leaking,
      name: 'Katalogversand Marke A',
      isEnabled: true,
      flowType: 'WORKFLOW',
      objectTypeId: '0-1',
      revisionId: '3',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(first.json.results[0].enrollmentCriteria).toBeUndefined();
    const seen = first.json.results.map((f: { id: string }) => f.id);
    let after: string | undefined = first.json.paging?.next?.after;
    while (after) {
      const r = await call(fake, 'GET', `/automation/v4/flows?limit=3&after=${after}`);
      seen.push(...r.json.results.map((f: { id: string }) => f.id));
      after = r.json.paging?.next?.after;
    }
    expect(seen).toEqual(Object.values(DEMO_FLOWS));
    expect((await call(fake, 'GET', '/automation/v4/flows?after=nonsense')).status).toBe(400);
  });

  it('serves one whole flow with criteria, re-enrolment triggers, suppression lists and list actions', async () => {
    const r = await call(fake, 'GET', `/automation/v4/flows/${DEMO_FLOWS.compliant}`);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ id: DEMO_FLOWS.compliant, type: 'CONTACT_FLOW', revisionId: '3', suppressionListIds: [] });
    expect(r.json.enrollmentCriteria.type).toBe('LIST_BASED');
    expect(r.json.enrollmentCriteria.listFilterBranch.filterBranchType).toBe('OR');
    expect(r.json.enrollmentCriteria.reEnrollmentTriggersFilterBranches).toHaveLength(1);
    expect(r.json.actions[0]).toMatchObject({ actionTypeId: '0-63809083', fields: { listId: DEMO_LISTS.manualKunstmeile } });
    const s = await call(fake, 'GET', `/automation/v4/flows/${DEMO_FLOWS.suppressedActive}`);
    expect(s.json.suppressionListIds).toEqual([Number(DEMO_LISTS.lookAlikeDynamic)]);
    expect((await call(fake, 'GET', '/automation/v4/flows/999')).status).toBe(404);
  });

  it('batch read: whole flows, 207 naming the missing ones', async () => {
    const ok = await call(fake, 'POST', '/automation/v4/flows/batch/read', {
      body: { inputs: [{ flowId: DEMO_FLOWS.leaking, type: 'FLOW_ID' }, { flowId: DEMO_FLOWS.eventBased, type: 'FLOW_ID' }] },
    });
    expect(ok.status).toBe(200);
    expect(ok.json.results.map((f: { id: string; enrollmentCriteria: { type: string } }) => [f.id, f.enrollmentCriteria.type])).toEqual([
      [DEMO_FLOWS.leaking, 'LIST_BASED'],
      [DEMO_FLOWS.eventBased, 'EVENT_BASED'],
    ]);
    const partial = await call(fake, 'POST', '/automation/v4/flows/batch/read', { body: { inputs: [{ flowId: '999', type: 'FLOW_ID' }] } });
    expect(partial.status).toBe(207);
    expect(partial.json.errors[0].context.flowIds).toEqual(['999']);
    expect((await call(fake, 'POST', '/automation/v4/flows/batch/read', { body: { inputs: [{ flowId: '7001' }] } })).status).toBe(400);
  });

  it('PUT accepts the revision read, bumps it, and refuses the stale one with 409', async () => {
    const flow = (await call(fake, 'GET', `/automation/v4/flows/${DEMO_FLOWS.leaking}`)).json;
    const changed = { ...flow, name: 'Katalogversand Marke A (geprüft)' };
    const ok = await call(fake, 'PUT', `/automation/v4/flows/${DEMO_FLOWS.leaking}`, { body: changed });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ id: DEMO_FLOWS.leaking, revisionId: '4', name: 'Katalogversand Marke A (geprüft)' });
    const stale = await call(fake, 'PUT', `/automation/v4/flows/${DEMO_FLOWS.leaking}`, { body: { ...flow, name: 'zu spät' } });
    expect(stale.status).toBe(409);
    expect(stale.json.category).toBe('CONFLICT');
    expect(fake.state.portal(DEMO_PORTAL_ID)!.flows.get(DEMO_FLOWS.leaking)!.name).toBe('Katalogversand Marke A (geprüft)');
  });

  it('PUT needs the type and integer suppression list ids; the legacy list action 0-13 answers 500', async () => {
    const flow = (await call(fake, 'GET', `/automation/v4/flows/${DEMO_FLOWS.leaking}`)).json;
    const { type: _t, ...noType } = flow;
    expect((await call(fake, 'PUT', `/automation/v4/flows/${DEMO_FLOWS.leaking}`, { body: noType })).status).toBe(400);
    expect((await call(fake, 'PUT', `/automation/v4/flows/${DEMO_FLOWS.leaking}`, { body: { ...flow, suppressionListIds: ['1009'] } })).status).toBe(400);
    const legacy = { ...flow, actions: [{ actionId: '1', actionTypeId: '0-13', type: 'SINGLE_CONNECTION', fields: { listId: '1004' } }] };
    expect((await call(fake, 'PUT', `/automation/v4/flows/${DEMO_FLOWS.leaking}`, { body: legacy })).status).toBe(500);
  });

  it('needs the automation scope (403 MISSING_SCOPES otherwise)', async () => {
    const r = await call(fake, 'GET', '/automation/v4/flows', { token: TOKENS.noAutomation });
    expect(r.status).toBe(403);
    expect(r.json.category).toBe('MISSING_SCOPES');
    expect((await call(fake, 'GET', '/crm/v3/lists/1001', { token: TOKENS.noAutomation })).status).toBe(200);
  });

  it('list search results name the folder (hs_folder_name) of lists in one', async () => {
    const r = await call(fake, 'POST', '/crm/v3/lists/search', { body: { query: '', count: 500, offset: 0 } });
    const byId = new Map(r.json.lists.map((l: { listId: string; additionalProperties: Record<string, string> }) => [l.listId, l.additionalProperties]));
    expect(byId.get('1002')).toMatchObject({ hs_folder_name: 'Postmailings' });
    expect(byId.get('1010')).not.toHaveProperty('hs_folder_name');
  });
});
