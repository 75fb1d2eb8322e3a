// The fake HubSpot: one in-memory state served over HTTPS (self-signed, valid for HubSpot's host
// names) and plain HTTP. Used by unit tests, Chromium end-to-end tests and `npm run demo`.
//
//   const fake = await startFakeHubspot({ quiet: true });
//   await fetch(`${fake.httpUrl}/crm/v3/objects/contacts/101`, { headers: { authorization: `Bearer ${TOKENS.valid}` } });
//   fake.faults.add({ match: { method: 'PATCH' }, status: 503, times: 1 });
//   await fake.close();
import { createHash, X509Certificate } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { Faults, RateLimiter } from './limits';
import { Pages } from './pages/ui';
import { demoSeed } from './seed';
import { createHandler, dispatch, type ServerContext } from './server';
import { FakeState } from './state';
import type { FaultControl, RateLimitOptions, RequestLogEntry, StartOptions } from './types';

export type * from './types';
export { FakeState, PortalState, FakeList, ContactStore, type Contact } from './state';
export { evaluateBranch, evaluateFilter, tokensOf } from './evaluate';
export * from './seed';

export interface FakeHubspot {
  httpsUrl: string;
  httpUrl: string;
  httpsPort: number;
  httpPort: number;
  /** Self-signed certificate (PEM), valid for HubSpot's app and API hosts, localhost and 127.0.0.1. */
  certPem: string;
  keyPem: string;
  /** base64 SHA-256 of the certificate's public key, for Chromium's --ignore-certificate-errors-spki-list. */
  spkiSha256: string;
  /** In-memory, mutable by tests. reset() reloads it in place (the object stays the same). */
  state: FakeState;
  /** Every request but the control API's (/__fake/…). reset() empties it in place. */
  requests: RequestLogEntry[];
  faults: FaultControl;
  /** Changes the rate limits at run time (and forgets the requests counted so far). */
  setRateLimit(opts: RateLimitOptions | false): void;
  /** Back to the seed; clears the log, the faults and the rate-limit counters. */
  reset(): void;
  close(): Promise<void>;
}

export const CERT_HOSTS = [
  'app.hubspot.com',
  'app-eu1.hubspot.com',
  'app-na2.hubspot.com',
  'app-ap1.hubspot.com',
  '*.hubspot.com',
  'api.hubapi.com',
  'api-eu1.hubapi.com',
  '*.hubapi.com',
  'localhost',
];

interface CertPair {
  cert: string;
  key: string;
  spkiSha256: string;
}

let certPromise: Promise<CertPair> | null = null;

/** One certificate per process (generating a key takes a moment). */
function certificate(): Promise<CertPair> {
  certPromise ??= (async () => {
    const notBefore = new Date(Date.now() - 24 * 3600_000);
    const notAfter = new Date(Date.now() + 365 * 24 * 3600_000);
    const pems = await generate([{ name: 'commonName', value: 'app.hubspot.com' }, { name: 'organizationName', value: 'Fake HubSpot (tests)' }], {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      notBeforeDate: notBefore,
      notAfterDate: notAfter,
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [...CERT_HOSTS.map((value) => ({ type: 2 as const, value })), { type: 7 as const, ip: '127.0.0.1' }, { type: 7 as const, ip: '::1' }],
        },
      ],
    });
    const spki = new X509Certificate(pems.cert).publicKey.export({ type: 'spki', format: 'der' });
    return { cert: pems.cert, key: pems.private, spkiSha256: createHash('sha256').update(spki).digest('base64') };
  })();
  return certPromise;
}

function listen(server: http.Server | https.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: http.Server | https.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function createContext(opts: StartOptions): ServerContext {
  const seed = opts.seed ?? demoSeed();
  const state = new FakeState(seed);
  const requests: RequestLogEntry[] = [];
  const faults = new Faults();
  const limiter = new RateLimiter(opts.rateLimit);
  return {
    state,
    seed,
    requests,
    faults,
    limiter,
    pages: new Pages(state),
    quiet: opts.quiet ?? false,
    reset() {
      state.load(seed);
      requests.length = 0;
      faults.clear();
      limiter.reset();
    },
  };
}

/** The fake without sockets: its `fetch` serves requests to any origin straight from the state,
 *  for tests that make thousands of runs (model-based tests). */
export interface InProcessFakeHubspot {
  /** Base URL to hand to the client (any origin works; this one is HubSpot's). */
  baseUrl: string;
  state: FakeState;
  requests: RequestLogEntry[];
  faults: FaultControl;
  fetch: typeof fetch;
  reset(): void;
}

export function inProcessFakeHubspot(opts: Pick<StartOptions, 'seed' | 'rateLimit'> = {}): InProcessFakeHubspot {
  const ctx = createContext({ ...opts, quiet: true });
  const fakeFetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const headers = new Headers(init.headers);
    if (init.signal?.aborted) throw init.signal.reason ?? new DOMException('aborted', 'AbortError');
    const a = await dispatch(ctx, {
      method: init.method ?? 'GET',
      host: url.hostname,
      url: url.pathname + url.search,
      body: typeof init.body === 'string' ? init.body : '',
      ...(headers.get('authorization') ? { authorization: headers.get('authorization')! } : {}),
    });
    if (a.drop) throw new TypeError('fetch failed');
    return new Response(a.status === 204 || a.status === 304 ? null : a.body, { status: a.status, headers: a.headers });
  };
  return {
    baseUrl: 'https://api.hubapi.com',
    state: ctx.state,
    requests: ctx.requests,
    faults: ctx.faults,
    fetch: fakeFetch as typeof fetch,
    reset: () => ctx.reset(),
  };
}

export async function startFakeHubspot(opts: StartOptions = {}): Promise<FakeHubspot> {
  const host = opts.host ?? '127.0.0.1';
  const ctx = createContext(opts);
  const { state, requests, faults, limiter } = ctx;
  const handler = createHandler(ctx);
  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
    handler(req, res).catch((e: unknown) => {
      if (!ctx.quiet) console.error('[fake-hubspot] unhandled', e);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  };
  const cert = await certificate();
  const httpsServer = https.createServer({ cert: cert.cert, key: cert.key }, onRequest);
  const httpServer = http.createServer(onRequest);
  httpsServer.keepAliveTimeout = 1000;
  httpServer.keepAliveTimeout = 1000;
  const httpsPort = await listen(httpsServer, opts.port ?? 0, host);
  const httpPort = await listen(httpServer, opts.httpPort ?? 0, host);
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  let closed: Promise<void> | null = null;
  return {
    httpsUrl: `https://${shownHost}:${httpsPort}`,
    httpUrl: `http://${shownHost}:${httpPort}`,
    httpsPort,
    httpPort,
    certPem: cert.cert,
    keyPem: cert.key,
    spkiSha256: cert.spkiSha256,
    state,
    requests,
    faults,
    setRateLimit(o) {
      limiter.configure(o);
      limiter.reset();
    },
    reset: () => ctx.reset(),
    close() {
      closed ??= Promise.all([closeServer(httpsServer), closeServer(httpServer)]).then(() => undefined);
      return closed;
    },
  };
}
