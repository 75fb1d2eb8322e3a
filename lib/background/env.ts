// The service worker's environment for the gateway: settings (Chrome policy on top), the brands
// chosen per list and workflow, and connection facts in storage.local as versioned items
// (storage.ts; extension pages and the worker only read them; content scripts ask the worker), the
// property cache in storage.session (survives worker restarts, not browser restarts).
import browser from 'webextension-polyfill';
import { createHubspotApi, type HubspotApi } from '../hubspot/api';
import type { TtlCache } from '../hubspot/cache';
import type { HandlerEnv } from '../gateway/handlers';
import { BrandChoiceStore } from '../gateway/brandChoices';
import { applyPolicy, parsePolicy, withoutPolicy, type ManagedPolicy } from '../policy';
import { parseSettings, type Settings } from '../settings';
import { defineStorageItems, type StorageItems } from './storage';

/** Chrome policy for this extension; {} where none is set or the browser has no managed storage. */
async function loadPolicy(): Promise<ManagedPolicy> {
  const raw = await browser.storage.managed.get(null).catch(() => ({}));
  return parsePolicy(raw);
}


export function storageSessionCache(): TtlCache {
  const memory = new Map<string, { value: unknown; expires: number }>();
  return {
    async get<T>(key: string): Promise<T | undefined> {
      const now = Date.now();
      const hit = memory.get(key);
      if (hit && hit.expires > now) return hit.value as T;
      const stored = (await browser.storage.session.get(key))[key] as { value: T; expires: number } | undefined;
      if (stored && stored.expires > now) {
        memory.set(key, stored);
        return stored.value;
      }
      return undefined;
    },
    async set<T>(key: string, value: T, ttlMs: number): Promise<void> {
      const entry = { value, expires: Date.now() + ttlMs };
      memory.set(key, entry);
      await browser.storage.session.set({ [key]: entry });
    },
  };
}

export function createBackgroundEnv(items: StorageItems = defineStorageItems()): HandlerEnv {
  const apis = new Map<string, HubspotApi>();
  const loadStoredSettings = async (): Promise<Settings> => parseSettings(await items.settings.getValue());
  return {
    async loadSettings() {
      const [stored, policy] = await Promise.all([loadStoredSettings(), loadPolicy()]);
      return applyPolicy(stored, policy);
    },
    async storeSettings(s: Settings) {
      const [stored, policy] = await Promise.all([loadStoredSettings(), loadPolicy()]);
      await items.settings.setValue(withoutPolicy(s, stored, policy));
    },
    loadPolicy,
    async loadConnection() {
      return await items.connection.getValue();
    },
    async storeConnection(c) {
      if (c) await items.connection.setValue(c);
      else await items.connection.removeValue();
    },
    brandChoices: new BrandChoiceStore(items.brandChoices),
    cache: storageSessionCache(),
    apiFor(settings) {
      const key = `${settings.apiHost}\n${settings.token}`;
      let api = apis.get(key);
      if (!api) {
        apis.clear();
        api = createHubspotApi({ token: settings.token, baseUrl: `https://${settings.apiHost}` });
        apis.set(key, api);
      }
      return api;
    },
    async openOptionsPage() {
      await browser.runtime.openOptionsPage();
    },
    keepAliveWhile(work) {
      // Chrome ends an idle service worker after 30 s; a call can wait longer (a 429 asks for up
      // to 10 s, several times; a save whose page has gone runs on). Any extension API call
      // counts as activity.
      const timer = setInterval(() => void browser.runtime.getPlatformInfo().catch(() => undefined), KEEP_ALIVE_MS);
      void work.finally(() => clearInterval(timer)).catch(() => undefined);
    },
  };
}

const KEEP_ALIVE_MS = 20_000;
