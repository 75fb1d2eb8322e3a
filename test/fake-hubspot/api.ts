// The public API routes of the fake HubSpot (docs/hubspot.md; response shapes after @hubspot/api-client
// 14.0.1's generated models and HubSpot's API reference pages).
import { isRecord, listParam, notFound, reply, stringArray, validationError, hsError, encodeCursor, decodeCursor, type Reply } from './http';
import { apiWriteSource } from './roads';
import { searchContacts } from './search';
import { DERIVED_PROPERTIES, type Contact, type FakeList, type PortalState, type PropertyValidationError } from './state';
import type { FilterBranch, FlowSeed, PropertyDef, TokenSeed } from './types';

export const SCOPES = {
  contactsRead: 'crm.objects.contacts.read',
  contactsWrite: 'crm.objects.contacts.write',
  listsRead: 'crm.lists.read',
  listsWrite: 'crm.lists.write',
  schemasRead: 'crm.schemas.contacts.read',
  ownersRead: 'crm.objects.owners.read',
  automation: 'automation',
} as const;

/** Reading property definitions accepts any of several scopes (HubSpot's properties reference
 *  lists them), crm.objects.contacts.read among them: crm.schemas.contacts.read is not needed. */
const PROPERTY_READ = [SCOPES.schemasRead, SCOPES.contactsRead] as const;

export interface ApiContext {
  method: string;
  /** Path with date-versioned prefixes mapped to /crm/v3. */
  path: string;
  /** Path as sent. */
  rawPath: string;
  query: URLSearchParams;
  body: unknown;
  portal: PortalState;
  token: TokenSeed;
}

interface Route {
  method: string;
  pattern: RegExp;
  /** Required scope (one of them, when several); null = any valid token. */
  scope: string | readonly string[] | null;
  /** Counts against the search API's per-second limit and carries no rate-limit headers. */
  search?: boolean;
  handle(ctx: ApiContext, params: string[]): Reply;
}

/** Maps `/crm/objects/2026-03/…`, `/crm/lists/2026-03/…`, `/crm/properties/2026-03/…` to `/crm/v3/…`. */
export function normalizeApiPath(path: string): string {
  return path
    .replace(/^\/crm\/objects\/\d{4}-\d{2}(?:-beta)?(?=\/|$)/, '/crm/v3/objects')
    .replace(/^\/crm\/lists\/\d{4}-\d{2}(?:-beta)?(?=\/|$)/, '/crm/v3/lists')
    .replace(/^\/crm\/properties\/\d{4}-\d{2}(?:-beta)?(?=\/|$)/, '/crm/v3/properties');
}

export function isApiPath(path: string): boolean {
  return path.startsWith('/crm/') || path.startsWith('/account-info/') || path.startsWith('/oauth/') || path.startsWith('/automation/');
}

// ---------------------------------------------------------------------------------------------
// Serialization

const DEFAULT_PROPERTIES = ['firstname', 'lastname', 'email', 'createdate', 'lastmodifieddate', 'hs_object_id'];

export function serializeContact(
  portal: PortalState,
  c: Contact,
  properties: string[] | null,
  withHistory: string[] | null,
): Record<string, unknown> {
  const names = new Set([...(properties ?? DEFAULT_PROPERTIES), ...DERIVED_PROPERTIES]);
  const props: Record<string, string | null> = {};
  for (const n of names) {
    // Unknown property names are ignored, as HubSpot does.
    if (portal.properties.has(n) || (DERIVED_PROPERTIES as readonly string[]).includes(n)) props[n] = portal.value(c, n);
  }
  const out: Record<string, unknown> = {
    id: c.id,
    properties: props,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    archived: false,
  };
  if (withHistory && withHistory.length) {
    const hist: Record<string, unknown[]> = {};
    for (const n of withHistory) {
      if (!portal.properties.has(n)) continue;
      const entries = c.history[n] ?? [];
      hist[n] = (portal.historyLimit === null ? entries : entries.slice(0, portal.historyLimit)).map((e) => ({ ...e }));
    }
    out.propertiesWithHistory = hist;
  }
  return out;
}

