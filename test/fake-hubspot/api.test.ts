// @vitest-environment node
import https from 'node:https';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call } from './helpers';
import { startFakeHubspot, type FakeHubspot } from './index';
import { DEMO_CONTACTS, DEMO_LISTS, TOKENS, notBlockedFor, countryIs, and, or } from './seed';

let fake: FakeHubspot;

beforeAll(async () => {
  fake = await startFakeHubspot({ quiet: true, rateLimit: false });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

const search = (body: unknown, token?: string) => call(fake, 'POST', '/crm/v3/objects/contacts/search', { body, token });
const ids = (r: { json: { results: Array<{ id: string }> } }) => r.json.results.map((x) => x.id);

describe('auth and scopes', () => {
  it('answers 401 with HubSpot\'s body for a missing, unknown or revoked token', async () => {
    for (const token of [null, 'pat-eu1-nope', TOKENS.revoked]) {
      const r = await call(fake, 'GET', '/crm/v3/objects/contacts/101', { token });
      expect(r.status).toBe(401);
      expect(r.headers.get('content-type')).toBe('application/json;charset=utf-8');
      expect(r.json).toMatchObject({ status: 'error', category: 'INVALID_AUTHENTICATION' });
      expect(r.json.message).toMatch(/^Authentication credentials not found/);
      expect(typeof r.json.correlationId).toBe('string');
    }
  });

  it('answers 403 MISSING_SCOPES naming the scope a route needs', async () => {
    const write = await call(fake, 'PATCH', '/crm/v3/objects/contacts/102', { token: TOKENS.missingScopes, body: { properties: { city: 'X' } } });
    expect(write.status).toBe(403);
    expect(write.json).toMatchObject({ status: 'error', category: 'MISSING_SCOPES' });
    expect(write.json.errors[0].context.requiredGranularScopes).toEqual(['crm.objects.contacts.write']);
    const fix = await call(fake, 'PUT', '/crm/v3/lists/1004/memberships/remove', { token: TOKENS.missingScopes, body: ['109'] });
    expect(fix.status).toBe(403);
    expect(fix.json.errors[0].context.requiredGranularScopes).toEqual(['crm.lists.write']);
    // Reading still works with that token.
    expect((await call(fake, 'GET', '/crm/v3/objects/contacts/102', { token: TOKENS.missingScopes })).status).toBe(200);
    expect((await call(fake, 'GET', '/crm/v3/lists/1004', { token: TOKENS.missingScopes })).status).toBe(200);
  });

  it('tells the token info without an Authorization header, and 401 for a revoked token', async () => {
    const r = await call(fake, 'POST', '/oauth/v2/private-apps/get/access-token-info', { token: null, body: { tokenKey: TOKENS.missingScopes } });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ hubId: 12345678, userId: 12345, appId: 4711003 });
    expect(r.json.scopes).toContain('crm.lists.read');
    expect(r.json.scopes).not.toContain('crm.lists.write');
    expect(r.text).not.toContain(TOKENS.missingScopes);
    const revoked = await call(fake, 'POST', '/oauth/v2/private-apps/get/access-token-info', { token: null, body: { tokenKey: TOKENS.revoked } });
    expect(revoked.status).toBe(401);
  });

  it('serves account details per token portal', async () => {
    const r = await call(fake, 'GET', '/account-info/v3/details');
    expect(r.json).toEqual({
      portalId: 12345678, accountType: 'STANDARD', timeZone: 'Europe/Berlin', companyCurrency: 'EUR', additionalCurrencies: [],
      utcOffset: '+01:00', utcOffsetMilliseconds: 3600000, uiDomain: 'app-eu1.hubspot.com', dataHostingLocation: 'eu1',
    });
    const other = await call(fake, 'GET', '/account-info/v3/details', { token: TOKENS.otherPortal });
    expect(other.json.portalId).toBe(87654321);
  });

  it('keeps portals apart', async () => {
    expect((await call(fake, 'GET', '/crm/v3/objects/contacts/101', { token: TOKENS.otherPortal })).status).toBe(404);
    expect((await call(fake, 'GET', '/crm/v3/objects/contacts/201', { token: TOKENS.otherPortal })).status).toBe(200);
  });
});

