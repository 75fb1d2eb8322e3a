// Workflows are the other road to a postal mailing: a contact workflow enrols
// contacts by filters of the list grammar and adds them to mailing lists. This module reads a
// workflow's enrolment as branches and analyses them with the list analysis (analyze.ts), so a
// workflow gets the same sound three-valued verdict and the same witnesses as a list. Pure.
//
// Enrolment branches (docs/hubspot-workflows.md, "Assumed", sound readings):
//   - LIST_BASED: the children of listFilterBranch's root OR (branch 0…n-1), then each
//     re-enrolment trigger (branch n+k) when re-enrolment is on: re-enrolment is enrolment too;
//   - EVENT_BASED: each event branch, then each list-membership branch, ANDed with the refinement
//     criteria when there are any;
//   - MANUAL and types we do not know: anyone may be enrolled (one branch that "may" pass).
// A contact in a suppression list is never enrolled: every branch is analysed as
// "branch AND NOT_IN_LIST s" for each suppression list s. An active suppression list whose filter
// implies the block thus covers every branch (the analysis evaluates it on the same contact); a
// static one leaves the leak, and the audit checks its members today (workflowAudit.ts).
import { analyzeFilter, rootChildren, type BranchVerdict, type ListResolver } from './analyze';
import type { Filter, FilterBranch } from './filter-types';
import { isFilterBranch } from './filters';
import { exclusionFilter, fixFilterBranch, withExclusion } from './fix';

/** Enrolment criteria as the automation v4 API sends them (loosely: types HubSpot adds later pass). */
export interface EnrollmentCriteriaLike {
  type: string;
  shouldReEnroll?: boolean;
  listFilterBranch?: FilterBranch;
  reEnrollmentTriggersFilterBranches?: FilterBranch[];
  eventFilterBranches?: FilterBranch[];
  listMembershipFilterBranches?: FilterBranch[];
  refinementCriteria?: FilterBranch;
  [k: string]: unknown;
}

/** What the analysis needs of a flow. */
export interface FlowLike {
  enrollmentCriteria?: EnrollmentCriteriaLike;
  suppressionListIds?: readonly string[];
}

export type EnrollmentSource = 'enrollment' | 're-enrollment' | 'event' | 'list-membership' | 'manual';

export interface EnrollmentBranch {
  /** Index in the workflow's findings (`branch` of a leak). */
  index: number;
  source: EnrollmentSource;
  /** Position within its source (child of the root OR, trigger, event branch). */
  position: number;
  node: Filter | FilterBranch;
}

/** Stands for "someone enrols the contact by hand": nothing about its properties is known. */
export const MANUAL_ENROLLMENT: Filter = { filterType: 'MANUAL_ENROLLMENT' };

const and = (filters: Filter[], branches: FilterBranch[]): FilterBranch => ({
  filterBranchType: 'AND',
  filterBranchOperator: 'AND',
  filters,
  filterBranches: branches,
});

/** The ways a contact can be enrolled, numbered as findings number them. */
export function enrollmentBranches(criteria: EnrollmentCriteriaLike | undefined): EnrollmentBranch[] {
  const out: EnrollmentBranch[] = [];
  const push = (source: EnrollmentSource, position: number, node: Filter | FilterBranch) => out.push({ index: out.length, source, position, node });
  const type = criteria?.type;
  if (type === 'LIST_BASED' && criteria && isFilterBranch(criteria.listFilterBranch)) {
    rootChildren(criteria.listFilterBranch).forEach((c, i) => push('enrollment', i, c));
    if (criteria.shouldReEnroll !== false) {
      (criteria.reEnrollmentTriggersFilterBranches ?? []).forEach((t, i) => push('re-enrollment', i, isFilterBranch(t) ? t : MANUAL_ENROLLMENT));
    }
    return out;
  }
  if (type === 'EVENT_BASED' && criteria) {
    const refine = isFilterBranch(criteria.refinementCriteria) ? criteria.refinementCriteria : undefined;
    const withRefinement = (b: unknown): Filter | FilterBranch => {
      const node = isFilterBranch(b) ? b : MANUAL_ENROLLMENT;
      return refine ? and([], [isFilterBranch(node) ? node : and([node], []), refine]) : node;
    };
    (criteria.eventFilterBranches ?? []).forEach((b, i) => push('event', i, withRefinement(b)));
    (criteria.listMembershipFilterBranches ?? []).forEach((b, i) => push('list-membership', i, withRefinement(b)));
    return out;
  }
  // MANUAL, DATASET_BASED, a LIST_BASED flow without filters, or no criteria at all.
  push('manual', 0, MANUAL_ENROLLMENT);
  return out;
}

