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
import type { Settings } from '../settings';
import type { PortalAuditRequest } from '../messaging';
import { listInScope, scopeConfigured } from '../audit/scope';
import type { GatewaySession } from './session';

/** Key of a list's chosen brands in settings.listBrands. */
export const listBrandsKey = (portalId: string, listId: string) => `${portalId}:${listId}`;
/** A workflow's brands are kept like a list's, under the "list id" `flow:{flowId}`. */
export const flowBrandsKey = (flowId: string) => `flow:${flowId}`;

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

function chosenBrands(settings: Settings, portalId: string, listId: string): string[] | undefined {
  const chosen = settings.listBrands[listBrandsKey(portalId, listId)];
  return chosen && chosen.length > 0 ? chosen : undefined;
}

/** Brands of an argument (explicit) or of the settings (chosen), else none: the engine detects. */
export function brandsFor(settings: Settings, portalId: string, listId: string, given: readonly string[] | undefined) {
  if (given && given.length > 0) {
    const chosen = chosenBrands(settings, portalId, listId);
    // The panel passes the chosen brands back: still "chosen" when they are the stored ones.
    const same = chosen && chosen.length === given.length && chosen.every((b) => given.includes(b));
    return { brandsOverride: [...given], brandSource: same ? ('chosen' as const) : ('argument' as const) };
  }
  const chosen = chosenBrands(settings, portalId, listId);
  return chosen ? { brandsOverride: chosen, brandSource: 'chosen' as const } : {};
}

export async function auditListForPage(
  session: GatewaySession,
  args: { portalId: string; listId: string; brands?: string[] },
  progress?: (p: Progress) => void,
): Promise<ListAudit> {
  const { settings } = await session.checkPortal(args.portalId);
  const setup = await setupFor(session, progress);
  const audit = await auditList(session.api, { ...setup, listId: args.listId, ...brandsFor(settings, args.portalId, args.listId, args.brands) });
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

/** Stores (or with null / [] clears) the brands a list is audited for. Only option values. */
export async function setListBrands(session: GatewaySession, args: { portalId: string; listId: string; brands: string[] | null }): Promise<null> {
  await session.checkPortal(args.portalId);
  const brands = [...new Set(args.brands ?? [])];
  if (brands.length > 0) {
    const definition = await session.blockProperty();
    const options = new Set(definition.options.map((o) => o.value));
    const unknown = brands.filter((b) => !options.has(b));
    if (unknown.length) throw new GatewayError('invalid-request', session.tr.t('errorUnknownBrand', unknown.join(', '), definition.label));
  }
  // Fresh settings: the session's copy may be older than another tab's change.
  const current = await session.env.loadSettings();
  const listBrands = { ...current.listBrands };
  const key = listBrandsKey(args.portalId, args.listId);
  if (brands.length > 0) listBrands[key] = brands;
  else delete listBrands[key];
  await session.env.storeSettings({ ...current, listBrands });
  return null;
}

export async function planListFixForPage(
  session: GatewaySession,
  args: { portalId: string; listId: string; brands: string[] },
  progress?: (p: Progress) => void,
): Promise<ListFixPlan> {
  const { settings } = await session.checkPortal(args.portalId);
  const setup = await setupFor(session, progress);
  const { plan } = await planListFix(session.api, { ...setup, listId: args.listId, ...brandsFor(settings, args.portalId, args.listId, args.brands) });
  return plan;
}

export async function applyListFixForPage(
  session: GatewaySession,
  args: { portalId: string; plan: ListFixPlan },
  progress?: (p: Progress) => void,
): Promise<ListAudit> {
  // The plan crossed the port (its shape checked by the router); the engine writes only what it
  // computes again from HubSpot's current state (listFix.ts).
  const { settings } = await session.checkPortal(args.portalId);
  const setup = await setupFor(session, progress);
  const plan = args.plan;
  const { brandSource } = brandsFor(settings, args.portalId, plan.listId, plan.brands);
  return applyListFix(session.api, plan, { ...setup, ...(brandSource ? { brandSource } : {}) });
}

export async function portalAuditForOptions(session: GatewaySession, args: PortalAuditRequest, progress?: (p: Progress) => void): Promise<PortalAudit> {
  const outOfScope = args.outOfScope;
  const { portalId } = await session.portal();
  const setup = await setupFor(session, progress, false);
  const options = {
    ...setup,
    chosenBrands: (listId: string) => chosenBrands(session.settings, portalId, listId),
    chosenFlowBrands: (flowId: string) => chosenBrands(session.settings, portalId, flowBrandsKey(flowId)),
  };
  if (outOfScope) return auditOutOfScope(session.api, options, outOfScope);
  return portalAudit(session.api, { ...options, scope: session.settings.postalScope });
}