export function serializeProperty(def: PropertyDef): Record<string, unknown> {
  const out: Record<string, unknown> = {
    updatedAt: def.updatedAt,
    createdAt: def.createdAt,
    name: def.name,
    label: def.label,
    type: def.type,
    fieldType: def.fieldType,
    description: def.description ?? '',
    groupName: def.groupName,
    options: def.options.map((o) => ({ ...o, description: o.description ?? '' })),
    displayOrder: def.displayOrder ?? -1,
    calculated: false,
    externalOptions: false,
    hasUniqueValue: false,
    hidden: def.hidden ?? false,
    modificationMetadata: {
      archivable: !def.hubspotDefined,
      readOnlyDefinition: !!def.hubspotDefined,
      readOnlyValue: !!def.readOnlyValue,
    },
    formField: !def.readOnlyValue,
    dataSensitivity: 'non_sensitive',
    archived: false,
  };
  if (def.hubspotDefined) out.hubspotDefined = true;
  return out;
}

export function serializeList(portal: PortalState, list: FakeList, includeFilters: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    listId: list.listId,
    listVersion: list.listVersion,
    name: list.name,
    objectTypeId: list.objectTypeId,
    processingType: list.processingType,
    processingStatus: list.processingStatus,
    createdAt: list.createdAt,
    updatedAt: list.updatedAt,
    filtersUpdatedAt: list.filtersUpdatedAt,
    createdById: list.createdById ?? String(portal.uiUserId),
    updatedById: list.createdById ?? String(portal.uiUserId),
    size: portal.listSize(list),
  };
  if (includeFilters && list.filterBranch) out.filterBranch = structuredClone(list.filterBranch);
  return out;
}

function serializeListSearchResult(portal: PortalState, list: FakeList): Record<string, unknown> {
  const { size, ...rest } = serializeList(portal, list, false);
  const folder = portal.listFolders.get(list.listId);
  return {
    ...rest,
    additionalProperties: {
      hs_list_size: String(size),
      hs_last_record_added_at: list.updatedAt ? String(Date.parse(list.updatedAt)) : null,
      // Fetched by default with every search (lists spec, ListSearchRequest.additionalProperties);
      // "not included" when empty, so lists outside folders carry none.
      ...(folder ? { hs_folder_name: folder } : {}),
    },
  };
}

/** One list a record is in: RecordListMembership (SDK 14.0.1; API reference "Get lists record is member of"). */
function recordListMembership(portal: PortalState, list: FakeList, recordId: string): Record<string, unknown> {
  const since = portal.memberSince(list, Number(recordId));
  return { listId: list.listId, listVersion: list.listVersion, firstAddedTimestamp: since, lastAddedTimestamp: since, isPublicList: false };
}

// ---------------------------------------------------------------------------------------------
// Handlers

function propertyValidationReply(errors: PropertyValidationError[]): Reply {
  return validationError(`Property values were not valid: ${JSON.stringify(errors)}`, {
    errors: errors.map((e) => ({ message: e.message, code: e.error, context: { propertyName: [e.name] } })),
  });
}

function contactNotFound(): Reply {
  return notFound('resource not found');
}

function findContact(ctx: ApiContext, id: string): Contact | undefined {
  const idProperty = ctx.query.get('idProperty');
  if (idProperty && idProperty !== 'hs_object_id') {
    for (const c of ctx.portal.contacts.values()) if (ctx.portal.value(c, idProperty) === id) return c;
    return undefined;
  }
  return ctx.portal.contacts.get(id);
}

function getContact(ctx: ApiContext, [id]: string[]): Reply {
  const c = findContact(ctx, id!);
  if (!c) return contactNotFound();
  return reply(200, serializeContact(ctx.portal, c, listParam(ctx.query, 'properties'), listParam(ctx.query, 'propertiesWithHistory')));
}

function patchContact(ctx: ApiContext, [id]: string[]): Reply {
  const c = findContact(ctx, id!);
  if (!c) return contactNotFound();
  if (!isRecord(ctx.body) || !isRecord(ctx.body.properties)) return validationError('Request body must be { "properties": { … } }');
  const { values, errors } = ctx.portal.validateWrite(ctx.body.properties);
  if (errors.length) return propertyValidationReply(errors);
  ctx.portal.applyWrite(c, values, apiWriteSource(ctx.token));
  return reply(200, serializeContact(ctx.portal, c, Object.keys(values), null));
}

