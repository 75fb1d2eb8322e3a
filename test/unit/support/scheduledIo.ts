// For model-based tests: a virtual clock whose every wait, and a fetch to the in-process fake
// HubSpot whose every request and answer, is a scheduling point of fast-check's scheduler.
import type fc from 'fast-check';
import type { Clock } from '../../../lib/hubspot/clock';
import type { FaultSpec, InProcessFakeHubspot } from '../../fake-hubspot/index';

export function scheduledIo(fake: InProcessFakeHubspot, s: fc.Scheduler): { clock: Clock; fetch: typeof globalThis.fetch } {
  let now = 0;
  const clock: Clock = {
    now: () => now,
    sleep: (ms) => {
      now += ms;
      return s.schedule(Promise.resolve(), `wait ${ms} ms`);
    },
  };
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const path = new URL(String(input)).pathname;
    await s.schedule(Promise.resolve(), `→ ${init?.method ?? 'GET'} ${path}`);
    const res = await fake.fetch(input, init);
    await s.schedule(Promise.resolve(), `← ${res.status}`);
    return res;
  }) as typeof globalThis.fetch;
  return { clock, fetch };
}

/** The faults the model tests inject: HubSpot's answers that make a client wait or doubt. */
export const FAULT_KINDS = ['429', '503', '500-after', 'drop-after', 'drop'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** The fake's fault for a kind ("-after": the request is served, its write lands, then the answer fails). */
export function faultSpec(kind: FaultKind): Pick<FaultSpec, 'rateLimit' | 'status' | 'after' | 'drop'> {
  switch (kind) {
    case '429':
      return { rateLimit: 'TEN_SECONDLY_ROLLING' };
    case '503':
      return { status: 503 };
    case '500-after':
      return { status: 500, after: true };
    case 'drop-after':
      return { drop: true, after: true };
    case 'drop':
      return { drop: true };
  }
}

/** Runs the scheduler until every tracked promise settled and nothing is left scheduled (work may start more work). */
export async function drain(s: fc.Scheduler, pending: readonly Promise<unknown>[]): Promise<void> {
  while (true) {
    const n = pending.length;
    await s.waitFor(Promise.all(pending));
    await s.waitIdle();
    if (pending.length === n && s.count() === 0) break;
  }
}

/** Requests the fake answered with a fault (429, 5xx, dropped). */
export function faultsHit(fake: InProcessFakeHubspot): number {
  return fake.requests.filter((r) => r.status === 0 || r.status === 429 || r.status >= 500).length;
}
