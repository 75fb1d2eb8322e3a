// The roads by which a property changes in HubSpot besides the API and the record page
// (docs/hubspot.md "Roads that change a property"), as the fake records them in the property
// history: the sourceType, sourceId and updatedByUserId of each road, and its write semantics.
// Driven by the control API (`POST /__fake/contacts/{id}/road`), so tests and the demo can make
// an import lift a block, a workflow clear it, a bulk edit overwrite the reason log, and so on.
// Which of these values HubSpot really records is marked *verified* or *assumed* in docs/hubspot.md.
import { tokensOf } from './evaluate';
import type { ChangeSource, Contact, PortalState, PropertyValidationError } from './state';
import type { TokenSeed } from './types';

/**
 * sourceType of a write through the public API with a private-app token or service key. HubSpot's
 * docs do not say; recorded API responses in public connectors show writes by an app token as
 * `INTEGRATION` with the app id as `sourceId` and no `updatedByUserId` (docs/hubspot.md).
 */
export const API_WRITE_SOURCE_TYPE = 'INTEGRATION';

/** The history source of a write through the public API. */
export function apiWriteSource(token: Pick<TokenSeed, 'appId'>): ChangeSource {
  return { sourceType: API_WRITE_SOURCE_TYPE, sourceId: String(token.appId) };
}

/** The roads the control API can play. */
export type Road = 'import' | 'bulk-edit' | 'workflow' | 'merge' | 'integration' | 'mobile' | 'sidebar';

export interface RoadWrite {
  road: Road;
  /**
   * New values per property. import: one cell per property (a multiple-checkbox cell starting
   * with `;` appends, otherwise it replaces; an empty cell leaves the value alone). bulk-edit,
   * workflow: exactly one property. merge: the other record's values. integration, mobile,
   * sidebar: values as sent ("" clears).
   */
  properties: Record<string, string>;
  /** bulk-edit and workflow on a multiple-checkbox property: replace (default) or append. */
  mode?: 'replace' | 'append';
  /** merge: when the other record's values were set (ISO); the most recent value of each property wins. */
  otherUpdatedAt?: string;
  /** merge: the other record's id (recorded as sourceId). */
  otherId?: string;
  /** The user who did it (import, bulk edit, merge, mobile, sidebar); default the portal's other user. */
  userId?: number;
  /** import: the import's id; workflow: the flow id; integration: the app id. */
  sourceId?: string;
  /** mobile: which app (default ios). */
  platform?: 'ios' | 'android';
  /** Records the write at this ISO time instead of now (tests, demo). */
  at?: string;
  /** Overrides the road's sourceType (e.g. WORKFLOWS for a legacy workflow, an unknown one). */
  sourceType?: string;
}

/** Where HubSpot records each road (docs/hubspot.md says which parts are verified). */
export function roadSource(w: RoadWrite, userId: number): ChangeSource {
  const user = { sourceId: `userId:${userId}`, updatedByUserId: userId };
  const base = ((): ChangeSource => {
    switch (w.road) {
      case 'import':
        return { sourceType: 'IMPORT', sourceId: w.sourceId ?? 'import-1', updatedByUserId: userId };
      case 'bulk-edit':
        return { sourceType: 'CRM_UI_BULK_ACTION', ...user };
      case 'workflow':
        return { sourceType: 'AUTOMATION_PLATFORM', sourceId: `flowId:${w.sourceId ?? '1'}` };
      case 'merge':
        return { sourceType: 'MERGE_OBJECTS', sourceId: w.otherId ?? 'merged', updatedByUserId: userId };
      case 'integration':
        return { sourceType: 'INTEGRATION', sourceId: w.sourceId ?? '999' };
      case 'mobile':
        return { sourceType: w.platform === 'android' ? 'MOBILE_ANDROID' : 'MOBILE_IOS', ...user };
      case 'sidebar':
        return { sourceType: 'CRM_UI', ...user };
    }
  })();
  return w.sourceType ? { ...base, sourceType: w.sourceType } : base;
}

const ROADS: readonly Road[] = ['import', 'bulk-edit', 'workflow', 'merge', 'integration', 'mobile', 'sidebar'];

export function isRoadWrite(v: unknown): v is RoadWrite {
  if (typeof v !== 'object' || v === null) return false;
  const w = v as Record<string, unknown>;
  return typeof w.road === 'string' && (ROADS as readonly string[]).includes(w.road) && typeof w.properties === 'object' && w.properties !== null;
}

/**
 * Plays one road's write on a contact as ONE write (one history timestamp). Returns the changed
 * properties, or HubSpot's validation errors (nothing written then).
 */
export function applyRoad(portal: PortalState, contact: Contact, w: RoadWrite): { changed: string[] } | { errors: (PropertyValidationError | { message: string })[] } {
  const isMulti = (name: string) => {
    const def = portal.properties.get(name);
    return def?.type === 'enumeration' && def.fieldType === 'checkbox';
  };
  const current = (name: string) => contact.properties[name] ?? '';
  const appended = (name: string, value: string) => [...new Set([...tokensOf(current(name)), ...tokensOf(value)])].join(';');
  const wanted: Record<string, string> = {};
  const entries = Object.entries(w.properties).map(([k, v]) => [k, String(v ?? '')] as const);

  switch (w.road) {
    case 'import':
      for (const [name, cell] of entries) {
        if (cell.trim() === '') continue; // an empty cell leaves the value (assumed)
        wanted[name] = isMulti(name) && cell.startsWith(';') ? appended(name, cell) : cell;
      }
      break;
    case 'bulk-edit':
    case 'workflow':
      if (entries.length !== 1) return { errors: [{ message: `${w.road} changes exactly one property` }] };
      for (const [name, value] of entries) wanted[name] = w.mode === 'append' && isMulti(name) ? appended(name, value) : value;
      break;
    case 'merge': {
      const other = w.otherUpdatedAt ? Date.parse(w.otherUpdatedAt) : Number.POSITIVE_INFINITY;
      for (const [name, value] of entries) {
        const newest = contact.history[name]?.[0];
        const mine = newest ? Date.parse(newest.timestamp) : Number.NEGATIVE_INFINITY;
        // "The most recent value for each property will be used for the new record."
        if (current(name) === '' || other > mine) wanted[name] = value;
      }
      break;
    }
    case 'integration':
    case 'mobile':
    case 'sidebar':
      for (const [name, value] of entries) wanted[name] = value;
      break;
  }
  const { values, errors } = portal.validateWrite(wanted);
  if (errors.length) return { errors };
  const userId = typeof w.userId === 'number' ? w.userId : portal.otherUserId;
  return { changed: portal.applyWrite(contact, values, roadSource(w, userId), w.at) };
}
