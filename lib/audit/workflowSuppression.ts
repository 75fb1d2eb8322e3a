// The other way to fix a workflow: the portal's suppression list for the brand. A contact in a
// suppression list is never enrolled, whatever the enrolment (manual enrolment included), so an
// ACTIVE contact list that holds every contact blocked for the brand closes every leak of that
// brand. Which lists qualify is decided by the very analysis the workflow audit uses for the
// suppression lists a workflow already has (workflow.ts): a workflow enrolling anyone by hand,
// with the list as its only suppression list, must be covered for the brand. Static lists never
// qualify (new blocks do not join them); active lists whose filter does not provably hold every
// blocked contact neither.
import type { HubspotList } from '../hubspot/api';
import type { ListResolver } from './analyze';
import type { FilterBranch } from './filter-types';
import { branchChildren, isFilterBranch, parseFilter } from './filters';
import { CONTACT_OBJECT_TYPE, type AuditRun } from './listAudit';
import { analyzeWorkflow, enrollmentRoot } from './workflow';

/** An active list that holds every contact blocked for `brands`. */
export interface SuppressionCandidate {
  listId: string;
  name: string;
  /** Of the brands asked, those every blocked contact of which is in the list. */
  brands: string[];
  /** The list's filter is exactly "block property is any of <exactBrands>", nothing else. */
  exactBrands?: string[];
}

/**
 * The brands (of `brands`) for which the list holds every blocked contact: a manual-enrolment
 * workflow with only this suppression list is covered for the brand. Needs the list (and the lists
 * its filter references) known to `resolveList`.
 */
export function brandsHeldBy(listId: string, brands: readonly string[], blockProperty: string, resolveList: ListResolver): string[] {
  const l = resolveList(listId);
  if (!l || l.processingType !== 'DYNAMIC' || !l.filterBranch || brands.length === 0) return [];
  const verdicts = analyzeWorkflow({ suppressionListIds: [listId] }, { blockProperty, brands: [...brands], resolveList });
  return brands.filter((b) => verdicts.filter((v) => v.brand === b).every((v) => v.covered));
}

/**
 * The brands a filter names when it is exactly the block condition: an OR of (AND branches of one)
 * filter(s) "block property is any of …" (or "contains all of" one brand), nothing else. Null for
 * any other filter.
 */
export function exactBlockBrands(branch: FilterBranch | undefined, blockProperty: string): string[] | null {
  if (!branch) return null;
  const brands = new Set<string>();
  const visit = (n: unknown): boolean => {
    if (isFilterBranch(n)) {
      const children = branchChildren(n);
      if (n.filterBranchType === 'OR') return children.length > 0 && children.every(visit);
      if (n.filterBranchType === 'AND') return children.length === 1 && visit(children[0]);
      return false;
    }
    const p = parseFilter(n);
    if (p.kind !== 'set' || p.property !== blockProperty || p.includeNoValue === true || p.values.length === 0) return false;
    if (p.operator === 'IS_ANY_OF' || (p.operator === 'CONTAINS_ALL' && p.values.length === 1)) {
      for (const v of p.values) brands.add(v);
      return true;
    }
    return false;
  };
  return visit(branch) ? [...brands].sort() : null;
}

/**
 * The lists to add, fewest and most fitting first: a list exactly the block condition of brands
 * the workflow is audited for is preferred over any other; then the one covering most of the
 * brands still open; then the lowest id. Null when some brand has no list.
 */
export function chooseSuppressionLists(candidates: readonly SuppressionCandidate[], leakingBrands: readonly string[], auditedBrands: readonly string[]): SuppressionCandidate[] | null {
  const audited = new Set(auditedBrands);
  const fits = (c: SuppressionCandidate) => (c.exactBrands && c.exactBrands.every((b) => audited.has(b)) ? 1 : 0);
  const open = new Set(leakingBrands);
  const chosen: SuppressionCandidate[] = [];
  while (open.size > 0) {
    const ranked = candidates
      .filter((c) => !chosen.includes(c) && c.brands.some((b) => open.has(b)))
      .map((c) => ({ c, fits: fits(c), covers: c.brands.filter((b) => open.has(b)).length }))
      .sort((a, b) => b.fits - a.fits || b.covers - a.covers || Number(a.c.listId) - Number(b.c.listId) || a.c.listId.localeCompare(b.c.listId));
    const best = ranked[0];
    if (!best) return null;
    chosen.push(best.c);
    for (const b of best.c.brands) open.delete(b);
  }
  return chosen;
}

/** The active contact lists of the portal that hold every contact blocked for one of `brands`. */
export async function findSuppressionCandidates(run: AuditRun, brands: readonly string[], exclude: readonly string[]): Promise<SuppressionCandidate[]> {
  if (brands.length === 0) return [];
  const skip = new Set(exclude);
  const lists: HubspotList[] = (await run.api.allLists({ ...run.call, processingTypes: ['DYNAMIC'] })).filter(
    (l) => l.processingType === 'DYNAMIC' && l.objectTypeId === CONTACT_OBJECT_TYPE && !l.deletedAt && !skip.has(l.listId),
  );
  if (lists.length === 0) return [];
  for (const l of lists) run.lists.remember(l, false);
  // Their filters, and the lists those reference, in batches.
  const { root } = enrollmentRoot({ suppressionListIds: lists.map((l) => l.listId) });
  await run.lists.resolveReferences(root, run.call);
  const resolver = run.lists.resolver();
  const out: SuppressionCandidate[] = [];
  for (const l of lists) {
    const held = brandsHeldBy(l.listId, brands, run.setup.blockProperty, resolver);
    if (held.length === 0) continue;
    const known = run.lists.known(l.listId);
    const exact = exactBlockBrands(known?.filterBranch, run.setup.blockProperty);
    out.push({ listId: l.listId, name: known?.name ?? l.name, brands: held, ...(exact ? { exactBrands: exact } : {}) });
  }
  return out;
}
