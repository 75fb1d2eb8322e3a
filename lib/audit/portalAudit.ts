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
// The ledger (whole-portal audits): + blocked-or-logged/50 batch reads with history, sharing the
// search above (widened to the reason log); since a date its own search instead (ledgerAudit.ts).
import type { HubspotApi, HubspotList } from '../hubspot/api';
import { isAbortError } from '../hubspot/clock';
import { isGatewayError, toErrorData } from '../hubspot/errors';
import { BlockedIndex, membershipCost } from './blockedIndex';
import { auditLedger } from './ledgerAudit';
import { CONTACT_OBJECT_TYPE, auditLoadedList, listBrands, loadBlocked, newRun, type AuditRun, type AuditSetup } from './listAudit';
import { flowInScope, listInScope, scopeConfigured, type PostalScope } from './scope';
import type { BrandSource, ListAudit, OutOfScope, PortalAudit, WorkflowAudit } from './types';
import { auditLoadedFlow, flowBrands, outOfScopeWrites } from './workflowAudit';
import type { Flow } from '../hubspot/api';

export interface PortalAuditOptions extends AuditSetup {
  /** Only these lists (in this order); default every list of the portal. */
  listIds?: readonly string[];
  /** Audit every list for these brands (command line --brand). */
  brands?: readonly string[];
  /** Brands the user chose for a list (lib/gateway/brandChoices.ts), used when `brands` is not given. */
  chosenBrands?: (listId: string) => readonly string[] | undefined;
  /** Only these workflows. With `listIds` or `flowIds` given, exactly the named items are audited. */
  flowIds?: readonly string[];
  /** Brands the user chose for a workflow, by flow id. */
  chosenFlowBrands?: (flowId: string) => readonly string[] | undefined;
  /** The postal scope: lists and workflows outside it are counted, not audited (whole-portal audits). */
  scope?: PostalScope;
  /** The ledger section (whole-portal audits only): `since` limits it to contacts modified since
   *  then (ISO); false leaves it out. Default: every blocked or logged contact. */
  ledger?: { since?: string | null } | false;
}

/** Lists per getLists request (api.ts chunks the same). */
const LISTS_CHUNK = 100;

export async function portalAudit(api: HubspotApi, opts: PortalAuditOptions): Promise<PortalAudit> {
  const startRequests = api.stats().requests;
  const progress = opts.onProgress;
  const { t } = opts.tr;

  const selection = opts.listIds !== undefined || opts.flowIds !== undefined;
  const ledger = !selection && opts.ledger !== false ? { since: (opts.ledger || {}).since ?? null } : null;
  // A full ledger run examines the contacts with a reason log too: the blocked-contacts search
  // finds them in the same requests (a second filter group).
  const blocked = new BlockedIndex(api, {
    blockProperty: opts.blockProperty,
    ...(opts.reasonProperty ? { reasonProperty: opts.reasonProperty } : {}),
    includeLogged: ledger !== null && ledger.since === null,
  });
  const run = newRun(api, opts, { blocked });
  const scoped = !selection && scopeConfigured(opts.scope);
  const outOfScope: OutOfScope = { lists: 0, workflows: 0, listIds: [], flowIds: [] };
  /** Lists in the postal scope (a workflow adding to one is postal). */
  const postalLists = new Set<string>();

  // 1. The lists.
  progress?.({ done: 0, total: null, label: t('auditProgressLists') });
  let targets: (HubspotList | { listId: string; missing: true })[];
  if (selection) {
    const ids = [...new Set(opts.listIds ?? [])];
    await run.lists.load(ids, run.call);
    targets = ids.map((id) => run.lists.known(id) ?? { listId: id, missing: true as const });
  } else {
    const all = await api.allLists({ ...run.call, onPage: (done, total) => progress?.({ done, total: total ?? null, label: t('auditProgressLists') }) });
    for (const l of all) run.lists.remember(l, false);
    // Every contact list; lists of other objects are no postal audience.
    targets = all.filter((l) => l.objectTypeId === CONTACT_OBJECT_TYPE);
    if (scoped) {
      for (const l of all) if (listInScope(l, opts.scope)) postalLists.add(l.listId);
      const out = targets.filter((l) => !postalLists.has(l.listId));
      outOfScope.lists = out.length;
      outOfScope.listIds = out.map((l) => l.listId);
      targets = targets.filter((l) => postalLists.has(l.listId));
    }
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
      audits.push(errorEntry(p.list.listId, p.list.name, p.list.processingType, p.brands, p.brandSource, { kind: e.kind, message: toErrorData(e, t).message }, p.list.objectTypeId));
    }
  }
  // 5. The contact workflows (the other road to a mailing). A token without `automation` (403) or
  //    a portal without the API (404) still gets its lists audited; the report says why not these.
  const result: PortalAudit = { lists: audits, contactsMissingReason: [], requests: 0 };
  if (!selection || (opts.flowIds && opts.flowIds.length > 0)) {
    try {
      result.workflows = await auditFlows(run, opts, selection, scoped, postalLists, outOfScope);
    } catch (e) {
      if (isAbortError(e) || !isGatewayError(e)) throw e;
      const status = e.detail.status;
      if (e.kind === 'scope' || status === 403) result.workflowsSkipped = { kind: 'scope', message: t('workflowsSkippedScope') };
      else if (status === 404 && !selection) result.workflowsSkipped = { kind: 'not-found', message: t('workflowsSkippedNotFound') };
      else throw e;
    }
  }
  progress?.({ done: plans.length, total: plans.length, label: t('auditProgressDone') });

  // 6. The ledger: every change of a block or of the log that came without a reason.
  if (ledger) {
    opts.signal?.throwIfAborted();
    result.ledger = await auditLedger(run, ledger);
  }

  result.contactsMissingReason = run.blocked.missingReason();
  if (scoped) result.outOfScope = outOfScope;
  result.requests = api.stats().requests - startRequests;
  return result;
}

