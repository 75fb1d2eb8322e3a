// The lists an audit needs to know: the audited ones and every list their filters reference
// (IN_LIST / NOT_IN_LIST), recursively. Each list is fetched at most once per directory, in batches
// (getLists, 100 ids per request), and a portal audit seeds it with what the list search already
// returned, so resolving references usually costs nothing. analyzeFilter's resolver is synchronous:
// `resolveReferences()` fetches first, `resolver()` then answers from memory.
import type { CallOptions, HubspotApi, HubspotList } from '../hubspot/api';
import type { ListResolver } from './analyze';
import type { Filter, FilterBranch } from './filter-types';
import { BOOLEAN_BRANCHES, branchChildren, isFilterBranch, parseFilter } from './filters';

/** Ids of the lists an (evaluated part of a) filter tree references; lists under other branch types are never resolved, so not fetched either. */
export function referencedListIds(node: Filter | FilterBranch | undefined): string[] {
  const out = new Set<string>();
  const visit = (n: Filter | FilterBranch) => {
    if (isFilterBranch(n)) {
      if (!BOOLEAN_BRANCHES.has(n.filterBranchType)) return;
      for (const c of branchChildren(n)) visit(c);
      return;
    }
    const p = parseFilter(n);
    if (p.kind === 'in-list') out.add(p.listId);
  };
  if (node) visit(node);
  return [...out];
}

interface Entry {
  /** null: HubSpot does not know the list. */
  list: HubspotList | null;
  /** The entry came with filters (list search results do not). */
  withFilters: boolean;
}

export class ListDirectory {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly api: HubspotApi) {}

  /** Remembers a list fetched elsewhere; `withFilters` false for list search results. */
  remember(list: HubspotList, withFilters: boolean): void {
    const had = this.entries.get(list.listId);
    if (had?.withFilters && !withFilters) return; // never replace a full entry by a partial one
    this.entries.set(list.listId, { list, withFilters });
  }

  /** After a change to a list (a fix): the next use fetches it again. */
  forget(listId: string): void {
    this.entries.delete(listId);
  }

  /** The list as known (undefined: not fetched yet; null: does not exist). */
  known(listId: string): HubspotList | null | undefined {
    return this.entries.get(listId)?.list;
  }

  /** Known well enough for the analysis: static lists need only their type, active ones their filters. */
  private complete(id: string): boolean {
    const e = this.entries.get(id);
    if (!e) return false;
    return e.list === null || e.withFilters || e.list.processingType !== 'DYNAMIC';
  }

  /** Fetches, in batches, the lists not yet known well enough. Missing ones are remembered as null. */
  async load(ids: readonly string[], o: CallOptions = {}): Promise<void> {
    const need = [...new Set(ids)].filter((id) => !this.complete(id));
    if (need.length === 0) return;
    const found = await this.api.getLists(need, o);
    for (const l of found) this.remember(l, true);
    for (const id of need) if (!this.entries.has(id)) this.entries.set(id, { list: null, withFilters: true });
  }

  /** One list, with its filters when it is active (a request only when not known well enough). */
  async get(listId: string, o: CallOptions = {}): Promise<HubspotList | null> {
    if (this.complete(listId)) return this.entries.get(listId)!.list;
    const list = await this.api.getList(listId, o);
    this.entries.set(listId, { list, withFilters: true });
    return list;
  }

  /**
   * Makes every list reachable from `root` through IN_LIST / NOT_IN_LIST filters known, level by
   * level (one batch per level). Cycle-safe: a list already known is not fetched again.
   */
  async resolveReferences(root: FilterBranch, o: CallOptions = {}): Promise<void> {
    const visited = new Set<string>();
    let frontier = referencedListIds(root);
    while (frontier.length > 0) {
      await this.load(frontier, o);
      const next: string[] = [];
      for (const id of frontier) {
        if (visited.has(id)) continue;
        visited.add(id);
        const l = this.entries.get(id)?.list;
        if (l && l.processingType === 'DYNAMIC') next.push(...referencedListIds(l.filterBranch));
      }
      frontier = [...new Set(next)].filter((id) => !visited.has(id));
    }
  }

  /** analyzeFilter's resolver: answers from memory (unknown lists are free variables there). */
  resolver(): ListResolver {
    return (id) => {
      const l = this.entries.get(id)?.list;
      if (!l) return undefined;
      return l.filterBranch ? { processingType: l.processingType, filterBranch: l.filterBranch } : { processingType: l.processingType };
    };
  }

  /** Name of a known list, for human summaries ("nicht in Liste Sperrliste Post"). */
  name(listId: string): string | undefined {
    return this.entries.get(listId)?.list?.name;
  }
}