function batchReadContacts(ctx: ApiContext): Reply {
  const b = ctx.body;
  if (!isRecord(b) || !Array.isArray(b.inputs)) return validationError('Request body must be { "inputs": [{ "id": … }], … }');
  const withHistory = stringArray(b.propertiesWithHistory) ?? [];
  const max = withHistory.length ? 50 : 100;
  if (b.inputs.length > max) {
    return validationError(
      withHistory.length
        ? `Too many inputs: ${b.inputs.length}. With propertiesWithHistory a batch read accepts at most 50 inputs.`
        : `Too many inputs: ${b.inputs.length}. A batch read accepts at most 100 inputs.`,
    );
  }
  const startedAt = new Date().toISOString();
  const ids: string[] = [];
  for (const input of b.inputs) {
    if (!isRecord(input) || (typeof input.id !== 'string' && typeof input.id !== 'number')) return validationError('Each input needs an "id"');
    ids.push(String(input.id));
  }
  const props = stringArray(b.properties);
  const idProperty = typeof b.idProperty === 'string' ? b.idProperty : null;
  const results: unknown[] = [];
  const missing: string[] = [];
  for (const id of [...new Set(ids)]) {
    let c: Contact | undefined;
    if (idProperty && idProperty !== 'hs_object_id') {
      for (const x of ctx.portal.contacts.values()) if (ctx.portal.value(x, idProperty) === id) c = x;
    } else c = ctx.portal.contacts.get(id);
    if (c) results.push(serializeContact(ctx.portal, c, props && props.length ? props : null, withHistory.length ? withHistory : null));
    else missing.push(id);
  }
  const body: Record<string, unknown> = { status: 'COMPLETE', results, startedAt, completedAt: new Date().toISOString() };
  if (missing.length) {
    body.numErrors = 1;
    body.errors = [
      {
        status: 'error',
        category: 'OBJECT_NOT_FOUND',
        message: 'Could not get some CONTACT objects, they may be deleted or not exist. Check that ids are valid.',
        context: { ids: missing },
        errors: [],
        links: {},
      },
    ];
    return reply(207, body);
  }
  return reply(200, body);
}

function search(ctx: ApiContext): Reply {
  const result = searchContacts(ctx.portal, ctx.body);
  if ('error' in result) return result.error;
  const b = isRecord(ctx.body) ? ctx.body : {};
  const props = stringArray(b.properties);
  const body: Record<string, unknown> = {
    total: result.total,
    results: result.page.map((c) => serializeContact(ctx.portal, c, props && props.length ? props : null, null)),
  };
  if (result.nextAfter !== null) body.paging = { next: { after: result.nextAfter, link: `?after=${result.nextAfter}` } };
  return reply(200, body);
}

function objectTypeOk(t: string): boolean {
  return t === 'contacts' || t === 'contact' || t === '0-1';
}

function getProperty(ctx: ApiContext, [objectType, name]: string[]): Reply {
  if (!objectTypeOk(objectType!)) return hsError(400, 'VALIDATION_ERROR', `Unable to infer object type from: ${objectType}`);
  const def = ctx.portal.properties.get(name!);
  if (!def) return notFound(`Property ${name} does not exist`);
  return reply(200, serializeProperty(def));
}

function listProperties(ctx: ApiContext, [objectType]: string[]): Reply {
  if (!objectTypeOk(objectType!)) return hsError(400, 'VALIDATION_ERROR', `Unable to infer object type from: ${objectType}`);
  return reply(200, { results: [...ctx.portal.properties.values()].map(serializeProperty) });
}

/** GET /crm/v3/owners: the portal's users as owners (owner id ≠ user id, as in HubSpot). Users
 *  who left are archived owners: listed only with `archived=true`, their userId null (the id stays
 *  in userIdIncludingInactive). */