/** Each branch with "and not in any suppression list", as children of one OR (same indices). */
export function enrollmentRoot(flow: FlowLike): { root: FilterBranch; branches: EnrollmentBranch[] } {
  const branches = enrollmentBranches(flow.enrollmentCriteria);
  const suppression: Filter[] = [...new Set(flow.suppressionListIds ?? [])].map((listId) => ({ filterType: 'IN_LIST', listId, operator: 'NOT_IN_LIST' }));
  const children = branches.map((b) => (isFilterBranch(b.node) ? and(suppression, [b.node]) : and([b.node, ...suppression], [])));
  return { root: { filterBranchType: 'OR', filterBranchOperator: 'OR', filters: [], filterBranches: children }, branches };
}

export interface WorkflowVerdict extends BranchVerdict {
  source: EnrollmentSource;
}

/** Per enrolment branch and brand: can a contact blocked for the brand be enrolled? */
export function analyzeWorkflow(flow: FlowLike, opts: { blockProperty: string; brands: string[]; resolveList?: ListResolver; searchBudget?: number }): WorkflowVerdict[] {
  const { root, branches } = enrollmentRoot(flow);
  return analyzeFilter(root, opts).map((v) => ({ ...v, source: branches[v.branch]!.source }));
}

/**
 * The criteria change that closes the leaks: the exclusion of the leaking brands added to each
 * leaking enrolment branch (and re-enrolment trigger); for event-based enrolment, to the refinement
 * criteria (every event branch passes through it). Null when only a suppression list can help
 * (manual enrolment). Pure; the flow given is not touched.
 */
export function fixEnrollment<C extends EnrollmentCriteriaLike>(criteria: C | undefined, leaks: readonly { branch: number; brand: string }[], blockProperty: string): C | null {
  if (!criteria) return null;
  const branches = enrollmentBranches(criteria);
  const bySource = (s: EnrollmentSource) => leaks.filter((l) => branches[l.branch]?.source === s);
  if (leaks.some((l) => branches[l.branch]?.source === 'manual')) return null;
  const next = structuredClone(criteria);
  if (criteria.type === 'LIST_BASED' && isFilterBranch(criteria.listFilterBranch)) {
    const enrol = bySource('enrollment').map((l) => ({ branch: branches[l.branch]!.position, brand: l.brand }));
    if (enrol.length) next.listFilterBranch = fixFilterBranch(criteria.listFilterBranch, enrol, blockProperty);
    const triggers = bySource('re-enrollment');
    if (triggers.length && Array.isArray(criteria.reEnrollmentTriggersFilterBranches)) {
      next.reEnrollmentTriggersFilterBranches = criteria.reEnrollmentTriggersFilterBranches.map((t, i) => {
        const brands = [...new Set(triggers.filter((l) => branches[l.branch]!.position === i).map((l) => l.brand))];
        return brands.length ? withExclusion(t, exclusionFilter(blockProperty, brands)) : structuredClone(t);
      });
    }
    return next;
  }
  if (criteria.type === 'EVENT_BASED') {
    const brands = [...new Set(leaks.map((l) => l.brand))];
    if (brands.length === 0) return next;
    const ex = exclusionFilter(blockProperty, brands);
    next.refinementCriteria = isFilterBranch(criteria.refinementCriteria)
      ? withExclusion(criteria.refinementCriteria, ex)
      : { filterBranchType: 'AND', filterBranchOperator: 'AND', filters: [ex], filterBranches: [] };
    return next;
  }
  return null;
}
