// POST /crm/v3/objects/contacts/search, after docs/hubspot.md "Contacts" and HubSpot's search guide:
// filterGroups are ORed, filters in a group ANDed; ≤ 5 groups, ≤ 10 filters per group, ≤ 25 in all;
// limit ≤ 200; `after` is an offset; no query may page to 10,000 or beyond (400).
//
// Operator readings (*unverified* where HubSpot's docs are silent):
// - Multi-checkbox (`;`-joined) values: EQ, IN and CONTAINS_TOKEN match when ANY stored token matches;
//   NEQ, NOT_IN, NOT_CONTAINS_TOKEN are their negations.
// - NEQ, NOT_IN, NOT_CONTAINS_TOKEN also match records without a value.
// - String comparisons ignore case; date/datetime properties compare as epoch milliseconds
//   (filter values may be ms or ISO strings); number properties numerically.
import { tokensOf } from './evaluate';
import { isRecord, validationError, type Reply } from './http';
import type { Contact, PortalState } from './state';
import type { PropertyDef } from './types';

export const SEARCH_MAX_GROUPS = 5;
export const SEARCH_MAX_FILTERS_PER_GROUP = 10;
export const SEARCH_MAX_FILTERS = 25;
export const SEARCH_MAX_LIMIT = 200;
export const SEARCH_MAX_RESULTS = 10_000;
/** Values of one IN / NOT_IN filter. *Assumed* (HubSpot's search guide names no number; docs/export.md
 *  "Reading the members' addresses"): the export sends at most 100 per filter. */
export const SEARCH_MAX_IN_VALUES = 100;

const OPERATORS = new Set([
  'EQ', 'NEQ', 'LT', 'LTE', 'GT', 'GTE', 'BETWEEN', 'IN', 'NOT_IN',
  'HAS_PROPERTY', 'NOT_HAS_PROPERTY', 'CONTAINS_TOKEN', 'NOT_CONTAINS_TOKEN',
]);

interface Filter {
  propertyName: string;
  operator: string;
  value?: string;
  highValue?: string;
  values?: string[];
}

const str = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : String(v));

function parseFilters(body: Record<string, unknown>): { groups: Filter[][] } | { error: Reply } {
  const raw = body.filterGroups ?? [];
  if (!Array.isArray(raw)) return { error: validationError('filterGroups must be an array') };
  if (raw.length > SEARCH_MAX_GROUPS)
    return { error: validationError(`Too many filter groups: ${raw.length}. The maximum number of filter groups is ${SEARCH_MAX_GROUPS}.`) };
  const groups: Filter[][] = [];
  let total = 0;
  for (const g of raw) {
    const filters = isRecord(g) && Array.isArray(g.filters) ? g.filters : null;
    if (!filters) return { error: validationError('Each filter group needs a "filters" array') };
    if (filters.length > SEARCH_MAX_FILTERS_PER_GROUP)
      return { error: validationError(`Too many filters in a group: ${filters.length}. The maximum number of filters per group is ${SEARCH_MAX_FILTERS_PER_GROUP}.`) };
    total += filters.length;
    const group: Filter[] = [];
    for (const f of filters) {
      if (!isRecord(f) || typeof f.propertyName !== 'string' || typeof f.operator !== 'string')
        return { error: validationError('Each filter needs "propertyName" and "operator"') };
      if (!OPERATORS.has(f.operator)) return { error: validationError(`Unknown operator: ${f.operator}`) };
      if (Array.isArray(f.values) && f.values.length > SEARCH_MAX_IN_VALUES)
        return { error: validationError(`Too many values in a filter: ${f.values.length}. The maximum number of values is ${SEARCH_MAX_IN_VALUES}.`) };
      group.push({
        propertyName: f.propertyName,
        operator: f.operator,
        value: str(f.value),
        highValue: str(f.highValue),
        values: Array.isArray(f.values) ? f.values.map((v) => String(v)) : undefined,
      });
    }
    groups.push(group);
  }
  if (total > SEARCH_MAX_FILTERS)
    return { error: validationError(`Too many filters: ${total}. The maximum number of filters in all groups is ${SEARCH_MAX_FILTERS}.`) };
  return { groups };
}

