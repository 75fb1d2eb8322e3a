// @vitest-environment node
// The SDK's generated classes run through our http layer (limiter, retries, error mapping, counts),
// and what they decode reaches the product as plain data with ISO timestamps. Where the SDK would
// lose data (list filters), the product uses request() + zod — and a tripwire here says when that
// stops being necessary.
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { ObjectSerializer } from '@hubspot/api-client/lib/codegen/crm/lists/models/ObjectSerializer';
import { GatewayError } from '../../lib/hubspot/errors';
import { hubspotPaths } from '../../lib/hubspot/paths';
import type { FilterBranch } from '../../lib/hubspot/schemas';
import { API, TOKEN, authorized, rejectionOf, testApi, setupHubspotMsw } from './support/hubspot-msw';

const server = setupHubspotMsw();
const paths = hubspotPaths();

const contact101 = {
  id: '101',
  properties: { post_sperre_marken: 'marke_a;marke_c', grund_post_sperre: null, hs_object_id: '101' },
  propertiesWithHistory: {
    post_sperre_marken: [
      { value: 'marke_a;marke_c', timestamp: '2026-01-05T10:00:00Z', sourceType: 'CRM_UI', sourceId: 'userId:12345', updatedByUserId: 12345 },
      { value: 'marke_a', timestamp: '2025-12-01T08:30:00.250Z', sourceType: 'IMPORT' },
    ],
  },
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2026-01-05T10:00:00Z',
  archived: false,
};

/** OR › AND › NOT_ANY, with a filter type and an operation type the SDK has no model for. */
const filterBranch: FilterBranch = {
  filterBranchType: 'OR',
  filterBranchOperator: 'OR',
  filters: [],
  filterBranches: [
    {
      filterBranchType: 'AND',
      filterBranchOperator: 'AND',
      filters: [
        { filterType: 'PROPERTY', property: 'country', operation: { operationType: 'MULTISTRING', operator: 'IS_EQUAL_TO', values: ['DE'], includeObjectsWithNoValueSet: false } },
        { filterType: 'IN_LIST', listId: '456', operator: 'NOT_IN_LIST' },
        { filterType: 'PAGE_VIEW_V2_FUTURE', pageUrl: 'https://x', operator: 'HAS_PAGEVIEW_EQ', enableTracking: true },
        { filterType: 'PROPERTY', property: 'hs_x', operation: { operationType: 'SOMETHING_NEW', operator: 'ODD', includeObjectsWithNoValueSet: true } },
      ],
      filterBranches: [
        {
          filterBranchType: 'NOT_ANY',
          filterBranchOperator: 'NOT_ANY',
          filters: [
            {
              filterType: 'PROPERTY',
              property: 'post_sperre_marken',
              operation: { operationType: 'ENUMERATION', operator: 'IS_ANY_OF', values: ['marke_a'], includeObjectsWithNoValueSet: false },
            },
          ],
          filterBranches: [],
        },
      ],
    },
    { filterBranchType: 'AND', filterBranchOperator: 'AND', filters: [{ filterType: 'CONSTANT', shouldAccept: true }], filterBranches: [], futureBranchFlag: 'kept' },
  ],
};

