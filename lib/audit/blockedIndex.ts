// The portal's blocked contacts, fetched once and shared by every static list of an audit, so that
// auditing a static list costs requests in proportion to the blocked contacts, not to the list size:
//   - one search with HAS_PROPERTY on the block property (200 per page); the brands are read in
//     code from the `;`-joined value, never with IN / CONTAINS_TOKEN, whose reading of multi-checkbox
//     values is unverified (docs/hubspot.md "Contacts");
//   - which lists the candidates are in: a memberships batch read per 100 contacts, or the list's
//     own member pages when that is cheaper. Answers are kept, so the next list asks only about
//     contacts not asked about yet.
import type { CallOptions, Contact, HubspotApi } from '../hubspot/api';
import { parseBlockValue } from '../domain/blocks';

export interface BlockedContact {
  id: string;
  /** Option values the contact is blocked for (non-empty). */
  brands: string[];
  /** The reason property's text ('' when empty or not read). */
  reason: string;
  /** First and last name, else e-mail, when HubSpot has them. */
  name?: string;
}

export interface BlockedIndexOptions {
  blockProperty: string;
  /** Read to find blocks without a reason; without it contactsMissingReason stays empty. */
  reasonProperty?: string;
  /** Also find the contacts that hold a reason log but no block (a second filter group on the
   *  reason property, same search): the ledger examines those too (ledgerAudit.ts). */
  includeLogged?: boolean;
}

/** Batch reads take 100 contacts; membership pages hold 250 members (api.ts). */
export const MEMBERSHIP_BATCH = 100;
export const MEMBERSHIP_PAGE = 250;

function displayName(c: Contact): string | undefined {
  const p = c.properties;
  const full = [p.firstname, p.lastname].map((v) => (v ?? '').trim()).filter(Boolean).join(' ');
  if (full) return full;
  const email = (p.email ?? '').trim();
  return email || undefined;
}

export const byId = (a: string, b: string) => (a.length - b.length) || (a < b ? -1 : a > b ? 1 : 0);

export class BlockedIndex {
  readonly blockProperty: string;
  readonly reasonProperty: string | undefined;
  private readonly includeLogged: boolean;
  private pending: Promise<BlockedContact[]> | undefined;
  private done = false;
  private list: BlockedContact[] = [];
  /** Ids of contacts with a reason log and no block (only with includeLogged). */
  private loggedIds: string[] = [];
  /** Contact id → ids of the lists it is in (only for contacts asked about). */
  private readonly membershipsOf = new Map<string, Set<string>>();
  /** List id → all of its member ids (only for lists paged in full). */
  private readonly membersOf = new Map<string, Set<string>>();

  constructor(
    private readonly api: HubspotApi,
    opts: BlockedIndexOptions,
  ) {
    this.blockProperty = opts.blockProperty;
    this.reasonProperty = opts.reasonProperty;
    this.includeLogged = opts.includeLogged === true && opts.reasonProperty !== undefined;
  }

  /** Fetches the blocked contacts once; later calls (also concurrent ones) share the answer. */
  load(o: CallOptions & { onPage?: (fetched: number, total: number) => void } = {}): Promise<BlockedContact[]> {
    this.pending ??= (async () => {
      const properties = [this.blockProperty, ...(this.reasonProperty ? [this.reasonProperty] : []), 'firstname', 'lastname', 'email'];
      const groups = [{ filters: [{ propertyName: this.blockProperty, operator: 'HAS_PROPERTY' }] }];
      if (this.includeLogged) groups.push({ filters: [{ propertyName: this.reasonProperty!, operator: 'HAS_PROPERTY' }] });
      const found = await this.api.searchAllContacts(
        groups,
        properties,
        (p) => o.onPage?.(p.fetched, p.total),
        o,
      );
      const out: BlockedContact[] = [];
      const logged: string[] = [];
      const seen = new Set<string>();
      for (const c of found) {
        if (seen.has(c.id)) continue;
        seen.add(c.id);
        const brands = parseBlockValue(c.properties[this.blockProperty]);
        if (brands.length === 0) {
          // '' = block lifted; with includeLogged the contact came for its reason log.
          if (this.includeLogged && (c.properties[this.reasonProperty!] ?? '') !== '') logged.push(c.id);
          continue;
        }
        const name = displayName(c);
        out.push({ id: c.id, brands, reason: this.reasonProperty ? (c.properties[this.reasonProperty] ?? '') : '', ...(name ? { name } : {}) });
      }
      out.sort((a, b) => byId(a.id, b.id));
      this.list = out;
      this.loggedIds = logged.sort(byId);
      this.done = true;
      return out;
    })();
    // A failed load may be retried by the next caller.
    this.pending.catch(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Whether load() has finished. */
  get loaded(): boolean {
    return this.done;
  }

  /** Every blocked contact (after load()). */
  contacts(): readonly BlockedContact[] {
    return this.list;
  }

  /** Ids of every contact that holds a block or (with includeLogged) a reason log, in id order
   *  (after load()): the contacts a full ledger run examines. */
  blockedOrLogged(): string[] {
    return [...this.list.map((c) => c.id), ...this.loggedIds].sort(byId);
  }

  /** Contacts blocked for at least one of `brands` (after load()). */
  blockedFor(brands: readonly string[]): BlockedContact[] {
    const want = new Set(brands);
    return this.list.filter((c) => c.brands.some((b) => want.has(b)));
  }

  /** Contacts with a block and an empty or blank reason, by id (after load()). */
  missingReason(): string[] {
    if (!this.reasonProperty) return [];
    return this.list.filter((c) => c.reason.trim() === '').map((c) => c.id);
  }

  /** Whether the index can tell, without a request, if the contact is in the list. */
  knows(listId: string, contactId: string): boolean {
    return this.membersOf.has(listId) || this.membershipsOf.has(contactId);
  }

  /** Membership as known (call knows() first; unknown counts as "not a member"). */
  isMember(listId: string, contactId: string): boolean {
    return this.membersOf.get(listId)?.has(contactId) ?? this.membershipsOf.get(contactId)?.has(listId) ?? false;
  }

  /** Asks HubSpot which lists these contacts are in (batches of 100), for those not asked yet. */
  async fetchMemberships(contactIds: readonly string[], o: CallOptions = {}): Promise<void> {
    const need = [...new Set(contactIds)].filter((id) => !this.membershipsOf.has(id));
    if (need.length === 0) return;
    const got = await this.api.recordListMemberships(need, o);
    for (const id of need) this.membershipsOf.set(id, new Set(got.get(id) ?? []));
  }

  /** Pages through all members of a list (250 per request). */
  async fetchMembers(listId: string, o: CallOptions = {}): Promise<void> {
    if (this.membersOf.has(listId)) return;
    this.membersOf.set(listId, new Set(await this.api.allListMemberIds(listId, o)));
  }

  /** After a change to a list's members: what was learned about it is stale. */
  forgetList(listId: string): void {
    this.membersOf.delete(listId);
    for (const [id, lists] of this.membershipsOf) if (lists.has(listId)) this.membershipsOf.delete(id);
  }
}

/** Requests needed to learn about `candidates` contacts of a list of `size` members, both ways. */
export function membershipCost(size: number | undefined, candidates: number): { pages: number; batches: number } {
  const batches = Math.ceil(candidates / MEMBERSHIP_BATCH);
  // Unknown size: assume paging is the dearer way (a list can be huge).
  const pages = size === undefined || !Number.isFinite(size) ? Infinity : Math.max(1, Math.ceil(size / MEMBERSHIP_PAGE));
  return { pages, batches };
}
