// Our fetch-based http layer: the only code that holds the token and talks to HubSpot.
// Used in the background service worker and in Node (CLI) alike: plain fetch, AbortController,
// timers; no extension APIs.
//
// - `request()` for endpoints we call ourselves (JSON in, `unknown` out: callers validate with zod);
// - `promiseHttpLibrary()` for the SDK's generated API classes (sdk.ts wraps it with
//   `wrapHttpLibrary`), so SDK calls share the limiter, retries, timeouts, error mapping and counts.
//
// Every failure ends as a GatewayError (errors.ts) with a contract kind and a German message
// (messages.ts) — except a caller's abort, which rejects with an AbortError.
import { z } from 'zod';
import { abortError, systemClock, type Clock } from './clock';
import { GatewayError, type ErrorDetail } from './errors';
import { isApiOrigin, resolveBaseUrl } from './hosts';
import { RateLimiter } from './limiter';
import { gatewayError } from './messages';
import { toVersion, type ApiVersion } from './paths';

export { messageFor, gatewayError } from './messages';
export { isAbortError } from './clock';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestEvent {
  method: string;
  /** Path without host and query, e.g. `/crm/v3/lists/123`. */
  path: string;
  /** HTTP status, or null when no answer arrived (network error, timeout, abort). */
  status: number | null;
  ms: number;
  /** 1-based attempt of this call. */
  attempt: number;
  error?: 'network' | 'timeout' | 'aborted';
}

export type RetryReason = 'rate-limit' | 'server-error' | 'network' | 'timeout';

export interface RetryEvent {
  reason: RetryReason;
  /** How long we wait before the next attempt. */
  waitMs: number;
  /** The attempt that just failed (1-based); the next one is attempt + 1. */
  attempt: number;
  maxAttempts: number;
  status?: number;
  /** e.g. `GET /crm/v3/lists/123` */
  call: string;
}

export interface HttpStats {
  /** HTTP requests actually handed to fetch (retries included). */
  requests: number;
  retries: number;
  /** 429 answers seen. */
  rateLimited: number;
  /** The last X-HubSpot-RateLimit-* headers seen (search answers carry none). */
  lastRateLimit?: { max?: number; remaining?: number; intervalMs?: number; daily?: number; dailyRemaining?: number };
}

export interface HttpOptions {
  token: string;
  /** Default https://api.hubapi.com. Other origins need `allowBaseUrl` (CLI's HUBSPOT_API_BASE, fakes). */
  baseUrl?: string;
  allowBaseUrl?: boolean;
  /** Path version the SDK's v3 paths are mapped to (paths.ts). Default v3. */
  apiVersion?: ApiVersion;
  /** Requests HubSpot allows per 10 s: 100 (default) or 190 (Pro/Enterprise). */
  rateLimitPer10s?: number;
  /** Search requests per second (default 4). */
  searchPerSecond?: number;
  /** Per-attempt timeout (default 15 s). */
  timeoutMs?: number;
  /** Attempts per call, first one included (default 5). */
  maxAttempts?: number;
  fetch?: typeof fetch;
  onRequest?: (e: RequestEvent) => void;
  onRetry?: (e: RetryEvent) => void;
  clock?: Clock;
  /** [0, 1) — for the backoff jitter. */
  random?: () => number;
}

export type QueryValue = string | number | boolean | undefined | readonly (string | number)[];

export interface HttpRequest {
  method: HttpMethod;
  /** Path below the base URL, e.g. `/crm/v3/lists/123`. Absolute URLs only to allowed origins. */
  path: string;
  query?: Record<string, QueryValue>;
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal;
  /** Counts against the search budget. Default: the path ends with `/search`. */
  search?: boolean;
  /** Safe to repeat after a timeout or any 5xx. Default: GET, and POST to search, batch reads, token info. */
  idempotent?: boolean;
  /** Told about this call's retries (in addition to the client-wide `onRetry`). */
  onRetry?: (e: RetryEvent) => void;
  /** Send once, never repeat: for writes whose body must be computed anew after any wait. A failure
   *  that a later attempt could cure carries `detail.retryable` (and `retryAt` for a 429). */
  once?: boolean;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON body; undefined when the body was empty. */
  data: unknown;
  /** `METHOD /path`, for error details. */
  call: string;
}