function listOwners(ctx: ApiContext): Reply {
  const limit = Math.min(Math.max(Number(ctx.query.get('limit') ?? 100) || 100, 1), 500);
  const start = Number(ctx.query.get('after') ?? 0) || 0;
  const archived = ctx.query.get('archived') === 'true';
  const users = [...ctx.portal.users.values()].filter((u) => !!u.archived === archived).sort((a, b) => a.id - b.id);
  const page = users.slice(start, start + limit).map((u) => ({
    id: String(700_000_000 + u.id),
    email: u.email,
    firstName: u.firstName,
    lastName: u.lastName,
    userId: archived ? null : u.id,
    userIdIncludingInactive: u.id,
    createdAt: '2025-01-02T08:00:00.000Z',
    updatedAt: '2025-01-02T08:00:00.000Z',
    archived,
  }));
  const next = start + limit < users.length ? { paging: { next: { after: String(start + limit), link: `/crm/v3/owners?after=${start + limit}` } } } : {};
  return reply(200, { results: page, ...next });
}

function listNotFound(id: string): Reply {
  return notFound(`List does not exist with id ${id}.`);
}

const includeFilters = (ctx: ApiContext) => ctx.query.get('includeFilters') === 'true';

function getList(ctx: ApiContext, [listId]: string[]): Reply {
  const list = ctx.portal.lists.get(listId!);
  if (!list) return listNotFound(listId!);
  return reply(200, { list: serializeList(ctx.portal, list, includeFilters(ctx)) });
}

function getLists(ctx: ApiContext): Reply {
  const ids = listParam(ctx.query, 'listIds') ?? [];
  const lists = ids.map((id) => ctx.portal.lists.get(id)).filter((l): l is FakeList => !!l);
  return reply(200, { lists: lists.map((l) => serializeList(ctx.portal, l, includeFilters(ctx))) });
}

function searchLists(ctx: ApiContext): Reply {
  const b = isRecord(ctx.body) ? ctx.body : {};
  const query = typeof b.query === 'string' ? b.query.toLowerCase() : '';
  const types = stringArray(b.processingTypes) ?? [];
  const ids = stringArray(b.listIds) ?? [];
  const offset = Math.max(0, Number(b.offset ?? 0) || 0);
  const count = Math.min(500, Math.max(1, Number(b.count ?? 20) || 20));
  const all = [...ctx.portal.lists.values()]
    .filter((l) => (query ? l.name.toLowerCase().includes(query) : true))
    .filter((l) => (types.length ? types.includes(l.processingType) : true))
    .filter((l) => (ids.length ? ids.includes(l.listId) : true))
    .sort((a, b2) => Number(a.listId) - Number(b2.listId));
  const page = all.slice(offset, offset + count);
  return reply(200, {
    lists: page.map((l) => serializeListSearchResult(ctx.portal, l)),
    hasMore: offset + page.length < all.length,
    offset: offset + page.length,
    total: all.length,
  });
}

function getMemberships(ctx: ApiContext, [listId]: string[]): Reply {
  const list = ctx.portal.lists.get(listId!);
  if (!list) return listNotFound(listId!);
  const rawLimit = ctx.query.get('limit');
  const limit = rawLimit === null ? 100 : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1) return validationError(`Invalid limit: ${rawLimit}`);
  // HubSpot documents 250 as the maximum; the fake clamps (whether HubSpot clamps or refuses is *unverified*).
  const pageSize = Math.min(limit, 250);
  const afterRaw = ctx.query.get('after');
  const afterId = afterRaw ? decodeCursor(afterRaw) : null;
  if (afterRaw && afterId === null) return validationError(`Invalid after cursor: ${afterRaw}`);
  const members = ctx.portal.memberIdsForPaging(list, afterId !== null);
  let start = 0;
  if (afterId !== null) {
    const a = Number(afterId);
    // First member with an id above the cursor (binary search; members ascend).
    let lo = 0;
    let hi = members.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (members[mid]! <= a) lo = mid + 1;
      else hi = mid;
    }
    start = lo;
  }
  const page = members.slice(start, start + pageSize);
  const body: Record<string, unknown> = {
    results: page.map((id) => ({ recordId: String(id), membershipTimestamp: ctx.portal.memberSince(list, id) })),
    total: members.length,
  };
  if (start + page.length < members.length && page.length) {
    const after = encodeCursor(page[page.length - 1]!);
    body.paging = { next: { after, link: `?after=${after}` } };
  }
  return reply(200, body);
}

