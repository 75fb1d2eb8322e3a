// @vitest-environment node
// The typed API: paging and chunking that a portal-wide audit relies on.
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../lib/hubspot/errors';
import { API, TOKEN, rejectionOf, testApi, setupHubspotMsw } from './support/hubspot-msw';

const server = setupHubspotMsw();

interface SearchBody {
  filterGroups: Array<{ filters: Array<{ propertyName: string; operator: string; value?: string }> }>;
  sorts?: Array<{ propertyName: string; direction: string }>;
  after?: string;
  limit: number;
  properties?: string[];
}

/** A fake contacts search that behaves like HubSpot's: sorted pages, and no result past 10,000. */
function fakeSearch(ids: number[]) {
  const bodies: SearchBody[] = [];
  server.use(
    http.post(`${API}/crm/v3/objects/contacts/search`, async ({ request }) => {
      const body = (await request.json()) as SearchBody;
      bodies.push(body);
      const after = Number(body.after ?? '0');
      if (after + body.limit > 10_000) {
        return HttpResponse.json({ status: 'error', message: 'Search results are capped at 10,000', category: 'VALIDATION_ERROR' }, { status: 400 });
      }
      const matches = (id: number) =>
        body.filterGroups.length === 0 ||
        body.filterGroups.some((g) => g.filters.every((f) => f.propertyName !== 'hs_object_id' || f.operator !== 'GT' || id > Number(f.value)));
      const hits = ids.filter(matches).sort((a, b) => a - b);
      const page = hits.slice(after, after + body.limit);
      const more = after + body.limit < hits.length;
      return HttpResponse.json({
        total: hits.length,
        results: page.map((id) => ({ id: String(id), properties: { hs_object_id: String(id), post_sperre_marken: 'marke_a' }, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', archived: false })),
        ...(more ? { paging: { next: { after: String(after + body.limit) } } } : {}),
      });
    }),
  );
  return bodies;
}

describe('searchAllContacts', () => {
  it('pages by 200 and continues beyond 10,000 results with hs_object_id ranges', async () => {
    const ids = Array.from({ length: 10_450 }, (_, i) => 1000 + i * 3);
    const bodies = fakeSearch(ids);
    const { api, clock } = testApi();
    const progress: number[] = [];
    const filterGroups = [{ filters: [{ propertyName: 'post_sperre_marken', operator: 'HAS_PROPERTY' }] }];
    const all = await api.searchAllContacts(filterGroups, ['post_sperre_marken'], (p) => progress.push(p.fetched));
    expect(all.map((c) => Number(c.id))).toEqual(ids);
    expect(bodies.every((b) => b.limit === 200 && b.sorts?.[0]?.propertyName === 'hs_object_id' && b.sorts[0].direction === 'ASCENDING')).toBe(true);
    // 50 pages reach the cap, then a new query above the last id seen
    expect(bodies).toHaveLength(53);
    const restart = bodies[50]!;
    expect(restart.after).toBeUndefined();
    expect(restart.filterGroups[0]!.filters).toEqual([
      { propertyName: 'post_sperre_marken', operator: 'HAS_PROPERTY' },
      { propertyName: 'hs_object_id', operator: 'GT', value: String(ids[9_999]) },
    ]);
    expect(progress.at(-1)).toBe(10_450);
    expect(api.stats().requests).toBe(53);
    // search budget: ≤ 4 per second, so 53 searches take at least 13 s of (simulated) time
    expect(clock.now()).toBeGreaterThanOrEqual(13_000);
  });

  it('without filter groups the id range becomes the only group', async () => {
    const ids = Array.from({ length: 10_001 }, (_, i) => i + 1);
    const bodies = fakeSearch(ids);
    const { api } = testApi();
    const all = await api.searchAllContacts([], []);
    expect(all).toHaveLength(10_001);
    expect(bodies.at(-1)!.filterGroups).toEqual([{ filters: [{ propertyName: 'hs_object_id', operator: 'GT', value: '10000' }] }]);
  });
});

describe('chunked and paged calls', () => {
  it('getContacts reads in batches of 100 and leaves out contacts that do not exist', async () => {
    const batches: Array<{ inputs: Array<{ id: string }>; properties: string[] }> = [];
    server.use(
      http.post(`${API}/crm/v3/objects/contacts/batch/read`, async ({ request }) => {
        const body = (await request.json()) as { inputs: Array<{ id: string }>; properties: string[] };
        batches.push(body);
        const results = body.inputs.filter((i) => Number(i.id) % 10 !== 0).map((i) => ({ id: i.id, properties: { post_sperre_marken: null } }));
        return HttpResponse.json({ status: 'COMPLETE', results, startedAt: '2026-01-01T00:00:00Z', completedAt: '2026-01-01T00:00:01Z' }, { status: 207 });
      }),
    );
    const { api } = testApi();
    const ids = Array.from({ length: 250 }, (_, i) => String(i + 1));
    const contacts = await api.getContacts([...ids, '1'], ['post_sperre_marken']);
    expect(batches.map((b) => b.inputs.length)).toEqual([100, 100, 50]);
    expect(batches[0]!.properties).toEqual(['post_sperre_marken']);
    expect(contacts).toHaveLength(225);
  });

  it('getLists asks for several lists at once (with filters), chunked', async () => {
    const asked: string[][] = [];
    server.use(
      http.get(`${API}/crm/v3/lists/`, ({ request }) => {
        const q = new URL(request.url).searchParams;
        expect(q.get('includeFilters')).toBe('true');
        asked.push(q.getAll('listIds'));
        return HttpResponse.json({ lists: q.getAll('listIds').map((id) => ({ listId: id, name: `L${id}`, objectTypeId: '0-1', processingType: 'MANUAL' })) });
      }),
    );
    const { api } = testApi();
    const lists = await api.getLists(Array.from({ length: 150 }, (_, i) => String(i + 1)));
    expect(asked.map((a) => a.length)).toEqual([100, 50]);
    expect(lists).toHaveLength(150);
  });

  it('allLists pages list search by offset and takes the size from hs_list_size', async () => {
    const offsets: number[] = [];
    server.use(
      http.post(`${API}/crm/v3/lists/search`, async ({ request }) => {
        const body = (await request.json()) as { offset: number; count: number; processingTypes: string[] };
        offsets.push(body.offset);
        const all = Array.from({ length: 1_200 }, (_, i) => i + 1);
        const page = all.slice(body.offset, body.offset + body.count);
        return HttpResponse.json({
          lists: page.map((id) => ({ listId: String(id), name: `L${id}`, objectTypeId: '0-1', processingType: 'DYNAMIC', createdAt: '2026-01-01T00:00:00Z', additionalProperties: { hs_list_size: '7' } })),
          hasMore: body.offset + body.count < all.length,
          offset: body.offset + page.length,
          total: all.length,
        });
      }),
    );
    const { api } = testApi();
    const lists = await api.allLists();
    expect(offsets).toEqual([0, 500, 1000]);
    expect(lists).toHaveLength(1_200);
    expect(lists[0]).toMatchObject({ listId: '1', size: 7, createdAt: '2026-01-01T00:00:00.000Z' });
  });

  it('allListMemberIds follows paging.next.after', async () => {
    server.use(
      http.get(`${API}/crm/v3/lists/9/memberships`, ({ request }) => {
        const q = new URL(request.url).searchParams;
        expect(q.get('limit')).toBe('250');
        const after = Number(q.get('after') ?? '0');
        const ids = Array.from({ length: 600 }, (_, i) => String(i + 1)).slice(after, after + 250);
        return HttpResponse.json({
          results: ids.map((recordId) => ({ recordId, membershipTimestamp: '2026-01-01T00:00:00Z' })),
          ...(after + 250 < 600 ? { paging: { next: { after: String(after + 250) } } } : {}),
        });
      }),
    );
    const { api } = testApi();
    const ids = await api.allListMemberIds('9');
    expect(ids).toHaveLength(600);
    expect(api.stats().requests).toBe(3);
  });

  it('removeListMembers sends chunks of 250 as PUT and sums up the answer', async () => {
    const bodies: string[][] = [];
    server.use(
      http.put(`${API}/crm/v3/lists/9/memberships/remove`, async ({ request }) => {
        const body = (await request.json()) as string[];
        bodies.push(body);
        return HttpResponse.json({ recordIdsRemoved: body.filter((id) => id !== '3'), recordIdsMissing: body.filter((id) => id === '3') });
      }),
    );
    const { api } = testApi();
    const r = await api.removeListMembers('9', Array.from({ length: 300 }, (_, i) => String(i + 1)));
    expect(bodies.map((b) => b.length)).toEqual([250, 50]);
    expect(r.removed).toHaveLength(299);
    expect(r.missing).toEqual(['3']);
  });
});

describe('removeListMembers failing part way', () => {
  it('says how many were removed before HubSpot failed', async () => {
    let calls = 0;
    server.use(
      http.put(`${API}/crm/v3/lists/9/memberships/remove`, async ({ request }) => {
        const body = (await request.json()) as string[];
        if (++calls === 2) return HttpResponse.json({ status: 'error', message: 'no', category: 'MISSING_SCOPES' }, { status: 403 });
        return HttpResponse.json({ recordIdsRemoved: body, recordIdsMissing: [] });
      }),
    );
    const { api } = testApi();
    const err = await api.removeListMembers('9', Array.from({ length: 300 }, (_, i) => String(i + 1))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GatewayError);
    expect((err as GatewayError).detail).toMatchObject({ done: 250, total: 300 });
  });
});

describe('recordListMemberships', () => {
  it('uses the batch endpoint when there is one', async () => {
    let asked: unknown;
    server.use(
      http.post(`${API}/crm/lists/2026-03/records/memberships/batch/read`, async ({ request }) => {
        asked = await request.json();
        return HttpResponse.json({
          status: 'COMPLETE',
          results: [
            { objectTypeId: '0-1', recordId: '101', recordListMemberships: [{ listId: '1', listVersion: 2, firstAddedTimestamp: '2026-01-01T00:00:00Z' }, { listId: '2' }] },
            { objectTypeId: '0-1', recordId: '999', recordListMemberships: [{ listId: '3' }] },
          ],
        });
      }),
    );
    const { api } = testApi();
    const m = await api.recordListMemberships(['101', '102']);
    expect(asked).toEqual({ inputs: [{ objectTypeId: '0-1', recordId: '101' }, { objectTypeId: '0-1', recordId: '102' }] });
    expect([...m]).toEqual([
      ['101', ['1', '2']],
      ['102', []],
    ]);
  });

  it('falls back to one GET per contact when no batch endpoint exists, and remembers that', async () => {
    let batchTries = 0;
    const perRecord: string[] = [];
    server.use(
      http.post(`${API}/crm/lists/2026-03/records/memberships/batch/read`, () => {
        batchTries++;
        return HttpResponse.json({ status: 'error', message: 'not found' }, { status: 404 });
      }),
      http.post(`${API}/crm/v3/lists/records/memberships/batch/read`, () => {
        batchTries++;
        return HttpResponse.json({ status: 'error', message: 'not found' }, { status: 404 });
      }),
      http.get(`${API}/crm/v3/lists/records/0-1/:id/memberships`, ({ params }) => {
        const id = String(params['id']);
        perRecord.push(id);
        if (id === '404') return HttpResponse.json({ status: 'error', message: 'no such record' }, { status: 404 });
        return HttpResponse.json({ total: 1, results: [{ listId: `L${id}`, listVersion: 1, firstAddedTimestamp: '2026-01-01T00:00:00Z', lastAddedTimestamp: '2026-01-01T00:00:00Z' }] });
      }),
    );
    const { api } = testApi();
    const m = await api.recordListMemberships(['101', '102', '404']);
    expect(m.get('101')).toEqual(['L101']);
    expect(m.get('404')).toEqual([]);
    expect(batchTries).toBe(2);
    await api.recordListMemberships(['103']);
    expect(batchTries).toBe(2);
    expect(perRecord.sort()).toEqual(['101', '102', '103', '404']);
  });

  it('a real error on the batch endpoint is not hidden by the fallback', async () => {
    server.use(http.post(`${API}/crm/lists/2026-03/records/memberships/batch/read`, () => HttpResponse.json({ status: 'error', message: 'Forbidden', category: 'MISSING_SCOPES', errors: [{ context: { requiredGranularScopes: ['crm.lists.read'] } }] }, { status: 403 })));
    const { api } = testApi();
    const e = (await rejectionOf(api.recordListMemberships(['101']))) as GatewayError;
    expect(e.kind).toBe('scope');
    expect(e.detail.missingScopes).toEqual(['crm.lists.read']);
  });
});

describe('account and token', () => {
  it('getAccountDetails gives the portal id as a string', async () => {
    server.use(http.get(`${API}/account-info/v3/details`, () => HttpResponse.json({ portalId: 12345678, uiDomain: 'app-eu1.hubspot.com', dataHostingLocation: 'eu1', accountType: 'STANDARD', timeZone: 'Europe/Berlin' })));
    const { api } = testApi();
    await expect(api.getAccountDetails()).resolves.toMatchObject({ portalId: '12345678', uiDomain: 'app-eu1.hubspot.com', dataHostingLocation: 'eu1' });
  });

  it('getTokenScopes posts the token key and returns the scopes; null where HubSpot cannot tell', async () => {
    let body: unknown;
    server.use(
      http.post(`${API}/oauth/v2/private-apps/get/access-token-info`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({ userId: 1, hubId: 12345678, appId: 2, scopes: ['crm.lists.read', 'crm.objects.contacts.read'] });
      }),
    );
    const { api } = testApi();
    await expect(api.getTokenScopes()).resolves.toEqual(['crm.lists.read', 'crm.objects.contacts.read']);
    expect(body).toEqual({ tokenKey: TOKEN });

    for (const status of [400, 401, 404]) {
      server.use(http.post(`${API}/oauth/v2/private-apps/get/access-token-info`, () => HttpResponse.json({ status: 'error', message: 'unknown token' }, { status })));
      await expect(testApi().api.getTokenScopes(), String(status)).resolves.toBeNull();
    }
  });

  it('per-call onRetry hears that call\'s retries', async () => {
    let n = 0;
    server.use(http.get(`${API}/account-info/v3/details`, () => (n++ === 0 ? new HttpResponse(null, { status: 503 }) : HttpResponse.json({ portalId: 1 }))));
    const { api } = testApi();
    const heard: string[] = [];
    await api.getAccountDetails({ onRetry: (e) => heard.push(`${e.reason}:${e.attempt}`) });
    expect(heard).toEqual(['server-error:1']);
  });
});
