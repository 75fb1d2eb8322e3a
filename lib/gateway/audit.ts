// The list and portal audit journeys of the gateway (issues 4 and 5): settings and the cached
// property definition from the session, the engine from lib/audit. Run in the service worker,
// tested in Node against the fake HubSpot. The router has set the caller's language before.
import { brandCatalog } from '../domain/blocks';
import { familiesFromSettings } from '../domain/brands';
import { auditList, type AuditSetup } from '../audit/listAudit';
import { applyListFix, planListFix, type ListFixPlan } from '../audit/listFix';
import { auditOutOfScope, portalAudit } from '../audit/portalAudit';
import type { ListAudit, PortalAudit, Progress } from '../audit/types';
import { GatewayError } from '../hubspot/errors';
import { flowChoiceKey, listChoiceKey } from './brandChoices';
import type { PortalAuditRequest } from '../messaging';
import { listInScope, scopeConfigured } from '../audit/scope';
import type { GatewaySession } from './session';


export async function setupFor(session: GatewaySession, progress?: (p: Progress) => void, withLabels = true): Promise<AuditSetup> {
  const { settings } = session;
  const definition = await session.blockProperty();
  const propertyLabels = withLabels ? await session.propertyLabels() : {};
  const catalog = brandCatalog(definition.options, []);
  return {
    blockProperty: settings.blockProperty,
    reasonProperty: settings.reasonProperty,
    blockPropertyLabel: definition.label,
    propertyLabels,
    catalog: catalog.map((b) => ({ value: b.value, label: b.label })),
    families: familiesFromSettings(settings.families, catalog).families,
    tr: session.tr,
    signal: session.signal,
    ...(session.opts.onRetry ? { onRetry: session.opts.onRetry } : {}),
    ...(progress ? { onProgress: progress } : {}),
  };
}

/** Brands of an argument (explicit) or the user's choice for the item (`chosen`), else none: the engine detects. */
export function brandsFor(chosen: readonly string[] | undefined, given: readonly string[] | undefined) {
  if (given && given.length > 0) {
    // The panel passes the chosen brands back: still "chosen" when they are the stored ones.
    const same = chosen && chosen.length === given.length && chosen.every((b) => given.includes(b));
    return { brandsOverride: [...given], brandSource: same ? ('chosen' as const) : ('argument' as const) };
  }
  return chosen && chosen.length > 0 ? { brandsOverride: chosen, brandSource: 'chosen' as const } : {};
}

/** The choice for a list or workflow audited on its own page; the audit marks it as used. */
export async function choiceForPage(session: GatewaySession, key: string): Promise<string[] | undefined> {
  const chosen = await session.env.brandChoices.get(key);
  if (chosen) await session.env.brandChoices.touch(key);
  return chosen;
}

export async function auditListForPage(
  session: GatewaySession,
  args: { portalId: string; listId: string; brands?: string[] },
  progress?: (p: Progress) => void,
): Promise<ListAudit> {
  const { settings } = await session.checkPortal(args.portalId);
  const setup = await setupFor(session, progress);
  const chosen = await choiceForPage(session, listChoiceKey(args.portalId, args.listId));
  const audit = await auditList(session.api, { ...setup, listId: args.listId, ...brandsFor(chosen, args.brands) });
  if (!scopeConfigured(settings.postalScope)) return audit;
  const postal = await postalListIds(session, [args.listId]);
  return { ...audit, inScope: postal.has(args.listId) };
}

/** Which of these lists are in the postal scope (one list search: it names each list's folder). */
export async function postalListIds(session: GatewaySession, listIds: readonly string[]): Promise<Set<string>> {
  const scope = session.settings.postalScope;
  if (listIds.length === 0) return new Set();
  const page = await session.api.searchLists({ listIds: [...listIds], count: Math.min(500, listIds.length) }, session.opts);
  return new Set(page.lists.filter((l) => listInScope(l, scope)).map((l) => l.listId));
}

/** Stores (or with null / [] clears) the brands a list (or with `key`, a workflow) is audited for. Only option values. */
export async function setListBrands(
  session: GatewaySession,
  args: { portalId: string; listId: string; brands: string[] | null },
  key: string = listChoiceKey(args.portalId, args.listId),
): Promise<null> {
  await session.checkPortal(args.portalId);
  const brands = [...new Set(args.brands ?? [])];
  if (brands.length > 0) {
    const definition = await session.blockProperty();
    const options = new Set(definition.options.map((o) => o.value));
    const unknown = brands.filter((b) => !options.has(b));
    if (unknown.length) throw new GatewayError('invalid-request', session.tr.t('errorUnknownBrand', unknown.join(', '), definition.label));
  }
  // One choice written at a time on the latest state: another tab's choice is never lost.
  await session.env.brandChoices.set(key, brands);
  return null;
}

export async function planListFixForPage(
  session: GatewaySession,
  args: { portalId: string; listId: string; brands: string[] },
  progress?: (p: Progress) => void,
): Promise<ListFixPlan> {
  await session.checkPortal(args.portalId);
  const setup = await setupFor(session, progress);
  const chosen = await session.env.brandChoices.get(listChoiceKey(args.portalId, args.listId));
  const { plan } = await planListFix(session.api, { ...setup, listId: args.listId, ...brandsFor(chosen, args.brands) });
  return plan;
}

export async function applyListFixForPage(
  session: GatewaySession,
  args: { portalId: string; plan: ListFixPlan },
  progress?: (p: Progress) => void,
): Promise<ListAudit> {
  // The plan crossed the port (its shape checked by the router); the engine writes only what it
  // computes again from HubSpot's current state (listFix.ts).
  await session.checkPortal(args.portalId);
  const setup = await setupFor(session, progress);
  const plan = args.plan;
  const chosen = await session.env.brandChoices.get(listChoiceKey(args.portalId, plan.listId));
  const { brandSource } = brandsFor(chosen, plan.brands);
  return applyListFix(session.api, plan, { ...setup, ...(brandSource ? { brandSource } : {}) });
}

export async function portalAuditForOptions(session: GatewaySession, args: PortalAuditRequest, progress?: (p: Progress) => void): Promise<PortalAudit> {
  const outOfScope = args.outOfScope;
  const { portalId } = await session.portal();
  const setup = await setupFor(session, progress, false);
  const choices = await session.env.brandChoices.all();
  const options = {
    ...setup,
    chosenBrands: (listId: string) => choices[listChoiceKey(portalId, listId)],
    chosenFlowBrands: (flowId: string) => choices[flowChoiceKey(portalId, flowId)],
  };
  if (outOfScope) return auditOutOfScope(session.api, options, outOfScope);
  return portalAudit(session.api, { ...options, scope: session.settings.postalScope });
}
