// The gateway's environment in memory (settings, connection facts, cache), with the API pointed at
// the fake HubSpot: the handlers run as in the service worker, without a browser.
import type { HandlerEnv } from '../../../lib/gateway/handlers';
import type { ConnectionInfo } from '../../../lib/gateway/session';
import { createHubspotApi, type HubspotApi } from '../../../lib/hubspot/api';
import { memoryCache } from '../../../lib/hubspot/cache';
import { parseSettings, type Settings } from '../../../lib/settings';
import { BrandChoiceStore, memoryChoicesItem } from '../../../lib/gateway/brandChoices';

export function memoryGatewayEnv(baseUrl: string, stored: Partial<Settings>): { env: HandlerEnv; settings: () => Settings; choices: () => Record<string, string[]> } {
  let settings: Settings = parseSettings(stored);
  let connection: ConnectionInfo | null = null;
  const apis = new Map<string, HubspotApi>();
  const choices = memoryChoicesItem();
  const env: HandlerEnv = {
    loadSettings: () => Promise.resolve(structuredClone(settings)),
    storeSettings: (s) => {
      settings = structuredClone(s);
      return Promise.resolve();
    },
    loadConnection: () => Promise.resolve(connection),
    storeConnection: (c) => {
      connection = c;
      return Promise.resolve();
    },
    cache: memoryCache(),
    apiFor(s) {
      let api = apis.get(s.token);
      if (!api) apis.set(s.token, (api = createHubspotApi({ token: s.token, baseUrl, allowBaseUrl: true })));
      return api;
    },
    openOptionsPage: () => Promise.resolve(),
    brandChoices: new BrandChoiceStore(choices),
  };
  return { env, settings: () => settings, choices: () => Object.fromEntries(Object.entries(choices.value).map(([k, c]) => [k, c.brands])) };
}
