// The portal-wide audit (issue 5), for the options page and the command line: every contact list
// of the portal (or the lists named), plus the contacts whose block has no reason.
//
// Cost, whatever the list sizes:
//   - the list search (500 lists per request), then the filters of the active lists only
//     (getLists, 100 per request; static lists need just their size and type, which the search
//     already gave); referenced lists come from the same directory;
//   - the blocked contacts once (HAS_PROPERTY search, 200 per request);
//   - the memberships of the blocked contacts that matter, once (100 per request), shared by
//     every static list — unless paging a few small lists is cheaper.
// So roughly: lists/500 + active lists/100 + blocked/200 + blocked/100 requests.
import type { HubspotApi, HubspotList } from '../hubspot/api';
import { isAbortError } from '../hubspot/clock';
import { isGatewayError } from '../hubspot/errors';
import { t } from '../i18n';
import { membershipCost } from './blockedIndex';
import { CONTACT_OBJECT_TYPE, auditLoadedList, listBrands, loadBlocked, newRun, type AuditRun, type AuditSetup } from './listAudit';
import type { BrandSource, ListAudit, PortalAudit } from './types';

export interface PortalAuditOptions extends AuditSetup {
  /** Only these lists (in this order); default every list of the portal. */
  listIds?: readonly string[];
  /** Audit every list for these brands (command line --brand). */
  brands?: readonly string[];
  /** Brands the user chose for a list (settings.listBrands), used when `brands` is not given. */
  chosenBrands?: (listId: string) => readonly string[] | undefined;
}

/** Lists per getLists request (api.ts chunks the same). */
const LISTS_CHUNK = 100;

export async function portalAudit(api: HubspotApi, opts: PortalAuditOptions): Promise<PortalAudit> {
  const startRequests = api.stats().requests;
  const run = newRun(api, opts);
  const progress = opts.onProgress;

  // 1. The lists.
  progress?.({ done: 0, total: null, label: t('auditProgressLists') });
  let targets: (HubspotList | { listId: string; missing: true })[];
  if (opts.listIds) {
    const ids = [...new Set(opts.listIds)];
    await run.lists.load(ids, run.call);
    targets = ids.map((id) => run.lists.known(id) ?? { listId: id, missing: true as const });
  } else {
    const all = await api.allLists({ ...run.call, onPage: (done, total) => progress?.({ done, total: total ?? null, label: t('auditProgressLists') }) });
    for (const l of all) run.lists.remember(l, false);
    // Every contact list; lists of other objects are no postal audience.
    targets = all.filter((l) => l.objectTypeId === CONTACT_OBJECT_TYPE);
    const active = targets.filter((l): l is HubspotList => !('missing' in l) && l.processingType === 'DYNAMIC').map((l) => l.listId);
    for (let i = 0; i < active.length; i += LISTS_CHUNK) await run.lists.load(active.slice(i, i + LISTS_CHUNK), run.call);
    // The active lists now with their filters (a list deleted meanwhile keeps its search entry).
    targets = targets.map((l) => run.lists.known(l.listId) ?? l);
  }

  // 2. Brands per list.
  const plans = targets.map((l) => {
    if ('missing' in l) return { list: l, brands: [] as string[], brandSource: 'all' as BrandSource };
    const chosen = opts.brands && opts.brands.length > 0 ? undefined : opts.chosenBrands?.(l.listId);
    const override = opts.brands && opts.brands.length > 0 ? opts.brands : chosen;
    return { list: l, ...listBrands(l.name, opts, override, opts.brands && opts.brands.length > 0 ? 'argument' : 'chosen') };
  });

  // 3. The blocked contacts (always: blocks without a reason are findings of the portal), then the
  //    memberships every static list needs, in one go when that is the cheaper way.
  await loadBlocked(run);
  await prefetchMemberships(
    run,
    plans.flatMap((p) => ('missing' in p.list || p.list.objectTypeId !== CONTACT_OBJECT_TYPE || p.list.processingType === 'DYNAMIC' ? [] : [{ list: p.list, brands: p.brands }])),
  );

  // 4. Each list. An error in one list is reported on it; the others are still audited.
  const audits: ListAudit[] = [];
  for (const [i, p] of plans.entries()) {
    opts.signal?.throwIfAborted();
    progress?.({ done: i, total: plans.length, label: t('auditProgressListN', i + 1, plans.length, 'missing' in p.list ? p.list.listId : p.list.name) });
    if ('missing' in p.list) {
      audits.push(errorEntry(p.list.listId, '', '', p.brands, p.brandSource, { kind: 'invalid-response', message: t('errorListNotFound', p.list.listId) }));
      continue;
    }
    try {
      audits.push(await auditLoadedList(run, p.list, p.brands, p.brandSource));
    } catch (e) {
      if (isAbortError(e) || !isGatewayError(e) || listLevel.has(e.kind) === false) throw e;
      audits.push(errorEntry(p.list.listId, p.list.name, p.list.processingType, p.brands, p.brandSource, { kind: e.kind, message: e.message }, p.list.objectTypeId));
    }
  }
  progress?.({ done: plans.length, total: plans.length, label: t('auditProgressDone') });

  return { lists: audits, contactsMissingReason: run.blocked.missingReason(), requests: api.stats().requests - startRequests };
}

/** Errors that concern one list only (its filters unreadable, it vanished); others end the audit. */
const listLevel = new Set(['invalid-response']);

function errorEntry(
  listId: string,
  name: string,
  processingType: string,
  brands: string[],
  brandSource: BrandSource,
  error: { kind: string; message: string },
  objectTypeId = CONTACT_OBJECT_TYPE,
): ListAudit {
  return { listId, name, processingType, objectTypeId, brands, brandSource, compliant: false, leaks: [], error };
}

/**
 * Learns the memberships the static lists need: one batch read for all their blocked candidates
 * when that costs no more than paging those lists; otherwise each list chooses for itself later.
 */
async function prefetchMemberships(run: AuditRun, statics: { list: HubspotList; brands: string[] }[]): Promise<void> {
  const union = new Set<string>();
  let pages = 0;
  for (const s of statics) {
    const unknown = run.blocked.blockedFor(s.brands).filter((c) => !run.blocked.knows(s.list.listId, c.id));
    if (unknown.length === 0) continue;
    for (const c of unknown) union.add(c.id);
    pages += membershipCost(s.list.size, unknown.length).pages;
  }
  if (union.size === 0) return;
  if (membershipCost(undefined, union.size).batches > pages) return;
  run.setup.onProgress?.({ done: 0, total: null, label: t('auditProgressMemberships') });
  await run.blocked.fetchMemberships([...union], run.call);
}