function comparable(def: PropertyDef | undefined, v: string): number | string {
  if (def && (def.type === 'datetime' || def.type === 'date')) {
    const n = /^-?\d+$/.test(v) ? Number(v) : Date.parse(v);
    return Number.isNaN(n) ? v.toLowerCase() : n;
  }
  if (def && def.type === 'number') {
    const n = Number(v);
    return Number.isNaN(n) ? v.toLowerCase() : n;
  }
  return v.toLowerCase();
}

function compare(def: PropertyDef | undefined, a: string, b: string): number {
  const x = comparable(def, a);
  const y = comparable(def, b);
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  const xs = String(x);
  const ys = String(y);
  return xs < ys ? -1 : xs > ys ? 1 : 0;
}

function wordTokens(v: string): string[] {
  return v.toLowerCase().split(/[\s,.;:!?@()\-_/\\]+/).filter((t) => t !== '');
}

function tokenMatches(token: string, pattern: string): boolean {
  const p = pattern.toLowerCase();
  if (!p.includes('*')) return token === p;
  const re = new RegExp(`^${p.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(token);
}

function matchFilter(portal: PortalState, contact: Contact, f: Filter): boolean {
  const def = portal.properties.get(f.propertyName);
  const value = portal.value(contact, f.propertyName);
  const known = value !== null && value !== '';
  const multi = def?.type === 'enumeration' && def.fieldType === 'checkbox';
  const tokens = multi ? tokensOf(value) : known ? [value] : [];
  const eq = (x: string) => (multi ? tokens.includes(x) : known && compare(def, value, x) === 0);
  switch (f.operator) {
    case 'HAS_PROPERTY':
      return known;
    case 'NOT_HAS_PROPERTY':
      return !known;
    case 'EQ':
      return f.value !== undefined && eq(f.value);
    case 'NEQ':
      return f.value === undefined || !eq(f.value);
    case 'IN':
      return (f.values ?? []).some(eq);
    case 'NOT_IN':
      return !(f.values ?? []).some(eq);
    case 'LT':
      return known && f.value !== undefined && compare(def, value, f.value) < 0;
    case 'LTE':
      return known && f.value !== undefined && compare(def, value, f.value) <= 0;
    case 'GT':
      return known && f.value !== undefined && compare(def, value, f.value) > 0;
    case 'GTE':
      return known && f.value !== undefined && compare(def, value, f.value) >= 0;
    case 'BETWEEN':
      return known && f.value !== undefined && f.highValue !== undefined && compare(def, value, f.value) >= 0 && compare(def, value, f.highValue) <= 0;
    case 'CONTAINS_TOKEN':
    case 'NOT_CONTAINS_TOKEN': {
      const pattern = f.value ?? '';
      const words = multi ? tokens.map((t) => t.toLowerCase()) : known ? wordTokens(value) : [];
      const hit = pattern !== '' && (words.some((w) => tokenMatches(w, pattern)) || (!multi && known && tokenMatches(value.toLowerCase(), pattern)));
      return f.operator === 'CONTAINS_TOKEN' ? hit : !hit;
    }
    default:
      return false;
  }
}

/** Free-text `query`: a prefix of a word in the default searchable properties. */
function matchQuery(portal: PortalState, contact: Contact, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (q === '') return true;
  return ['firstname', 'lastname', 'email', 'hs_object_id'].some((p) => {
    const v = portal.value(contact, p);
    return v != null && (v.toLowerCase().startsWith(q) || wordTokens(v).some((w) => w.startsWith(q)));
  });
}

/** The ids a query can match when each filter group pins hs_object_id with IN or EQ; else null. */
function idCandidates(groups: Filter[][]): Set<string> | null {
  if (groups.length === 0) return null;
  const out = new Set<string>();
  for (const g of groups) {
    const pin = g.find((f) => f.propertyName === 'hs_object_id' && (f.operator === 'IN' || f.operator === 'EQ'));
    if (!pin) return null;
    for (const v of pin.operator === 'IN' ? (pin.values ?? []) : pin.value !== undefined ? [pin.value] : []) out.add(String(Number(v)));
  }
  return out;
}

export interface SearchResult {
  total: number;
  page: Contact[];
  nextAfter: string | null;
}

export function searchContacts(portal: PortalState, body: unknown): SearchResult | { error: Reply } {
  if (body !== undefined && !isRecord(body)) return { error: validationError('Invalid search request body') };
  const b = (body ?? {}) as Record<string, unknown>;
  const parsed = parseFilters(b);
  if ('error' in parsed) return parsed;
  const limit = b.limit === undefined ? 10 : Number(b.limit);
  if (!Number.isInteger(limit) || limit < 0) return { error: validationError(`Invalid limit: ${String(b.limit)}`) };
  if (limit > SEARCH_MAX_LIMIT)
    return { error: validationError(`Limit ${limit} is too large. The maximum limit is ${SEARCH_MAX_LIMIT}.`) };
  const after = b.after === undefined || b.after === null || b.after === '' ? 0 : Number(b.after);
  if (!Number.isInteger(after) || after < 0) return { error: validationError(`Invalid after: ${String(b.after)}`) };
  if (after >= SEARCH_MAX_RESULTS) {
    // HubSpot refuses to page to the 10,000th result and beyond, although its previous page still
    // offered paging.next.after = "10000" (GitHub: HubSpot/hubspot-api-nodejs#132,
    // activepieces/activepieces#10160). Wording of the message *unverified*.
    return {
      error: validationError(
        `The search API returns at most ${SEARCH_MAX_RESULTS} results for a query (after = ${after}). Narrow the query, e.g. by hs_object_id ranges.`,
      ),
    };
  }
  const query = typeof b.query === 'string' ? b.query : '';

  const matches: Contact[] = [];
  // Generated (benchmark) portals: the matches of a query are reused by its next pages while
  // nothing was written through the fake (same answers, without scanning every contact per page).
  const cacheKey = portal.contacts.generatedPortal ? JSON.stringify([parsed.groups, query]) : null;
  const hit = cacheKey ? portal.searchCache.get(cacheKey) : undefined;
  if (hit && hit.revision === portal.revision) {
    for (const id of hit.ids) matches.push(portal.contacts.get(id)!);
  } else if (idCandidates(parsed.groups)) {
    // Every group names its records by id (hs_object_id IN / EQ): look only at those (same answer
    // as the scan below, without visiting every contact of a big portal per request).
    for (const id of [...idCandidates(parsed.groups)!].sort((x, y) => Number(x) - Number(y))) {
      const c = portal.contacts.get(id);
      if (!c) continue;
      if (query && !matchQuery(portal, c, query)) continue;
      if (!parsed.groups.some((g) => g.every((f) => matchFilter(portal, c, f)))) continue;
      matches.push(c);
    }
  } else {
    for (const c of portal.contacts.values()) {
      if (query && !matchQuery(portal, c, query)) continue;
      if (parsed.groups.length && !parsed.groups.some((g) => g.every((f) => matchFilter(portal, c, f)))) continue;
      matches.push(c);
    }
    if (cacheKey) portal.searchCache.set(cacheKey, { revision: portal.revision, ids: matches.map((c) => c.id) });
  }

  // Sorting: the first sort (HubSpot applies one), then hs_object_id ascending for stable paging.
  const sorts = Array.isArray(b.sorts) ? b.sorts : [];
  const first = sorts[0];
  let sortProp: string | null = null;
  let desc = false;
  if (typeof first === 'string') {
    desc = first.startsWith('-');
    sortProp = first.replace(/^-/, '');
  } else if (isRecord(first) && typeof first.propertyName === 'string') {
    sortProp = first.propertyName;
    desc = first.direction === 'DESCENDING';
  }
  const byId = (x: Contact, y: Contact) => Number(x.id) - Number(y.id);
  if (sortProp && sortProp !== 'hs_object_id') {
    const def = portal.properties.get(sortProp);
    const p = sortProp;
    matches.sort((x, y) => {
      const a = portal.value(x, p);
      const c = portal.value(y, p);
      if (a === c) return byId(x, y);
      if (a === null || a === '') return 1; // no value last
      if (c === null || c === '') return -1;
      const r = compare(def, a, c);
      return (desc ? -r : r) || byId(x, y);
    });
  } else if (desc) {
    matches.sort((x, y) => byId(y, x));
  } // already ascending by id otherwise

  const page = matches.slice(after, Math.min(after + limit, SEARCH_MAX_RESULTS));
  const next = after + page.length;
  return { total: matches.length, page, nextAfter: page.length > 0 && next < matches.length ? String(next) : null };
}
