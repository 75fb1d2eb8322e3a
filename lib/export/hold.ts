// Whether HubSpot's own export of a segment would send blocked contacts (issue 15): how many of its
// members are blocked for its brands, counted by membership whatever the list's type (HubSpot's
// export writes the members as they are now, so an active list's filter is not the question here).
// Costs what a static list's audit costs: the blocked contacts, then their memberships.
import type { HubspotApi } from '../hubspot/api';
import { GatewayError } from '../hubspot/errors';
import { CONTACT_OBJECT_TYPE, listBrands, listNotFound, newRun, staticListLeaks, type AuditListOptions } from '../audit/listAudit';

export interface HeldExportCheck {
  listId: string;
  name: string;
  brands: string[];
  /** The brands' labels, in the same order. */
  brandLabels: string[];
  /** Distinct members blocked for at least one of the brands. */
  blocked: number;
}

export async function checkSegmentExport(api: HubspotApi, opts: AuditListOptions): Promise<HeldExportCheck> {
  const run = newRun(api, opts, opts);
  const list = await run.lists.get(opts.listId, run.call);
  if (!list) throw listNotFound(opts.listId, opts.tr.t);
  if (list.objectTypeId !== CONTACT_OBJECT_TYPE) throw new GatewayError('invalid-response', opts.tr.t('exportNotContacts', list.name));
  const { brands } = listBrands(list.name, opts, opts.brandsOverride, opts.brandSource);
  const brandLabels = brands.map((b) => opts.catalog.find((c) => c.value === b)?.label ?? b);
  if (brands.length === 0) return { listId: list.listId, name: list.name, brands, brandLabels, blocked: 0 };
  const leaks = await staticListLeaks(run, list, brands);
  return { listId: list.listId, name: list.name, brands, brandLabels, blocked: new Set(leaks.map((l) => l.recordId)).size };
}
