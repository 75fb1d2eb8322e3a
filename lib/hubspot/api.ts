// The typed HubSpot API of the product: one object per token, shared by every call so that the
// rate limiter sees them all. Each method validates HubSpot's answer with zod (schemas.ts); a
// mismatch is `invalid-response` naming the call. The SDK's generated classes serve the calls whose
// models hold everything we read; the rest go through our request() (see sdk.ts for why).
import type { z } from 'zod';
import { createHttp, type HttpOptions, type HttpStats, type RetryEvent } from './http';
import { GatewayError, isGatewayError } from './errors';
import { gatewayError } from './messages';
import { CONTACT_OBJECT_TYPE_ID, hubspotPaths } from './paths';
import {
  AccountDetailsSchema,
  ContactBatchSchema,
  FlowBatchSchema,
  FlowListingPageSchema,
  FlowSchema,
  ContactSchema,
  ContactSearchPageSchema,
  ListFetchSchema,
  ListSearchPageSchema,
  ListUpdateSchema,
  ListsByIdSchema,
  MembershipsPageSchema,
  MembershipsUpdateSchema,
  PropertyDefinitionSchema,
  PropertyLabelsSchema,
  OwnersPageSchema,
  RecordMembershipsBatchSchema,
  RecordMembershipsSchema,
  TokenInfoSchema,
  type AccountDetails,
  type Contact,
  type ContactSearchPage,
  type FilterBranch,
  type Flow,
  type FlowListing,
  type HubspotList,
  type ListSearchPage,
  type MembershipsPage,
  type PropertyDefinition,
} from './schemas';
import { createSdk } from './sdk';

export type {
  AccountDetails,
  Contact,
  ContactSearchPage,
  EnrollmentCriteria,
  FilterBranch,
  Flow,
  FlowListing,
  HubspotList,
  ListSearchPage,
  MembershipsPage,
  PropertyDefinition,
} from './schemas';
export type { HttpStats, RequestEvent, RetryEvent } from './http';

export type HubspotApiOptions = HttpOptions;

export interface CallOptions {
  signal?: AbortSignal;
  /** This call's retries ("HubSpot antwortet nicht, neuer Versuch …"), besides the API-wide hook. */
  onRetry?: (e: RetryEvent) => void;
}

/** A CRM search filter (the CRM search API); `operator` stays a string: HubSpot may add some. */
export interface SearchFilter {
  propertyName: string;
  operator: string;
  value?: string;
  values?: string[];
  highValue?: string;
}
export interface SearchFilterGroup {
  filters: SearchFilter[];
}
export interface SearchSort {
  propertyName: string;
  direction: 'ASCENDING' | 'DESCENDING';
}
export interface ContactSearchRequest {
  filterGroups: SearchFilterGroup[];
  properties?: string[];
  after?: string;
  /** ≤ 200 (default 200). */
  limit?: number;
  sorts?: SearchSort[];
}

export interface SearchProgress {
  fetched: number;
  /** HubSpot's total of the first query. */
  total: number;
  page: Contact[];
}

export interface ListSearchRequest {
  query?: string;
  processingTypes?: string[];
  /** Only these lists (ILS list ids). */
  listIds?: string[];
  offset?: number;
  /** ≤ 500 (default 500). */
  count?: number;
}

