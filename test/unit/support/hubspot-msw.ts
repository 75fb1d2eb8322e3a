// msw 3 server for the gateway tests: handlers on https://api.hubapi.com; anything unhandled fails.
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createHubspotApi, type HubspotApiOptions } from '../../../lib/hubspot/api';
import type { RequestEvent, RetryEvent } from '../../../lib/hubspot/http';
import { VirtualClock } from './hubspot-clock';

export const API = 'https://api.hubapi.com';
export const TOKEN = 'pat-eu1-11111111-2222-3333-4444-555555555555';

export function setupHubspotMsw() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

/** A gateway on simulated time that records its request and retry events. */
export function testApi(extra: Partial<HubspotApiOptions> = {}) {
  const clock = new VirtualClock();
  const requests: RequestEvent[] = [];
  const retries: RetryEvent[] = [];
  const api = createHubspotApi({
    token: TOKEN,
    clock,
    random: () => 0.5,
    onRequest: (e) => requests.push(e),
    onRetry: (e) => retries.push(e),
    ...extra,
  });
  return { api, clock, requests, retries };
}

/** The rejection of a promise (fails the test if it resolves). */
export async function rejectionOf(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

/** Bearer check every handler can use: the token arrives, and only as Authorization. */
export function authorized(request: Request): boolean {
  return request.headers.get('authorization') === `Bearer ${TOKEN}`;
}
