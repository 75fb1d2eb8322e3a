// In-memory state of the fake HubSpot: portals with properties, contacts (with history), lists and
// memberships, tokens and users. Built from a Seed; tests may change it directly.
import { evaluateBranch, tokensOf, type RecordView } from './evaluate';
import type {
  ContactSeed,
  FilterBranch,
  FlowSeed,
  GeneratedContacts,
  HistoryEntry,
  ListSeed,
  PortalSeed,
  PropertyDef,
  PropertyGroup,
  Seed,
  TokenSeed,
  User,
} from './types';

export interface Contact {
  id: string;
  createdAt: string;
  updatedAt: string;
  /** Current values. "" = cleared, null/absent = never set. Derived ones (hs_object_id, …) are not stored. */
  properties: Record<string, string | null>;
  /** Per property, NEWEST FIRST. */
  history: Record<string, HistoryEntry[]>;
}

/** Who changed a value, as HubSpot's property history records it. */
export interface ChangeSource {
  sourceType: string;
  sourceId?: string;
  updatedByUserId?: number;
}

/** One failed property of a write, shaped like the items HubSpot lists in its VALIDATION_ERROR message. */
export interface PropertyValidationError {
  isValid: false;
  message: string;
  error: string;
  name: string;
}

export const DERIVED_PROPERTIES = ['hs_object_id', 'createdate', 'lastmodifieddate'] as const;