export interface HubspotApi {
  /** Base URL the calls go to (no trailing slash). */
  readonly baseUrl: string;
  /** Partitions caches per API origin and token (a hash, not the token). */
  readonly cacheScope: string;
  getAccountDetails(o?: CallOptions): Promise<AccountDetails>;
  /** The token's scopes, or null when HubSpot cannot tell (e.g. service keys). */
  getTokenScopes(o?: CallOptions): Promise<string[] | null>;
  /** A contact property's definition; null when it does not exist (caller: `property-missing`). */
  getProperty(name: string, o?: CallOptions): Promise<PropertyDefinition | null>;
  /** Label of every contact property, by internal name (one request). */
  getPropertyLabels(o?: CallOptions): Promise<Record<string, string>>;
  /** Display name (first and last name, else e-mail) per HubSpot user id, from the portal's
   *  owners (scope crm.objects.owners.read); users who own nothing are not listed. */
  getUserNames(o?: CallOptions): Promise<Record<string, string>>;
  /** null when the contact does not exist. `withHistory: true` = history of every requested property. */
  getContact(id: string, o?: CallOptions & { properties?: string[]; withHistory?: boolean | string[] }): Promise<Contact | null>;
  /** Batch read in chunks of 100; contacts that do not exist are left out. */
  getContacts(ids: readonly string[], properties: readonly string[], o?: CallOptions): Promise<Contact[]>;
  /** PATCH, sent once: never repeated by the http layer, so a caller re-reads and computes the body
   *  anew after any wait (errors say `detail.retryable`). Multi-checkbox values are `;`-joined
   *  option values, '' clears. */
  updateContact(id: string, properties: Record<string, string>, o?: CallOptions): Promise<Contact>;
  searchContacts(req: ContactSearchRequest, o?: CallOptions): Promise<ContactSearchPage>;
  /** Contacts by id, 200 per request: a search on `hs_object_id IN` (two filter groups of 100
   *  values), where a batch read takes 100. Falls back to the batch read for the rest when HubSpot
   *  refuses that search (400). Missing contacts are left out. `onChunk` after each request. */
  readContacts(
    ids: readonly string[],
    properties: readonly string[],
    o?: CallOptions & { onChunk?: (done: number, total: number) => void },
  ): Promise<{ contacts: Contact[]; via: 'search' | 'batch-read' }>;
  /** Every match, pages of 200 sorted by hs_object_id; beyond HubSpot's 10,000-result cap it
   *  continues with `hs_object_id GT <last id>` added to each filter group. */
  searchAllContacts(
    filterGroups: SearchFilterGroup[],
    properties: string[],
    onPage?: (p: SearchProgress) => void,
    o?: CallOptions,
  ): Promise<Contact[]>;
  /** With filters; null when the list does not exist. */
  getList(listId: string, o?: CallOptions): Promise<HubspotList | null>;
  /** Several lists with filters (chunks of 100); missing ones are left out. */
  getLists(listIds: readonly string[], o?: CallOptions): Promise<HubspotList[]>;
  /** One page of list search (no filterBranch in results). */
  searchLists(req?: ListSearchRequest, o?: CallOptions): Promise<ListSearchPage>;
  /** Every list (paged list search), optionally only some processing types. */
  allLists(o?: CallOptions & { processingTypes?: string[]; onPage?: (fetched: number, total: number | undefined) => void }): Promise<HubspotList[]>;
  getListMemberships(listId: string, after?: string, o?: CallOptions): Promise<MembershipsPage>;
  allListMemberIds(listId: string, o?: CallOptions): Promise<string[]>;
  /** MANUAL and SNAPSHOT lists; chunks of 250. A failure after some chunks carries `detail.done`/`total`. */
  removeListMembers(
    listId: string,
    recordIds: readonly string[],
    o?: CallOptions & { onChunk?: (done: number, total: number) => void },
  ): Promise<{ removed: string[]; missing: string[] }>;
  /** DYNAMIC lists; the branch is sent as given (unknown fields kept). Returns the updated list if HubSpot sends it. */
  updateListFilters(listId: string, filterBranch: FilterBranch, o?: CallOptions): Promise<HubspotList | null>;
  /** List ids per contact id (every asked id is a key). Batch read, else one GET per contact. */
  recordListMemberships(recordIds: readonly string[], o?: CallOptions): Promise<Map<string, string[]>>;
  /** Every workflow (automation v4 listing, pages of 100): ids, names, types, no criteria. */
  allFlows(o?: CallOptions & { onPage?: (fetched: number) => void }): Promise<FlowListing[]>;
  /** One whole flow; null when it does not exist. */
  getFlow(flowId: string, o?: CallOptions): Promise<Flow | null>;
  /** Whole flows in batches of 100 (batch read); missing ones are left out. */
  getFlows(flowIds: readonly string[], o?: CallOptions): Promise<Flow[]>;
  /** PUT the whole flow with the revisionId it was read with; HubSpot refuses a stale revision. */
  updateFlow(flow: Flow, o?: CallOptions): Promise<Flow>;
  stats(): HttpStats;
}

