// "Open the clean export" from the notice beside HubSpot's held export to the segment panel. Both
// run in this content script: a module-level listener set, out of the page's reach (a DOM event
// would be visible to, and could be sent by, HubSpot's own scripts).
const listeners = new Set<() => void>();

export function onOpenCleanExport(fn: () => void, signal: AbortSignal): void {
  listeners.add(fn);
  signal.addEventListener('abort', () => listeners.delete(fn), { once: true });
}

/** True when a panel took it. */
export function openCleanExport(): boolean {
  for (const fn of listeners) fn();
  return listeners.size > 0;
}
