// A tiny TTL cache. In-memory here; the background backs the same interface with
// storage.session (lib/background/env.ts), which is why it is asynchronous.

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