describe('contacts', () => {
  it('reads a contact with properties and history, newest first', async () => {
    const r = await call(fake, 'GET', '/crm/v3/objects/contacts/101?properties=post_sperre_marken,grund_post_sperre,nope&propertiesWithHistory=post_sperre_marken,grund_post_sperre');
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ id: '101', archived: false, createdAt: '2025-03-14T09:12:00.000Z' });
    expect(Object.keys(r.json.properties).sort()).toEqual(['createdate', 'grund_post_sperre', 'hs_object_id', 'lastmodifieddate', 'post_sperre_marken']);
    expect(r.json.properties.post_sperre_marken).toBe('marke_a;marke_c');
    const h = r.json.propertiesWithHistory.post_sperre_marken;
    expect(h.map((e: { value: string }) => e.value)).toEqual(['marke_a;marke_c', 'marke_a']);
    expect(h[0]).toEqual({ value: 'marke_a;marke_c', timestamp: '2026-01-05T10:00:00.000Z', sourceType: 'CRM_UI', sourceId: 'userId:12345', updatedByUserId: 12345 });
    expect(r.json.propertiesWithHistory.grund_post_sperre).toHaveLength(2);
  });

  it('omits propertiesWithHistory unless asked, returns null for unset requested properties', async () => {
    const r = await call(fake, 'GET', '/crm/v3/objects/contacts/102?properties=post_sperre_marken');
    expect(r.json.propertiesWithHistory).toBeUndefined();
    expect(r.json.properties.post_sperre_marken).toBeNull();
    const d = await call(fake, 'GET', '/crm/v3/objects/contacts/102');
    expect(Object.keys(d.json.properties).sort()).toEqual(['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname']);
  });

  it('answers 404 like HubSpot for an unknown contact', async () => {
    const r = await call(fake, 'GET', '/crm/v3/objects/contacts/999');
    expect(r.status).toBe(404);
    expect(r.json).toMatchObject({ status: 'error', message: 'resource not found', category: 'OBJECT_NOT_FOUND' });
  });

  it('serves the date-versioned paths with the same bodies', async () => {
    const a = await call(fake, 'GET', '/crm/objects/2026-03/contacts/101?properties=post_sperre_marken');
    expect(a.status).toBe(200);
    expect(a.json.properties.post_sperre_marken).toBe('marke_a;marke_c');
    const p = await call(fake, 'GET', '/crm/properties/2026-03/contacts/post_sperre_marken');
    expect(p.json.name).toBe('post_sperre_marken');
    const l = await call(fake, 'GET', '/crm/lists/2026-03/1001');
    expect(l.json.list.listId).toBe('1001');
  });

  it('PATCH validates enumeration values and records INTEGRATION history', async () => {
    const bad = await call(fake, 'PATCH', '/crm/v3/objects/contacts/102', { body: { properties: { post_sperre_marken: 'marke_a;marke_x' } } });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
    expect(bad.json.message).toMatch(/^Property values were not valid: /);
    expect(bad.json.message).toContain('INVALID_OPTION');
    // Nothing was written.
    expect(fake.state.portal(12345678)!.contacts.get('102')!.properties.post_sperre_marken).toBeUndefined();

    const stale = await call(fake, 'PATCH', '/crm/v3/objects/contacts/105', { body: { properties: { post_sperre_marken: 'marke_b;marke_alt' } } });
    expect(stale.status).toBe(400); // a value that is no option any more is refused too
    const unknown = await call(fake, 'PATCH', '/crm/v3/objects/contacts/102', { body: { properties: { nope: 'x' } } });
    expect(unknown.status).toBe(400);
    expect(unknown.json.message).toContain('PROPERTY_DOESNT_EXIST');
    const ro = await call(fake, 'PATCH', '/crm/v3/objects/contacts/102', { body: { properties: { hs_object_id: '5' } } });
    expect(ro.status).toBe(400);

    const ok = await call(fake, 'PATCH', '/crm/v3/objects/contacts/102', {
      body: { properties: { post_sperre_marken: 'marke_b; verlag_rhein;marke_b', grund_post_sperre: '2026-11-28 E2E: +Marke B' } },
    });
    expect(ok.status).toBe(200);
    expect(ok.json.properties.post_sperre_marken).toBe('marke_b;verlag_rhein'); // hidden options are valid values
    const after = await call(fake, 'GET', '/crm/v3/objects/contacts/102?properties=post_sperre_marken&propertiesWithHistory=post_sperre_marken');
    const entry = after.json.propertiesWithHistory.post_sperre_marken[0];
    expect(entry).toMatchObject({ value: 'marke_b;verlag_rhein', sourceType: 'INTEGRATION', sourceId: '4711001' });
    expect(entry.updatedByUserId).toBeUndefined();
    expect(after.json.properties.lastmodifieddate).toBe(entry.timestamp);
  });

  it('PATCH with "" clears a property and keeps the history', async () => {
    const r = await call(fake, 'PATCH', '/crm/v3/objects/contacts/101', { body: { properties: { post_sperre_marken: '' } } });
    expect(r.status).toBe(200);
    const after = await call(fake, 'GET', '/crm/v3/objects/contacts/101?properties=post_sperre_marken&propertiesWithHistory=post_sperre_marken');
    expect(after.json.properties.post_sperre_marken).toBe('');
    expect(after.json.propertiesWithHistory.post_sperre_marken.map((e: { value: string }) => e.value)).toEqual(['', 'marke_a;marke_c', 'marke_a']);
  });

  it('batch read: ≤ 100 inputs, ≤ 50 with history, 207 for missing ids', async () => {
    const r = await call(fake, 'POST', '/crm/v3/objects/contacts/batch/read', {
      body: { inputs: [{ id: '101' }, { id: '104' }], properties: ['post_sperre_marken', 'grund_post_sperre'], propertiesWithHistory: ['post_sperre_marken'] },
    });
    expect(r.status).toBe(200);
    expect(r.json.status).toBe('COMPLETE');
    expect(r.json.results.map((x: { id: string }) => x.id)).toEqual(['101', '104']);
    expect(r.json.results[1].properties.grund_post_sperre).toBeNull();
    expect(r.json.results[1].propertiesWithHistory.post_sperre_marken[0].sourceType).toBe('IMPORT');

    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ id: String(101 + (i % 30)) }));
    expect((await call(fake, 'POST', '/crm/v3/objects/contacts/batch/read', { body: { inputs: many(100) } })).status).toBe(200);
    expect((await call(fake, 'POST', '/crm/v3/objects/contacts/batch/read', { body: { inputs: many(101) } })).status).toBe(400);
    expect((await call(fake, 'POST', '/crm/v3/objects/contacts/batch/read', { body: { inputs: many(50), propertiesWithHistory: ['post_sperre_marken'] } })).status).toBe(200);
    expect((await call(fake, 'POST', '/crm/v3/objects/contacts/batch/read', { body: { inputs: many(51), propertiesWithHistory: ['post_sperre_marken'] } })).status).toBe(400);

    const missing = await call(fake, 'POST', '/crm/v3/objects/contacts/batch/read', { body: { inputs: [{ id: '101' }, { id: '999' }] } });
    expect(missing.status).toBe(207);
    expect(missing.json.results).toHaveLength(1);
    expect(missing.json.errors[0]).toMatchObject({ category: 'OBJECT_NOT_FOUND', context: { ids: ['999'] } });
  });

  it('refuses invalid JSON with 400', async () => {
    const r = await call(fake, 'PATCH', '/crm/v3/objects/contacts/101', { rawBody: '{"properties": ' });
    expect(r.status).toBe(400);
    expect(r.json.category).toBe('VALIDATION_ERROR');
  });
});

