// HubSpot app URLs: which page is this, and links back to HubSpot (record pages
// /contacts/{portalId}/record/0-1/{id} and the older /contact/{id}; list pages /objectLists/{id}).
// Pure functions over a URL (pass `location.href`), tested over real-looking samples.

export type HubspotPage =
  | { kind: 'contact'; host: string; portalId: string; contactId: string }
  | { kind: 'list'; host: string; portalId: string; listId: string }
  | { kind: 'list-index'; host: string; portalId: string }
  | { kind: 'contact-index'; host: string; portalId: string }
  | { kind: 'workflow'; host: string; portalId: string; flowId: string };

/**
 * `app.hubspot.com` (na1) and `app-<region>.hubspot.com` (app-eu1, app-na2, app-ap1, …) only.
 * The manifest matches `https://*.hubspot.com/*` (no pattern for `app-*`), so this is the real
 * check: no other subdomain, no look-alike (`evil-hubspot.com`, `app.hubspot.com.evil.org`,
 * `xapp.hubspot.com`), no port, no trailing dot. Case-insensitive like DNS.
 */
export function isHubspotAppHost(host: string): boolean {
  return APP_HOST.test(host);
}
const APP_HOST = /^app(?:-[a-z]{2,4}\d{1,2})?\.hubspot\.com$/i;

/** HubSpot ids in paths: decimal digits, no leading zero (so one page has one id). */
const ID = /^[1-9]\d{0,19}$/;

/** The contacts object type in `/record/{objectTypeId}/…`. */
const CONTACT_OBJECT_TYPE = '0-1';

/**
 * Which HubSpot page a URL shows, or null for anything else (other hosts, other objects, settings…).
 * - contact: `/contacts/{portalId}/record/0-1/{contactId}[/…]` and the older `/contacts/{portalId}/contact/{contactId}[/…]`
 * - list: `/contacts/{portalId}/objectLists/{listId}[/…]` (e.g. `/filters`)
 * - list-index: `/contacts/{portalId}/objectLists`, `/…/objectLists/views/{view}`
 * - contact-index: the contacts table, `/contacts/{portalId}/objects/0-1/views/{view}/list` (and `/objects/0-1`)
 * Query and hash never change the answer. Only https.
 */
export function parseHubspotPage(url: string | URL): HubspotPage | null {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' || parsed.port !== '' || !isHubspotAppHost(parsed.hostname)) return null;
  const host = parsed.hostname.toLowerCase();
  const [root, portalId, section, a, b] = parsed.pathname.split('/').filter((s) => s !== '');
  // Workflows: `/workflows/{portalId}/platform/flow/{flowId}[/edit…]`.
  if (root === 'workflows') {
    if (portalId !== undefined && ID.test(portalId) && section === 'platform' && a === 'flow' && b !== undefined && ID.test(b)) {
      return { kind: 'workflow', host, portalId, flowId: b };
    }
    return null;
  }
  if (root !== 'contacts' || portalId === undefined || !ID.test(portalId)) return null;
  switch (section) {
    case 'record':
      if (a === CONTACT_OBJECT_TYPE && b !== undefined && ID.test(b)) {
        return { kind: 'contact', host, portalId, contactId: b };
      }
      return null;
    case 'contact':
      if (a !== undefined && ID.test(a)) return { kind: 'contact', host, portalId, contactId: a };
      return null;
    case 'objects':
      if (a === CONTACT_OBJECT_TYPE) return { kind: 'contact-index', host, portalId };
      return null;
    case 'objectLists':
      if (a === undefined || a === 'views') return { kind: 'list-index', host, portalId };
      if (ID.test(a)) return { kind: 'list', host, portalId, listId: a };
      return null;
    default:
      return null;
  }
}

/**
 * Link to a contact record. `uiDomain` as account-info gives it (`app-eu1.hubspot.com`; an
 * `https://` origin is accepted too).
 * @throws RangeError for a host that is no HubSpot app host or ids that are not HubSpot ids:
 *   a link must never lead elsewhere.
 */
export function contactPageUrl(uiDomain: string, portalId: string, contactId: string): string {
  return `https://${appHost(uiDomain)}/contacts/${id(portalId)}/record/${CONTACT_OBJECT_TYPE}/${id(contactId)}`;
}

/** Link to a list (segment). Same checks as contactPageUrl. */
export function listPageUrl(uiDomain: string, portalId: string, listId: string): string {
  return `https://${appHost(uiDomain)}/contacts/${id(portalId)}/objectLists/${id(listId)}`;
}

/** HubSpot's settings page of a contact property, opened on that property (as HubSpot's own UI links it). */
export function propertySettingsUrl(uiDomain: string, portalId: string, property: string): string {
  return `https://${appHost(uiDomain)}/property-settings/${id(portalId)}/properties?type=${CONTACT_OBJECT_TYPE}&property=${encodeURIComponent(property)}&action=edit`;
}

/** Link to a workflow's editor. Same checks as contactPageUrl. */
export function workflowPageUrl(uiDomain: string, portalId: string, flowId: string): string {
  return `https://${appHost(uiDomain)}/workflows/${id(portalId)}/platform/flow/${id(flowId)}/edit`;
}

function appHost(uiDomain: string): string {
  const host = uiDomain.trim().replace(/^https:\/\//i, '').replace(/\/$/, '');
  if (!isHubspotAppHost(host)) throw new RangeError(`Not a HubSpot app host: ${JSON.stringify(uiDomain)}`);
  return host.toLowerCase();
}

function id(value: string): string {
  if (!ID.test(value)) throw new RangeError(`Not a HubSpot id: ${JSON.stringify(value)}`);
  return value;
}
