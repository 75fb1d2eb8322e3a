// @hubspot/api-client's GENERATED classes, wired to our http layer. Deep imports only: the
// package root (`Client`) is 4.7 MB, needs a Buffer global and doubles the worker's start-up
// (docs/toolchain.md). Each module's index pulls its models and the ObjectSerializer, nothing else of ours.
//
// What the generated code does with an answer (checked in v14.0.1):
// - `httpApi.send(ctx)` is awaited through a promise-based Observable stub: whatever our library
//   throws (GatewayError, AbortError) reaches the caller unchanged, same instance.
// - On 2xx it runs `ObjectSerializer.parse(text, content-type)` (JSON.parse for JSON types, the raw
//   string for text types, throws without a content-type), then `deserialize(…, Model)`: only the
//   model's known attributes are copied, unknown ones are DROPPED; `Date` attributes become Date
//   objects (our zod schemas turn them back into ISO strings); and a discriminator value it does not
//   know (a new filterType, operationType or filterBranchType in a list filter) makes it throw
//   `TypeError: typeMap[type].getAttributeTypeMap is not a function`. Serialising a request body has
//   the same two problems.
// - Non-2xx would become an ApiException, but our library never hands it one: it throws a
//   GatewayError after its own retries.
// So: list reads and filter updates go through request() + zod (api.ts); the SDK serves contacts,
// properties, list search and memberships, whose models hold everything we read.
import {
  ListsApi,
  MembershipsApi,
  ServerConfiguration as ListsServerConfiguration,
  createConfiguration as createListsConfiguration,
  wrapHttpLibrary as wrapListsHttpLibrary,
} from '@hubspot/api-client/lib/codegen/crm/lists';
import {
  BasicApi as ContactsBasicApi,
  BatchApi as ContactsBatchApi,
  SearchApi as ContactsSearchApi,
  ServerConfiguration as ContactsServerConfiguration,
  createConfiguration as createContactsConfiguration,
  wrapHttpLibrary as wrapContactsHttpLibrary,
} from '@hubspot/api-client/lib/codegen/crm/contacts';
import {
  CoreApi as PropertiesCoreApi,
  ServerConfiguration as PropertiesServerConfiguration,
  createConfiguration as createPropertiesConfiguration,
  wrapHttpLibrary as wrapPropertiesHttpLibrary,
} from '@hubspot/api-client/lib/codegen/crm/properties';
import {
  OwnersApi,
  ServerConfiguration as OwnersServerConfiguration,
  createConfiguration as createOwnersConfiguration,
  wrapHttpLibrary as wrapOwnersHttpLibrary,
} from '@hubspot/api-client/lib/codegen/crm/owners';
import { isAbortError } from './clock';
import { isGatewayError } from './errors';
import type { HttpClient, RetryEvent, SdkCallContext } from './http';
import { gatewayError } from './messages';

export interface HubspotSdk {
  /** Runs `fn` with SDK classes bound to this call's signal and returns its result as plain data
   *  (`toPlain`); non-gateway failures inside the SDK (its parser or deserializer throwing) become
   *  invalid-response naming the call. */
  call(fallbackCall: string, o: CallHooks, fn: (apis: SdkApis) => Promise<unknown>): Promise<unknown>;
}

export interface CallHooks {
  signal?: AbortSignal;
  onRetry?: (e: RetryEvent) => void;
  once?: boolean;
}

export interface SdkApis {
  contacts: { basic: ContactsBasicApi; batch: ContactsBatchApi; search: ContactsSearchApi };
  properties: { core: PropertiesCoreApi };
  lists: { lists: ListsApi; memberships: MembershipsApi };
  owners: { owners: OwnersApi };
}

/**
 * The SDK never sees the token: our http layer adds the Authorization header after checking the
 * destination, and drops any the SDK would set. Configurations are cheap objects, built per call so
 * that each call carries its own AbortSignal (the generated classes have no per-call signal, and a
 * per-call `httpApi` in `_options` is ignored by their send path).
 */
export function createSdk(http: HttpClient): HubspotSdk {
  const baseUrl = http.baseUrl;
  function apisFor(ctx: SdkCallContext): SdkApis {
    // One library per call; each generated module gets it through its own (identical) wrapper,
    // because their RequestContext classes are nominally distinct types.
    const lib = http.promiseHttpLibrary(ctx);
    const contactsConf = createContactsConfiguration({
      baseServer: new ContactsServerConfiguration(baseUrl, {}),
      httpApi: wrapContactsHttpLibrary(lib),
    });
    const propertiesConf = createPropertiesConfiguration({
      baseServer: new PropertiesServerConfiguration(baseUrl, {}),
      httpApi: wrapPropertiesHttpLibrary(lib),
    });
    const listsConf = createListsConfiguration({
      baseServer: new ListsServerConfiguration(baseUrl, {}),
      httpApi: wrapListsHttpLibrary(lib),
    });
    const ownersConf = createOwnersConfiguration({
      baseServer: new OwnersServerConfiguration(baseUrl, {}),
      httpApi: wrapOwnersHttpLibrary(lib),
    });
    return {
      owners: { owners: new OwnersApi(ownersConf) },
      contacts: {
        basic: new ContactsBasicApi(contactsConf),
        batch: new ContactsBatchApi(contactsConf),
        search: new ContactsSearchApi(contactsConf),
      },
      properties: { core: new PropertiesCoreApi(propertiesConf) },
      lists: { lists: new ListsApi(listsConf), memberships: new MembershipsApi(listsConf) },
    };
  }
  return {
    async call(fallbackCall, o, fn) {
      const ctx: SdkCallContext = { ...(o.signal ? { signal: o.signal } : {}), ...(o.onRetry ? { onRetry: o.onRetry } : {}), ...(o.once ? { once: true } : {}) };
      try {
        return toPlain(await fn(apisFor(ctx)));
      } catch (e) {
        if (isGatewayError(e) || isAbortError(e)) throw e;
        throw gatewayError('invalid-response', { call: ctx.lastCall ?? fallbackCall, reason: 'sdk' });
      }
    },
  };
}

/**
 * The SDK's models as plain data: class instances become plain objects, Date objects ISO strings
 * (an invalid Date becomes null), undefined attributes disappear. So what crosses a message port or
 * lands in a cache is JSON-safe even in fields our schemas do not name (they pass through loose).
 */
export function toPlain(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Array.isArray(value)) return value.map(toPlain);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toPlain(v);
    return out;
  }
  return value;
}