export interface SdkCallContext {
  signal?: AbortSignal;
  onRetry?: (e: RetryEvent) => void;
  /** As HttpRequest.once. */
  once?: boolean;
  /** Set by the library to the last call it sent (`METHOD /path`), for error details. */
  lastCall?: string;
}

/** What our library reads from the SDK's RequestContext (every generated module has its own,
 *  nominally distinct class; this is the shared shape). */
export interface SdkRequestLike {
  getUrl(): string;
  getHttpMethod(): string;
  getHeaders(): Record<string, string>;
  getBody(): unknown;
}

/** Structurally the SDK's PromiseHttpLibrary, for any generated module's `wrapHttpLibrary`. */
export interface SdkPromiseHttpLibrary {
  send(request: SdkRequestLike): Promise<JsonResponseContext>;
}

export interface HttpClient {
  readonly baseUrl: string;
  request(req: HttpRequest): Promise<HttpResponse>;
  /** A PromiseHttpLibrary for the SDK's generated classes; `ctx.signal` cancels its calls. */
  promiseHttpLibrary(ctx?: SdkCallContext): SdkPromiseHttpLibrary;
  stats(): HttpStats;
  readonly limiter: RateLimiter;
}

const DEFAULTS = {
  rateLimitPer10s: 100,
  timeoutMs: 15_000,
  maxAttempts: 5,
  backoffBaseMs: 1_000,
  backoffMaxMs: 16_000,
  throttleFloorMs: 700,
  /** Longest 429 / Retry-After wait we sit out; beyond it we give up with rate-limit. */
  maxRateLimitWaitMs: 60_000,
} as const;

/** HubSpot's error body, as far as we read it. */
const ErrorBodySchema = z.looseObject({
  message: z.string().optional(),
  category: z.string().optional(),
  errorType: z.string().optional(),
  policyName: z.string().optional(),
  context: z.record(z.string(), z.unknown()).optional(),
  errors: z
    .array(z.looseObject({ message: z.string().optional(), context: z.record(z.string(), z.unknown()).optional() }))
    .optional(),
});
type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** Outcome of one attempt. */
type Attempt =
  | { type: 'response'; status: number; headers: Headers; text: string }
  | { type: 'failure'; timeout: boolean };

interface Prepared {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: string | undefined;
  call: string;
  search: boolean;
  idempotent: boolean;
}

/** A printable token check: fetch throws TypeError on header values with control or non-Latin-1
 *  characters, which would otherwise look like a network error and be retried. */
const TOKEN_RE = /^[\x21-\x7e]+$/;

