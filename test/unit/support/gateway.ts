// Test helpers for the gateway: an in-memory handler environment (settings, connection and cache in
// memory, one HubSpot API made on demand) and the GatewayError a promise is expected to fail with.
import { BrandChoiceStore, memoryChoicesItem } from '../../../lib/gateway/brandChoices';
import type { HandlerEnv } from '../../../lib/gateway/handlers';
import type { ConnectionInfo } from '../../../lib/gateway/session';
import type { HubspotApi } from '../../../lib/hubspot/api';
import { memoryCache } from '../../../lib/hubspot/cache';
import type { Clock } from '../../../lib/hubspot/clock';
import { GatewayError } from '../../../lib/hubspot/errors';
import { parseSettings, type Settings } from '../../../lib/settings';

/** Handlers' environment kept in memory; `makeApi` is called once, for the first token asked. */
export function memoryHandlerEnv(token: string, makeApi: (settings: Settings) => HubspotApi, clock?: Clock): HandlerEnv {
  let settings: Settings = parseSettings({ token, userName: 'MK' });
  let connection: ConnectionInfo | null = null;
  let api: HubspotApi | undefined;
  return {
    loadSettings: async () => settings,
    storeSettings: async (v) => {
      settings = v;
    },
    loadConnection: async () => connection,
    storeConnection: async (c) => {
      connection = c;
    },
    cache: memoryCache(),
    apiFor: (st) => (api ??= makeApi(st)),
    openOptionsPage: async () => undefined,
    brandChoices: new BrandChoiceStore(memoryChoicesItem()),
    ...(clock ? { clock } : {}),
  };
}

/** The GatewayError `p` fails with (any other outcome fails the test). */
export async function gatewayFailure(p: Promise<unknown>): Promise<GatewayError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof GatewayError) return e;
    throw e;
  }
  throw new Error('expected a GatewayError');
}
