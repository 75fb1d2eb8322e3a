// A tiny TTL cache. In-memory here; the background backs the same interface with
// storage.session (lib/background/env.ts), which is why it is asynchronous.
import type { HubspotApi, PropertyDefinition } from './api';

export interface TtlCache {
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T, ttlMs: number): Promise<void>;
}

export function memoryCache(opts: { now?: () => number; maxEntries?: number } = {}): TtlCache {
  const now = opts.now ?? (() => Date.now());
  const maxEntries = opts.maxEntries ?? 500;
  const entries = new Map<string, { value: unknown; expires: number }>();
  return {
    get<T>(key: string): Promise<T | undefined> {
      const hit = entries.get(key);
      if (!hit) return Promise.resolve(undefined);
      if (hit.expires <= now()) {
        entries.delete(key);
        return Promise.resolve(undefined);
      }
      return Promise.resolve(hit.value as T);
    },
    set<T>(key: string, value: T, ttlMs: number): Promise<void> {
      entries.delete(key);
      if (ttlMs > 0) entries.set(key, { value, expires: now() + ttlMs });
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next();
        if (oldest.done) break;
        entries.delete(oldest.value);
      }
      return Promise.resolve();
    },
  };
}

const inFlight = new WeakMap<TtlCache, Map<string, Promise<PropertyDefinition | null>>>();

/**
 * A contact property's definition through the cache: found definitions are kept `ttlMs`; a missing
 * property is not cached (it may be created any moment). Concurrent asks share one request.
 */
export async function cachedProperty(
  api: HubspotApi,
  cache: TtlCache,
  name: string,
  ttlMs: number,
  o: { signal?: AbortSignal } = {},
): Promise<PropertyDefinition | null> {
  const key = `property:${api.cacheScope}:${name}`;
  const hit = await cache.get<PropertyDefinition>(key);
  if (hit) return hit;
  let pending = inFlight.get(cache);
  if (!pending) inFlight.set(cache, (pending = new Map()));
  const running = pending.get(key);
  if (running) return running;
  const p = api
    .getProperty(name, o)
    .then(async (def) => {
      if (def) await cache.set(key, def, ttlMs);
      return def;
    })
    .finally(() => pending.delete(key));
  pending.set(key, p);
  return p;
}
