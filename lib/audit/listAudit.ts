// The list audit engine (docs/domain.md rule 5), one for the list page, the options page and the command
// line: pure orchestration over a HubspotApi, no browser, no storage.
//   - active (DYNAMIC) lists: the sound filter analysis (analyze.ts), with every referenced list
//     resolved first (ListDirectory), leaks described in the caller's language (describe.ts);
//   - static (MANUAL, SNAPSHOT) lists: the blocked contacts of the portal (BlockedIndex, fetched
//     once), and of those blocked for the list's brands, which are members. Cost follows the number
//     of blocked contacts, not the list size;
//   - lists of other objects are skipped (compliant, nothing to find).
import type { CallOptions, HubspotApi, HubspotList, RetryEvent } from '../hubspot/api';
import { GatewayError, type Say } from '../hubspot/errors';
import type { Translator } from '../i18n';
import { analyzeFilter, rootChildren, type BranchVerdict } from './analyze';
import { BlockedIndex, membershipCost } from './blockedIndex';
import { describeBranch, describeWitness, type DescribeContext } from './describe';
import type { Filter, FilterBranch } from './filter-types';
import { isFilterBranch } from './filters';
import { detectListBrands } from './listBrands';
import { ListDirectory } from './listDirectory';
import type { BranchLeak, BrandSource, ListAudit, MemberLeak, Progress } from './types';

export const CONTACT_OBJECT_TYPE = '0-1';

/** What every audit needs to know about the portal and the caller. */
export interface AuditSetup {
  /** Internal name of "Post Sperre Marken". */
  blockProperty: string;
  /** Internal name of "Grund Post Sperre" (finds blocks without a reason). */
  reasonProperty?: string;
  /** Label of the block property, for summaries (default: its internal name). */
  blockPropertyLabel?: string;
  /** Labels of other contact properties by internal name, for summaries ("Land/Region ist DE"). */
  propertyLabels?: Readonly<Record<string, string>>;
  /** Every option of the block property: the brands. */
  catalog: readonly { value: string; label: string }[];
  /** Brand families (their names in a list name stand for all their brands). */
  families: readonly { name: string; brands: string[] }[];
  /** The caller's language: summaries, progress and errors speak it. */
  tr: Translator;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
  onRetry?: (e: RetryEvent) => void;
}

export interface AuditListOptions extends AuditSetup {
  listId: string;
  /** Brands to audit for instead of detecting them (the user's choice or an argument). */
  brandsOverride?: readonly string[];
  /** How the override came about (default 'argument'). */
  brandSource?: Extract<BrandSource, 'chosen' | 'argument'>;
  /** Shared blocked contacts (a portal audit passes one for all lists). */
  blocked?: BlockedIndex;
  /** Shared list directory (a portal audit passes one for all lists). */
  lists?: ListDirectory;
}

/** What one audit run shares between its lists. */
export interface AuditRun {
  api: HubspotApi;
  setup: AuditSetup;
  call: CallOptions;
  blocked: BlockedIndex;
  lists: ListDirectory;
}

export function callOptions(setup: AuditSetup): CallOptions {
  return { ...(setup.signal ? { signal: setup.signal } : {}), ...(setup.onRetry ? { onRetry: setup.onRetry } : {}) };
}

export function newRun(api: HubspotApi, setup: AuditSetup, shared: { blocked?: BlockedIndex; lists?: ListDirectory } = {}): AuditRun {
  return {
    api,
    setup,
    call: callOptions(setup),
    blocked: shared.blocked ?? new BlockedIndex(api, { blockProperty: setup.blockProperty, ...(setup.reasonProperty ? { reasonProperty: setup.reasonProperty } : {}) }),
    lists: shared.lists ?? new ListDirectory(api),
  };
}

/** The brands a list is audited for, and why (docs/domain.md rule 5: unknown → every brand, strictest). */
export function listBrands(
  name: string,
  setup: Pick<AuditSetup, 'catalog' | 'families'>,
  override?: readonly string[],
  overrideSource: Extract<BrandSource, 'chosen' | 'argument'> = 'argument',
): { brands: string[]; brandSource: BrandSource } {
  const detected = detectListBrands(name, [...setup.catalog], [...setup.families]);
  const natural = detected.length > 0 ? { brands: detected, brandSource: 'detected' as const } : { brands: setup.catalog.map((b) => b.value), brandSource: 'all' as const };
  if (!override || override.length === 0) return natural;
  const brands = [...new Set(override)];
  // Callers pass back the brands they were shown (plan, apply): still "detected" / "all" then.
  const same = brands.length === natural.brands.length && brands.every((b) => natural.brands.includes(b));
  if (overrideSource === 'argument' && same) return natural;
  return { brands, brandSource: overrideSource };
}

export function listNotFound(listId: string, t: Say): GatewayError {
  return new GatewayError('invalid-response', t('errorListNotFound', listId), { status: 404, reason: 'not-found' });
}

/** Audits one list: fetches it, then as auditLoadedList. */
export async function auditList(api: HubspotApi, opts: AuditListOptions): Promise<ListAudit> {
  const run = newRun(api, opts, opts);
  opts.onProgress?.({ done: 0, total: null, label: opts.tr.t('auditProgressList') });
  const list = await run.lists.get(opts.listId, run.call);
  if (!list) throw listNotFound(opts.listId, opts.tr.t);
  const { brands, brandSource } = listBrands(list.name, opts, opts.brandsOverride, opts.brandSource);
  return auditLoadedList(run, list, brands, brandSource);
}