describe('SDK classes through our http layer', () => {
  it('getContact: the token, path and query go through our layer; dates arrive as ISO strings, null values stay null', async () => {
    let url: URL | undefined;
    let auth = false;
    server.use(
      http.get(`${API}/crm/v3/objects/contacts/:id`, ({ request }) => {
        url = new URL(request.url);
        auth = authorized(request);
        return HttpResponse.json(contact101);
      }),
    );
    const { api, requests } = testApi();
    const c = await api.getContact('101', { properties: ['post_sperre_marken', 'grund_post_sperre'], withHistory: true });
    expect(auth).toBe(true);
    expect(url?.pathname).toBe(paths.contact('101'));
    // One comma-separated value per parameter, as HubSpot's reference writes it (the SDK alone
    // would repeat the parameter).
    expect(url?.searchParams.getAll('properties')).toEqual(['post_sperre_marken,grund_post_sperre']);
    expect(url?.searchParams.getAll('propertiesWithHistory')).toEqual(['post_sperre_marken,grund_post_sperre']);
    expect(requests).toEqual([expect.objectContaining({ method: 'GET', path: '/crm/v3/objects/contacts/101', status: 200, attempt: 1 })]);
    expect(c).not.toBeNull();
    expect(c!.properties).toEqual({ post_sperre_marken: 'marke_a;marke_c', grund_post_sperre: null, hs_object_id: '101' });
    // The SDK turned these into Date objects; the schema makes them ISO strings again.
    expect(c!.propertiesWithHistory?.['post_sperre_marken']?.map((h) => h.timestamp)).toEqual(['2026-01-05T10:00:00.000Z', '2025-12-01T08:30:00.250Z']);
    expect(c!.updatedAt).toBe('2026-01-05T10:00:00.000Z');
    expect(c!.propertiesWithHistory?.['post_sperre_marken']?.[0]).toMatchObject({ sourceType: 'CRM_UI', sourceId: 'userId:12345', updatedByUserId: 12345 });
    expect(Object.getPrototypeOf(c)).toBe(Object.prototype);
    expect(api.stats().requests).toBe(1);
  });

  it('our GatewayError passes through the generated code unchanged (401 → auth, retries counted)', async () => {
    let calls = 0;
    server.use(
      http.get(`${API}/crm/v3/properties/contacts/:name`, () => {
        calls++;
        return calls === 1 ? new HttpResponse(null, { status: 503 }) : HttpResponse.json({ status: 'error', message: 'expired' }, { status: 401 });
      }),
    );
    const { api, retries } = testApi();
    const e = await rejectionOf(api.getProperty('post_sperre_marken'));
    expect(e).toBeInstanceOf(GatewayError);
    expect((e as GatewayError).kind).toBe('auth');
    expect((e as GatewayError).detail.call).toBe('GET /crm/v3/properties/contacts/post_sperre_marken');
    expect(retries).toEqual([expect.objectContaining({ reason: 'server-error', status: 503 })]);
    expect(api.stats().requests).toBe(2);
  });

  it('getProperty and getContact: 404 → null', async () => {
    server.use(
      http.get(`${API}/crm/v3/properties/contacts/:name`, () => HttpResponse.json({ status: 'error', message: 'not found' }, { status: 404 })),
      http.get(`${API}/crm/v3/objects/contacts/:id`, () => HttpResponse.json({ status: 'error', message: 'not found' }, { status: 404 })),
    );
    const { api } = testApi();
    await expect(api.getProperty('nope')).resolves.toBeNull();
    await expect(api.getContact('999')).resolves.toBeNull();
  });

  it('getProperty returns options with hidden defaulted', async () => {
    server.use(
      http.get(`${API}/crm/v3/properties/contacts/post_sperre_marken`, () =>
        HttpResponse.json({
          name: 'post_sperre_marken',
          label: 'Post Sperre Marken',
          type: 'enumeration',
          fieldType: 'checkbox',
          createdAt: '2025-01-01T00:00:00Z',
          options: [
            { label: 'Marke A', value: 'marke_a', displayOrder: 0, hidden: false },
            { label: 'Marke <B>', value: 'marke_b', displayOrder: 1 },
          ],
        }),
      ),
    );
    const { api } = testApi();
    const p = await api.getProperty('post_sperre_marken');
    expect(p?.options).toEqual([
      { label: 'Marke A', value: 'marke_a', displayOrder: 0, hidden: false },
      { label: 'Marke <B>', value: 'marke_b', displayOrder: 1, hidden: false },
    ]);
    // not named in our schema, passed through loose — and still an ISO string, not a Date
    expect(p?.['createdAt']).toBe('2025-01-01T00:00:00.000Z');
  });

  it('a non-JSON 2xx on an SDK call is invalid-response naming the call (not an empty model)', async () => {
    server.use(http.get(`${API}/crm/v3/properties/contacts/:name`, () => new HttpResponse('<html>maintenance</html>', { headers: { 'Content-Type': 'text/html' } })));
    const { api } = testApi();
    const e = (await rejectionOf(api.getProperty('post_sperre_marken'))) as GatewayError;
    expect(e.kind).toBe('invalid-response');
    expect(e.detail.call).toBe('GET /crm/v3/properties/contacts/post_sperre_marken');
  });

  it('an SDK answer that misses what we rely on is invalid-response (schema)', async () => {
    server.use(http.get(`${API}/crm/v3/properties/contacts/:name`, () => HttpResponse.json({ name: 'post_sperre_marken', label: 'x' })));
    const { api } = testApi();
    const e = (await rejectionOf(api.getProperty('post_sperre_marken'))) as GatewayError;
    expect(e.kind).toBe('invalid-response');
    expect(e.detail.reason).toBe('schema');
    expect(e.message).toContain('GET /crm/v3/properties/contacts/post_sperre_marken');
  });

  it('updateContact sends exactly the properties (PATCH) and parses the answer', async () => {
    let body: unknown;
    server.use(
      http.patch(`${API}/crm/v3/objects/contacts/101`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({ id: '101', properties: { post_sperre_marken: 'marke_b' }, updatedAt: '2026-02-01T00:00:00Z' });
      }),
    );
    const { api } = testApi();
    const c = await api.updateContact('101', { post_sperre_marken: 'marke_b', grund_post_sperre: '' });
    expect(body).toEqual({ properties: { post_sperre_marken: 'marke_b', grund_post_sperre: '' } });
    expect(c.updatedAt).toBe('2026-02-01T00:00:00.000Z');
  });

  it('the date-versioned paths are one switch away, for SDK calls too', async () => {
    let path = '';
    server.use(
      http.get(`${API}/crm/objects/2026-03/contacts/:id`, ({ request }) => {
        path = new URL(request.url).pathname;
        return HttpResponse.json(contact101);
      }),
    );
    const { api } = testApi({ apiVersion: '2026-03' });
    await api.getContact('101');
    expect(path).toBe('/crm/objects/2026-03/contacts/101');
  });
});

