// The state of the sidebar guard on this page, shared by the guard feature (which sets it) and
// the contact panel (which shows it as `guard-status`). Plain data: no React, no extension APIs.

/**
 * pending: looking at the page (HubSpot may still be rendering);
 * guarding: the guard sees both properties and HubSpot's Save;
 * fail-closed: the block property is being edited but the guard cannot read its picked brands (or
 *   the reason beside them): HubSpot's Save is stopped until the edit ends, saves without the block
 *   property are untouched;
 * off: HubSpot's page does not look as expected, the guard stays out of its way.
 */
export type GuardMode = 'pending' | 'guarding' | 'fail-closed' | 'off';

export interface GuardStatus {
  /** The contract's `data-state`: the sidebar's Save is guarded (guarding, fail-closed) or not. */
  state: 'active' | 'inactive';
  mode: GuardMode;
  message: string;
}

export function guardStatus(mode: GuardMode, message: string): GuardStatus {
  return { state: mode === 'guarding' || mode === 'fail-closed' ? 'active' : 'inactive', mode, message };
}
