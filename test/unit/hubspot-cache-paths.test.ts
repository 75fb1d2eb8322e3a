// @vitest-environment node
// The TTL cache and the one place for paths.
import { describe, expect, it } from 'vitest';
import { memoryCache } from '../../lib/hubspot/cache';
import { hubspotPaths, toVersion } from '../../lib/hubspot/paths';

describe('memoryCache', () => {
  it('returns a value until its time is up', async () => {
    let now = 0;
    const cache = memoryCache({ now: () => now });
    await cache.set('k', { a: 1 }, 1_000);
    expect(await cache.get('k')).toEqual({ a: 1 });
    now = 999;
    expect(await cache.get('k')).toEqual({ a: 1 });
    now = 1_000;
    expect(await cache.get('k')).toBeUndefined();
  });

  it('keeps at most maxEntries, dropping the oldest', async () => {
    const cache = memoryCache({ maxEntries: 2 });
    await cache.set('a', 1, 10_000);
    await cache.set('b', 2, 10_000);
    await cache.set('c', 3, 10_000);
    expect([await cache.get('a'), await cache.get('b'), await cache.get('c')]).toEqual([undefined, 2, 3]);
  });
});

describe('paths', () => {
  it('are the v3 paths of docs/hubspot.md by default', () => {
    const p = hubspotPaths();
    expect(p.contact('101')).toBe('/crm/v3/objects/contacts/101');
    expect(p.list('123')).toBe('/crm/v3/lists/123');
    expect(p.lists()).toBe('/crm/v3/lists/');
    expect(p.listUpdateFilters('123')).toBe('/crm/v3/lists/123/update-list-filters');
    expect(p.recordMemberships('101')).toBe('/crm/v3/lists/records/0-1/101/memberships');
    expect(p.property('contacts', 'post_sperre_marken')).toBe('/crm/v3/properties/contacts/post_sperre_marken');
    expect(p.contact('a/b')).toBe('/crm/v3/objects/contacts/a%2Fb');
  });

  it('switch to the date-versioned paths with one argument', () => {
    const p = hubspotPaths('2026-03');
    expect(p.contactsSearch()).toBe('/crm/objects/2026-03/contacts/search');
    expect(p.list('123')).toBe('/crm/lists/2026-03/123');
    expect(p.lists()).toBe('/crm/lists/2026-03/');
    expect(p.property('contacts', 'x')).toBe('/crm/properties/2026-03/contacts/x');
    expect(p.accountDetails()).toBe('/account-info/v3/details');
    expect(p.recordMembershipsBatchReadCandidates()).toEqual(['/crm/lists/2026-03/records/memberships/batch/read']);
    expect(toVersion('/crm/v3/listsfoo', '2026-03')).toBe('/crm/v3/listsfoo');
    expect(toVersion('/crm/v3/lists', '2026-03')).toBe('/crm/lists/2026-03');
  });
});
