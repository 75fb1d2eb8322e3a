// In-app navigation: HubSpot is a single-page app, so a URL change does not always mean a
// different page. Features restart only when the target (which contact, which list) changes.
import type { HubspotPage } from './urls';

/**
 * Whether two parsed pages show the same thing: same kind, host, portal and record. Sub-views of
 * one record (`/view/1`, `/filters`, query, hash) are the same target; two non-HubSpot pages
 * (both null) are too, since nothing runs on either.
 */
export function samePageTarget(a: HubspotPage | null, b: HubspotPage | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.kind !== b.kind || a.host !== b.host || a.portalId !== b.portalId) return false;
  switch (a.kind) {
    case 'contact':
      return b.kind === 'contact' && a.contactId === b.contactId;
    case 'list':
      return b.kind === 'list' && a.listId === b.listId;
    case 'list-index':
    case 'contact-index':
      return true;
    case 'workflow':
      return b.kind === 'workflow' && a.flowId === b.flowId;
  }
}