/** Audits a list already fetched (active lists: with filters). Throws on API errors. */
export async function auditLoadedList(run: AuditRun, list: HubspotList, brands: string[], brandSource: BrandSource): Promise<ListAudit> {
  const base: ListAudit = {
    listId: list.listId,
    name: list.name,
    processingType: list.processingType,
    objectTypeId: list.objectTypeId,
    brands,
    brandSource,
    compliant: true,
    leaks: [],
    availableBrands: run.setup.catalog.map((b) => ({ value: b.value, label: b.label })),
    ...(list.size !== undefined ? { size: list.size } : {}),
  };
  if (list.objectTypeId !== CONTACT_OBJECT_TYPE) return { ...base, skipped: 'not-contacts' };
  if (brands.length === 0) return base; // a portal without brands: nothing can be blocked
  const leaks = list.processingType === 'DYNAMIC' ? await activeListLeaks(run, list, brands) : await staticListLeaks(run, list, brands);
  return { ...base, compliant: leaks.length === 0, leaks };
}

// ---------------------------------------------------------------------------------------------
// Active lists

export function describeContext(run: AuditRun): DescribeContext {
  const { setup } = run;
  const labels = new Map(setup.catalog.map((b) => [b.value, b.label]));
  return {
    lang: setup.tr.lang,
    blockProperty: setup.blockProperty,
    brandLabel: (v) => labels.get(v) ?? v,
    propertyLabel: (name) => (name === setup.blockProperty ? (setup.blockPropertyLabel ?? name) : (setup.propertyLabels?.[name] ?? name)),
    listLabel: (id) => {
      const name = run.lists.name(id);
      return name ? `„${name}“ (${id})` : id;
    },
  };
}

/** A root child as a branch, so describeBranch can word it (a bare filter reads the same inside AND). */
export function asBranch(child: Filter | FilterBranch): FilterBranch {
  return isFilterBranch(child) ? child : { filterBranchType: 'AND', filterBranchOperator: 'AND', filters: [child], filterBranches: [] };
}

async function activeListLeaks(run: AuditRun, list: HubspotList, brands: string[]): Promise<BranchLeak[]> {
  const root = list.filterBranch;
  if (!root) throw new GatewayError('invalid-response', run.setup.tr.t('errorListNoFilters', list.listId), { reason: 'schema' });
  run.setup.onProgress?.({ done: 0, total: null, label: run.setup.tr.t('auditProgressFilters') });
  run.lists.remember(list, true);
  await run.lists.resolveReferences(root, run.call);
  const verdicts = analyzeFilter(root, { blockProperty: run.setup.blockProperty, brands, resolveList: run.lists.resolver() });
  return branchLeaks(run, root, verdicts);
}

function branchLeaks(run: AuditRun, root: FilterBranch, verdicts: BranchVerdict[]): BranchLeak[] {
  const ctx = describeContext(run);
  const children = rootChildren(root);
  const out: BranchLeak[] = [];
  for (const v of verdicts) {
    if (v.covered) continue;
    const witness = v.witness ?? {};
    const child = children[v.branch];
    out.push({
      kind: 'filter-branch',
      branch: v.branch,
      brand: v.brand,
      witness,
      ...(child ? { branchSummary: describeBranch(asBranch(child), ctx) } : {}),
      witnessSummary: describeWitness(witness, ctx),
      ...(v.reasons?.length ? { reasons: v.reasons } : {}),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Static lists

/** Loads the blocked contacts once per run, with progress. */
export async function loadBlocked(run: AuditRun): Promise<void> {
  if (run.blocked.loaded) return;
  const label = run.setup.tr.t('auditProgressBlocked');
  run.setup.onProgress?.({ done: 0, total: null, label });
  await run.blocked.load({ ...run.call, onPage: (done, total) => run.setup.onProgress?.({ done, total, label }) });
}

/** Members blocked for the brands, by membership (any list the memberships API serves, active ones too). */
export async function staticListLeaks(run: AuditRun, list: HubspotList, brands: string[]): Promise<MemberLeak[]> {
  await loadBlocked(run);
  const candidates = run.blocked.blockedFor(brands);
  if (candidates.length === 0) return [];
  const unknown = candidates.filter((c) => !run.blocked.knows(list.listId, c.id)).map((c) => c.id);
  if (unknown.length > 0) {
    run.setup.onProgress?.({ done: 0, total: null, label: run.setup.tr.t('auditProgressMemberships') });
    const { pages, batches } = membershipCost(list.size, unknown.length);
    // Paging is worth it only for a list smaller than the blocked crowd; batch answers are shared.
    if (pages < batches) await run.blocked.fetchMembers(list.listId, run.call);
    else await run.blocked.fetchMemberships(unknown, run.call);
  }
  const out: MemberLeak[] = [];
  for (const c of candidates) {
    if (!run.blocked.isMember(list.listId, c.id)) continue;
    for (const brand of brands) {
      if (c.brands.includes(brand)) out.push({ kind: 'member', recordId: c.id, brand, ...(c.name ? { name: c.name } : {}) });
    }
  }
  return out;
}
