// The workflow fix plan as it crosses the port (panel ⇄ gateway): made by workflowFix.ts, shown
// and confirmed by the workflow panel. Pure and free of engine imports, for the content script.

export type WorkflowFixMethod = 'enrollment' | 'suppression';

export interface WorkflowFixPlan {
  flowId: string;
  /** The revision the plan was made from; the write is sent with it. */
  revisionId: string;
  brands: string[];
  /** The enrolment branches that get the exclusion. */
  branches: number[];
  /** The criteria that would be sent; absent when no filter can close the leak (manual enrolment). */
  enrollmentCriteria?: Record<string, unknown>;
  /** The alternative: active lists to add to the flow's suppression lists (each holds every contact
   *  blocked for its `brands`); absent when no list in the portal qualifies. */
  suppression?: { listIds: string[]; lists: { listId: string; name: string; brands: string[]; exact: boolean }[] };
  /** Leaking brands no active list of the portal holds every blocked contact of (no alternative). */
  suppressionMissing?: { brands: string[]; propertyLabel: string };
  /** The way to apply, chosen by the user at the confirmation (default: the criteria when planned). */
  method?: WorkflowFixMethod;
}

/** The way a plan is applied: the user's choice, else the criteria when there are any, else the
 *  suppression list; null when the plan can write nothing. */
export function fixMethod(plan: WorkflowFixPlan): WorkflowFixMethod | null {
  if (plan.method === 'suppression') return plan.suppression ? 'suppression' : null;
  if (plan.method === 'enrollment') return plan.enrollmentCriteria ? 'enrollment' : null;
  return plan.enrollmentCriteria ? 'enrollment' : plan.suppression ? 'suppression' : null;
}

/** The ways a plan offers, in the order the confirmation shows them. */
export function fixMethods(plan: WorkflowFixPlan): WorkflowFixMethod[] {
  return [...(plan.enrollmentCriteria ? (['enrollment'] as const) : []), ...(plan.suppression ? (['suppression'] as const) : [])];
}
