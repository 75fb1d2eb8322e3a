/** The portal-wide audit on the options page (issue 5). */
export function PortalAuditContainer() {
  return null;
}