export function createHttp(opts: HttpOptions): HttpClient {
  const token = opts.token.trim();
  if (token === '') throw gatewayError('not-configured');
  if (!TOKEN_RE.test(token)) throw gatewayError('auth', { reason: 'token-format' });
  const base = resolveBaseUrl(opts.baseUrl, opts.allowBaseUrl === true);
  const baseHref = base.href; // no trailing slash
  const version = opts.apiVersion ?? 'v3';
  const clock = opts.clock ?? systemClock;
  const random = opts.random ?? Math.random;
  const timeoutMs = opts.timeoutMs ?? DEFAULTS.timeoutMs;
  const maxAttempts = Math.max(1, opts.maxAttempts ?? DEFAULTS.maxAttempts);
  // Looked up per call so test interceptors (msw) that patch globalThis.fetch later still apply.
  const doFetch: typeof fetch = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const limiter = new RateLimiter({
    per10s: opts.rateLimitPer10s ?? DEFAULTS.rateLimitPer10s,
    searchPerSecond: opts.searchPerSecond,
    clock,
  });
  const counters: HttpStats = { requests: 0, retries: 0, rateLimited: 0 };

  /** The path below the base URL (what error details and logs show). */
  function relativePath(url: URL): string {
    const p = url.pathname;
    return base.path && url.origin === base.origin && p.startsWith(base.path) ? p.slice(base.path.length) || '/' : p;
  }

  /** The token goes only to HubSpot's API origins or to the configured (allowed) base. */
  function checkDestination(url: URL): void {
    const ok =
      (url.origin === base.origin && (url.pathname === base.path || url.pathname.startsWith(`${base.path}/`))) ||
      (url.protocol === 'https:' && isApiOrigin(url.origin));
    if (!ok || url.username || url.password) throw gatewayError('not-configured', { reason: 'origin' });
  }

  function prepare(method: string, url: URL, body: string | undefined, extraHeaders: Record<string, string>, req: { search?: boolean; idempotent?: boolean }): Prepared {
    checkDestination(url);
    const path = relativePath(url);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(extraHeaders)) {
      // The SDK may bring its own auth header; only ours is ever sent.
      if (k.toLowerCase() !== 'authorization' && k.toLowerCase() !== 'cookie') headers[k] = v;
    }
    headers['Accept'] = 'application/json';
    if (body !== undefined && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) {
      headers['Content-Type'] = 'application/json';
    }
    headers['Authorization'] = `Bearer ${token}`;
    const search = req.search ?? /\/search$/.test(path);
    const idempotent = req.idempotent ?? defaultIdempotent(method, path);
    return { method, url, headers, body, call: `${method} ${path}`, search, idempotent };
  }

  function recordRateLimitHeaders(h: Headers): void {
    const num = (name: string): number | undefined => {
      const v = h.get(name);
      if (v === null || v.trim() === '') return undefined;
      const n = Number(v);
      return Number.isFinite(n) ? n : undefined;
    };
    const rl = {
      max: num('x-hubspot-ratelimit-max'),
      remaining: num('x-hubspot-ratelimit-remaining'),
      intervalMs: num('x-hubspot-ratelimit-interval-milliseconds'),
      daily: num('x-hubspot-ratelimit-daily'),
      dailyRemaining: num('x-hubspot-ratelimit-daily-remaining'),
    };
    if (Object.values(rl).some((v) => v !== undefined)) counters.lastRateLimit = rl;
  }

  async function sendOnce(p: Prepared, attempt: number, signal: AbortSignal | undefined): Promise<Attempt> {
    const ctl = new AbortController();
    let timedOut = false;
    const timer = globalThis.setTimeout(() => {
      timedOut = true;
      ctl.abort(new DOMException('timeout', 'TimeoutError'));
    }, timeoutMs);
    const onCallerAbort = () => ctl.abort(abortError(signal));
    signal?.addEventListener('abort', onCallerAbort, { once: true });
    const started = clock.now();
    const path = relativePath(p.url);
    const report = (status: number | null, error?: RequestEvent['error']) => {
      try {
        opts.onRequest?.({ method: p.method, path, status, ms: Math.round(clock.now() - started), attempt, ...(error ? { error } : {}) });
      } catch {
        /* a logging hook must not break a call */
      }
    };
    try {
      counters.requests++;
      const res = await doFetch(p.url.href, {
        method: p.method,
        headers: p.headers,
        body: p.body,
        signal: ctl.signal,
        credentials: 'omit',
        // A redirect is never expected from HubSpot's API; refusing it keeps the token where we sent it.
        redirect: 'error',
        cache: 'no-store',
      });
      const text = await res.text();
      recordRateLimitHeaders(res.headers);
      report(res.status);
      return { type: 'response', status: res.status, headers: res.headers, text };
    } catch (e) {
      if (signal?.aborted) {
        report(null, 'aborted');
        throw abortError(signal);
      }
      if (timedOut) {
        report(null, 'timeout');
        return { type: 'failure', timeout: true };
      }
      // TypeError "Failed to fetch" / "fetch failed", a dropped body, an abort we did not ask for.
      void e;
      report(null, 'network');
      return { type: 'failure', timeout: false };
    } finally {
      globalThis.clearTimeout(timer);
      signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  /**
   * Exponential backoff with full jitter (random in [0, 1 s · 2^(n−1)], at most 16 s), floored at
   * Chromium's own throttling backoff (≈ 0.7 s · 1.4^(n−1), docs/toolchain.md): a retry drawn inside that
   * window would fail at once with "Failed to fetch" without reaching HubSpot, and waste an attempt.
   */
  function backoff(attempt: number): number {
    const ceiling = Math.min(DEFAULTS.backoffMaxMs, DEFAULTS.backoffBaseMs * 2 ** (attempt - 1));
    const floor = Math.min(ceiling, DEFAULTS.throttleFloorMs * 1.4 ** (attempt - 1));
    return Math.round(Math.max(floor, random() * ceiling));
  }

  /** Runs one call through limiter, retries and error mapping; resolves with a 2xx answer. */
  async function execute(
    p: Prepared,
    signal: AbortSignal | undefined,
    onCallRetry?: (e: RetryEvent) => void,
    once = false,
  ): Promise<{ status: number; headers: Headers; text: string }> {
    for (let attempt = 1; ; attempt++) {
      await limiter.acquire({ search: p.search, signal });
      const r = await sendOnce(p, attempt, signal);
      const last = attempt >= maxAttempts;
      let retry: { reason: RetryReason; waitMs: number; status?: number } | undefined;
      let failure: GatewayError;

      if (r.type === 'failure') {
        // Chromium's "Failed to fetch" after repeated 5xx lands here too (docs/toolchain.md): back off.
        const retryable = r.timeout ? p.idempotent : true; // a timed-out write may have been applied
        failure = gatewayError('network', { call: p.call, ...(r.timeout ? { reason: 'timeout' } : {}) });
        if (retryable) retry = { reason: r.timeout ? 'timeout' : 'network', waitMs: backoff(attempt) };
      } else if (r.status >= 200 && r.status < 300) {
        return r;
      } else {
        const body = parseErrorBody(r.text);
        if (r.status === 429) {
          counters.rateLimited++;
          const policy = body?.policyName?.toUpperCase();
          if (policy === 'DAILY') {
            throw gatewayError('rate-limit', { status: 429, call: p.call, policyName: 'DAILY', ...hubspotMessage(body) });
          }
          const waitMs = rateLimitWait(r.headers, policy, p.search);
          failure = gatewayError('rate-limit', {
            status: 429,
            call: p.call,
            retryAt: new Date(Date.now() + waitMs).toISOString(),
            ...(policy ? { policyName: policy } : {}),
            ...hubspotMessage(body),
          });
          if (waitMs <= DEFAULTS.maxRateLimitWaitMs) {
            retry = { reason: 'rate-limit', waitMs, status: 429 };
            // Hold everybody back, not just this call: the window is the app's, not the request's.
            limiter.pauseUntil(clock.now() + waitMs);
          }
        } else if (r.status >= 500) {
          failure = gatewayError('network', { status: r.status, call: p.call, reason: 'server-error', ...hubspotMessage(body) });
          const retryable = p.idempotent || r.status === 502 || r.status === 503 || r.status === 504;
          if (retryable) {
            const ra = retryAfterMs(r.headers);
            retry = { reason: 'server-error', waitMs: ra !== undefined ? Math.min(ra, DEFAULTS.backoffMaxMs) : backoff(attempt), status: r.status };
          }
        } else {
          throw errorForStatus(r.status, body, p.call);
        }
      }

      if (!retry || last) throw failure;
      if (once) {
        failure.detail.retryable = true;
        throw failure;
      }
      counters.retries++;
      const event: RetryEvent = { ...retry, attempt, maxAttempts, call: p.call };
      for (const hook of [opts.onRetry, onCallRetry]) {
        try {
          hook?.(event);
        } catch {
          /* a UI hook must not break a call */
        }
      }
      await clock.sleep(retry.waitMs, signal);
    }
  }

  function buildUrl(path: string, query: HttpRequest['query']): URL {
    let url: URL;
    if (path.startsWith('//')) throw gatewayError('not-configured', { reason: 'origin' });
    if (/^[a-z][a-z0-9+.-]*:/i.test(path)) {
      try {
        url = new URL(path); // checked by prepare(): only allowed origins
      } catch {
        throw gatewayError('not-configured', { reason: 'origin' });
      }
    } else {
      if (!path.startsWith('/')) throw new TypeError(`HubSpot path must start with "/": ${path}`);
      url = new URL(baseHref + path);
    }
    for (const [k, v] of Object.entries(query ?? {})) {
      if (v === undefined) continue;
      if (Array.isArray(v)) for (const item of v) url.searchParams.append(k, String(item));
      else url.searchParams.set(k, String(v));
    }
    return url;
  }

  async function request(req: HttpRequest): Promise<HttpResponse> {
    if (req.signal?.aborted) throw abortError(req.signal);
    const url = buildUrl(req.path, req.query);
    const body = req.body === undefined ? undefined : JSON.stringify(req.body);
    const p = prepare(req.method, url, body, {}, req);
    const r = await execute(p, req.signal, req.onRetry, req.once);
    return { status: r.status, headers: r.headers, data: parseJsonBody(r.text, p.call), call: p.call };
  }

  function promiseHttpLibrary(ctx: SdkCallContext = {}): SdkPromiseHttpLibrary {
    return {
      async send(rc: SdkRequestLike): Promise<JsonResponseContext> {
        if (ctx.signal?.aborted) throw abortError(ctx.signal);
        const url = new URL(rc.getUrl());
        // The SDK's paths are /crm/v3/...; follow the configured version (paths.ts).
        const rel = relativePath(url);
        const mapped = toVersion(rel, version);
        if (mapped !== rel) url.pathname = (url.origin === base.origin ? base.path : '') + mapped;
        const rawBody = rc.getBody();
        if (rawBody !== undefined && typeof rawBody !== 'string') {
          throw new TypeError('Only JSON bodies are supported for HubSpot calls');
        }
        const p = prepare(rc.getHttpMethod(), url, rawBody, rc.getHeaders(), {});
        ctx.lastCall = p.call;
        const r = await execute(p, ctx.signal, ctx.onRetry, ctx.once);
        // Check the body is JSON before the SDK sees it: its parser would otherwise turn a text/html
        // answer into an empty model, or throw a bare SyntaxError.
        const data = parseJsonBody(r.text, p.call);
        const headers: Record<string, string> = {};
        r.headers.forEach((v, k) => {
          headers[k.toLowerCase()] = v;
        });
        headers['content-type'] = 'application/json';
        const text = data === undefined ? 'null' : r.text;
        return new JsonResponseContext(r.status, headers, text);
      },
    };
  }

  return {
    baseUrl: baseHref,
    request,
    promiseHttpLibrary,
    stats: () => ({ ...counters, ...(counters.lastRateLimit ? { lastRateLimit: { ...counters.lastRateLimit } } : {}) }),
    limiter,
  };
}

/** Reads, searches and batch reads may be repeated after a timeout or any 5xx; writes may not. */
function defaultIdempotent(method: string, path: string): boolean {
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return true;
  if (method === 'POST') {
    return /\/search$/.test(path) || /\/batch\/read$/.test(path) || path === '/oauth/v2/private-apps/get/access-token-info';
  }
  return false;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** 2xx body → JSON (undefined when empty); anything else is invalid-response naming the call. */
function parseJsonBody(text: string, call: string): unknown {
  if (text.trim() === '') return undefined;
  const parsed = parseJson(text);
  if (!parsed.ok) throw gatewayError('invalid-response', { call, reason: 'not-json' });
  return parsed.value;
}

function parseErrorBody(text: string): ErrorBody | undefined {
  if (text.trim() === '') return undefined;
  const parsed = parseJson(text);
  if (!parsed.ok) return undefined;
  const body = ErrorBodySchema.safeParse(parsed.value);
  return body.success ? body.data : undefined;
}

function hubspotMessage(body: ErrorBody | undefined): Pick<ErrorDetail, 'hubspotMessage'> {
  return body?.message ? { hubspotMessage: body.message } : {};
}

function missingScopesOf(body: ErrorBody | undefined): string[] {
  const out = new Set<string>();
  const contexts = [body?.context, ...(body?.errors ?? []).map((e) => e.context)];
  for (const c of contexts) {
    for (const key of ['requiredGranularScopes', 'requiredScopes']) {
      const v = c?.[key];
      if (Array.isArray(v)) for (const s of v) if (typeof s === 'string' && s) out.add(s);
    }
  }
  return [...out];
}

/** Final errors for answers that are not retried (4xx other than 429). */
export function errorForStatus(status: number, body: ErrorBody | undefined, call: string): GatewayError {
  const base: ErrorDetail = { status, call, ...hubspotMessage(body) };
  if (status === 401) return gatewayError('auth', base);
  if (status === 403) {
    const missing = missingScopesOf(body);
    return gatewayError('scope', missing.length > 0 ? { ...base, missingScopes: missing } : base);
  }
  if (status === 409) return gatewayError('conflict', base);
  if (status === 404) return gatewayError('invalid-response', { ...base, reason: 'not-found' });
  if (status === 400 || status === 422) {
    return gatewayError('invalid-response', { ...base, ...(body?.category === 'VALIDATION_ERROR' || status === 422 ? { reason: 'validation' } : {}) });
  }
  return gatewayError('invalid-response', base);
}

/** Retry-After in ms (seconds or an HTTP date), if present. */
function retryAfterMs(h: Headers): number | undefined {
  const v = h.get('retry-after');
  if (v === null || v.trim() === '') return undefined;
  const secs = Number(v);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(v);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

/** How long to sit out a rolling-window 429. */
function rateLimitWait(h: Headers, policy: string | undefined, search: boolean): number {
  const ra = retryAfterMs(h);
  if (ra !== undefined) return Math.ceil(ra);
  const interval = Number(h.get('x-hubspot-ratelimit-interval-milliseconds') ?? '');
  if (Number.isFinite(interval) && interval > 0) return interval;
  if (policy === 'SECONDLY') return 1_000;
  if (policy === 'TEN_SECONDLY_ROLLING') return 10_000;
  return search ? 1_000 : 10_000; // search 429s come without headers (docs/hubspot.md)
}

/** The SDK's ResponseContext contract (structurally), for a body we already read and checked.
 *  `Buffer` appears only in types: nothing on our JSON paths calls binary(). */
export class JsonResponseContext {
  readonly body: { text(): Promise<string>; binary(): Promise<Buffer> };
  constructor(
    readonly httpStatusCode: number,
    readonly headers: Record<string, string>,
    text: string,
  ) {
    this.body = {
      text: () => Promise.resolve(text),
      binary: () => Promise.resolve(new TextEncoder().encode(text) as unknown as Buffer),
    };
  }
  getParsedHeader(name: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const part of (this.headers[name.toLowerCase()] ?? '').split(';')) {
      const [k, v] = part.split('=', 2);
      if (!k || !k.trim()) continue;
      if (v === undefined) out[''] = k.trim().toLowerCase();
      else out[k.trim().toLowerCase()] = v.trim().replace(/^"(.*)"$/, '$1');
    }
    return out;
  }
  getBodyAsFile(): Promise<{ data: Buffer; name: string }> {
    return this.body.binary().then((data) => ({ data, name: '' }));
  }
  getBodyAsAny(): Promise<string> {
    return this.body.text();
  }
}