const SEARCH_PAGE = 200;
const SEARCH_CAP = 10_000;
/** Values per IN filter (assumed limit, docs/export.md) and ids per search request. */
const SEARCH_IN_VALUES = 100;
const SEARCH_IDS_PER_REQUEST = 200;
const BATCH_READ_CHUNK = 100;
const LISTS_CHUNK = 100;
const REMOVE_CHUNK = 250;
const MEMBERSHIPS_PAGE = 250;
const LIST_SEARCH_COUNT = 500;
const PER_RECORD_CONCURRENCY = 4;
const FLOWS_PAGE = 100;
const FLOWS_CHUNK = 100;

export function createHubspotApi(opts: HubspotApiOptions): HubspotApi {
  const http = createHttp(opts);
  const sdk = createSdk(http);
  const paths = hubspotPaths(opts.apiVersion ?? 'v3');
  const token = opts.token.trim();
  /** Which batch-memberships path works: undefined = not tried yet, null = none. */
  let membershipsBatchPath: string | null | undefined;

  function parse<S extends z.ZodType>(schema: S, data: unknown, call: string): z.output<S> {
    const r = schema.safeParse(data);
    if (!r.success) throw gatewayError('invalid-response', { call, reason: 'schema' });
    return r.data;
  }

  const api: HubspotApi = {
    baseUrl: http.baseUrl,
    cacheScope: `${http.baseUrl}|${fingerprint(token)}`,

    async getAccountDetails(o = {}) {
      const r = await http.request({ method: 'GET', path: paths.accountDetails(), signal: o.signal, onRetry: o.onRetry });
      return parse(AccountDetailsSchema, r.data, r.call);
    },

    async getTokenScopes(o = {}) {
      try {
        const r = await http.request({
          method: 'POST',
          path: paths.tokenInfo(),
          body: { tokenKey: token },
          idempotent: true,
          signal: o.signal,
          onRetry: o.onRetry,
        });
        const info = TokenInfoSchema.safeParse(r.data);
        return info.success ? info.data.scopes : null;
      } catch (e) {
        // Service keys (and tokens this endpoint does not know) get a 4xx here, possibly a 401;
        // that says nothing about the token's validity (getAccountDetails does). 429 still counts.
        const s = isGatewayError(e) ? e.detail.status : undefined;
        if (s !== undefined && s >= 400 && s < 500 && s !== 429) return null;
        throw e;
      }
    },

    async getProperty(name, o = {}) {
      const call = `GET ${paths.property('contacts', name)}`;
      try {
        const raw = await sdk.call(call, o, (a) => a.properties.core.getByName('contacts', name));
        return parse(PropertyDefinitionSchema, raw, call);
      } catch (e) {
        if (isNotFound(e)) return null;
        throw e;
      }
    },

    async getPropertyLabels(o = {}) {
      const call = `GET ${paths.properties('contacts')}`;
      const raw = await sdk.call(call, o, (a) => a.properties.core.getAll('contacts'));
      const parsed = parse(PropertyLabelsSchema, raw, call);
      return Object.fromEntries(parsed.results.map((p) => [p.name, p.label]));
    },

    async getUserNames(o = {}) {
      const call = `GET ${paths.owners()}`;
      const names: Record<string, string> = {};
      // Owners who have left (archived=true), then the active ones: history entries keep the ids
      // of users who left, and their names should still show. An active owner's name wins.
      for (const archived of [true, false]) {
        let after: string | undefined;
        for (let page = 0; page < 20; page++) {
          const raw = await sdk.call(call, o, (a) => a.owners.owners.getPage(undefined, after, 500, archived));
          const parsed = parse(OwnersPageSchema, raw, call);
          for (const owner of parsed.results) {
            const id = owner.userId ?? owner.userIdIncludingInactive;
            if (id === undefined || id === null) continue;
            const name = [owner.firstName, owner.lastName].filter(Boolean).join(' ') || owner.email || '';
            if (name) names[String(id)] = name;
          }
          after = parsed.paging?.next?.after;
          if (!after) break;
        }
      }
      return names;
    },

    async getContact(id, o = {}) {
      const call = `GET ${paths.contact(id)}`;
      const properties = o.properties ?? [];
      const history = o.withHistory === true ? properties : Array.isArray(o.withHistory) ? o.withHistory : [];
      try {
        // One comma-separated value per parameter (`properties=a,b`), as HubSpot's reference
        // writes it; the SDK would otherwise repeat the parameter (`properties=a&properties=b`).
        const raw = await sdk.call(call, o, (a) =>
          a.contacts.basic.getById(id, nonEmpty(commaJoined(properties)), nonEmpty(commaJoined(history))),
        );
        return parse(ContactSchema, raw, call);
      } catch (e) {
        if (isNotFound(e)) return null;
        throw e;
      }
    },

    async getContacts(ids, properties, o = {}) {
      const call = `POST ${paths.contactsBatchRead()}`;
      const out: Contact[] = [];
      for (const chunk of chunks(unique(ids), BATCH_READ_CHUNK)) {
        try {
          const raw = await sdk.call(call, o, (a) =>
            a.contacts.batch.read({ inputs: chunk.map((id) => ({ id })), properties: [...properties], propertiesWithHistory: [] }),
          );
          out.push(...parse(ContactBatchSchema, raw, call).results);
        } catch (e) {
          if (!isNotFound(e)) throw e; // none of the chunk exists
        }
      }
      return out;
    },

    async updateContact(id, properties, o = {}) {
      const call = `PATCH ${paths.contact(id)}`;
      const raw = await sdk.call(call, { ...o, once: true }, (a) => a.contacts.basic.update(id, { properties }));
      return parse(ContactSchema, raw, call);
    },

    async searchContacts(req, o = {}) {
      const call = `POST ${paths.contactsSearch()}`;
      const limit = Math.min(SEARCH_PAGE, Math.max(1, req.limit ?? SEARCH_PAGE));
      const raw = await sdk.call(call, o, (a) =>
        a.contacts.search.doSearch({
          filterGroups: req.filterGroups as never,
          properties: req.properties,
          limit,
          after: req.after,
          // The generated model types sorts as string[]; HubSpot takes objects, which pass through.
          sorts: req.sorts as never,
        }),
      );
      return parse(ContactSearchPageSchema, raw, call);
    },

    async readContacts(ids, properties, o = {}) {
      const all = unique(ids);
      const contacts: Contact[] = [];
      let done = 0;
      let via: 'search' | 'batch-read' = 'search';
      for (const chunk of chunks(all, SEARCH_IDS_PER_REQUEST)) {
        if (via === 'search') {
          try {
            const page = await api.searchContacts(
              {
                filterGroups: chunks(chunk, SEARCH_IN_VALUES).map((values) => ({ filters: [{ propertyName: 'hs_object_id', operator: 'IN', values }] })),
                properties: [...properties],
                limit: SEARCH_PAGE,
              },
              o,
            );
            contacts.push(...page.results);
            done += chunk.length;
            o.onChunk?.(done, all.length);
            continue;
          } catch (e) {
            // A search HubSpot will not run this way (more values than it takes, an operator it
            // refuses): the batch read answers the same question, 100 per request.
            if (!(isGatewayError(e) && e.detail.status === 400)) throw e;
            via = 'batch-read';
          }
        }
        contacts.push(...(await api.getContacts(chunk, properties, o)));
        done += chunk.length;
        o.onChunk?.(done, all.length);
      }
      return { contacts, via };
    },

    async searchAllContacts(filterGroups, properties, onPage, o = {}) {
      const out: Contact[] = [];
      const sorts: SearchSort[] = [{ propertyName: 'hs_object_id', direction: 'ASCENDING' }];
      let total: number | undefined;
      let after: string | undefined;
      let above: string | undefined; // current id range: hs_object_id > above
      for (;;) {
        const page = await api.searchContacts(
          { filterGroups: withIdAbove(filterGroups, above), properties, limit: SEARCH_PAGE, after, sorts },
          o,
        );
        total ??= page.total;
        out.push(...page.results);
        onPage?.({ fetched: out.length, total, page: page.results });
        const next = page.paging?.next?.after;
        const last = page.results[page.results.length - 1];
        if (next === undefined || !last) break;
        const nextOffset = Number(next);
        if (Number.isFinite(nextOffset) && nextOffset + SEARCH_PAGE > SEARCH_CAP) {
          // HubSpot stops a query at 10,000 results: start a new one above the last id seen.
          if (above === last.id) break; // no progress: give up rather than loop
          above = last.id;
          after = undefined;
        } else {
          after = next;
        }
      }
      return out;
    },

    async getList(listId, o = {}) {
      try {
        const r = await http.request({ method: 'GET', path: paths.list(listId), query: { includeFilters: true }, signal: o.signal, onRetry: o.onRetry });
        return parse(ListFetchSchema, r.data, r.call).list;
      } catch (e) {
        if (isNotFound(e)) return null;
        throw e;
      }
    },

    async getLists(listIds, o = {}) {
      const out: HubspotList[] = [];
      for (const chunk of chunks(unique(listIds), LISTS_CHUNK)) {
        const r = await http.request({
          method: 'GET',
          path: paths.lists(),
          query: { listIds: chunk, includeFilters: true },
          signal: o.signal,
          onRetry: o.onRetry,
        });
        out.push(...parse(ListsByIdSchema, r.data, r.call).lists);
      }
      return out;
    },

    async searchLists(req = {}, o = {}) {
      const call = `POST ${paths.listsSearch()}`;
      const raw = await sdk.call(call, o, (a) =>
        a.lists.lists.doSearch({
          query: req.query ?? '',
          processingTypes: req.processingTypes ?? [],
          ...(req.listIds?.length ? { listIds: req.listIds } : {}),
          offset: req.offset ?? 0,
          count: Math.min(LIST_SEARCH_COUNT, Math.max(1, req.count ?? LIST_SEARCH_COUNT)),
          additionalProperties: ['hs_list_size', 'hs_folder_name'],
        }),
      );
      return parse(ListSearchPageSchema, raw, call);
    },

    async allLists(o = {}) {
      const out: HubspotList[] = [];
      const seen = new Set<string>();
      let offset = 0;
      for (;;) {
        const page = await api.searchLists({ offset, count: LIST_SEARCH_COUNT, ...(o.processingTypes ? { processingTypes: o.processingTypes } : {}) }, o);
        for (const l of page.lists) {
          if (!seen.has(l.listId)) {
            seen.add(l.listId);
            out.push(l);
          }
        }
        o.onPage?.(out.length, page.total);
        if (!page.hasMore || page.lists.length === 0 || page.offset <= offset) break;
        offset = page.offset;
      }
      return out;
    },

    async getListMemberships(listId, after, o = {}) {
      const call = `GET ${paths.listMemberships(listId)}`;
      const raw = await sdk.call(call, o, (a) => a.lists.memberships.getPage(listId, after, undefined, MEMBERSHIPS_PAGE));
      return parse(MembershipsPageSchema, raw, call);
    },

    async allListMemberIds(listId, o = {}) {
      const ids: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await api.getListMemberships(listId, after, o);
        for (const m of page.results) ids.push(m.recordId);
        const next = page.paging?.next?.after;
        if (next === undefined || next === after || page.results.length === 0) break;
        after = next;
      }
      return unique(ids);
    },

    async removeListMembers(listId, recordIds, o = {}) {
      const call = `PUT ${paths.listMembershipsRemove(listId)}`;
      const removed: string[] = [];
      const missing: string[] = [];
      const ids = unique(recordIds);
      for (const chunk of chunks(ids, REMOVE_CHUNK)) {
        try {
          const raw = await sdk.call(call, o, (a) => a.lists.memberships.remove(listId, chunk));
          const r = parse(MembershipsUpdateSchema, raw ?? {}, call);
          removed.push(...(r.recordIdsRemoved ?? []));
          missing.push(...(r.recordIdsMissing ?? []));
        } catch (e) {
          // Say how far it got: the chunks before this one are removed.
          if (isGatewayError(e) && removed.length + missing.length > 0) throw new GatewayError(e.kind, e.message, { ...e.detail, done: removed.length, total: ids.length });
          throw e;
        }
        o.onChunk?.(removed.length + missing.length, ids.length);
      }
      return { removed, missing };
    },

    async updateListFilters(listId, filterBranch, o = {}) {
      // request(), not the SDK: its serializer drops fields it does not model and throws on filter
      // types it does not know (sdk.ts); a filter we write must reach HubSpot exactly as built.
      const r = await http.request({ method: 'PUT', path: paths.listUpdateFilters(listId), body: { filterBranch }, signal: o.signal, onRetry: o.onRetry });
      return parse(ListUpdateSchema, r.data ?? {}, r.call).updatedList ?? null;
    },

    async recordListMemberships(recordIds, o = {}) {
      const ids = unique(recordIds);
      const out = new Map<string, string[]>(ids.map((id) => [id, []]));
      if (ids.length === 0) return out;
      const add = (recordId: string, listIds: readonly string[]) => {
        const have = out.get(recordId);
        if (!have) return; // not asked for
        for (const l of listIds) if (!have.includes(l)) have.push(l);
      };
      const readBatch = async (path: string, chunk: string[]) => {
        const r = await http.request({
          method: 'POST',
          path,
          body: { inputs: chunk.map((recordId) => ({ objectTypeId: CONTACT_OBJECT_TYPE_ID, recordId })) },
          signal: o.signal,
          onRetry: o.onRetry,
        });
        for (const res of parse(RecordMembershipsBatchSchema, r.data, r.call).results) {
          const lists = res.recordListMemberships ?? res.memberships;
          add(res.recordId, lists ? lists.map((m) => m.listId) : (res.listIds ?? []));
        }
      };

      const parts = chunks(ids, BATCH_READ_CHUNK);
      if (membershipsBatchPath !== null) {
        const candidates = membershipsBatchPath ? [membershipsBatchPath] : paths.recordMembershipsBatchReadCandidates();
        const [first, ...rest] = parts;
        for (const path of candidates) {
          try {
            await readBatch(path, first!);
          } catch (e) {
            if (isGatewayError(e) && (e.detail.status === 404 || e.detail.status === 405)) continue;
            throw e;
          }
          membershipsBatchPath = path;
          for (const chunk of rest) await readBatch(path, chunk);
          return out;
        }
        membershipsBatchPath = null; // no batch endpoint on this portal: go per record from now on
      }
      await mapPool(ids, PER_RECORD_CONCURRENCY, async (id) => {
        const call = `GET ${paths.recordMemberships(id)}`;
        try {
          const raw = await sdk.call(call, o, (a) => a.lists.memberships.getLists(CONTACT_OBJECT_TYPE_ID, id));
          add(id, parse(RecordMembershipsSchema, raw, call).results.map((m) => m.listId));
        } catch (e) {
          if (!isNotFound(e)) throw e;
        }
      });
      return out;
    },

    async allFlows(o = {}) {
      const out: FlowListing[] = [];
      const seen = new Set<string>();
      let after: string | undefined;
      for (;;) {
        const r = await http.request({
          method: 'GET',
          path: paths.flows(),
          query: { limit: FLOWS_PAGE, ...(after !== undefined ? { after } : {}) },
          signal: o.signal,
          onRetry: o.onRetry,
        });
        const page = parse(FlowListingPageSchema, r.data, r.call);
        for (const f of page.results) {
          if (seen.has(f.id)) continue;
          seen.add(f.id);
          out.push(f);
        }
        o.onPage?.(out.length);
        const next = page.paging?.next?.after;
        if (next === undefined || next === after || page.results.length === 0) break;
        after = next;
      }
      return out;
    },

    async getFlow(flowId, o = {}) {
      try {
        const r = await http.request({ method: 'GET', path: paths.flow(flowId), signal: o.signal, onRetry: o.onRetry });
        return parse(FlowSchema, r.data, r.call);
      } catch (e) {
        if (isNotFound(e)) return null;
        throw e;
      }
    },

    async getFlows(flowIds, o = {}) {
      const out: Flow[] = [];
      for (const chunk of chunks(unique(flowIds), FLOWS_CHUNK)) {
        const r = await http.request({
          method: 'POST',
          path: paths.flowsBatchRead(),
          body: { inputs: chunk.map((flowId) => ({ flowId, type: 'FLOW_ID' })) },
          // A read: safe to retry.
          idempotent: true,
          signal: o.signal,
          onRetry: o.onRetry,
        });
        out.push(...parse(FlowBatchSchema, r.data, r.call).results);
      }
      return out;
    },

    async updateFlow(flow, o = {}) {
      const r = await http.request({ method: 'PUT', path: paths.flow(flow.id), body: flowPutBody(flow), signal: o.signal, onRetry: o.onRetry });
      return parse(FlowSchema, r.data, r.call);
    },

    stats: () => http.stats(),
  };
  return api;
}

