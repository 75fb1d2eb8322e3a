// Domain vocabulary (docs/domain.md "Words"). No React, no browser, no HubSpot transport here.

/** One brand: an option of the block property ("Post Sperre Marken"). */
export interface Brand {
  /** The option value stored on contacts, e.g. "marke_a". */
  value: string;
  /** The label shown to people, e.g. "Marke A". Plain text (may contain `<`; never render as HTML). */
  label: string;
  /** Option exists but is hidden in HubSpot. */
  hidden: boolean;
  /** false when the value only occurs on a contact and is not (or no longer) an option. */
  known: boolean;
  displayOrder: number;
}

/** Picking a family in the editor picks each of its brands (docs/domain.md rule 1). */
export interface BrandFamily {
  name: string;
  /** Option values. */
  brands: string[];
}

/** The set of option values a contact is blocked for. */
export type BlockSet = ReadonlySet<string>;

/** What the user asked for in the editor. */
export interface BlockChange {
  add: string[];
  remove: string[];
  reason: string;
}

/** One line of the append-only reason log kept in "Grund Post Sperre". */
export interface ReasonEntry {
  /** ISO date-time of the change. */
  at: string;
  /** Labels of brands blocked by this change. */
  added: string[];
  /** Labels of brands whose block was lifted. */
  removed: string[];
  reason: string;
  /** The user's short name from the options. */
  by: string;
}

/** One past value of one of the two properties, from HubSpot's property history. */
export interface HistoryEntry {
  property: 'blocks' | 'reason';
  value: string | null;
  /** ISO date-time. */
  timestamp: string;
  /** HubSpot's sourceType, e.g. CRM_UI, INTEGRATION, IMPORT, WORKFLOW. */
  sourceType: string;
  sourceId?: string;
  updatedByUserId?: number;
}