describe('list filters', () => {
  it('a nested OR › AND › NOT_ANY filterBranch round-trips getList → updateListFilters unchanged', async () => {
    let written: unknown;
    let query: URLSearchParams | undefined;
    server.use(
      http.get(`${API}/crm/v3/lists/123`, ({ request }) => {
        query = new URL(request.url).searchParams;
        return HttpResponse.json({
          list: { listId: '123', name: 'Herbstkatalog Marke A', objectTypeId: '0-1', processingType: 'DYNAMIC', size: 42, listVersion: 7, filterBranch },
        });
      }),
      http.put(`${API}/crm/v3/lists/123/update-list-filters`, async ({ request }) => {
        written = await request.json();
        return HttpResponse.json({ updatedList: { listId: '123', name: 'Herbstkatalog Marke A', objectTypeId: '0-1', processingType: 'DYNAMIC', filterBranch } });
      }),
    );
    const { api } = testApi();
    const list = await api.getList('123');
    expect(query?.get('includeFilters')).toBe('true');
    expect(list).toMatchObject({ listId: '123', processingType: 'DYNAMIC', size: 42, listVersion: 7 });
    expect(list!.filterBranch).toEqual(filterBranch);
    const updated = await api.updateListFilters('123', list!.filterBranch!);
    expect(written).toEqual({ filterBranch });
    expect(updated?.filterBranch).toEqual(filterBranch);
  });

  it('getList: 404 → null; malformed filterBranch → invalid-response', async () => {
    server.use(
      http.get(`${API}/crm/v3/lists/404`, () => HttpResponse.json({ status: 'error', message: 'List does not exist' }, { status: 404 })),
      http.get(`${API}/crm/v3/lists/500`, () => HttpResponse.json({ list: { listId: '500', name: 'x', objectTypeId: '0-1', processingType: 'DYNAMIC', filterBranch: { filters: 'nope' } } })),
    );
    const { api } = testApi();
    await expect(api.getList('404')).resolves.toBeNull();
    const e = (await rejectionOf(api.getList('500'))) as GatewayError;
    expect(e.kind).toBe('invalid-response');
    expect(e.detail.call).toBe('GET /crm/v3/lists/500');
  });

  it('tripwire: the SDK (v14) drops or chokes on filter data it does not model — why lists use request() + zod', () => {
    const wrap = (filters: unknown[]) => ({
      list: { listId: '1', name: 'n', objectTypeId: '0-1', processingType: 'DYNAMIC', filterBranch: { filterBranchType: 'OR', filterBranchOperator: 'OR', filters: [], filterBranches: [{ filterBranchType: 'AND', filterBranchOperator: 'AND', filters, filterBranches: [] }] } },
    });
    // known types keep includeObjectsWithNoValueSet …
    const known = ObjectSerializer.deserialize(
      wrap([{ filterType: 'PROPERTY', property: 'p', operation: { operationType: 'ENUMERATION', operator: 'IS_NONE_OF', values: ['a'], includeObjectsWithNoValueSet: true } }]),
      'ListFetchResponse',
      '',
    ) as { list: { filterBranch: FilterBranch } };
    expect(JSON.stringify(known.list.filterBranch)).toContain('"includeObjectsWithNoValueSet":true');
    // … but a field it does not model is dropped,
    const extra = ObjectSerializer.deserialize(wrap([{ filterType: 'IN_LIST', listId: '4', operator: 'IN_LIST', newField: 1 }]), 'ListFetchResponse', '') as {
      list: { filterBranch: FilterBranch };
    };
    expect(JSON.stringify(extra.list.filterBranch)).not.toContain('newField');
    // and an unknown filter type makes it throw, on reading and on writing.
    expect(() => ObjectSerializer.deserialize(wrap([{ filterType: 'FUTURE_THING' }]), 'ListFetchResponse', '')).toThrow(TypeError);
    expect(() => ObjectSerializer.serialize({ filterBranch: wrap([{ filterType: 'FUTURE_THING' }]).list.filterBranch }, 'ListFilterUpdateRequest', '')).toThrow(TypeError);
  });
});

describe('token stays out of everything the SDK touches', () => {
  it('request and retry events of SDK calls carry no token', async () => {
    server.use(http.get(`${API}/crm/v3/objects/contacts/:id`, () => HttpResponse.json(contact101)));
    const { api, requests } = testApi();
    await api.getContact('101', { properties: ['post_sperre_marken'] });
    expect(JSON.stringify(requests)).not.toContain(TOKEN);
  });
});