function idsFromBody(body: unknown): number[] | null {
  const ids = stringArray(body);
  if (!ids || ids.length !== (body as unknown[]).length) return null;
  if (!ids.every((id) => /^\d+$/.test(id))) return null;
  return ids.map(Number);
}

/** The static list and record ids of a membership change, or HubSpot's answer why not. */
function membershipChange(ctx: ApiContext, listId: string): { list: FakeList; ids: number[] } | Reply {
  const list = ctx.portal.lists.get(listId);
  if (!list) return listNotFound(listId);
  if (!list.isStatic)
    return validationError(`List ${list.listId} has processing type DYNAMIC; memberships can only be changed on MANUAL or SNAPSHOT lists.`);
  const ids = idsFromBody(ctx.body);
  if (!ids) return validationError('Request body must be an array of record ids');
  return { list, ids };
}

function removeMembers(ctx: ApiContext, [listId]: string[]): Reply {
  const change = membershipChange(ctx, listId!);
  if (!('ids' in change)) return change;
  const { list, ids } = change;
  const { removed, missing } = list.removeStaticMembers(ids);
  ctx.portal.revision++;
  if (removed.length) list.updatedAt = new Date(Date.now()).toISOString();
  return reply(200, { recordIdsRemoved: removed.map(String), recordsIdsAdded: [], recordIdsMissing: missing.map(String) });
}

function addMembers(ctx: ApiContext, [listId]: string[]): Reply {
  const change = membershipChange(ctx, listId!);
  if (!('ids' in change)) return change;
  const { list, ids } = change;
  const current = list.staticMembers();
  const known = (id: number) => (list.objectTypeId === '0-1' ? ctx.portal.contacts.has(String(id)) : list.objectTypeId === '0-2' ? ctx.portal.companies.has(String(id)) : true);
  const added = ids.filter((id) => known(id) && !list.hasStaticMember(id));
  const missing = ids.filter((id) => !known(id));
  if (added.length) {
    const now = new Date(Date.now()).toISOString();
    for (const id of added) list.addedAt.set(id, now);
    list.setStaticMembers([...current, ...added]);
    ctx.portal.revision++;
    list.updatedAt = now;
  }
  return reply(200, { recordIdsRemoved: [], recordsIdsAdded: added.map(String), recordIdsMissing: missing.map(String) });
}

function validFilterBranch(v: unknown): v is FilterBranch {
  if (!isRecord(v) || v.filterBranchType !== 'OR') return false;
  const children = v.filterBranches;
  if (!Array.isArray(children)) return false;
  return children.every((c) => isRecord(c) && c.filterBranchType === 'AND');
}

function updateListFilters(ctx: ApiContext, [listId]: string[]): Reply {
  const list = ctx.portal.lists.get(listId!);
  if (!list) return listNotFound(listId!);
  if (list.processingType !== 'DYNAMIC')
    return validationError(`List ${list.listId} has processing type ${list.processingType}; only DYNAMIC lists have filters that can be updated.`);
  if (!isRecord(ctx.body) || !validFilterBranch(ctx.body.filterBranch))
    return validationError('filterBranch must be an OR branch whose filterBranches are AND branches');
  const now = new Date(Date.now()).toISOString();
  list.filterBranch = structuredClone(ctx.body.filterBranch);
  list.listVersion += 1;
  ctx.portal.revision++;
  list.filtersUpdatedAt = now;
  list.updatedAt = now;
  // Membership of DYNAMIC lists is evaluated on every read, so it follows the new filters at once.
  return reply(200, { updatedList: serializeList(ctx.portal, list, true) });
}

function recordMemberships(ctx: ApiContext, [objectTypeId, recordId]: string[]): Reply {
  const lists = ctx.portal.listsOf(objectTypeId!, recordId!);
  return reply(200, { results: lists.map((l) => recordListMembership(ctx.portal, l, recordId!)), total: lists.length });
}

/**
 * Response shape: BatchResponseRecordIdWithMemberships in @hubspot/api-client 14.0.1
 * (lib/codegen/crm/lists/models/RecordIdWithMemberships.d.ts: objectTypeId, recordId,
 * recordListMemberships[{ listId, listVersion, firstAddedTimestamp, lastAddedTimestamp, isPublicList? }])
 * and HubSpot's API reference "get memberships batch" for /crm/lists/2026-03/records/memberships/batch/read
 * and /crm/v3/lists/records/memberships/batch/read (same example body). The input limit is not documented:
 * the fake accepts any number (*unverified*).
 */
