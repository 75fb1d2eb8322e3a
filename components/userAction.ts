// Writes start only from a person's own click or key press. A script in HubSpot's page can reach
// the panel (its shadow root is open, so that tests can find it) and could fill the reason and
// click Save; the browser marks such events as not trusted.

let acceptUntrusted = false;

/** True for an event the browser says came from the user. */
export function isUserAction(e: { nativeEvent: Event } | Event): boolean {
  const native = 'nativeEvent' in e ? e.nativeEvent : e;
  return native.isTrusted || acceptUntrusted;
}

/** Component tests dispatch events from script (never trusted); they switch the check off here.
 *  The extension never calls this. */
export function acceptUntrustedEventsForTests(on: boolean): void {
  acceptUntrusted = on;
}