describe('properties', () => {
  it('serves the block property with options (hidden ones included)', async () => {
    const r = await call(fake, 'GET', '/crm/v3/properties/contacts/post_sperre_marken');
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ name: 'post_sperre_marken', label: 'Post Sperre Marken', type: 'enumeration', fieldType: 'checkbox', groupName: 'dsgvo_sperren' });
    expect(r.json.options.length).toBeGreaterThanOrEqual(8);
    expect(r.json.options[0]).toMatchObject({ label: 'Marke A', value: 'marke_a', displayOrder: 0, hidden: false });
    expect(r.json.options.find((o: { value: string }) => o.value === 'verlag_rhein').hidden).toBe(true);
    expect(r.json.options.find((o: { value: string }) => o.value === 'atelier_co').label).toBe('<b>Atelier & Co</b>');
    const reason = await call(fake, 'GET', '/crm/v3/properties/contacts/grund_post_sperre');
    expect(reason.json).toMatchObject({ type: 'string', fieldType: 'textarea', options: [] });
  });

  it('404 for an unknown property', async () => {
    const r = await call(fake, 'GET', '/crm/v3/properties/contacts/nope');
    expect(r.status).toBe(404);
    expect(r.json.category).toBe('OBJECT_NOT_FOUND');
  });
});