function batchReadMemberships(ctx: ApiContext): Reply {
  const b = ctx.body;
  if (!isRecord(b) || !Array.isArray(b.inputs)) return validationError('Request body must be { "inputs": [{ "objectTypeId", "recordId" }] }');
  const startedAt = new Date().toISOString();
  const results: unknown[] = [];
  for (const input of b.inputs) {
    if (!isRecord(input) || input.recordId === undefined) return validationError('Each input needs "objectTypeId" and "recordId"');
    const objectTypeId = String(input.objectTypeId ?? '0-1');
    const recordId = String(input.recordId);
    const lists = ctx.portal.listsOf(objectTypeId, recordId);
    results.push({ objectTypeId, recordId, recordListMemberships: lists.map((l) => recordListMembership(ctx.portal, l, recordId)) });
  }
  return reply(200, { status: 'COMPLETE', results, startedAt, completedAt: new Date().toISOString() });
}

// ---------------------------------------------------------------------------------------------
// Workflows (automation v4). Shapes after HubSpot's public spec (HubSpot-public-api-spec-collection,
// "Automation V4", v4: ApiFlowListing, ApiContactFlow, ApiFlowBatchInput, ApiContactFlowPutRequest).

function flowListing(f: FlowSeed): Record<string, unknown> {
  return { id: f.id, name: f.name, isEnabled: f.isEnabled, flowType: f.flowType ?? 'WORKFLOW', objectTypeId: f.objectTypeId, revisionId: f.revisionId, createdAt: f.createdAt, updatedAt: f.updatedAt };
}

function flowNotFound(id: string): Reply {
  return notFound(`Flow ${id} not found`);
}

/** GET /automation/v4/flows?limit=&after= (default limit 100 in the spec; the cursor is opaque). */
function listFlows(ctx: ApiContext): Reply {
  const rawLimit = ctx.query.get('limit');
  const limit = rawLimit === null ? 100 : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1) return validationError(`Invalid limit: ${rawLimit}`);
  const afterRaw = ctx.query.get('after');
  const after = afterRaw ? decodeCursor(afterRaw) : null;
  if (afterRaw && after === null) return validationError(`Invalid after cursor: ${afterRaw}`);
  const all = [...ctx.portal.flows.values()].sort((a, b) => Number(a.id) - Number(b.id));
  const start = after === null ? 0 : all.findIndex((f) => Number(f.id) > Number(after));
  const page = start < 0 ? [] : all.slice(start, start + Math.min(limit, 100));
  const body: Record<string, unknown> = { results: page.map(flowListing) };
  const last = page[page.length - 1];
  if (last && start + page.length < all.length) {
    const cursor = encodeCursor(Number(last.id));
    body.paging = { next: { after: cursor, link: `?after=${cursor}` } };
  }
  return reply(200, body);
}

function getFlow(ctx: ApiContext, [flowId]: string[]): Reply {
  const f = ctx.portal.flows.get(flowId!);
  if (!f) return flowNotFound(flowId!);
  return reply(200, structuredClone(f));
}

/** POST /automation/v4/flows/batch/read `{ inputs: [{ flowId, type: 'FLOW_ID' }] }`; 207 with errors for missing ones. */
function batchReadFlows(ctx: ApiContext): Reply {
  const b = ctx.body;
  if (!isRecord(b) || !Array.isArray(b.inputs)) return validationError('Request body must be { "inputs": [{ "flowId", "type": "FLOW_ID" }] }');
  const startedAt = new Date().toISOString();
  const results: unknown[] = [];
  const missing: string[] = [];
  for (const input of b.inputs) {
    if (!isRecord(input) || input.type !== 'FLOW_ID' || (typeof input.flowId !== 'string' && typeof input.flowId !== 'number')) {
      return validationError('Each input needs "flowId" and "type": "FLOW_ID"');
    }
    const f = ctx.portal.flows.get(String(input.flowId));
    if (f) results.push(structuredClone(f));
    else missing.push(String(input.flowId));
  }
  const body: Record<string, unknown> = { status: 'COMPLETE', results, startedAt, completedAt: new Date().toISOString() };
  if (missing.length) {
    body.numErrors = 1;
    body.errors = [{ status: 'error', category: 'OBJECT_NOT_FOUND', message: 'Some flows were not found', context: { flowIds: missing }, errors: [], links: {} }];
    return reply(207, body);
  }
  return reply(200, body);
}

