// Rate limits (docs/hubspot.md "Auth and limits") and injected faults.
import { hsError, correlationId, type Reply } from './http';
import type { ActiveFault, FaultControl, FaultSpec, RateLimitOptions } from './types';

const WINDOW_MS = 10_000;

export const RATE_LIMIT_DEFAULTS = { perTenSeconds: 100, searchPerSecond: 5, daily: 250_000 } as const;

export function rateLimitReply(policyName: 'TEN_SECONDLY_ROLLING' | 'DAILY' | 'SECONDLY', headers?: Record<string, string>): Reply {
  const message =
    policyName === 'DAILY'
      ? 'You have reached your daily limit.'
      : policyName === 'SECONDLY'
        ? 'You have reached your secondly limit.'
        : 'You have reached your ten_secondly_rolling limit.';
  return {
    status: 429,
    json: { status: 'error', message, errorType: 'RATE_LIMIT', correlationId: correlationId(), policyName },
    headers,
  };
}

function withDefaults(opts: RateLimitOptions | false | undefined): Required<RateLimitOptions> {
  const o = opts || {};
  const pick = (v: number | undefined, d: number) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : d);
  return {
    perTenSeconds: pick(o.perTenSeconds, RATE_LIMIT_DEFAULTS.perTenSeconds),
    searchPerSecond: pick(o.searchPerSecond, RATE_LIMIT_DEFAULTS.searchPerSecond),
    daily: pick(o.daily, RATE_LIMIT_DEFAULTS.daily),
  };
}

/**
 * Per token: a rolling 10 s window and a daily count. Per portal: search requests per second.
 * Requests refused with 429 do not count.
 */
export class RateLimiter {
  private enabled: boolean;
  private opts: Required<RateLimitOptions>;
  private readonly windows = new Map<string, number[]>();
  private readonly searchWindows = new Map<number, number[]>();
  private readonly daily = new Map<string, number>();

  constructor(opts: RateLimitOptions | false | undefined) {
    this.enabled = opts !== false;
    this.opts = withDefaults(opts);
  }

  configure(opts: RateLimitOptions | false): void {
    this.enabled = opts !== false;
    this.opts = withDefaults(opts);
  }

  get settings(): (Required<RateLimitOptions> & { enabled: boolean }) {
    return { ...this.opts, enabled: this.enabled };
  }

  reset(): void {
    this.windows.clear();
    this.searchWindows.clear();
    this.daily.clear();
  }

  private prune(list: number[], now: number, span: number): number[] {
    let i = 0;
    while (i < list.length && list[i]! <= now - span) i++;
    return i ? list.slice(i) : list;
  }

  private headers(used: number, dailyUsed: number): Record<string, string> {
    return {
      'X-HubSpot-RateLimit-Max': String(this.opts.perTenSeconds),
      'X-HubSpot-RateLimit-Remaining': String(Math.max(0, this.opts.perTenSeconds - used)),
      'X-HubSpot-RateLimit-Interval-Milliseconds': String(WINDOW_MS),
      'X-HubSpot-RateLimit-Daily': String(this.opts.daily),
      'X-HubSpot-RateLimit-Daily-Remaining': String(Math.max(0, this.opts.daily - dailyUsed)),
    };
  }

  /** Counts the request, or answers the 429 it gets. `headers` go on the response (none for search). */
  take(tokenKey: string, portalId: number, isSearch: boolean, now = Date.now()): { ok: true; headers: Record<string, string> } | { ok: false; reply: Reply } {
    const win = this.prune(this.windows.get(tokenKey) ?? [], now, WINDOW_MS);
    this.windows.set(tokenKey, win);
    const dailyUsed = this.daily.get(tokenKey) ?? 0;
    if (this.enabled) {
      if (win.length >= this.opts.perTenSeconds) {
        return { ok: false, reply: rateLimitReply('TEN_SECONDLY_ROLLING', this.headers(win.length, dailyUsed)) };
      }
      if (dailyUsed >= this.opts.daily) return { ok: false, reply: rateLimitReply('DAILY', this.headers(win.length, dailyUsed)) };
      if (isSearch) {
        const sw = this.prune(this.searchWindows.get(portalId) ?? [], now, 1000);
        this.searchWindows.set(portalId, sw);
        if (sw.length >= this.opts.searchPerSecond) return { ok: false, reply: rateLimitReply('SECONDLY') };
        sw.push(now);
      }
    }
    win.push(now);
    this.daily.set(tokenKey, dailyUsed + 1);
    // HubSpot sends no rate-limit headers on search responses.
    return { ok: true, headers: isSearch ? {} : this.headers(win.length, dailyUsed + 1) };
  }
}

export interface RequestInfo {
  method: string;
  path: string;
  normalizedPath: string;
  host: string;
}

export class Faults implements FaultControl {
  private faults: ActiveFault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): ActiveFault {
    const times = spec.times === undefined || spec.times === null ? Infinity : Number(spec.times);
    const fault: ActiveFault = { ...spec, id: this.nextId++, remaining: times, hits: 0 };
    this.faults.push(fault);
    return fault;
  }

  remove(id: number): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((f) => f.id !== id);
    return this.faults.length !== before;
  }

  clear(): void {
    this.faults = [];
  }

  list(): ActiveFault[] {
    return [...this.faults];
  }

  /** The first active fault that matches, used up by one. */
  take(req: RequestInfo): ActiveFault | undefined {
    for (const f of this.faults) {
      if (f.remaining <= 0) continue;
      const m = f.match ?? {};
      if (m.method && m.method.toUpperCase() !== req.method) continue;
      if (m.pathPrefix && !req.path.startsWith(m.pathPrefix) && !req.normalizedPath.startsWith(m.pathPrefix)) continue;
      if (m.host && m.host.toLowerCase() !== req.host.toLowerCase()) continue;
      if (f.skip && f.skip > 0) {
        f.skip -= 1;
        continue;
      }
      f.remaining -= 1;
      f.hits += 1;
      if (f.remaining <= 0) this.faults = this.faults.filter((x) => x !== f);
      return f;
    }
    return undefined;
  }
}

/** The answer a fault forces, or null when it only delays, truncates, drops or interleaves. */
export function faultReply(f: ActiveFault): Reply | null {
  if (f.rateLimit) return rateLimitReply(f.rateLimit);
  if (f.status !== undefined) {
    if (f.body !== undefined) {
      return typeof f.body === 'string' ? { status: f.status, text: f.body, contentType: 'text/plain;charset=utf-8' } : { status: f.status, json: f.body };
    }
    const message = f.status >= 500 ? 'internal error' : `fault injected: status ${f.status}`;
    return hsError(f.status, f.status >= 500 ? undefined : 'FAULT', message);
  }
  return null;
}

/** Faults as JSON (Infinity is not JSON). */
export function faultJson(f: ActiveFault): Record<string, unknown> {
  return { ...f, remaining: Number.isFinite(f.remaining) ? f.remaining : null, times: f.times ?? null };
}