describe('search', () => {
  it('HAS_PROPERTY finds every contact with a block value, paged by hs_object_id', async () => {
    const first = await search({ filterGroups: [{ filters: [{ propertyName: 'post_sperre_marken', operator: 'HAS_PROPERTY' }] }], properties: ['post_sperre_marken'], limit: 5 });
    expect(first.status).toBe(200);
    expect(first.json.total).toBe(16);
    expect(ids(first)).toEqual(['101', '103', '104', '105', '107']);
    expect(first.json.paging.next.after).toBe('5');
    // No rate-limit headers on search responses.
    expect(first.headers.get('x-hubspot-ratelimit-max')).toBeNull();
    const all: string[] = [];
    let after: string | undefined = '0';
    while (after !== undefined) {
      const page: Awaited<ReturnType<typeof search>> = await search({ filterGroups: [{ filters: [{ propertyName: 'post_sperre_marken', operator: 'HAS_PROPERTY' }] }], limit: 4, after });
      all.push(...ids(page));
      after = page.json.paging?.next?.after;
    }
    expect(all).toHaveLength(16);
    expect(new Set(all).size).toBe(16);
    expect(all).not.toContain('106'); // a cleared value ("") is no value
  });

  it('IN and CONTAINS_TOKEN match any token of a multi-checkbox value', async () => {
    const inA = await search({ filterGroups: [{ filters: [{ propertyName: 'post_sperre_marken', operator: 'IN', values: ['marke_c'] }] }], limit: 100 });
    expect(ids(inA)).toEqual(['101', '116']);
    const tok = await search({ filterGroups: [{ filters: [{ propertyName: 'post_sperre_marken', operator: 'CONTAINS_TOKEN', value: 'kunstmeile_ost' }] }], limit: 100 });
    expect(ids(tok)).toEqual(['103', '129']);
    const notTok = await search({
      filterGroups: [{ filters: [{ propertyName: 'post_sperre_marken', operator: 'HAS_PROPERTY' }, { propertyName: 'post_sperre_marken', operator: 'NOT_CONTAINS_TOKEN', value: 'marke_a' }] }],
      limit: 100,
    });
    expect(ids(notTok)).not.toContain('101');
    expect(ids(notTok)).toContain('103');
    const notIn = await search({ filterGroups: [{ filters: [{ propertyName: 'post_sperre_marken', operator: 'NOT_IN', values: ['marke_a', 'marke_b'] }] }], limit: 100 });
    expect(ids(notIn)).toContain('102'); // no value counts as "not in"
    expect(ids(notIn)).not.toContain('111');
  });

  it('EQ, NEQ, ranges, BETWEEN and NOT_HAS_PROPERTY', async () => {
    const eq = await search({ filterGroups: [{ filters: [{ propertyName: 'city', operator: 'EQ', value: 'wien' }] }], limit: 100 });
    expect(ids(eq)).toEqual(['103', '130']);
    const neq = await search({ filterGroups: [{ filters: [{ propertyName: 'country', operator: 'NEQ', value: 'Deutschland' }] }], limit: 100 });
    expect(ids(neq)).toContain('103');
    expect(ids(neq)).not.toContain('101');
    const range = await search({ filterGroups: [{ filters: [{ propertyName: 'hs_object_id', operator: 'GTE', value: '128' }] }], limit: 100 });
    expect(ids(range)).toEqual(['128', '129', '130', '131']);
    const lt = await search({ filterGroups: [{ filters: [{ propertyName: 'hs_object_id', operator: 'LT', value: '103' }] }], limit: 100 });
    expect(ids(lt)).toEqual(['101', '102']);
    const between = await search({ filterGroups: [{ filters: [{ propertyName: 'hs_object_id', operator: 'BETWEEN', value: '110', highValue: '112' }] }], limit: 100 });
    expect(ids(between)).toEqual(['110', '111', '112']);
    const dates = await search({
      filterGroups: [{ filters: [{ propertyName: 'createdate', operator: 'LTE', value: String(Date.parse('2025-04-01T08:00:00.000Z')) }] }],
      limit: 100,
    });
    expect(ids(dates)).toEqual(['101', '102', '103']);
    const noEmail = await search({ filterGroups: [{ filters: [{ propertyName: 'email', operator: 'NOT_HAS_PROPERTY' }] }], limit: 100 });
    expect(ids(noEmail)).toEqual([DEMO_CONTACTS.noEmail]);
  });

  it('ORs filter groups, ANDs filters, sorts', async () => {
    const r = await search({
      filterGroups: [
        { filters: [{ propertyName: 'city', operator: 'EQ', value: 'Basel' }] },
        { filters: [{ propertyName: 'city', operator: 'EQ', value: 'Bern' }, { propertyName: 'country', operator: 'EQ', value: 'Schweiz' }] },
      ],
      sorts: [{ propertyName: 'hs_object_id', direction: 'DESCENDING' }],
      limit: 100,
    });
    expect(ids(r)).toEqual(['115', '111']);
    const byName = await search({ filterGroups: [{ filters: [{ propertyName: 'country', operator: 'EQ', value: 'Schweiz' }] }], sorts: [{ propertyName: 'lastname', direction: 'ASCENDING' }], limit: 3 });
    expect(ids(byName)).toEqual(['120', '111', '126']); // Hartmann, Klein, Lehmann
  });

  it('enforces HubSpot\'s limits on groups and filters per group', async () => {
    const f = { propertyName: 'city', operator: 'HAS_PROPERTY' };
    expect((await search({ filterGroups: Array.from({ length: 5 }, () => ({ filters: [f] })) })).status).toBe(200);
    expect((await search({ filterGroups: Array.from({ length: 6 }, () => ({ filters: [f] })) })).status).toBe(400);
    expect((await search({ filterGroups: [{ filters: Array.from({ length: 10 }, () => f) }] })).status).toBe(200);
    expect((await search({ filterGroups: [{ filters: Array.from({ length: 11 }, () => f) }] })).status).toBe(400);
  });

  it('allows exactly 25 filters, refuses 26', async () => {
    const f = { propertyName: 'city', operator: 'HAS_PROPERTY' };
    const g = (n: number) => ({ filters: Array.from({ length: n }, () => f) });
    expect((await search({ filterGroups: [g(10), g(10), g(5)] })).status).toBe(200);
    expect((await search({ filterGroups: [g(10), g(10), g(6)] })).status).toBe(400);
    expect((await search({ limit: 200 })).status).toBe(200);
    const tooBig = await search({ limit: 201 });
    expect(tooBig.status).toBe(400);
    expect(tooBig.json.category).toBe('VALIDATION_ERROR');
    expect((await search({ filterGroups: [{ filters: [{ propertyName: 'city', operator: 'LIKE', value: 'x' }] }] })).status).toBe(400);
  });

  it('caps paging at 10,000 results', async () => {
    const r = await search({ after: '10000', limit: 10 });
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
    expect((await search({ after: '9999', limit: 10 })).status).toBe(200);
  });
});

