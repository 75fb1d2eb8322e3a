// A contact's property history as HubSpot sends it (`propertiesWithHistory`) → the domain's
// HistoryEntry of the two block properties. Shared by the contact view (lib/gateway/contact.ts)
// and the ledger section of the portal audit (lib/audit/ledgerAudit.ts).
import type { HistoryEntry } from './types';

/** One entry of `propertiesWithHistory` (lib/hubspot/schemas.ts PropertyHistoryItemSchema). */
export interface RawHistoryItem {
  value?: string | null;
  timestamp: string;
  sourceType?: string;
  sourceId?: string;
  updatedByUserId?: number;
}

export function historyOf(property: 'blocks' | 'reason', items: readonly RawHistoryItem[] | undefined): HistoryEntry[] {
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