/** Legacy list action of workflows: answers 500 in HubSpot (public reports); the fake refuses it as well. */
const LEGACY_LIST_ACTION = '0-13';

/**
 * PUT /automation/v4/flows/{flowId}: the whole flow with the revisionId it was read with and its
 * `type`. A revisionId other than the current one is refused (optimistic concurrency); the status
 * and wording of that refusal are *assumed* (409 CONFLICT), see docs/hubspot-workflows.md.
 */
function putFlow(ctx: ApiContext, [flowId]: string[]): Reply {
  const f = ctx.portal.flows.get(flowId!);
  if (!f) return flowNotFound(flowId!);
  const b = ctx.body;
  if (!isRecord(b)) return validationError('Request body must be a flow');
  if (typeof b.revisionId !== 'string' && typeof b.revisionId !== 'number') return validationError('revisionId is required');
  if (b.type !== f.type) return validationError(`type must be ${f.type} for a flow of object type ${f.objectTypeId}`);
  if (String(b.revisionId) !== f.revisionId) {
    return hsError(409, 'CONFLICT', `The flow was changed since revision ${String(b.revisionId)}; the current revision is ${f.revisionId}. Read the flow again and retry.`);
  }
  const criteria = b.enrollmentCriteria;
  if (criteria !== undefined && (!isRecord(criteria) || typeof criteria.type !== 'string')) return validationError('enrollmentCriteria needs a type');
  if (isRecord(criteria) && criteria.type === 'LIST_BASED' && !validFilterBranch(criteria.listFilterBranch)) {
    return validationError('listFilterBranch must be an OR branch whose filterBranches are AND branches');
  }
  if (Array.isArray(b.actions) && b.actions.some((a) => isRecord(a) && a.actionTypeId === LEGACY_LIST_ACTION)) {
    return hsError(500, undefined, 'internal error');
  }
  if (b.suppressionListIds !== undefined && (!Array.isArray(b.suppressionListIds) || !b.suppressionListIds.every((x) => Number.isInteger(x)))) {
    return validationError('suppressionListIds must be an array of integers');
  }
  const now = new Date(Date.now()).toISOString();
  const next: FlowSeed = { ...structuredClone(b as Record<string, unknown>), id: f.id, objectTypeId: f.objectTypeId, createdAt: f.createdAt } as FlowSeed;
  next.revisionId = String(Number(f.revisionId) + 1);
  next.updatedAt = now;
  ctx.portal.flows.set(f.id, next);
  ctx.portal.revision++;
  return reply(200, structuredClone(next));
}

function accountDetails(ctx: ApiContext): Reply {
  const p = ctx.portal;
  return reply(200, {
    portalId: p.portalId,
    accountType: 'STANDARD',
    timeZone: p.timeZone,
    companyCurrency: 'EUR',
    additionalCurrencies: [],
    utcOffset: '+01:00',
    utcOffsetMilliseconds: 3_600_000,
    uiDomain: p.uiDomain,
    dataHostingLocation: p.dataHostingLocation,
  });
}

const ID = '([^/]+)';

