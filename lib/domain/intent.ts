// What a user toggled in the block editor, kept apart from the state it was toggled against, so
// that a save changes exactly the brands the user touched, whatever happened to the others meanwhile
// (someone else's save, HubSpot's own sidebar, a re-read under the open editor).
// Pure: no React, no browser, no HubSpot transport.

import { sameSet } from './sets';

/** Brands the user wants blocked (`add`) and lifted (`remove`). A brand named in neither is never
 *  changed by a save. No brand is in both. */
export interface BlockIntent {
  add: string[];
  remove: string[];
}

export const NO_INTENT: BlockIntent = { add: [], remove: [] };

/**
 * The intent after the user ticked (`checked`) or unticked a brand while the editor showed it
 * against `shown` (the contact's blocks as last read). Ticking a brand back to what HubSpot holds
 * drops it from the intent: picking and unpicking is no change, and never lifts a block that
 * someone else sets meanwhile.
 */
export function toggleIntent(intent: BlockIntent, shown: readonly string[], brand: string, checked: boolean): BlockIntent {
  const add = intent.add.filter((b) => b !== brand);
  const remove = intent.remove.filter((b) => b !== brand);
  if (checked !== shown.includes(brand)) (checked ? add : remove).push(brand);
  return { add, remove };
}

/** Several brands at once (a family toggle), in order. */
export function toggleIntentAll(intent: BlockIntent, shown: readonly string[], brands: Iterable<string>, checked: boolean): BlockIntent {
  let next = intent;
  for (const b of brands) next = toggleIntent(next, shown, b, checked);
  return next;
}

export interface IntentPlan {
  /** The block set after the save: `current` with the intent applied. */
  next: string[];
  /** Brands this save blocks (wanted and not blocked in `current`), in intent order. */
  added: string[];
  /** Brands this save lifts (wanted lifted and blocked in `current`), in intent order. */
  removed: string[];
  /** Toggles that `current` already satisfies: someone else did them. They drop out of the change. */
  moot: string[];
}

/** The intent applied to the contact's current blocks. `next` keeps the order of `current`. */
export function applyIntent(current: readonly string[], intent: BlockIntent): IntentPlan {
  const has = new Set(current);
  const remove = new Set(intent.remove);
  const added = intent.add.filter((b) => !has.has(b) && !remove.has(b));
  const removed = intent.remove.filter((b) => has.has(b));
  const moot = [...intent.add.filter((b) => has.has(b)), ...intent.remove.filter((b) => !has.has(b))];
  const next = [...current.filter((b) => !remove.has(b)), ...added];
  return { next, added, removed, moot };
}

/** Whether a plan changes exactly the brands the user was shown (`expected`). */
export function sameChange(plan: Pick<IntentPlan, 'added' | 'removed'>, expected: BlockIntent): boolean {
  return sameSet(plan.added, expected.add) && sameSet(plan.removed, expected.remove);
}