describe('lists', () => {
  it('GET one list, filterBranch only with includeFilters=true', async () => {
    const plain = await call(fake, 'GET', `/crm/v3/lists/${DEMO_LISTS.leakingDynamic}`);
    expect(plain.json.list).toMatchObject({ listId: '1002', name: 'Frühjahrsmailing Marke A', objectTypeId: '0-1', processingType: 'DYNAMIC', processingStatus: 'COMPLETE' });
    expect(plain.json.list.filterBranch).toBeUndefined();
    expect(typeof plain.json.list.listVersion).toBe('number');
    const full = await call(fake, 'GET', `/crm/v3/lists/${DEMO_LISTS.leakingDynamic}?includeFilters=true`);
    expect(full.json.list.filterBranch.filterBranchType).toBe('OR');
    expect(full.json.list.filterBranch.filterBranches).toHaveLength(2);
    expect((await call(fake, 'GET', '/crm/v3/lists/4242')).status).toBe(404);
    const company = await call(fake, 'GET', `/crm/v3/lists/${DEMO_LISTS.companies}`);
    expect(company.json.list.objectTypeId).toBe('0-2');
  });

  it('GET several lists by id', async () => {
    const r = await call(fake, 'GET', '/crm/v3/lists/?listIds=1001&listIds=1004&listIds=4242&includeFilters=true');
    expect(r.json.lists.map((l: { listId: string }) => l.listId)).toEqual(['1001', '1004']);
    expect(r.json.lists[0].filterBranch).toBeDefined();
  });

  it('searches lists by name and processing type, with offset paging and no filterBranch', async () => {
    const r = await call(fake, 'POST', '/crm/v3/lists/search', { body: { query: 'marke a', count: 2, offset: 0 } });
    expect(r.json.total).toBe(3); // 1001, 1002, 1006
    expect(r.json.lists.map((l: { listId: string }) => l.listId)).toEqual(['1001', '1002']);
    expect(r.json.hasMore).toBe(true);
    expect(r.json.offset).toBe(2);
    expect(r.json.lists[0].filterBranch).toBeUndefined();
    expect(r.json.lists[0].additionalProperties.hs_list_size).toMatch(/^\d+$/);
    const next = await call(fake, 'POST', '/crm/v3/lists/search', { body: { query: 'marke a', count: 2, offset: 2 } });
    expect(next.json.lists.map((l: { listId: string }) => l.listId)).toEqual(['1006']);
    expect(next.json.hasMore).toBe(false);
    const manual = await call(fake, 'POST', '/crm/v3/lists/search', { body: { processingTypes: ['MANUAL', 'SNAPSHOT'], count: 100 } });
    expect(manual.json.lists.map((l: { listId: string }) => l.listId)).toEqual(['1004', '1005', '1006', '1007', '1009']);
  });

  it('pages memberships by recordId with an opaque after', async () => {
    const first = await call(fake, 'GET', `/crm/v3/lists/${DEMO_LISTS.manualKunstmeile}/memberships?limit=3`);
    expect(first.json.results.map((m: { recordId: string }) => m.recordId)).toEqual(['102', '109', '110']);
    expect(first.json.total).toBe(7);
    expect(typeof first.json.results[0].membershipTimestamp).toBe('string');
    const after = first.json.paging.next.after;
    expect(after).not.toBe('110');
    const second = await call(fake, 'GET', `/crm/v3/lists/${DEMO_LISTS.manualKunstmeile}/memberships?limit=3&after=${after}`);
    expect(second.json.results.map((m: { recordId: string }) => m.recordId)).toEqual(['113', '114', '117']);
    const last = await call(fake, 'GET', `/crm/v3/lists/${DEMO_LISTS.manualKunstmeile}/memberships?limit=3&after=${second.json.paging.next.after}`);
    expect(last.json.results.map((m: { recordId: string }) => m.recordId)).toEqual(['121']);
    expect(last.json.paging).toBeUndefined();
    const big = await call(fake, 'GET', `/crm/v3/lists/${DEMO_LISTS.manualKunstmeile}/memberships?limit=1000`);
    expect(big.json.results).toHaveLength(7); // clamped to 250, list is smaller
  });

  it('computes DYNAMIC members from the filters', async () => {
    const r = await call(fake, 'GET', `/crm/v3/lists/${DEMO_LISTS.compliantDynamic}/memberships?limit=250`);
    const members = r.json.results.map((m: { recordId: string }) => m.recordId);
    expect(members).not.toContain('101'); // blocked for marke_a
    expect(members).not.toContain('124'); // blocked for marke_a, Österreich
    expect(members).toContain('102');
    expect(members).toContain('103'); // Österreich, blocked for other brands only
    const leaking = await call(fake, 'GET', `/crm/v3/lists/${DEMO_LISTS.leakingDynamic}/memberships?limit=250`);
    expect(leaking.json.results.map((m: { recordId: string }) => m.recordId)).toContain(DEMO_CONTACTS.leaksThroughBranch);
  });

  it('a write between two pages of an active list is seen by the next page', async () => {
    const first = await call(fake, 'GET', `/crm/v3/lists/${DEMO_LISTS.leakingDynamic}/memberships?limit=5`);
    expect(first.json.results.map((m: { recordId: string }) => m.recordId)).toEqual(['102', '105', '106', '107', '108']);
    // 113 (Deutschland) gets blocked for marke_a: branch 0 no longer lets it in.
    await call(fake, 'PATCH', '/crm/v3/objects/contacts/113', { body: { properties: { post_sperre_marken: 'marke_a' } } });
    const second = await call(fake, 'GET', `/crm/v3/lists/${DEMO_LISTS.leakingDynamic}/memberships?limit=5&after=${first.json.paging.next.after}`);
    expect(second.json.results.map((m: { recordId: string }) => m.recordId)).toEqual(['109', '111', '115', '116', '117']);
    expect(second.json.total).toBe(first.json.total - 1);
  });

  it('removes members from static lists only', async () => {
    const r = await call(fake, 'PUT', `/crm/v3/lists/${DEMO_LISTS.manualKunstmeile}/memberships/remove`, { body: ['109', '110', '999'] });
    expect(r.status).toBe(200);
    expect(r.json.recordIdsRemoved.sort()).toEqual(['109', '110']);
    expect(r.json.recordIdsMissing).toEqual(['999']);
    const after = await call(fake, 'GET', `/crm/v3/lists/${DEMO_LISTS.manualKunstmeile}/memberships`);
    expect(after.json.results.map((m: { recordId: string }) => m.recordId)).toEqual(['102', '113', '114', '117', '121']);
    const dyn = await call(fake, 'PUT', `/crm/v3/lists/${DEMO_LISTS.leakingDynamic}/memberships/remove`, { body: ['111'] });
    expect(dyn.status).toBe(400);
    expect(dyn.json.category).toBe('VALIDATION_ERROR');
    const snap = await call(fake, 'PUT', `/crm/v3/lists/${DEMO_LISTS.snapshot}/memberships/remove`, { body: ['102'] });
    expect(snap.json.recordIdsRemoved).toEqual(['102']);
  });

  it('update-list-filters replaces the filter, bumps the version and re-evaluates membership', async () => {
    const before = await call(fake, 'GET', `/crm/v3/lists/${DEMO_LISTS.leakingDynamic}?includeFilters=true`);
    const fixed = or(and([countryIs('Deutschland'), notBlockedFor(['marke_a'])]), and([countryIs('Schweiz'), notBlockedFor(['marke_a'])]));
    const r = await call(fake, 'PUT', `/crm/v3/lists/${DEMO_LISTS.leakingDynamic}/update-list-filters`, { body: { filterBranch: fixed } });
    expect(r.status).toBe(200);
    expect(r.json.updatedList.listVersion).toBe(before.json.list.listVersion + 1);
    expect(r.json.updatedList.filterBranch).toEqual(fixed);
    const members = await call(fake, 'GET', `/crm/v3/lists/${DEMO_LISTS.leakingDynamic}/memberships?limit=250`);
    expect(members.json.results.map((m: { recordId: string }) => m.recordId)).not.toContain('111');
    expect((await call(fake, 'PUT', `/crm/v3/lists/${DEMO_LISTS.manualKunstmeile}/update-list-filters`, { body: { filterBranch: fixed } })).status).toBe(400);
    expect((await call(fake, 'PUT', `/crm/v3/lists/${DEMO_LISTS.leakingDynamic}/update-list-filters`, { body: { filterBranch: and([]) } })).status).toBe(400);
  });

  it('lists the lists a record is in, one by one and in batches (both paths)', async () => {
    const one = await call(fake, 'GET', '/crm/v3/lists/records/0-1/109/memberships');
    const listIds = one.json.results.map((m: { listId: string }) => m.listId);
    expect(listIds).toContain(DEMO_LISTS.manualKunstmeile);
    expect(listIds).not.toContain(DEMO_LISTS.compliantManual);
    expect(one.json.results[0]).toHaveProperty('firstAddedTimestamp');
    for (const path of ['/crm/v3/lists/records/memberships/batch/read', '/crm/lists/2026-03/records/memberships/batch/read']) {
      const b = await call(fake, 'POST', path, { body: { inputs: [{ objectTypeId: '0-1', recordId: '109' }, { objectTypeId: '0-1', recordId: '111' }, { objectTypeId: '0-2', recordId: '5001' }] } });
      expect(b.status).toBe(200);
      expect(b.json.status).toBe('COMPLETE');
      expect(b.json.results[0]).toMatchObject({ objectTypeId: '0-1', recordId: '109' });
      expect(b.json.results[0].recordListMemberships.map((m: { listId: string }) => m.listId)).toEqual(listIds);
      expect(b.json.results[1].recordListMemberships.map((m: { listId: string }) => m.listId)).toContain(DEMO_LISTS.leakingDynamic);
      expect(b.json.results[2].recordListMemberships.map((m: { listId: string }) => m.listId)).toEqual([DEMO_LISTS.companies]);
    }
  });
});

