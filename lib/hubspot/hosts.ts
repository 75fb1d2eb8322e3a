// Where the token may go. The manifest's host_permissions (wxt.config.ts) list the same hosts.
import { API_HOSTS } from '../settings';
import { gatewayError } from './messages';

export const DEFAULT_BASE_URL = 'https://api.hubapi.com';

/** `https://api.hubapi.com`, `https://api-eu1.hubapi.com`. */
export const API_ORIGINS: readonly string[] = API_HOSTS.map((h) => `https://${h}`);

export function isApiOrigin(origin: string): boolean {
  return API_ORIGINS.includes(origin);
}

/**
 * Checks and normalises a base URL: origin, path prefix without trailing slash ('' at the root). A HubSpot API origin is always fine;
 * anything else (the CLI's HUBSPOT_API_BASE, the fake server) only with `allowOverride`, and then
 * over https, or over plain http only to this machine (the token never crosses a network in clear).
 * Throws `not-configured` (reason `origin`) otherwise, before any token leaves the process.
 */
export function resolveBaseUrl(baseUrl: string | undefined, allowOverride: boolean): { origin: string; path: string; href: string } {
  let url: URL;
  try {
    url = new URL(baseUrl ?? DEFAULT_BASE_URL);
  } catch {
    throw gatewayError('not-configured', { reason: 'origin' });
  }
  const okScheme = url.protocol === 'https:' || (allowOverride && url.protocol === 'http:' && isLoopback(url.hostname));
  const okOrigin = isApiOrigin(url.origin) || allowOverride;
  if (!okScheme || !okOrigin || url.username || url.password || url.search || url.hash) {
    throw gatewayError('not-configured', { reason: 'origin' });
  }
  const path = url.pathname.replace(/\/+$/, ''); // '' for the root
  return { origin: url.origin, path, href: url.origin + path };
}

/** localhost, *.localhost, 127.0.0.0/8 and [::1]. */
function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(hostname) || hostname === '[::1]';
}
