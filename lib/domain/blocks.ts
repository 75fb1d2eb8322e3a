// Block sets: the value of the multi-checkbox block property ("Post Sperre Marken"), the brand
// catalog built from its options, and the conflict-safe change (docs/domain.md rules 1 and 3).
// Pure: no React, no browser, no HubSpot transport.
import type { BlockChange, Brand } from './types';

/** HubSpot joins the option values of a multi-checkbox property with this character. */
export const BLOCK_VALUE_SEPARATOR = ';';

/**
 * Sort key given to values that occur on a contact but are no option (`known: false`): after
 * every option. Finite on purpose: the catalog crosses the message port as JSON, where
 * `Infinity` would become `null`.
 */
export const UNKNOWN_BRAND_ORDER = Number.MAX_SAFE_INTEGER;

/** HubSpot's "no order" marker: options with displayOrder -1 are shown after ordered ones. */
const UNORDERED = -1;

/** Splits a stored multi-checkbox value into option values: trimmed, no empties, no duplicates, first-seen order. */
export function parseBlockValue(raw: string | null | undefined): string[] {
  if (raw == null || raw === '') return [];
  return uniqueNonEmpty(raw.split(BLOCK_VALUE_SEPARATOR));
}

/**
 * The stored form of a block set: option values joined by `;`, ordered by the catalog (its
 * display order), then values the catalog does not know in code-unit order. The empty set gives
 * `""`, which clears the property in HubSpot.
 *
 * Values are trimmed and de-duplicated like `parseBlockValue` does, so that
 * `parseBlockValue(serializeBlockSet(x))` gives back the set x.
 * @throws RangeError for a value containing `;`: it cannot be stored without splitting into two.
 */
export function serializeBlockSet(values: Iterable<string>, catalog?: readonly Brand[]): string {
  const set = uniqueNonEmpty(values);
  for (const value of set) {
    if (value.includes(BLOCK_VALUE_SEPARATOR)) {
      throw new RangeError(`Block value ${JSON.stringify(value)} contains "${BLOCK_VALUE_SEPARATOR}"`);
    }
  }
  const position = new Map<string, number>();
  if (catalog) {
    [...catalog].sort(compareBrands).forEach((brand, index) => {
      if (!position.has(brand.value)) position.set(brand.value, index);
    });
  }
  const inCatalog = set.filter((v) => position.has(v));
  const notInCatalog = set.filter((v) => !position.has(v));
  inCatalog.sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));
  notInCatalog.sort(compareCodeUnits);
  return [...inCatalog, ...notInCatalog].join(BLOCK_VALUE_SEPARATOR);
}

export interface BlockOption {
  value: string;
  label: string;
  displayOrder?: number;
  hidden?: boolean;
}

/**
 * Every brand the editor and the panel show: each option of the block property (hidden ones
 * kept and flagged), plus each value set on the contact that is no option (`known: false`,
 * label = value, sorted last). Options with an empty value are dropped; duplicates keep the
 * first. Sorted by display order (HubSpot's -1 = unordered goes after ordered options), then
 * label, then value.
 */
export function brandCatalog(options: readonly BlockOption[], valuesOnContact: readonly string[]): Brand[] {
  const byValue = new Map<string, Brand>();
  for (const option of options) {
    if (option.value === '' || byValue.has(option.value)) continue;
    byValue.set(option.value, {
      value: option.value,
      label: option.label,
      hidden: option.hidden ?? false,
      known: true,
      displayOrder:
        typeof option.displayOrder === 'number' && Number.isFinite(option.displayOrder)
          ? option.displayOrder
          : UNORDERED,
    });
  }
  for (const value of uniqueNonEmpty(valuesOnContact)) {
    if (byValue.has(value)) continue;
    byValue.set(value, { value, label: value, hidden: false, known: false, displayOrder: UNKNOWN_BRAND_ORDER });
  }
  return [...byValue.values()].sort(compareBrands);
}

const labelCollator = new Intl.Collator('de', { sensitivity: 'base', numeric: true });

/** Catalog order: display order (negative = unordered, after ordered ones), then label, then value. */
export function compareBrands(a: Brand, b: Brand): number {
  return (
    orderKey(a.displayOrder) - orderKey(b.displayOrder) ||
    labelCollator.compare(a.label, b.label) ||
    compareCodeUnits(a.label, b.label) ||
    compareCodeUnits(a.value, b.value)
  );
}

function orderKey(displayOrder: number): number {
  if (displayOrder >= UNKNOWN_BRAND_ORDER) return UNKNOWN_BRAND_ORDER;
  return displayOrder < 0 ? UNKNOWN_BRAND_ORDER - 1 : displayOrder;
}

/** What the user changed in the editor: `add` in the order of `after`, `remove` in the order of `before`. */
export function diffSelection(before: readonly string[], after: readonly string[]): { add: string[]; remove: string[] } {
  const b = new Set(before);
  const a = new Set(after);
  return {
    add: [...a].filter((v) => !b.has(v)),
    remove: [...b].filter((v) => !a.has(v)),
  };
}

export type ApplyChangeResult =
  | { ok: true; next: string[]; added: string[]; removed: string[] }
  | { ok: false; conflicts: string[] };

/**
 * The conflict-safe write (docs/domain.md rule 3). `seen` is the block set the user saw when editing,
 * `fresh` a re-read just before writing.
 * - Brands the user did not touch keep their state in `fresh`: blocks others set or lifted
 *   meanwhile survive.
 * - A touched brand (added or removed) whose state in `fresh` differs from `seen` was changed by
 *   someone else meanwhile: the change is refused and every such brand listed, in change order.
 *   This holds even when the other change went the same way (both blocked it): the reason log
 *   would otherwise credit this user with a block someone else set.
 * - `next` keeps the order of `fresh` and appends added brands in change order; `added` and
 *   `removed` are what actually differs from `fresh` (a no-op change gives two empty lists).
 * @throws RangeError when a brand is both added and removed (no editor produces that).
 */
export function applyChange(
  fresh: readonly string[],
  seen: readonly string[],
  change: Pick<BlockChange, 'add' | 'remove'>,
): ApplyChangeResult {
  const add = uniqueNonEmpty(change.add);
  const remove = uniqueNonEmpty(change.remove);
  const both = add.filter((v) => remove.includes(v));
  if (both.length > 0) {
    throw new RangeError(`Brands both added and removed: ${both.join(', ')}`);
  }
  const freshSet = new Set(fresh);
  const seenSet = new Set(seen);
  const conflicts = [...add, ...remove].filter((v) => freshSet.has(v) !== seenSet.has(v));
  if (conflicts.length > 0) return { ok: false, conflicts };

  const removeSet = new Set(remove);
  const added = add.filter((v) => !freshSet.has(v));
  const removed = remove.filter((v) => freshSet.has(v));
  const next = [...uniqueNonEmpty(fresh).filter((v) => !removeSet.has(v)), ...added];
  return { ok: true, next, added, removed };
}

/** The brands a contact is blocked for, from its properties as the API returns them. */
export function blockedBrandsOf(
  contactProperties: Record<string, string | null | undefined>,
  blockProperty: string,
): string[] {
  if (!Object.prototype.hasOwnProperty.call(contactProperties, blockProperty)) return [];
  return parseBlockValue(contactProperties[blockProperty]);
}

function uniqueNonEmpty(values: Iterable<string>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of values) {
    const value = raw.trim();
    if (value === '' || seen.has(value)) continue;
    seen.add(value);
    out.push(value);
  }
  return out;
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
