// The contact journeys of the gateway (docs/architecture.md "Viewing a contact", "Saving a change").
// Plain functions over a HubSpot API object and stored settings: run in the service worker,
// tested in Node against the fake HubSpot.
import { applyChange, brandCatalog, parseBlockValue, serializeBlockSet } from '../domain/blocks';
import { familiesFromSettings } from '../domain/brands';
import { appendReasonEntry, validateReason, wouldOverflow } from '../domain/reasonLog';
import type { Brand, BlockChange, HistoryEntry } from '../domain/types';
import { GatewayError } from '../hubspot/errors';
import { t } from '../i18n';
import type { ContactView } from '../messaging';
import type { GatewaySession } from './session';

interface RawHistoryItem {
  value?: string | null;
  timestamp: string;
  sourceType?: string;
  sourceId?: string;
  updatedByUserId?: number;
}

function historyOf(property: 'blocks' | 'reason', items: readonly RawHistoryItem[] | undefined): HistoryEntry[] {
  return (items ?? []).map((h) => ({
    property,
    value: h.value ?? null,
    timestamp: h.timestamp,
    sourceType: h.sourceType ?? '',
    ...(h.sourceId ? { sourceId: h.sourceId } : {}),
    ...(h.updatedByUserId !== undefined ? { updatedByUserId: h.updatedByUserId } : {}),
  }));
}

/** Newest first, whatever order HubSpot sends (its order is *unverified*). */
export function mergeHistory(...lists: HistoryEntry[][]): HistoryEntry[] {
  return lists.flat().sort((a, b) => Date.parse(b.timestamp) - Date.parse(a.timestamp));
}

export async function getContactView(session: GatewaySession, portalId: string, contactId: string): Promise<ContactView> {
  const { settings } = await session.checkPortal(portalId);
  const definition = await session.blockProperty();
  const contact = await session.api.getContact(contactId, {
    properties: [settings.blockProperty, settings.reasonProperty],
    withHistory: true,
    ...session.opts,
  });
  if (!contact) throw new GatewayError('invalid-response', t('errorContactNotFound', contactId), { status: 404 });
  // Names only as far as known: a view never waits for them (the panel asks getUserNames).
  const names = await session.cachedUserNames();
  const blocked = parseBlockValue(contact.properties[settings.blockProperty]);
  const brands = brandCatalog(definition.options, blocked);
  const history = mergeHistory(
    historyOf('blocks', contact.propertiesWithHistory?.[settings.blockProperty]),
    historyOf('reason', contact.propertiesWithHistory?.[settings.reasonProperty]),
  );
  return {
    portalId,
    contactId,
    brands,
    blocked,
    reasonText: contact.properties[settings.reasonProperty] ?? '',
    history,
    userNames: Object.fromEntries(history.flatMap((h) => (h.updatedByUserId !== undefined && names[String(h.updatedByUserId)] ? [[String(h.updatedByUserId), names[String(h.updatedByUserId)]!]] : []))),
    families: familiesFromSettings(settings.families, brands).families,
    blockProperty: settings.blockProperty,
    reasonProperty: settings.reasonProperty,
    blockPropertyLabel: definition.label,
    reasonPropertyLabel: session.connection?.reasonPropertyLabel ?? settings.reasonProperty,
  };
}

function labelsOf(catalog: Brand[], values: string[]): string[] {
  return values.map((v) => catalog.find((b) => b.value === v)?.label ?? v);
}

/** Re-read, apply the user's additions and removals to the fresh value, append one reason entry,
 *  write once, re-read. Refuses a real conflict; never clobbers others' blocks. */
export async function saveBlockChange(
  session: GatewaySession,
  portalId: string,
  contactId: string,
  change: BlockChange,
  seen: string[],
  now: () => Date = () => new Date(),
): Promise<ContactView> {
  const reason = validateReason(change.reason);
  if (!reason.ok) throw new GatewayError('invalid-response', t('errorReasonRequired'));
  if (change.add.length + change.remove.length === 0) throw new GatewayError('invalid-response', t('errorEmptyChange'));
  const { settings } = await session.checkPortal(portalId);
  const definition = await session.blockProperty();
  const options = new Set(definition.options.map((o) => o.value));
  const unknown = change.add.filter((v) => !options.has(v));
  if (unknown.length) throw new GatewayError('invalid-response', t('errorUnknownBrand', unknown.join(', '), definition.label));

  const fresh = await session.api.getContact(contactId, { properties: [settings.blockProperty, settings.reasonProperty], withHistory: false, ...session.opts });
  if (!fresh) throw new GatewayError('invalid-response', t('errorContactNotFound', contactId), { status: 404 });
  const freshBlocked = parseBlockValue(fresh.properties[settings.blockProperty]);
  const applied = applyChange(freshBlocked, seen, change);
  const catalog = brandCatalog(definition.options, freshBlocked);
  if (!applied.ok) {
    throw new GatewayError('conflict', t('errorConflict', labelsOf(catalog, applied.conflicts).join(', ')), { brands: applied.conflicts });
  }
  // HubSpot rejects a write that keeps a value which is no option any more: say so before sending.
  const stale = applied.next.filter((v) => !options.has(v));
  if (stale.length) {
    throw new GatewayError('invalid-response', t('unknownBrandsKept', stale.join(', '), definition.label), { reason: 'validation', brands: stale });
  }
  const entry = {
    at: now().toISOString(),
    added: labelsOf(catalog, applied.added),
    removed: labelsOf(catalog, applied.removed),
    reason: reason.reason,
    by: settings.userName.trim() || '?',
  };
  const freshReason = fresh.properties[settings.reasonProperty] ?? '';
  if (wouldOverflow(freshReason, entry)) throw new GatewayError('invalid-response', t('errorReasonLogFull'));
  await session.api.updateContact(
    contactId,
    {
      [settings.blockProperty]: serializeBlockSet(applied.next, catalog),
      [settings.reasonProperty]: appendReasonEntry(freshReason, entry),
    },
    session.opts,
  );
  return getContactView(session, portalId, contactId);
}

