// Every HubSpot API path the product uses, in one place (docs/hubspot.md "Versions").
// We speak the "legacy" v3 paths (supported until September 2027). Switching to the date-versioned
// paths is one argument: `hubspotPaths('2026-03')`; the bodies are the same. The SDK's generated
// classes hard-code /crm/v3/...; http.ts passes the paths they send through `toVersion()` so they
// follow the same switch.

export type ApiVersion = 'v3' | '2026-03';

/** The object type id of contacts: in the lists API and in record page URLs (lib/page/urls.ts). */
export const CONTACT_OBJECT_TYPE_ID = '0-1';

const enc = (s: string | number): string => encodeURIComponent(String(s));

/** v3 prefix → date-versioned prefix. */
const VERSIONED_PREFIXES: ReadonlyArray<readonly [string, (v: string) => string]> = [
  ['/crm/v3/objects/', (v) => `/crm/objects/${v}/`],
  ['/crm/v3/lists', (v) => `/crm/lists/${v}`],
  ['/crm/v3/properties/', (v) => `/crm/properties/${v}/`],
];

/** Maps a /crm/v3/... path to the given version (identity for v3 and for non-CRM paths). */
export function toVersion(v3Path: string, version: ApiVersion): string {
  if (version === 'v3') return v3Path;
  for (const [prefix, to] of VERSIONED_PREFIXES) {
    if (!v3Path.startsWith(prefix)) continue;
    const rest = v3Path.slice(prefix.length);
    // '/crm/v3/lists' must not match '/crm/v3/listsfoo'
    if (!prefix.endsWith('/') && rest !== '' && !rest.startsWith('/')) continue;
    return to(version) + rest;
  }
  return v3Path;
}

export function hubspotPaths(version: ApiVersion = 'v3') {
  const v = (p: string) => toVersion(p, version);
  return {
    version,
    /** GET → `{ portalId, uiDomain, dataHostingLocation, … }` */
    accountDetails: () => '/account-info/v3/details',
    /** POST `{ tokenKey }` → `{ scopes, hubId, … }` (private-app tokens; not for service keys) */
    tokenInfo: () => '/oauth/v2/private-apps/get/access-token-info',
    /** GET one property definition with its options. SDK: properties CoreApi.getByName */
    property: (objectType: string, name: string) => v(`/crm/v3/properties/${enc(objectType)}/${enc(name)}`),
    /** GET the portal's owners (users that own records). SDK: owners OwnersApi.getPage */
    owners: () => v('/crm/v3/owners'),
    /** GET every property definition of an object type. SDK: properties CoreApi.getAll */
    properties: (objectType: string) => v(`/crm/v3/properties/${enc(objectType)}`),
    /** GET (properties, propertiesWithHistory) / PATCH `{ properties }`. SDK: contacts BasicApi.getById/update */
    contact: (id: string) => v(`/crm/v3/objects/contacts/${enc(id)}`),
    /** POST `{ inputs, properties, propertiesWithHistory }`, ≤ 100 inputs (≤ 50 with history). SDK: contacts BatchApi.read */
    contactsBatchRead: () => v('/crm/v3/objects/contacts/batch/read'),
    /** POST `{ inputs: [{ id, properties }] }`, ≤ 100 inputs; one invalid input fails the whole batch (400). request() + zod */
    contactsBatchUpdate: () => v('/crm/v3/objects/contacts/batch/update'),
    /** POST search (≤ 4/s budget). SDK: contacts SearchApi.doSearch */
    contactsSearch: () => v('/crm/v3/objects/contacts/search'),
    /** GET `?includeFilters=true` → `{ list }` (request() + zod: the SDK breaks on unknown filter types) */
    list: (listId: string) => v(`/crm/v3/lists/${enc(listId)}`),
    /** GET `?listIds=1&listIds=2&includeFilters=true` → `{ lists }` (request() + zod, as above) */
    lists: () => v('/crm/v3/lists/'),
    /** POST `{ query, processingTypes, offset, count }` → `{ lists, hasMore, offset, total }`. SDK: ListsApi.doSearch */
    listsSearch: () => v('/crm/v3/lists/search'),
    /** GET `?limit=250&after=` → `{ results: [{ recordId }], paging }`. SDK: MembershipsApi.getPage */
    listMemberships: (listId: string) => v(`/crm/v3/lists/${enc(listId)}/memberships`),
    /** PUT `["101", …]` (MANUAL and SNAPSHOT lists). SDK: MembershipsApi.remove */
    listMembershipsRemove: (listId: string) => v(`/crm/v3/lists/${enc(listId)}/memberships/remove`),
    /** PUT `{ filterBranch }` (DYNAMIC lists). request(): the SDK's serializer drops/crashes on unknown fields */
    listUpdateFilters: (listId: string) => v(`/crm/v3/lists/${enc(listId)}/update-list-filters`),
    /** GET → `{ results: [{ listId }] }`, lists a record is in. SDK: MembershipsApi.getLists */
    recordMemberships: (recordId: string, objectTypeId: string = CONTACT_OBJECT_TYPE_ID) =>
      v(`/crm/v3/lists/records/${enc(objectTypeId)}/${enc(recordId)}/memberships`),
    /** GET `?limit=&after=` → `{ results: [flow listing], paging }` (automation v4, scope automation; request() + zod) */
    flows: () => '/automation/v4/flows',
    /** GET the whole flow / PUT it back with the revisionId read (a stale revision is refused) */
    flow: (flowId: string) => `/automation/v4/flows/${enc(flowId)}`,
    /** POST `{ inputs: [{ flowId, type: 'FLOW_ID' }] }` → `{ results: [flow] }` */
    flowsBatchRead: () => '/automation/v4/flows/batch/read',
    /**
     * POST `{ inputs: [{ objectTypeId, recordId }] }`: memberships of many records. docs/hubspot.md knows it
     * only on 2026-03; the SDK (v14) has it under /crm/v3. Tried in this order, then per record.
     */
    recordMembershipsBatchReadCandidates: (): string[] => [
      ...new Set(['/crm/lists/2026-03/records/memberships/batch/read', v('/crm/v3/lists/records/memberships/batch/read')]),
    ],
  };
}

export type HubspotPaths = ReturnType<typeof hubspotPaths>;
