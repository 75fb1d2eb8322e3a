// @vitest-environment node
// The http layer as the user would notice it: retries that wait, errors that say what to do,
// cancellations that are not errors, and a token that never goes anywhere else.
import { delay, http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { GatewayError, isGatewayError } from '../../lib/hubspot/errors';
import { createHttp, messageFor, type HttpOptions, type RequestEvent, type RetryEvent } from '../../lib/hubspot/http';
import { VirtualClock } from './support/hubspot-clock';
import { API, TOKEN, authorized, rejectionOf, setupHubspotMsw } from './support/hubspot-msw';

const server = setupHubspotMsw();

function client(extra: Partial<HttpOptions> = {}) {
  const clock = new VirtualClock();
  const requests: RequestEvent[] = [];
  const retries: RetryEvent[] = [];
  const c = createHttp({
    token: TOKEN,
    clock,
    random: () => 0.5,
    onRequest: (e) => requests.push(e),
    onRetry: (e) => retries.push(e),
    ...extra,
  });
  return { c, clock, requests, retries };
}

const LIST_PATH = '/crm/v3/lists/123';
const ok = { list: { listId: '123' } };

/** Answers with each response in turn, then repeats the last. */
function sequence(path: string, responses: Array<() => Response>, method: 'get' | 'put' | 'patch' | 'post' = 'get') {
  let i = 0;
  const seen: Request[] = [];
  server.use(
    http[method](`${API}${path}`, ({ request }) => {
      seen.push(request.clone());
      const r = responses[Math.min(i, responses.length - 1)]!;
      i++;
      return r();
    }),
  );
  return seen;
}

const rateLimited = (policyName: string, headers: Record<string, string> = {}) => () =>
  HttpResponse.json(
    { status: 'error', message: `You have reached your ${policyName.toLowerCase()} limit.`, errorType: 'RATE_LIMIT', policyName, correlationId: 'c-1' },
    { status: 429, headers },
  );

describe('429 rate limits', () => {
  it('TEN_SECONDLY_ROLLING: waits out the 10-s window, retries and succeeds', async () => {
    sequence(LIST_PATH, [rateLimited('TEN_SECONDLY_ROLLING'), () => HttpResponse.json(ok)]);
    const { c, clock, retries, requests } = client();
    const r = await c.request({ method: 'GET', path: LIST_PATH });
    expect(r.data).toEqual(ok);
    expect(retries).toEqual([expect.objectContaining({ reason: 'rate-limit', waitMs: 10_000, attempt: 1, status: 429 })]);
    expect(clock.now()).toBeGreaterThanOrEqual(10_000);
    expect(requests.map((e) => e.status)).toEqual([429, 200]);
    expect(c.stats()).toMatchObject({ requests: 2, retries: 1, rateLimited: 1 });
  });

  it('uses Retry-After, then X-HubSpot-RateLimit-Interval-Milliseconds, and 1 s for SECONDLY', async () => {
    sequence(LIST_PATH, [rateLimited('TEN_SECONDLY_ROLLING', { 'Retry-After': '3' }), () => HttpResponse.json(ok)]);
    const a = client();
    await a.c.request({ method: 'GET', path: LIST_PATH });
    expect(a.retries[0]?.waitMs).toBe(3_000);

    sequence(LIST_PATH, [rateLimited('TEN_SECONDLY_ROLLING', { 'X-HubSpot-RateLimit-Interval-Milliseconds': '7000' }), () => HttpResponse.json(ok)]);
    const b = client();
    await b.c.request({ method: 'GET', path: LIST_PATH });
    expect(b.retries[0]?.waitMs).toBe(7_000);

    sequence(LIST_PATH, [rateLimited('SECONDLY'), () => HttpResponse.json(ok)]);
    const d = client();
    await d.c.request({ method: 'GET', path: LIST_PATH });
    expect(d.retries[0]?.waitMs).toBe(1_000);
  });

  it('holds back other calls while a window is waited out', async () => {
    sequence(LIST_PATH, [rateLimited('TEN_SECONDLY_ROLLING'), () => HttpResponse.json(ok)]);
    const times: number[] = [];
    server.use(http.get(`${API}/crm/v3/lists/456`, () => HttpResponse.json(ok)));
    const { c, clock } = client();
    const first = c.request({ method: 'GET', path: LIST_PATH });
    await vi.waitFor(() => expect(c.stats().rateLimited).toBe(1));
    await c.request({ method: 'GET', path: '/crm/v3/lists/456' }).then(() => times.push(clock.now()));
    await first;
    expect(times[0]).toBeGreaterThanOrEqual(10_000);
  });

  it('DAILY: stops at once with rate-limit and says the daily limit is used up until tomorrow', async () => {
    sequence(LIST_PATH, [rateLimited('DAILY')]);
    const { c, retries } = client();
    const e = await rejectionOf(c.request({ method: 'GET', path: LIST_PATH }));
    expect(e).toBeInstanceOf(GatewayError);
    const g = e as GatewayError;
    expect(g.kind).toBe('rate-limit');
    expect(g.detail.policyName).toBe('DAILY');
    expect(g.message).toMatch(/tägliche.*aufgebraucht.*morgen/);
    expect(retries).toHaveLength(0);
    expect(c.stats().requests).toBe(1);
  });

  it('gives up after 5 tries with rate-limit and a time to retry', async () => {
    sequence(LIST_PATH, [rateLimited('TEN_SECONDLY_ROLLING')]);
    const { c } = client();
    const e = (await rejectionOf(c.request({ method: 'GET', path: LIST_PATH }))) as GatewayError;
    expect(e.kind).toBe('rate-limit');
    expect(e.detail.retryAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(c.stats().requests).toBe(5);
  });
});

describe('5xx and network failures', () => {
  it('retries a 5xx with backoff and succeeds', async () => {
    sequence(LIST_PATH, [() => new HttpResponse('oops', { status: 502 }), () => HttpResponse.json(ok)]);
    const { c, retries, clock } = client();
    const r = await c.request({ method: 'GET', path: LIST_PATH });
    expect(r.data).toEqual(ok);
    expect(retries).toEqual([expect.objectContaining({ reason: 'server-error', attempt: 1, status: 502, call: `GET ${LIST_PATH}` })]);
    expect(retries[0]!.waitMs).toBeGreaterThan(0);
    expect(clock.now()).toBeGreaterThanOrEqual(retries[0]!.waitMs);
  });

  it('backs off exponentially (full jitter) and ends as network after the bounded tries', async () => {
    sequence(LIST_PATH, [() => HttpResponse.json({ status: 'error', message: 'internal' }, { status: 500 })]);
    const { c, retries } = client({ random: () => 0.999 });
    const e = (await rejectionOf(c.request({ method: 'GET', path: LIST_PATH }))) as GatewayError;
    expect(e.kind).toBe('network');
    expect(e.detail).toMatchObject({ status: 500, call: `GET ${LIST_PATH}` });
    expect(e.message).toMatch(/Serverfehler \(500\).*erneut versuchen/);
    expect(c.stats().requests).toBe(5);
    const waits = retries.map((r) => r.waitMs);
    expect(waits).toHaveLength(4);
    for (let i = 1; i < waits.length; i++) expect(waits[i]!).toBeGreaterThan(waits[i - 1]!);
  });

  it('never retries sooner than Chromium\'s own throttling backoff (≈ 0.7 s · 1.4ⁿ), whatever the jitter draws', async () => {
    sequence(LIST_PATH, [() => HttpResponse.error()]);
    const { c, retries } = client({ random: () => 0 });
    await rejectionOf(c.request({ method: 'GET', path: LIST_PATH }));
    expect(retries.map((r) => r.waitMs)).toEqual([700, 980, 1372, 1921]);
  });

  it('retries network errors ("Failed to fetch", as Chromium throttles after 5xx) and succeeds', async () => {
    sequence(LIST_PATH, [() => HttpResponse.error(), () => HttpResponse.error(), () => HttpResponse.json(ok)]);
    const { c, retries, requests } = client();
    await expect(c.request({ method: 'GET', path: LIST_PATH })).resolves.toMatchObject({ data: ok });
    expect(retries.map((r) => r.reason)).toEqual(['network', 'network']);
    expect(requests.map((r) => r.error ?? r.status)).toEqual(['network', 'network', 200]);
  });

  it('a lasting network error is kind network with a message about the connection', async () => {
    sequence(LIST_PATH, [() => HttpResponse.error()]);
    const { c } = client();
    const e = (await rejectionOf(c.request({ method: 'GET', path: LIST_PATH }))) as GatewayError;
    expect(e.kind).toBe('network');
    expect(e.message).toMatch(/nicht erreichbar/);
  });

  it('writes: PATCH is not repeated after a 500, but is after a 503 and after a network error', async () => {
    const path = '/crm/v3/objects/contacts/101';
    let seen = sequence(path, [() => new HttpResponse(null, { status: 500 })], 'patch');
    const a = client();
    const e = (await rejectionOf(a.c.request({ method: 'PATCH', path, body: { properties: {} } }))) as GatewayError;
    expect(e.kind).toBe('network');
    expect(seen).toHaveLength(1);

    seen = sequence(path, [() => new HttpResponse(null, { status: 503 }), () => HttpResponse.json({ id: '101' })], 'patch');
    const b = client();
    await b.c.request({ method: 'PATCH', path, body: { properties: {} } });
    expect(seen).toHaveLength(2);

    seen = sequence(path, [() => HttpResponse.error(), () => HttpResponse.json({ id: '101' })], 'patch');
    const d = client();
    await d.c.request({ method: 'PATCH', path, body: { properties: {} } });
    expect(seen).toHaveLength(2);
  });

  it('a search POST is safe to repeat after a 500', async () => {
    const path = '/crm/v3/objects/contacts/search';
    const seen = sequence(path, [() => new HttpResponse(null, { status: 500 }), () => HttpResponse.json({ total: 0, results: [] })], 'post');
    const { c } = client();
    await c.request({ method: 'POST', path, body: {} });
    expect(seen).toHaveLength(2);
  });

  it('a timeout is kind network (after retries for reads), and is not repeated for writes', async () => {
    server.use(
      http.get(`${API}${LIST_PATH}`, async () => {
        await delay('infinite');
        return HttpResponse.json(ok);
      }),
    );
    const { c, retries } = client({ timeoutMs: 20, maxAttempts: 2 });
    const e = (await rejectionOf(c.request({ method: 'GET', path: LIST_PATH }))) as GatewayError;
    expect(e.kind).toBe('network');
    expect(e.detail.reason).toBe('timeout');
    expect(e.message).toMatch(/nicht rechtzeitig/);
    expect(retries.map((r) => r.reason)).toEqual(['timeout']);

    const path = '/crm/v3/objects/contacts/101';
    server.use(
      http.patch(`${API}${path}`, async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    const w = client({ timeoutMs: 20 });
    const we = (await rejectionOf(w.c.request({ method: 'PATCH', path, body: {} }))) as GatewayError;
    expect(we.detail.reason).toBe('timeout');
    expect(w.c.stats().requests).toBe(1);
  });
});

describe('errors say what to do', () => {
  it('401 → auth, asking for a valid token in the settings', async () => {
    sequence(LIST_PATH, [() => HttpResponse.json({ status: 'error', message: 'Authentication credentials not found.', category: 'INVALID_AUTHENTICATION' }, { status: 401 })]);
    const { c } = client();
    const e = (await rejectionOf(c.request({ method: 'GET', path: LIST_PATH }))) as GatewayError;
    expect(e.kind).toBe('auth');
    expect(e.message).toBe(
      'Der HubSpot-Zugangsschlüssel ist ungültig oder widerrufen. Bitte in den Einstellungen einen gültigen Schlüssel eintragen.',
    );
    expect(c.stats().requests).toBe(1);
  });

  it('403 MISSING_SCOPES → scope, naming the missing scopes', async () => {
    sequence(LIST_PATH, [
      () =>
        HttpResponse.json(
          {
            status: 'error',
            message: "This app hasn't been granted all required scopes to make this call.",
            category: 'MISSING_SCOPES',
            errors: [
              { message: 'One or more of the following scopes are required.', context: { requiredGranularScopes: ['crm.lists.read', 'crm.lists.write'] } },
              { message: 'legacy', context: { requiredScopes: ['crm.lists.read'] } },
            ],
          },
          { status: 403 },
        ),
    ]);
    const { c } = client();
    const e = (await rejectionOf(c.request({ method: 'GET', path: LIST_PATH }))) as GatewayError;
    expect(e.kind).toBe('scope');
    expect(e.detail.missingScopes).toEqual(['crm.lists.read', 'crm.lists.write']);
    expect(e.message).toContain('crm.lists.read, crm.lists.write');
  });

  it('other 403 → scope with a generic hint', async () => {
    sequence(LIST_PATH, [() => HttpResponse.json({ status: 'error', message: 'Forbidden' }, { status: 403 })]);
    const { c } = client();
    const e = (await rejectionOf(c.request({ method: 'GET', path: LIST_PATH }))) as GatewayError;
    expect(e.kind).toBe('scope');
    expect(e.detail.missingScopes).toBeUndefined();
    expect(e.message).toMatch(/Berechtigungen/);
  });

  it('400 VALIDATION_ERROR → invalid-response carrying HubSpot message; 409 → conflict', async () => {
    const path = '/crm/v3/objects/contacts/101';
    sequence(path, [() => HttpResponse.json({ status: 'error', message: 'Property values were not valid: marke_x', category: 'VALIDATION_ERROR' }, { status: 400 })], 'patch');
    const { c } = client();
    const e = (await rejectionOf(c.request({ method: 'PATCH', path, body: {} }))) as GatewayError;
    expect(e.kind).toBe('invalid-response');
    expect(e.detail.hubspotMessage).toBe('Property values were not valid: marke_x');
    expect(e.detail.reason).toBe('validation');
    expect(e.message).toContain('marke_x');

    sequence(path, [() => HttpResponse.json({ status: 'error', message: 'conflict' }, { status: 409 })], 'patch');
    const e2 = (await rejectionOf(c.request({ method: 'PATCH', path, body: {} }))) as GatewayError;
    expect(e2.kind).toBe('conflict');
  });

  it('malformed JSON → invalid-response naming the call, never the token', async () => {
    sequence(LIST_PATH, [() => new HttpResponse('{"list": {"listId": ', { status: 200, headers: { 'Content-Type': 'application/json' } })]);
    const { c } = client();
    const e = (await rejectionOf(c.request({ method: 'GET', path: LIST_PATH, query: { includeFilters: true } }))) as GatewayError;
    expect(e.kind).toBe('invalid-response');
    expect(e.detail.call).toBe('GET /crm/v3/lists/123');
    expect(e.message).toContain('GET /crm/v3/lists/123');
    expect(JSON.stringify(e.toData())).not.toContain(TOKEN);
    expect(c.stats().requests).toBe(1);
  });

  it('messageFor gives every kind a German text with an action', () => {
    const kinds = ['not-configured', 'auth', 'scope', 'portal-mismatch', 'property-missing', 'network', 'rate-limit', 'invalid-response', 'conflict'] as const;
    for (const k of kinds) expect(messageFor(k, {})).toMatch(/Bitte|morgen/);
    expect(messageFor('property-missing', { property: 'post_sperre_marken' })).toContain('„post_sperre_marken“');
    expect(messageFor('portal-mismatch', { portalId: '1', tokenPortalId: '2' })).toMatch(/Portal 1.*Portal 2/);
  });
});

describe('cancellation', () => {
  it('a caller abort during the request rejects with AbortError, not a user error', async () => {
    server.use(
      http.get(`${API}${LIST_PATH}`, async () => {
        await delay('infinite');
        return HttpResponse.json(ok);
      }),
    );
    const { c, requests, retries } = client();
    const ctl = new AbortController();
    const p = c.request({ method: 'GET', path: LIST_PATH, signal: ctl.signal });
    setTimeout(() => ctl.abort(), 10);
    const e = await rejectionOf(p);
    expect(isGatewayError(e)).toBe(false);
    expect((e as Error).name).toBe('AbortError');
    expect(retries).toHaveLength(0);
    expect(requests).toEqual([expect.objectContaining({ status: null, error: 'aborted' })]);
  });

  it('an abort while waiting for the limiter or a retry also rejects with AbortError', async () => {
    server.use(http.get(`${API}${LIST_PATH}`, () => HttpResponse.json(ok)));
    const clock = new VirtualClock({ auto: false });
    const c = createHttp({ token: TOKEN, clock, rateLimitPer10s: 1 });
    await c.request({ method: 'GET', path: LIST_PATH }); // uses the only slot
    const ctl = new AbortController();
    const waiting = c.request({ method: 'GET', path: LIST_PATH, signal: ctl.signal });
    await new Promise((r) => setImmediate(r));
    expect(c.limiter.waiting).toBe(1);
    ctl.abort();
    expect(((await rejectionOf(waiting)) as Error).name).toBe('AbortError');
    expect(c.limiter.waiting).toBe(0);
    expect(c.stats().requests).toBe(1);

    sequence(LIST_PATH, [() => new HttpResponse(null, { status: 503 })]);
    const c2 = createHttp({ token: TOKEN, clock: new VirtualClock({ auto: false }) });
    const ctl2 = new AbortController();
    const retrying = c2.request({ method: 'GET', path: LIST_PATH, signal: ctl2.signal, onRetry: () => ctl2.abort() });
    expect(((await rejectionOf(retrying)) as Error).name).toBe('AbortError');
    expect(c2.stats().requests).toBe(1);
  });
});

describe('the token stays with HubSpot', () => {
  it('is sent as Bearer to api.hubapi.com, and never appears in events or errors', async () => {
    const seen = sequence(LIST_PATH, [() => new HttpResponse(null, { status: 500 }), () => HttpResponse.json({ status: 'error', message: 'no' }, { status: 401 })]);
    const { c, requests, retries } = client();
    const e = await rejectionOf(c.request({ method: 'GET', path: LIST_PATH }));
    expect(seen.every(authorized)).toBe(true);
    expect(JSON.stringify([requests, retries, (e as GatewayError).toData(), (e as Error).message])).not.toContain(TOKEN);
    expect(requests[0]).toEqual({ method: 'GET', path: LIST_PATH, status: 500, ms: expect.any(Number), attempt: 1 });
  });

  it('refuses foreign base URLs unless explicitly allowed, before anything is sent', () => {
    for (const baseUrl of ['https://evil.example.com', 'http://api.hubapi.com', 'https://api.hubapi.com.evil.example', 'https://user:pw@api.hubapi.com']) {
      let e: unknown;
      try {
        createHttp({ token: TOKEN, baseUrl });
      } catch (err) {
        e = err;
      }
      expect(e, baseUrl).toBeInstanceOf(GatewayError);
      expect((e as GatewayError).kind).toBe('not-configured');
      expect((e as GatewayError).detail.reason).toBe('origin');
    }
    expect(createHttp({ token: TOKEN, baseUrl: 'https://api-eu1.hubapi.com/' }).baseUrl).toBe('https://api-eu1.hubapi.com');
    expect(createHttp({ token: TOKEN, baseUrl: 'http://127.0.0.1:4010/hubspot', allowBaseUrl: true }).baseUrl).toBe('http://127.0.0.1:4010/hubspot');
  });

  it('an allowed other base goes over https, or over plain http only to this machine', () => {
    for (const baseUrl of ['http://hubspot-proxy.example.com', 'http://10.0.0.5:8080', 'http://127.0.0.1.evil.example']) {
      expect(() => createHttp({ token: TOKEN, baseUrl, allowBaseUrl: true }), baseUrl).toThrow(GatewayError);
    }
    for (const baseUrl of ['https://hubspot-proxy.example.com', 'http://localhost:4010', 'http://[::1]:4010', 'http://127.0.0.1:4010']) {
      expect(createHttp({ token: TOKEN, baseUrl, allowBaseUrl: true }).baseUrl, baseUrl).toBe(baseUrl);
    }
  });

  it('refuses absolute URLs to other origins in request()', async () => {
    const fetchSpy = vi.fn<typeof fetch>();
    const c = createHttp({ token: TOKEN, fetch: fetchSpy, clock: new VirtualClock() });
    for (const path of ['https://evil.example.com/crm/v3/lists/1', 'http://api.hubapi.com/x', '//evil.example.com/x']) {
      const e = (await rejectionOf(c.request({ method: 'GET', path }))) as GatewayError;
      expect(e.kind, path).toBe('not-configured');
    }
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(c.stats().requests).toBe(0);
  });

  it('sends the token to an allowed override base (the fake server) and keeps its path prefix', async () => {
    const fetchSpy = vi.fn<typeof fetch>(async () => Response.json(ok));
    const c = createHttp({ token: TOKEN, baseUrl: 'http://127.0.0.1:4010/hubspot', allowBaseUrl: true, fetch: fetchSpy, clock: new VirtualClock() });
    const r = await c.request({ method: 'GET', path: '/crm/v3/lists/1', query: { listIds: ['1', '2'], includeFilters: true } });
    expect(fetchSpy.mock.calls[0]![0]).toBe('http://127.0.0.1:4010/hubspot/crm/v3/lists/1?listIds=1&listIds=2&includeFilters=true');
    expect((fetchSpy.mock.calls[0]![1]!.headers as Record<string, string>)['Authorization']).toBe(`Bearer ${TOKEN}`);
    expect(r.call).toBe('GET /crm/v3/lists/1');
  });

  it('an empty token is not-configured; a token with a line break is refused as auth before sending', () => {
    expect(() => createHttp({ token: '  ' })).toThrow(GatewayError);
    try {
      createHttp({ token: 'pat-eu1-abc\ndef' });
    } catch (e) {
      expect((e as GatewayError).kind).toBe('auth');
    }
  });
});