function compareIds(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (Number.isFinite(na) && Number.isFinite(nb) && na !== nb) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

function newestTimestamp(history: Record<string, HistoryEntry[]> | undefined): string | undefined {
  let best: string | undefined;
  for (const entries of Object.values(history ?? {})) {
    const first = entries[0];
    if (first && (!best || Date.parse(first.timestamp) > Date.parse(best))) best = first.timestamp;
  }
  return best;
}

export function contactFromSeed(seed: ContactSeed): Contact {
  const properties: Record<string, string | null> = { ...seed.properties };
  const history: Record<string, HistoryEntry[]> = {};
  for (const [k, entries] of Object.entries(seed.history ?? {})) history[k] = entries.map((e) => ({ ...e }));
  for (const [k, v] of Object.entries(properties)) {
    if (v != null && v !== '' && !history[k]?.length) {
      // A value without recorded history arrived with the record, as by an import.
      history[k] = [{ value: v, timestamp: seed.createdAt, sourceType: 'IMPORT', sourceId: 'import-initial' }];
    }
  }
  return {
    id: seed.id,
    createdAt: seed.createdAt,
    updatedAt: seed.updatedAt ?? newestTimestamp(history) ?? seed.createdAt,
    properties,
    history,
  };
}

/** Contacts of one portal, in id order. Generated portals materialize a contact on first access. */
export class ContactStore {
  private readonly byId = new Map<string, Contact>();
  private explicitOrder: string[] | null = [];
  private readonly generated: GeneratedContacts | null;

  constructor(source: ContactSeed[] | GeneratedContacts) {
    if (Array.isArray(source)) {
      this.generated = null;
      for (const s of source) this.byId.set(s.id, contactFromSeed(s));
      this.explicitOrder = null;
    } else {
      this.generated = source;
    }
  }

  private isGeneratedId(id: string): boolean {
    const g = this.generated;
    if (!g || !/^\d+$/.test(id)) return false;
    const n = Number(id);
    return n >= g.firstId && n < g.firstId + g.count;
  }

  get(id: string): Contact | undefined {
    const hit = this.byId.get(id);
    if (hit) return hit;
    if (this.generated && this.isGeneratedId(id)) {
      const c = contactFromSeed(this.generated.make(Number(id)));
      this.byId.set(id, c);
      return c;
    }
    return undefined;
  }

  has(id: string): boolean {
    return this.byId.has(id) || this.isGeneratedId(id);
  }

  /** Adds (or replaces) a contact, e.g. from a test. */
  add(seed: ContactSeed): Contact {
    const c = contactFromSeed(seed);
    this.byId.set(c.id, c);
    this.explicitOrder = null;
    return c;
  }

  delete(id: string): boolean {
    this.explicitOrder = null;
    return this.byId.delete(id);
  }

  get size(): number {
    if (!this.generated) return this.byId.size;
    let extra = 0;
    for (const id of this.byId.keys()) if (!this.isGeneratedId(id)) extra++;
    return this.generated.count + extra;
  }

  /** True for lazily generated (benchmark) portals. */
  get generatedPortal(): boolean {
    return this.generated !== null;
  }

  /** Ids in ascending order. */
  ids(): string[] {
    if (!this.generated) {
      if (!this.explicitOrder) this.explicitOrder = [...this.byId.keys()].sort(compareIds);
      return this.explicitOrder;
    }
    const out: string[] = [];
    for (let i = 0; i < this.generated.count; i++) out.push(String(this.generated.firstId + i));
    for (const id of this.byId.keys()) if (!this.isGeneratedId(id)) out.push(id);
    return out.sort(compareIds);
  }

  *values(): IterableIterator<Contact> {
    for (const id of this.ids()) {
      const c = this.get(id);
      if (c) yield c;
    }
  }
}

/** Sorted, de-duplicated numeric ids. */
function sortedUnique(ids: Iterable<number>): number[] {
  return [...new Set(ids)].sort((a, b) => a - b);
}

function binaryHas(sorted: readonly number[], id: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid]!;
    if (v === id) return true;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

export class FakeList {
  listId: string;
  name: string;
  objectTypeId: string;
  processingType: 'MANUAL' | 'DYNAMIC' | 'SNAPSHOT';
  processingStatus = 'COMPLETE';
  createdAt: string;
  updatedAt: string;
  filtersUpdatedAt: string;
  listVersion: number;
  filterBranch: FilterBranch | undefined;
  createdById: string | undefined;
  /** Per-member time it was added (static lists); default createdAt. */
  readonly addedAt = new Map<number, string>();
  private members: number[] | null = null;
  private memberSource: (() => number[]) | null = null;

  constructor(seed: ListSeed) {
    this.listId = seed.listId;
    this.name = seed.name;
    this.objectTypeId = seed.objectTypeId;
    this.processingType = seed.processingType;
    this.createdAt = seed.createdAt;
    this.updatedAt = seed.updatedAt ?? seed.createdAt;
    this.filtersUpdatedAt = seed.filtersUpdatedAt ?? seed.createdAt;
    this.listVersion = seed.listVersion ?? 1;
    this.filterBranch = seed.filterBranch ? structuredClone(seed.filterBranch) : undefined;
    this.createdById = seed.createdById;
    if (typeof seed.memberIds === 'function') this.memberSource = seed.memberIds;
    else this.members = sortedUnique(seed.memberIds ?? []);
  }

  get isStatic(): boolean {
    return this.processingType !== 'DYNAMIC';
  }

  /** Stored members of a static list, ascending. */
  staticMembers(): number[] {
    if (!this.members) {
      this.members = sortedUnique(this.memberSource ? this.memberSource() : []);
      this.memberSource = null;
    }
    return this.members;
  }

  hasStaticMember(id: number): boolean {
    return binaryHas(this.staticMembers(), id);
  }

  setStaticMembers(ids: Iterable<number>): void {
    this.members = sortedUnique(ids);
    this.memberSource = null;
  }

  removeStaticMembers(ids: number[]): { removed: number[]; missing: number[] } {
    const current = this.staticMembers();
    const drop = new Set(ids.filter((id) => binaryHas(current, id)));
    const missing = ids.filter((id) => !drop.has(id));
    if (drop.size) this.members = current.filter((id) => !drop.has(id));
    return { removed: [...drop], missing };
  }
}

export class PortalState {
  readonly portalId: number;
  uiDomain: string;
  dataHostingLocation: string;
  timeZone: string;
  readonly users = new Map<number, User>();
  uiUserId: number;
  otherUserId: number;
  readonly propertyGroups: PropertyGroup[];
  readonly properties = new Map<string, PropertyDef>();
  readonly contacts: ContactStore;
  readonly lists = new Map<string, FakeList>();
  readonly companies = new Map<string, string>();
  /** Workflows by id (automation v4 shape), in creation order. */
  readonly flows = new Map<string, FlowSeed>();
  /** Folder name per list id (lists not in a folder are absent). */
  readonly listFolders = new Map<string, string>();
  /** Bumped by every write through the fake (API, UI, control API). */
  revision = 0;
  private readonly memberCache = new Map<string, { revision: number; version: number; branch: FilterBranch | undefined; ids: number[] }>();

  constructor(
    seed: PortalSeed,
    private readonly clock: () => number,
  ) {
    this.portalId = seed.portalId;
    this.uiDomain = seed.uiDomain;
    this.dataHostingLocation = seed.dataHostingLocation;
    this.timeZone = seed.timeZone;
    for (const u of seed.users) this.users.set(u.id, { ...u });
    this.uiUserId = seed.uiUserId;
    this.otherUserId = seed.otherUserId;
    this.propertyGroups = seed.propertyGroups.map((g) => ({ ...g }));
    for (const p of seed.properties) this.properties.set(p.name, structuredClone(p));
    this.contacts = new ContactStore(seed.contacts);
    for (const l of seed.lists) this.lists.set(l.listId, new FakeList(l));
    for (const [id, name] of Object.entries(seed.companies ?? {})) this.companies.set(id, name);
    for (const f of seed.flows ?? []) {
      const created = f.createdAt ?? '2025-06-01T08:00:00.000Z';
      this.flows.set(f.id, { flowType: 'WORKFLOW', suppressionListIds: [], actions: [], ...structuredClone(f), createdAt: created, updatedAt: f.updatedAt ?? created });
    }
    for (const [id, folder] of Object.entries(seed.listFolders ?? {})) this.listFolders.set(id, folder);
  }

  /** Value of a property, including the derived hs_object_id, createdate and lastmodifieddate. */
  value(contact: Contact, property: string): string | null {
    switch (property) {
      case 'hs_object_id':
        return contact.id;
      case 'createdate':
        return contact.createdAt;
      case 'lastmodifieddate':
        return contact.updatedAt;
      default: {
        const v = contact.properties[property];
        return v === undefined ? null : v;
      }
    }
  }

  recordView(contact: Contact, stack: Set<string> = new Set()): RecordView {
    return {
      value: (p) => this.value(contact, p),
      history: (p) => contact.history[p] ?? [],
      inList: (listId) => {
        const list = this.lists.get(listId);
        if (!list) return undefined;
        if (stack.has(listId)) return false; // cycle: treat as not a member
        return this.isMember(list, contact.id, new Set(stack).add(listId));
      },
    };
  }

  /** Record ids of a list's members, ascending. DYNAMIC contact lists are evaluated now. */
  memberIds(list: FakeList): number[] {
    if (list.isStatic || list.objectTypeId !== '0-1') return list.isStatic ? list.staticMembers() : [];
    const out: number[] = [];
    const stack = new Set([list.listId]);
    for (const c of this.contacts.values()) {
      if (evaluateBranch(list.filterBranch, this.recordView(c, stack))) out.push(Number(c.id));
    }
    return out;
  }

  /**
   * memberIds(), but a DYNAMIC list's result may be reused while nothing was written through the fake
   * and the list's filters are the same. Used for continuation pages of the memberships API, so that
   * paging a big active list does not evaluate every contact per page. (A test that changes contacts
   * directly gets fresh results on the next first page.)
   */
  memberIdsForPaging(list: FakeList, continuation: boolean): number[] {
    if (list.isStatic) return this.memberIds(list);
    const hit = this.memberCache.get(list.listId);
    if (continuation && hit && hit.revision === this.revision && hit.version === list.listVersion && hit.branch === list.filterBranch) return hit.ids;
    const ids = this.memberIds(list);
    this.memberCache.set(list.listId, { revision: this.revision, version: list.listVersion, branch: list.filterBranch, ids });
    return ids;
  }

  isMember(list: FakeList, recordId: string, stack: Set<string> = new Set([list.listId])): boolean {
    if (list.isStatic) return /^\d+$/.test(recordId) && list.hasStaticMember(Number(recordId));
    if (list.objectTypeId !== '0-1') return false;
    const c = this.contacts.get(recordId);
    return !!c && evaluateBranch(list.filterBranch, this.recordView(c, stack));
  }

  /** When a record joined a list (HubSpot's membershipTimestamp / first/lastAddedTimestamp). */
  memberSince(list: FakeList, recordId: number): string {
    const explicit = list.addedAt.get(recordId);
    if (explicit) return explicit;
    if (list.isStatic) return list.createdAt;
    const c = this.contacts.get(String(recordId));
    const t = Math.max(Date.parse(list.filtersUpdatedAt), c ? Date.parse(c.createdAt) : 0);
    return new Date(t).toISOString();
  }

  listSize(list: FakeList): number {
    // Generated (benchmark) portals reuse an active list's members while nothing was written
    // through the fake: list search pages would otherwise evaluate every contact per list.
    if (this.contacts.generatedPortal) return this.memberIdsForPaging(list, true).length;
    return this.memberIds(list).length;
  }

  /** Search matches reused across pages of one query in generated (benchmark) portals. */
  readonly searchCache = new Map<string, { revision: number; ids: string[] }>();

  /** Lists of an object type the record belongs to, in listId order. */
  listsOf(objectTypeId: string, recordId: string): FakeList[] {
    const out: FakeList[] = [];
    for (const list of this.lists.values()) {
      if (list.objectTypeId === objectTypeId && this.isMember(list, recordId)) out.push(list);
    }
    return out.sort((a, b) => compareIds(a.listId, b.listId));
  }

  /**
   * Checks property values for a write the way HubSpot does: unknown properties, read-only ones and
   * enumeration values that are no option are refused. Returns normalized string values.
   */
  validateWrite(input: Record<string, unknown>): { values: Record<string, string>; errors: PropertyValidationError[] } {
    const values: Record<string, string> = {};
    const errors: PropertyValidationError[] = [];
    for (const [name, raw] of Object.entries(input)) {
      const def = this.properties.get(name);
      if (!def) {
        errors.push({ isValid: false, message: `Property "${name}" does not exist`, error: 'PROPERTY_DOESNT_EXIST', name });
        continue;
      }
      if (def.readOnlyValue) {
        errors.push({ isValid: false, message: `"${name}" is a read only property; its value cannot be set.`, error: 'READ_ONLY_VALUE', name });
        continue;
      }
      if (raw !== null && typeof raw === 'object') {
        errors.push({ isValid: false, message: `${JSON.stringify(raw)} is not a valid value for ${name}`, error: 'INVALID_VALUE', name });
        continue;
      }
      const text = raw === null || raw === undefined ? '' : String(raw);
      if (def.type === 'enumeration') {
        const allowed = new Set(def.options.map((o) => o.value));
        const tokens = def.fieldType === 'checkbox' ? tokensOf(text) : text.trim() === '' ? [] : [text.trim()];
        const bad = tokens.filter((t) => !allowed.has(t));
        if (bad.length) {
          const opts = def.options.map((o) => o.value).join(', ');
          errors.push({
            isValid: false,
            message: `${bad.join(';')} was not one of the allowed options: [${opts}]`,
            error: 'INVALID_OPTION',
            name,
          });
          continue;
        }
        values[name] = [...new Set(tokens)].join(';');
      } else if (def.type === 'number' && text.trim() !== '' && Number.isNaN(Number(text))) {
        errors.push({ isValid: false, message: `${text} is not a valid number`, error: 'INVALID_LONG', name });
      } else {
        values[name] = text;
      }
    }
    return { values, errors };
  }

  /**
   * How many entries per property `propertiesWithHistory` returns (the newest); null = all.
   * HubSpot documents no such limit: tests set one to produce a history that does not reach back.
   */
  historyLimit: number | null = null;

  /**
   * Writes already validated values; records history for every value that changes, all entries of
   * one write with one timestamp. `at` (tests, demo) records the write at that time instead of now:
   * its entries are placed in time order. Returns the names of properties whose value changed.
   */
  applyWrite(contact: Contact, values: Record<string, string>, source: ChangeSource, at?: string): string[] {
    const changed: string[] = [];
    let ts = '';
    for (const [name, value] of Object.entries(values)) {
      const old = contact.properties[name] ?? '';
      if (old === value) continue;
      ts ||= at ?? new Date(this.clock()).toISOString();
      contact.properties[name] = value;
      const entry: HistoryEntry = { value, timestamp: ts, sourceType: source.sourceType };
      if (source.sourceId !== undefined) entry.sourceId = source.sourceId;
      if (source.updatedByUserId !== undefined) entry.updatedByUserId = source.updatedByUserId;
      const list = (contact.history[name] ??= []);
      list.unshift(entry);
      if (at !== undefined) {
        list.sort((a, b) => Date.parse(b.timestamp) - Date.parse(a.timestamp));
        // A write placed in the past does not change the current value when a later one exists.
        contact.properties[name] = list[0]!.value;
      }
      changed.push(name);
    }
    if (ts) {
      if (at === undefined || Date.parse(ts) > Date.parse(contact.updatedAt)) contact.updatedAt = ts;
      this.revision++;
    }
    return changed;
  }
}

export interface UiSettings {
  /** Section ids (property group names, e.g. "dsgvo_sperren") folded when a record page opens. */
  collapsedSections: string[];
  /** Delay of the pages' internal data endpoints (makes the app's loading state visible). */
  dataDelayMs: number;
  /** HubSpot renders the record's left sidebar a moment after the rest of the page (its cards
   *  load on their own): the fake shows skeletons there for this long after the data arrived. */
  sidebarDelayMs: number;
  /** The block editor's options and chips open in a popover outside the row (a layout the
   *  guard cannot read: it must fail closed). */
  pickerInPopover: boolean;
  /** HubSpot's own picker (variant 2026-12-06) with tags that carry no hook and no separator
   *  between them ("Marke AMarke C"): read by the property's option labels. */
  bareTags: boolean;
}

/** What a fresh fake page does: the sidebar a moment late, the picker inside its row. */
export const DEFAULT_UI: Readonly<UiSettings> = { collapsedSections: [], dataDelayMs: 0, sidebarDelayMs: 150, pickerInPopover: false, bareTags: false };

export class FakeState {
  readonly portals = new Map<number, PortalState>();
  readonly tokens = new Map<string, TokenSeed>();
  /** Settings of the fake pages. */
  ui: UiSettings = { ...DEFAULT_UI, collapsedSections: [] };
  /** Exports started from HubSpot's own export dialog on the pages (what the user asked HubSpot for). */
  readonly uiExports: { portalId: string; listId: string; email: string; format: string; at: string }[] = [];
  seedName = '';
  private lastMs = 0;

  constructor(seed: Seed) {
    this.load(seed);
  }

  /** Replaces everything with a fresh copy of the seed (same object, so references stay valid). */
  load(seed: Seed): void {
    this.seedName = seed.name;
    this.portals.clear();
    this.tokens.clear();
    this.ui = { ...DEFAULT_UI, collapsedSections: [] };
    this.uiExports.length = 0;
    const clock = () => this.now();
    for (const p of seed.portals) this.portals.set(p.portalId, new PortalState(p, clock));
    for (const t of seed.tokens) this.tokens.set(t.token, { ...t, scopes: [...t.scopes] });
  }

  /** Milliseconds, strictly increasing, so that history order is never ambiguous. */
  now(): number {
    this.lastMs = Math.max(Date.now(), this.lastMs + 1);
    return this.lastMs;
  }

  portal(id: number | string): PortalState | undefined {
    return this.portals.get(Number(id));
  }

  /** The portal holding a contact id (ids are unique across the seeded portals). */
  findContact(id: string): { portal: PortalState; contact: Contact } | undefined {
    for (const portal of this.portals.values()) {
      const contact = portal.contacts.get(id);
      if (contact) return { portal, contact };
    }
    return undefined;
  }

  /** JSON view for GET /__fake/state. Large portals are summarized unless `full`. */
  toJSON(full = false): unknown {
    const portals = [...this.portals.values()].map((p) => {
      const small = p.contacts.size <= 2000;
      return {
        portalId: p.portalId,
        uiDomain: p.uiDomain,
        uiUserId: p.uiUserId,
        otherUserId: p.otherUserId,
        users: [...p.users.values()],
        properties: [...p.properties.values()],
        contactCount: p.contacts.size,
        contacts: full || small ? [...p.contacts.values()] : undefined,
        lists: [...p.lists.values()].map((l) => {
          const members = p.memberIds(l);
          return {
            listId: l.listId,
            name: l.name,
            objectTypeId: l.objectTypeId,
            processingType: l.processingType,
            listVersion: l.listVersion,
            size: members.length,
            filterBranch: l.filterBranch,
            memberIds: full || members.length <= 2000 ? members.map(String) : undefined,
          };
        }),
        companies: Object.fromEntries(p.companies),
        flows: [...p.flows.values()],
      };
    });
    const tokens = [...this.tokens.values()].map((t) => ({ ...t }));
    return { seed: this.seedName, portals, tokens };
  }
}
