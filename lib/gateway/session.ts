// What one gateway call works with: settings, the HubSpot API for the stored token, the
// cached connection facts and property definition, and the caller's abort signal.
import { GatewayError } from '../hubspot/errors';
import type { CallOptions, HubspotApi, PropertyDefinition, RetryEvent } from '../hubspot/api';
import type { Clock } from '../hubspot/clock';
import type { TtlCache } from '../hubspot/cache';
import { language, translator, type Translator } from '../i18n';
import type { Settings } from '../settings';
import type { BrandChoiceStore } from './brandChoices';

/** Facts learned by the last connection test, tied to the token they were learned with. */
export interface ConnectionInfo {
  tokenFingerprint: string;
  portalId: string;
  uiDomain: string;
  region: string;
  blockPropertyLabel?: string;
  reasonPropertyLabel?: string;
  /** The brands (options of the block property) as last seen, for the options page. */
  brands?: { value: string; label: string }[];
  checkedAt: string;
}

export interface GatewayEnv {
  loadSettings(): Promise<Settings>;
  storeSettings(s: Settings): Promise<void>;
  loadConnection(): Promise<ConnectionInfo | null>;
  storeConnection(c: ConnectionInfo | null): Promise<void>;
  cache: TtlCache;
  /** The API for these settings; the same instance (and so the same rate limiter) per token. */
  apiFor(settings: Settings): HubspotApi;
  /** Waits between write attempts; default the system clock (tests pass a virtual one). */
  clock?: Clock;
  /** The brands chosen per list and workflow (working state, apart from the settings). */
  brandChoices: BrandChoiceStore;
}

/** Not the token: enough to notice that the token changed. */
export function tokenFingerprint(token: string): string {
  let h = 2166136261;
  for (let i = 0; i < token.length; i++) h = Math.imul(h ^ token.charCodeAt(i), 16777619);
  return `${token.length}:${(h >>> 0).toString(36)}`;
}

export const PROPERTY_TTL_MS = 10 * 60 * 1000;
/** Users and their names change rarely. */
export const USER_NAMES_TTL_MS = 6 * 60 * 60 * 1000;

export class GatewaySession {
  connection: ConnectionInfo | null = null;
  /** Pass to every API call: the caller's abort signal and its retry notices. */
  readonly opts: CallOptions;
  constructor(
    readonly env: GatewayEnv,
    readonly settings: Settings,
    readonly api: HubspotApi,
    readonly signal: AbortSignal,
    onRetry?: (e: RetryEvent) => void,
    /** The caller's language: every text this call makes speaks it. */
    readonly tr: Translator = translator(language()),
  ) {
    this.opts = onRetry ? { signal, onRetry } : { signal };
  }

  /** `tr`: the caller's language (a gateway call's CallContext.tr; the CLI and tests: the process's). */
  static async open(env: GatewayEnv, signal: AbortSignal, onRetry?: (e: RetryEvent) => void, tr: Translator = translator(language())): Promise<GatewaySession> {
    const settings = await env.loadSettings();
    if (!settings.token) throw new GatewayError('not-configured', tr.t('errorNotConfigured'));
    const session = new GatewaySession(env, settings, env.apiFor(settings), signal, onRetry, tr);
    const stored = await env.loadConnection();
    session.connection = stored && stored.tokenFingerprint === tokenFingerprint(settings.token) ? stored : null;
    return session;
  }

  /** The token's portal, from the last connection test or (once) from account info. */
  async portal(): Promise<ConnectionInfo> {
    if (this.connection) return this.connection;
    const details = await this.api.getAccountDetails(this.opts);
    const info: ConnectionInfo = {
      tokenFingerprint: tokenFingerprint(this.settings.token),
      portalId: String(details.portalId),
      uiDomain: details.uiDomain ?? 'app.hubspot.com',
      region: details.dataHostingLocation ?? '',
      checkedAt: new Date().toISOString(),
    };
    this.connection = info;
    await this.env.storeConnection(info);
    return info;
  }

  /** Refuses to read or write anything of a page that belongs to another portal than the token. */
  async checkPortal(pagePortalId: string): Promise<{ settings: Settings; connection: ConnectionInfo }> {
    const connection = await this.portal();
    // A policy may pin the portal: a token of any other portal reads and writes nothing.
    if (this.settings.allowedPortalId && connection.portalId !== this.settings.allowedPortalId) {
      throw new GatewayError('portal-mismatch', this.tr.t('errorPortalNotAllowed', connection.portalId, this.settings.allowedPortalId));
    }
    if (connection.portalId !== pagePortalId) {
      throw new GatewayError('portal-mismatch', this.tr.t('errorPortalMismatch', pagePortalId, connection.portalId));
    }
    return { settings: this.settings, connection };
  }

  /** Labels of the contact properties (for audit summaries), cached; {} when HubSpot will not say. */
  async propertyLabels(): Promise<Record<string, string>> {
    const key = `labels:${tokenFingerprint(this.settings.token)}`;
    const cached = await this.env.cache.get<Record<string, string>>(key);
    if (cached) return cached;
    try {
      const labels = await this.api.getPropertyLabels(this.opts);
      await this.env.cache.set(key, labels, PROPERTY_TTL_MS);
      return labels;
    } catch (e) {
      if (this.signal.aborted) throw e;
      return {}; // summaries fall back to internal names; the audit itself does not need labels
    }
  }

  private get userNamesKey() {
    return `users:${tokenFingerprint(this.settings.token)}`;
  }

  /** Names of HubSpot users by id as far as already known (no request). */
  async cachedUserNames(): Promise<Record<string, string>> {
    return (await this.env.cache.get<Record<string, string>>(this.userNamesKey)) ?? {};
  }

  /** Names of HubSpot users by id (property history says who only by id), cached for hours; {}
   *  when the token may not read owners (crm.objects.owners.read is optional): ids then. */
  async userNames(): Promise<Record<string, string>> {
    const cached = await this.env.cache.get<Record<string, string>>(this.userNamesKey);
    if (cached) return cached;
    let names: Record<string, string> = {};
    let ttl = USER_NAMES_TTL_MS;
    try {
      names = await this.api.getUserNames(this.opts);
    } catch (e) {
      if (this.signal.aborted) throw e;
      ttl = PROPERTY_TTL_MS; // not worth failing anything for; ask again later
    }
    await this.env.cache.set(this.userNamesKey, names, ttl);
    return names;
  }

  /** The block property's definition (the brand list), cached: a repeat page view costs one request. */
  async blockProperty(): Promise<PropertyDefinition> {
    const key = `property:${tokenFingerprint(this.settings.token)}:${this.settings.blockProperty}`;
    const cached = await this.env.cache.get<PropertyDefinition>(key);
    if (cached) return cached;
    const definition = await this.api.getProperty(this.settings.blockProperty, this.opts);
    if (!definition) throw new GatewayError('property-missing', this.tr.t('errorPropertyMissing', this.settings.blockProperty));
    if (definition.type !== 'enumeration') throw new GatewayError('property-missing', this.tr.t('errorPropertyNotMultiSelect', this.settings.blockProperty));
    await this.env.cache.set(key, definition, PROPERTY_TTL_MS);
    return definition;
  }
}
