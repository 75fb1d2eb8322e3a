// Fixing a list (docs/domain.md rule 6: "the one change that fixes it"), in two explicit steps: a plan
// the user sees and confirms, then applying it. Nothing is written without applyListFix.
//   - active lists: the filter with "block property is none of <leaking brands>" added to each
//     leaking root branch (fix.ts), sent with update-list-filters;
//   - static lists: the blocked members removed from the list (the contacts themselves stay).
// applyListFix plans again from HubSpot's current state and writes only what the confirmed plan
// says: a filter that changed in the meantime is refused (never clobber someone else's edit), and
// only contacts that are still blocked members are removed.
import type { FilterBranch as HubspotFilterBranch, HubspotApi } from '../hubspot/api';
import { GatewayError, isGatewayError, toErrorData } from '../hubspot/errors';
import { gatewayError } from '../hubspot/messages';
import { analyzeFilter, type ListResolver } from './analyze';
import type { FilterBranch } from './filter-types';
import { fingerprint } from './filters';
import { fixedBranches, fixFilterBranch } from './fix';
import { auditList, auditLoadedList, listBrands, listNotFound, newRun, type AuditListOptions } from './listAudit';
import type { ListAudit, MemberLeak } from './types';

/** The change that would be sent (structurally GatewayApi's ListFixPlan). */
export interface ListFixPlan {
  listId: string;
  processingType: string;
  /** Active lists: the filterBranch that would be sent. */
  filterBranch?: FilterBranch;
  /** Active lists: the root branches that get the exclusion. */
  branches?: number[];
  /** Active lists: fixed branches that no contact can pass any more (they selected blocked
   *  contacts, e.g. "is any of X"): the list would lose those branches' contacts entirely. */
  emptiedBranches?: number[];
  /** Static lists: the record ids that would be removed. */
  removeRecordIds?: string[];
  brands: string[];
}

export const LISTS_WRITE_SCOPE = 'crm.lists.write';

/** The plan of a list's fix, from a fresh audit (also returned, for the caller to show). */
export async function planListFix(api: HubspotApi, opts: AuditListOptions): Promise<{ plan: ListFixPlan; audit: ListAudit }> {
  const run = newRun(api, opts, opts);
  const list = await run.lists.get(opts.listId, run.call);
  if (!list) throw listNotFound(opts.listId, opts.tr.t);
  const { brands, brandSource } = listBrands(list.name, opts, opts.brandsOverride, opts.brandSource);
  const audit = await auditLoadedList(run, list, brands, brandSource);
  const plan: ListFixPlan = { listId: audit.listId, processingType: audit.processingType, brands: audit.brands };
  if (audit.compliant || audit.skipped) return { plan, audit };
  if (audit.processingType === 'DYNAMIC' && list.filterBranch) {
    const leaks = audit.leaks.filter((l) => l.kind === 'filter-branch');
    plan.filterBranch = fixFilterBranch(list.filterBranch, leaks, opts.blockProperty);
    plan.branches = fixedBranches(leaks);
    plan.emptiedBranches = emptiedBranches(plan.filterBranch, plan.branches, opts.blockProperty, run.lists.resolver());
  } else if (audit.processingType !== 'DYNAMIC') {
    plan.removeRecordIds = [...new Set(audit.leaks.filter((l): l is MemberLeak => l.kind === 'member').map((l) => l.recordId))];
  }
  return { plan, audit };
}

/** A brand value no filter can name: "covered" for it means no contact at all passes the branch
 *  (a contact passing the branch would still pass with one more, unmentioned, brand blocked,
 *  unless the branch pins the exact set — and then no contact passes the fix either). */
const NO_BRAND = '\u0000post-sperre-guard:any-brand';

export function emptiedBranches(fixed: FilterBranch, branches: readonly number[], blockProperty: string, resolveList?: ListResolver): number[] {
  const verdicts = analyzeFilter(fixed, { blockProperty, brands: [NO_BRAND], ...(resolveList ? { resolveList } : {}) });
  return branches.filter((b) => verdicts.find((v) => v.branch === b)?.covered === true);
}

/** A 403 on a list write: say which scope fixing needs, even when HubSpot does not. */
function writeError(e: unknown): unknown {
  if (isGatewayError(e) && e.kind === 'scope') {
    return gatewayError('scope', { ...e.detail, missingScopes: [...new Set([...(e.detail.missingScopes ?? []), LISTS_WRITE_SCOPE])] });
  }
  return e;
}

/**
 * Applies a confirmed plan, then audits the list again and returns the new verdict.
 * `conflict` when the list changed so that the plan no longer fits; `scope` (crm.lists.write) when
 * the token may not write lists.
 */
export async function applyListFix(
  api: HubspotApi,
  plan: ListFixPlan,
  opts: Omit<AuditListOptions, 'listId' | 'brandsOverride'>,
): Promise<ListAudit> {
  const run = newRun(api, opts, opts);
  const shared = { ...opts, listId: plan.listId, brandsOverride: plan.brands, blocked: run.blocked, lists: run.lists };
  const fresh = await planListFix(api, shared);
  const { t } = opts.tr;
  const changed = () => new GatewayError('conflict', t('errorListChanged', fresh.audit.name || plan.listId));
  if (fresh.plan.processingType !== plan.processingType) throw changed();
  try {
    if (plan.processingType === 'DYNAMIC') {
      if (!fresh.plan.filterBranch) return fresh.audit; // compliant by now: nothing to write
      if (!plan.filterBranch || fingerprint(fresh.plan.filterBranch) !== fingerprint(plan.filterBranch)) throw changed();
      opts.onProgress?.({ done: 0, total: null, label: t('fixApplying') });
      await api.updateListFilters(plan.listId, fresh.plan.filterBranch as HubspotFilterBranch, run.call);
    } else {
      const stillBlocked = new Set(fresh.plan.removeRecordIds ?? []);
      // Only what the user confirmed, and only while still a blocked member.
      const ids = (plan.removeRecordIds ?? []).filter((id) => stillBlocked.has(id));
      if (ids.length === 0) return fresh.audit;
      opts.onProgress?.({ done: 0, total: ids.length, label: t('fixApplying') });
      try {
        await api.removeListMembers(plan.listId, ids, { ...run.call, onChunk: (done, total) => opts.onProgress?.({ done, total, label: t('fixApplying') }) });
      } catch (e) {
        // Part of the members were removed before HubSpot failed: audit again and say how far it got.
        if (!isGatewayError(e) || !e.detail.done) throw e;
        run.lists.forget(plan.listId);
        run.blocked.forgetList(plan.listId);
        const after = await auditList(api, shared);
        return { ...after, fixNote: t('listRemovePartial', e.detail.done, e.detail.total ?? ids.length, toErrorData(e, t).message) };
      }
    }
  } catch (e) {
    throw writeError(e);
  }
  // Audit again from HubSpot's new state (the blocked contacts themselves did not change).
  run.lists.forget(plan.listId);
  run.blocked.forgetList(plan.listId);
  return auditList(api, shared);
}
