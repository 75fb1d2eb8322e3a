// For model-based tests: a virtual clock whose every wait, and a fetch to the in-process fake
// HubSpot whose every request and answer, is a scheduling point of fast-check's scheduler.
import type fc from 'fast-check';
import type { Clock } from '../../../lib/hubspot/clock';
import type { InProcessFakeHubspot } from '../../fake-hubspot/index';

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
