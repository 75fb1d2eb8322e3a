// The one change that closes a filter leak (docs/domain.md rule 6): add, to each leaking child of the
// root OR, one filter "block property is none of <its leaking brands>" that also keeps contacts
// without any block. Pure: returns a new tree and leaves the input untouched.

import type { Filter, FilterBranch } from './filter-types';
import { isFilterBranch } from './filters';

/** PROPERTY / ENUMERATION / IS_NONE_OF brands; contacts without a value stay in. */
export function exclusionFilter(blockProperty: string, brands: string[]): Filter {
  return {
    filterType: 'PROPERTY',
    property: blockProperty,
    operation: {
      operationType: 'ENUMERATION',
      operator: 'IS_NONE_OF',
      values: [...new Set(brands)],
      includeObjectsWithNoValueSet: true,
    },
  };
}

function clone<T>(x: T): T {
  return structuredClone(x);
}

/** `child` AND the exclusion: appended to an AND branch, otherwise a new AND around the child. */
export function withExclusion(child: Filter | FilterBranch, exclusion: Filter): FilterBranch {
  if (isFilterBranch(child) && child.filterBranchType === 'AND') {
    const c = clone(child);
    return { ...c, filters: [...(Array.isArray(c.filters) ? c.filters : []), exclusion] };
  }
  if (isFilterBranch(child)) {
    return { filterBranchType: 'AND', filterBranchOperator: 'AND', filters: [exclusion], filterBranches: [clone(child)] };
  }
  return { filterBranchType: 'AND', filterBranchOperator: 'AND', filters: [clone(child), exclusion], filterBranches: [] };
}

/**
 * Adds to each leaking child of the root OR one exclusion of that child's leaking brands.
 * Child indices (see analyzeFilter) stay the same. A root that is not an OR (analysed as child 0)
 * comes back as an OR with one AND child, the shape HubSpot expects.
 */
export function fixFilterBranch(root: FilterBranch, leaks: { branch: number; brand: string }[], blockProperty: string): FilterBranch {
  const byBranch = new Map<number, string[]>();
  for (const l of leaks) {
    const list = byBranch.get(l.branch) ?? [];
    if (!list.includes(l.brand)) list.push(l.brand);
    byBranch.set(l.branch, list);
  }
  const exclusionFor = (i: number) => {
    const brands = byBranch.get(i);
    return brands && brands.length ? exclusionFilter(blockProperty, brands) : undefined;
  };

  if (root.filterBranchType !== 'OR') {
    const ex = exclusionFor(0);
    if (!ex) return clone(root);
    return { filterBranchType: 'OR', filterBranchOperator: 'OR', filters: [], filterBranches: [withExclusion(root, ex)] };
  }

  const out = clone(root);
  const branches = Array.isArray(root.filterBranches) ? root.filterBranches : [];
  const filters = Array.isArray(root.filters) ? root.filters : [];
  out.filterBranches = branches.map((b, i) => {
    const ex = exclusionFor(i);
    return ex ? withExclusion(b, ex) : clone(b);
  });
  // Filters directly under the root come after its branches in the numbering. To keep indices,
  // all of them become AND branches (same meaning) once one of them needs the exclusion.
  const needsDirect = filters.some((_, j) => exclusionFor(branches.length + j));
  if (needsDirect) {
    out.filters = [];
    for (const [j, f] of filters.entries()) {
      const ex = exclusionFor(branches.length + j);
      out.filterBranches.push(
        ex ? withExclusion(f, ex) : { filterBranchType: 'AND', filterBranchOperator: 'AND', filters: [clone(f)], filterBranches: [] },
      );
    }
  }
  return out;
}

/** Convenience for callers that show the fix: the children the fix touches. */
export function fixedBranches(leaks: { branch: number }[]): number[] {
  return [...new Set(leaks.map((l) => l.branch))].sort((a, b) => a - b);
}