describe('rate limits', () => {
  let limited: FakeHubspot;
  beforeAll(async () => {
    limited = await startFakeHubspot({ quiet: true, rateLimit: { perTenSeconds: 5, searchPerSecond: 2 } });
  });
  afterAll(() => limited.close());
  beforeEach(() => limited.reset());

  it('answers 429 TEN_SECONDLY_ROLLING after the budget, per token, with headers before that', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await call(limited, 'GET', '/crm/v3/objects/contacts/101');
      expect(r.status).toBe(200);
      expect(r.headers.get('x-hubspot-ratelimit-max')).toBe('5');
      expect(r.headers.get('x-hubspot-ratelimit-remaining')).toBe(String(4 - i));
      expect(r.headers.get('x-hubspot-ratelimit-interval-milliseconds')).toBe('10000');
      expect(r.headers.get('x-hubspot-ratelimit-daily')).toBe('250000');
      expect(r.headers.get('x-hubspot-ratelimit-daily-remaining')).toBe(String(250000 - i - 1));
    }
    const r = await call(limited, 'GET', '/crm/v3/objects/contacts/101');
    expect(r.status).toBe(429);
    expect(r.json).toMatchObject({ status: 'error', message: 'You have reached your ten_secondly_rolling limit.', errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' });
    expect(typeof r.json.correlationId).toBe('string');
    // Another token has its own window.
    expect((await call(limited, 'GET', '/crm/v3/objects/contacts/101', { token: TOKENS.missingScopes })).status).toBe(200);
  });

  it('limits search requests per second (policy SECONDLY)', async () => {
    const body = { filterGroups: [], limit: 1 };
    const a = await call(limited, 'POST', '/crm/v3/objects/contacts/search', { body });
    const b = await call(limited, 'POST', '/crm/v3/objects/contacts/search', { body });
    const c = await call(limited, 'POST', '/crm/v3/objects/contacts/search', { body });
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(c.status).toBe(429);
    expect(c.json.policyName).toBe('SECONDLY');
  });

  it('can be changed at run time', async () => {
    limited.setRateLimit({ perTenSeconds: 1 });
    expect((await call(limited, 'GET', '/crm/v3/objects/contacts/101')).status).toBe(200);
    expect((await call(limited, 'GET', '/crm/v3/objects/contacts/101')).status).toBe(429);
    limited.setRateLimit({ perTenSeconds: 5, searchPerSecond: 2 });
  });
});