export const ROUTES: Route[] = [
  { method: 'GET', pattern: /^\/account-info\/v3\/details$/, scope: null, handle: accountDetails },

  { method: 'POST', pattern: /^\/crm\/v3\/objects\/(?:contacts|0-1)\/search$/, scope: SCOPES.contactsRead, search: true, handle: search },
  { method: 'POST', pattern: /^\/crm\/v3\/objects\/(?:contacts|0-1)\/batch\/read$/, scope: SCOPES.contactsRead, handle: batchReadContacts },
  { method: 'GET', pattern: new RegExp(`^/crm/v3/objects/(?:contacts|0-1)/${ID}$`), scope: SCOPES.contactsRead, handle: getContact },
  { method: 'PATCH', pattern: new RegExp(`^/crm/v3/objects/(?:contacts|0-1)/${ID}$`), scope: SCOPES.contactsWrite, handle: patchContact },

  { method: 'GET', pattern: new RegExp(`^/crm/v3/properties/${ID}/?$`), scope: PROPERTY_READ, handle: listProperties },
  { method: 'GET', pattern: /^\/crm\/v3\/owners\/?$/, scope: SCOPES.ownersRead, handle: listOwners },
  { method: 'GET', pattern: new RegExp(`^/crm/v3/properties/${ID}/${ID}$`), scope: PROPERTY_READ, handle: getProperty },

  { method: 'POST', pattern: /^\/crm\/v3\/lists\/records\/memberships\/batch\/read$/, scope: SCOPES.listsRead, handle: batchReadMemberships },
  { method: 'GET', pattern: new RegExp(`^/crm/v3/lists/records/${ID}/${ID}/memberships$`), scope: SCOPES.listsRead, handle: recordMemberships },
  { method: 'POST', pattern: /^\/crm\/v3\/lists\/search$/, scope: SCOPES.listsRead, handle: searchLists },
  { method: 'GET', pattern: /^\/crm\/v3\/lists\/?$/, scope: SCOPES.listsRead, handle: getLists },
  { method: 'GET', pattern: new RegExp(`^/crm/v3/lists/${ID}/memberships$`), scope: SCOPES.listsRead, handle: getMemberships },
  { method: 'PUT', pattern: new RegExp(`^/crm/v3/lists/${ID}/memberships/remove$`), scope: SCOPES.listsWrite, handle: removeMembers },
  { method: 'PUT', pattern: new RegExp(`^/crm/v3/lists/${ID}/memberships/add$`), scope: SCOPES.listsWrite, handle: addMembers },
  { method: 'PUT', pattern: new RegExp(`^/crm/v3/lists/${ID}/update-list-filters$`), scope: SCOPES.listsWrite, handle: updateListFilters },
  { method: 'GET', pattern: new RegExp(`^/crm/v3/lists/${ID}$`), scope: SCOPES.listsRead, handle: getList },

  { method: 'GET', pattern: /^\/automation\/v4\/flows\/?$/, scope: SCOPES.automation, handle: listFlows },
  { method: 'POST', pattern: /^\/automation\/v4\/flows\/batch\/read$/, scope: SCOPES.automation, handle: batchReadFlows },
  { method: 'GET', pattern: new RegExp(`^/automation/v4/flows/${ID}$`), scope: SCOPES.automation, handle: getFlow },
  { method: 'PUT', pattern: new RegExp(`^/automation/v4/flows/${ID}$`), scope: SCOPES.automation, handle: putFlow },
];

export type RouteMatch = { route: Route; params: string[] } | { methodNotAllowed: true } | null;

export function matchRoute(method: string, path: string): RouteMatch {
  let pathMatched = false;
  for (const route of ROUTES) {
    const m = route.pattern.exec(path);
    if (!m) continue;
    pathMatched = true;
    if (route.method === method) return { route, params: m.slice(1).map((p) => decodeURIComponent(p)) };
  }
  return pathMatched ? { methodNotAllowed: true } : null;
}

export const AUTH_MESSAGE =
  'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview';

export function authError(): Reply {
  return hsError(401, 'INVALID_AUTHENTICATION', AUTH_MESSAGE);
}

export function scopeError(scope: string): Reply {
  return hsError(403, 'MISSING_SCOPES', "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.", {
    errors: [{ message: 'One or more of the following scopes are required.', context: { requiredGranularScopes: [scope] } }],
  });
}

/** POST /oauth/v2/private-apps/get/access-token-info: no Authorization header, the token travels in the body. */
export function accessTokenInfo(tokens: Map<string, TokenSeed>, body: unknown): Reply {
  const key = isRecord(body) && typeof body.tokenKey === 'string' ? body.tokenKey : null;
  if (!key) return validationError('tokenKey is required');
  const t = tokens.get(key);
  if (!t || t.revoked) return authError();
  return reply(200, { userId: t.userId, hubId: t.portalId, appId: t.appId, scopes: [...t.scopes], trialScopes: [], trialScopeToScopeGroupIds: {} });
}