/** The PUT body of a flow: the flow as read (unknown fields kept), list ids back as numbers (the
 *  spec types suppressionListIds int32; the schema made them strings). */
export function flowPutBody(flow: Flow): Record<string, unknown> {
  const { id: _id, ...rest } = flow;
  return { ...rest, suppressionListIds: flow.suppressionListIds.map((id) => (/^\d+$/.test(id) ? Number(id) : id)) };
}

/** A 404 from HubSpot (the http layer maps it to invalid-response with status 404). */
export function isNotFound(e: unknown): boolean {
  return isGatewayError(e) && e.detail.status === 404;
}

function withIdAbove(groups: SearchFilterGroup[], above: string | undefined): SearchFilterGroup[] {
  if (above === undefined) return groups;
  const gt: SearchFilter = { propertyName: 'hs_object_id', operator: 'GT', value: above };
  return groups.length === 0 ? [{ filters: [gt] }] : groups.map((g) => ({ ...g, filters: [...g.filters, gt] }));
}

function nonEmpty(a: readonly string[]): string[] | undefined {
  return a.length > 0 ? [...a] : undefined;
}

function unique(a: readonly string[]): string[] {
  return [...new Set(a)];
}

function chunks<T>(a: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < a.length; i += size) out.push(a.slice(i, i + size));
  return out;
}

async function mapPool<T>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

/** FNV-1a of the token: enough to tell tokens apart in cache keys, useless to recover one. */
function fingerprint(token: string): string {
  let h = 2166136261;
  for (let i = 0; i < token.length; i++) h = Math.imul(h ^ token.charCodeAt(i), 16777619);
  return `${token.length}:${(h >>> 0).toString(36)}`;
}

function commaJoined(values: readonly string[]): string[] {
  return values.length ? [values.join(',')] : [];
}