describe('faults', () => {
  it('forces a status for matching requests, a given number of times', async () => {
    fake.faults.add({ match: { method: 'PATCH', pathPrefix: '/crm/v3/objects/contacts' }, status: 503, times: 2 });
    const patch = () => call(fake, 'PATCH', '/crm/v3/objects/contacts/102', { body: { properties: { city: 'Kiel' } } });
    expect((await call(fake, 'GET', '/crm/v3/objects/contacts/102')).status).toBe(200); // method does not match
    expect((await patch()).status).toBe(503);
    const second = await patch();
    expect(second.status).toBe(503);
    expect(second.json.status).toBe('error');
    expect((await patch()).status).toBe(200);
    expect(fake.faults.list()).toHaveLength(0);
  });

  it('matches date-versioned paths by their v3 prefix', async () => {
    fake.faults.add({ match: { pathPrefix: '/crm/v3/objects/contacts' }, status: 500, times: 1 });
    expect((await call(fake, 'GET', '/crm/objects/2026-03/contacts/101')).status).toBe(500);
  });

  it('delays', async () => {
    fake.faults.add({ match: { pathPrefix: '/account-info' }, delayMs: 300, times: 1 });
    const t0 = Date.now();
    const r = await call(fake, 'GET', '/account-info/v3/details');
    expect(r.status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
  });

  it('sends a truncated JSON body with status 200 when malformed', async () => {
    fake.faults.add({ match: { pathPrefix: '/crm/v3/lists/1001' }, malformed: true, times: 1 });
    const r = await call(fake, 'GET', '/crm/v3/lists/1001');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json;charset=utf-8');
    expect(() => JSON.parse(r.text)).toThrow();
    expect(r.text.startsWith('{"list":')).toBe(true);
  });

  it('forces a DAILY 429', async () => {
    fake.faults.add({ rateLimit: 'DAILY', times: 1 });
    const r = await call(fake, 'GET', '/crm/v3/objects/contacts/101');
    expect(r.status).toBe(429);
    expect(r.json).toMatchObject({ errorType: 'RATE_LIMIT', policyName: 'DAILY' });
  });
});

describe('request log and control API', () => {
  it('logs every request with the token\'s last 4 characters only', async () => {
    await call(fake, 'PATCH', '/crm/v3/objects/contacts/102?x=1', { body: { properties: { city: 'Kiel' } } });
    const e = fake.requests.at(-1)!;
    expect(e).toMatchObject({ method: 'PATCH', path: '/crm/v3/objects/contacts/102', query: { x: '1' }, body: { properties: { city: 'Kiel' } }, status: 200, token: 'alid', kind: 'api' });
    expect(e.host).toBe('127.0.0.1');
    expect(JSON.stringify(fake.requests)).not.toContain(TOKENS.valid);
    await call(fake, 'POST', '/oauth/v2/private-apps/get/access-token-info', { token: null, body: { tokenKey: TOKENS.valid } });
    expect(JSON.stringify(fake.requests)).not.toContain(TOKENS.valid);
  });

  it('drives the fake over HTTP: requests, faults, reset, state, someone else\'s edit', async () => {
    await call(fake, 'GET', '/crm/v3/objects/contacts/101');
    const log = await call(fake, 'GET', '/__fake/requests', { token: null });
    expect(log.json.map((e: { path: string }) => e.path)).toEqual(['/crm/v3/objects/contacts/101']);

    const added = await call(fake, 'POST', '/__fake/faults', { token: null, body: { match: { method: 'GET' }, status: 500, times: 1 } });
    expect(added.status).toBe(201);
    expect(added.json.remaining).toBe(1);
    expect((await call(fake, 'GET', '/crm/v3/objects/contacts/101')).status).toBe(500);
    await call(fake, 'POST', '/__fake/faults', { token: null, body: { status: 503 } });
    expect((await call(fake, 'GET', '/__fake/faults', { token: null })).json[0].remaining).toBeNull();
    await call(fake, 'DELETE', '/__fake/faults', { token: null });
    expect((await call(fake, 'GET', '/crm/v3/objects/contacts/101')).status).toBe(200);

    const edit = await call(fake, 'POST', '/__fake/contacts/101', { token: null, body: { properties: { post_sperre_marken: 'marke_a;marke_b;marke_c' } } });
    expect(edit.status).toBe(200);
    expect(edit.json.changed).toEqual(['post_sperre_marken']);
    const read = await call(fake, 'GET', '/crm/v3/objects/contacts/101?properties=post_sperre_marken&propertiesWithHistory=post_sperre_marken');
    expect(read.json.propertiesWithHistory.post_sperre_marken[0]).toMatchObject({ value: 'marke_a;marke_b;marke_c', sourceType: 'CRM_UI', sourceId: 'userId:23456', updatedByUserId: 23456 });
    expect((await call(fake, 'POST', '/__fake/contacts/101', { token: null, body: { properties: { post_sperre_marken: 'nope' } } })).status).toBe(400);

    const state = await call(fake, 'GET', '/__fake/state', { token: null });
    const portal = state.json.portals.find((p: { portalId: number }) => p.portalId === 12345678);
    expect(portal.contacts.find((c: { id: string }) => c.id === '101').properties.post_sperre_marken).toBe('marke_a;marke_b;marke_c');
    expect(portal.lists.find((l: { listId: string }) => l.listId === '1004').memberIds).toEqual(['102', '109', '110', '113', '114', '117', '121']);

    expect((await call(fake, 'POST', '/__fake/reset', { token: null })).status).toBe(200);
    expect(fake.requests).toHaveLength(0);
    const fresh = await call(fake, 'GET', '/crm/v3/objects/contacts/101?properties=post_sperre_marken');
    expect(fresh.json.properties.post_sperre_marken).toBe('marke_a;marke_c');
  });

  it('reset() keeps the state object and restores the seed', async () => {
    const state = fake.state;
    state.portal(12345678)!.contacts.get('102')!.properties.post_sperre_marken = 'marke_a';
    fake.reset();
    expect(fake.state).toBe(state);
    expect(state.portal(12345678)!.contacts.get('102')!.properties.post_sperre_marken).toBeUndefined();
  });

  it('tests may change the state directly', async () => {
    fake.state.portal(12345678)!.contacts.get('102')!.properties.post_sperre_marken = 'marke_a';
    const r = await call(fake, 'GET', `/crm/v3/lists/${DEMO_LISTS.compliantDynamic}/memberships?limit=250`);
    expect(r.json.results.map((m: { recordId: string }) => m.recordId)).not.toContain('102');
  });
});

describe('https', () => {
  it('serves the same API over TLS with a certificate for HubSpot\'s hosts', async () => {
    const answer = await new Promise<{ status: number; body: string; host: string }>((resolve, reject) => {
      const req = https.request(
        {
          host: '127.0.0.1',
          port: fake.httpsPort,
          path: '/account-info/v3/details',
          servername: 'api.hubapi.com',
          headers: { authorization: `Bearer ${TOKENS.valid}`, host: 'api.hubapi.com' },
          ca: fake.certPem,
          checkServerIdentity: (host, cert) => {
            // Node checks the servername above; also make sure the SANs name the app hosts.
            expect(cert.subjectaltname).toContain('DNS:app-eu1.hubspot.com');
            expect(cert.subjectaltname).toContain('DNS:api-eu1.hubapi.com');
            expect(cert.subjectaltname).toContain('IP Address:127.0.0.1');
            return https.globalAgent.options.checkServerIdentity?.(host, cert);
          },
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body, host: '' }));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).portalId).toBe(12345678);
    expect(fake.requests.at(-1)!.host).toBe('api.hubapi.com');
    expect(fake.httpsUrl).toBe(`https://127.0.0.1:${fake.httpsPort}`);
    expect(fake.spkiSha256).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });
});