/** What "audit these too" selects: exactly the items an audit left outside the postal scope, each
 *  once, as an explicit selection (so the scope cannot drop them again, and nothing else comes in). */
export function outOfScopeSelection(out: Pick<OutOfScope, 'listIds' | 'flowIds'>): { listIds: string[]; flowIds: string[] } {
  return { listIds: [...new Set(out.listIds)], flowIds: [...new Set(out.flowIds)] };
}

/**
 * The items outside the postal scope, audited strictly on request (options page): the same engine
 * on exactly those lists and workflows, each marked `inScope: false`. Only reads.
 */
export async function auditOutOfScope(
  api: HubspotApi,
  opts: Omit<PortalAuditOptions, 'listIds' | 'flowIds' | 'scope'>,
  out: Pick<OutOfScope, 'listIds' | 'flowIds'>,
): Promise<PortalAudit> {
  const audit = await portalAudit(api, { ...opts, ...outOfScopeSelection(out) });
  return {
    ...audit,
    lists: audit.lists.map((l) => ({ ...l, inScope: false })),
    ...(audit.workflows ? { workflows: audit.workflows.map((w) => ({ ...w, inScope: false })) } : {}),
  };
}

/** Flows per batch read (api.ts chunks the same). */
const FLOWS_CHUNK = 100;

async function auditFlows(
  run: AuditRun,
  opts: PortalAuditOptions,
  selection: boolean,
  scoped: boolean,
  postalLists: ReadonlySet<string>,
  outOfScope: OutOfScope,
): Promise<WorkflowAudit[]> {
  const progress = opts.onProgress;
  const { t } = opts.tr;
  progress?.({ done: 0, total: null, label: t('auditProgressFlows') });
  let ids: string[];
  if (selection) ids = [...new Set(opts.flowIds ?? [])];
  else {
    const listing = await run.api.allFlows({ ...run.call, onPage: (done) => progress?.({ done, total: null, label: t('auditProgressFlows') }) });
    // Contact workflows only (objectTypeId 0-1); the listing says so without reading each flow.
    ids = listing.filter((f) => (f.objectTypeId ?? CONTACT_OBJECT_TYPE) === CONTACT_OBJECT_TYPE).map((f) => f.id);
  }
  const flows = new Map<string, Flow>();
  for (let i = 0; i < ids.length; i += FLOWS_CHUNK) {
    for (const f of await run.api.getFlows(ids.slice(i, i + FLOWS_CHUNK), run.call)) flows.set(f.id, f);
  }
  let targets = ids.map((id) => flows.get(id) ?? { id, missing: true as const });
  /** Flows outside the scope that write the block or the reason property (reported after the rest). */
  let writers: WorkflowAudit[] = [];
  if (scoped) {
    const inScope = (f: Flow | { id: string; missing: true }) => 'missing' in f || flowInScope(f, opts.scope, postalLists);
    const out = targets.filter((f) => !inScope(f));
    outOfScope.workflows = out.length;
    outOfScope.flowIds = out.map((f) => f.id);
    targets = targets.filter(inScope);
    // A workflow writing blocks is a finding whatever it is for; it was read anyway.
    writers = out.flatMap((f) => ('missing' in f ? [] : (outOfScopeWrites(f, opts) ?? [])));
  }
  // Every list the workflows reference, in batches, before the first analysis.
  await run.lists.load([...new Set(targets.flatMap((f) => ('missing' in f ? [] : f.suppressionListIds)))], run.call);

  const audits: WorkflowAudit[] = [];
  for (const [i, f] of targets.entries()) {
    opts.signal?.throwIfAborted();
    progress?.({ done: i, total: targets.length, label: t('auditProgressFlowN', i + 1, targets.length, 'missing' in f ? f.id : (f.name ?? f.id)) });
    if ('missing' in f) {
      audits.push(flowErrorEntry(f.id, '', { kind: 'invalid-response', message: t('errorFlowNotFound', f.id) }));
      continue;
    }
    const argument = opts.brands && opts.brands.length > 0 ? opts.brands : undefined;
    const { brands, brandSource } = flowBrands(f, opts, argument ?? opts.chosenFlowBrands?.(f.id), argument ? 'argument' : 'chosen');
    try {
      audits.push({ ...(await auditLoadedFlow(run, f, brands, brandSource)), ...(scoped ? { inScope: true } : {}) });
    } catch (e) {
      if (isAbortError(e) || !isGatewayError(e) || listLevel.has(e.kind) === false) throw e;
      audits.push({ ...flowErrorEntry(f.id, f.name ?? '', { kind: e.kind, message: toErrorData(e, t).message }), brands, brandSource });
    }
  }
  return [...audits, ...writers];
}

function flowErrorEntry(flowId: string, name: string, error: { kind: string; message: string }): WorkflowAudit {
  return {
    flowId,
    name,
    isEnabled: false,
    objectTypeId: CONTACT_OBJECT_TYPE,
    enrollmentType: '',
    revisionId: '',
    brands: [],
    brandSource: 'all',
    compliant: false,
    leaks: [],
    suppressionListIds: [],
    addsToLists: [],
    error,
  };
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
  run.setup.onProgress?.({ done: 0, total: null, label: run.setup.tr.t('auditProgressMemberships') });
  await run.blocked.fetchMemberships([...union], run.call);
}
