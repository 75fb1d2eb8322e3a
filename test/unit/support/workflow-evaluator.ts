// REFERENCE EVALUATOR of workflow enrolment over one concrete contact, for tests. Independent of
// lib/audit: it reads the automation v4 criteria the plain way (docs/hubspot-workflows.md,
// "Assumed") and evaluates filters with the list reference evaluator.
import { eventKey, passes, rootChildrenOf, type EvalContact, type EvalOptions } from './filter-evaluator';

type Obj = Record<string, unknown>;

/** What a contact's manual enrolment depends on: a truth the test chooses (contact.events). */
export const MANUAL_KEY = eventKey({ filterType: 'MANUAL_ENROLLMENT' });

function member(listId: string, c: EvalContact, o: EvalOptions): boolean {
  return passes({ filterType: 'IN_LIST', listId, operator: 'IN_LIST' }, c, o);
}

export function suppressed(flow: Obj, c: EvalContact, o: EvalOptions): boolean {
  const ids = (flow.suppressionListIds as unknown[] | undefined) ?? [];
  return ids.some((id) => member(String(id), c, o));
}

/** The ways to enrol, in the order findings number them (LIST_BASED: root children, then
 *  triggers; EVENT_BASED: events, then list memberships). Each is a test of the contact. */
export function enrolmentTests(flow: Obj): ((c: EvalContact, o: EvalOptions) => boolean)[] {
  const cr = (flow.enrollmentCriteria ?? {}) as Obj;
  if (cr.type === 'LIST_BASED' && cr.listFilterBranch && typeof (cr.listFilterBranch as Obj).filterBranchType === 'string') {
    const kids = rootChildrenOf(cr.listFilterBranch).map((k) => (c: EvalContact, o: EvalOptions) => passes(k, c, o));
    const triggers = cr.shouldReEnroll === false ? [] : ((cr.reEnrollmentTriggersFilterBranches as unknown[]) ?? []);
    return [...kids, ...triggers.map((t) => (c: EvalContact, o: EvalOptions) => passes(t, c, o))];
  }
  if (cr.type === 'EVENT_BASED') {
    const refine = cr.refinementCriteria;
    const ok = (b: unknown) => (c: EvalContact, o: EvalOptions) => passes(b, c, o) && (refine === undefined || passes(refine, c, o));
    return [...((cr.eventFilterBranches as unknown[]) ?? []), ...((cr.listMembershipFilterBranches as unknown[]) ?? [])].map(ok);
  }
  return [(c) => c.events[MANUAL_KEY] === true];
}

/** Is the contact enrolled (by some way, and in no suppression list)? */
export function enrolled(flow: Obj, c: EvalContact, o: EvalOptions = {}): boolean {
  return !suppressed(flow, c, o) && enrolmentTests(flow).some((t) => t(c, o));
}
