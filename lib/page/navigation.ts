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

/**
 * Whether a URL the Navigation API reports is a navigation of this document at all. A download
 * (`<a download>` with a `blob:` or `data:` URL, as the clean export makes) fires `navigate` too,
 * and WXT passes it on as a location change; the page stays where it is, so nothing may restart.
 * A navigation to another origin leaves the document (the content script starts anew there).
 */
export function isDocumentNavigation(url: URL, current: Pick<Location, 'origin'>): boolean {
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === current.origin;
}
