// @vitest-environment node
// The client-side limiter must keep any burst of calls under HubSpot's per-app limits, serve
// callers in order, and let a caller walk away while waiting.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../lib/hubspot/limiter';
import { VirtualClock } from './support/hubspot-clock';
import { rejectionOf } from './support/hubspot-msw';

interface Grant {
  t: number;
  seq: number;
  search: boolean;
}

/** Most grants in any half-open window [t, t + windowMs). */
function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let j = 0;
  for (let i = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

const burst = fc.record({
  at: fc.integer({ min: 0, max: 40_000 }),
  count: fc.integer({ min: 1, max: 80 }),
  search: fc.boolean(),
});

async function run(per10s: number, bursts: Array<{ at: number; count: number; search: boolean }>) {
  const clock = new VirtualClock();
  const limiter = new RateLimiter({ per10s, clock });
  const grants: Grant[] = [];
  let seq = 0;
  await Promise.all(
    bursts.map((b) =>
      clock.sleep(b.at).then(() =>
        Promise.all(
          Array.from({ length: b.count }, () => {
            const mine = seq++;
            return limiter.acquire({ search: b.search }).then(() => grants.push({ t: clock.now(), seq: mine, search: b.search }));
          }),
        ),
      ),
    ),
  );
  return { grants, limiter };
}

describe('RateLimiter', () => {
  it('never lets more than N requests into any 10-s window, nor more than 4 searches into any second (random bursts)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(100, 190, 10, 1), fc.array(burst, { minLength: 1, maxLength: 10 }), async (per10s, bursts) => {
        const { grants, limiter } = await run(per10s, bursts);
        expect(grants).toHaveLength(bursts.reduce((n, b) => n + b.count, 0));
        const all = grants.map((g) => g.t);
        expect(maxInWindow(all, 10_000)).toBeLessThanOrEqual(per10s);
        // and the safety margin holds: ≤ 90 % of N in the (slightly longer) window we assume
        expect(maxInWindow(all, limiter.windowMs)).toBeLessThanOrEqual(limiter.limit);
        expect(maxInWindow(grants.filter((g) => g.search).map((g) => g.t), 1_000)).toBeLessThanOrEqual(4);
      }),
      { numRuns: 60 },
    );
  });

  it('serves callers first come, first served (searches in order among themselves)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(burst, { minLength: 1, maxLength: 8 }), async (bursts) => {
        const { grants } = await run(20, bursts);
        const order = (search: boolean) => grants.filter((g) => g.search === search).map((g) => g.seq);
        for (const s of [true, false]) expect(order(s)).toEqual([...order(s)].sort((a, b) => a - b));
      }),
      { numRuns: 40 },
    );
  });

  it('does not waste time: a lone burst of N is sent at once, the next request waits for the window', async () => {
    const { grants } = await run(100, [{ at: 0, count: 91, search: false }]);
    expect(grants.filter((g) => g.t === 0)).toHaveLength(90);
    expect(grants[90]!.t).toBe(10_500);
  });

  it('a search waiting for its budget does not hold back other requests', async () => {
    const clock = new VirtualClock({ auto: false });
    const limiter = new RateLimiter({ per10s: 100, clock });
    const order: string[] = [];
    const searches = Array.from({ length: 5 }, (_, i) => limiter.acquire({ search: true }).then(() => order.push(`s${i}`)));
    const plain = limiter.acquire().then(() => order.push('plain'));
    await plain;
    expect(order).toEqual(['s0', 's1', 's2', 's3', 'plain']);
    await clock.advance(1_100);
    await Promise.all(searches);
    expect(order.at(-1)).toBe('s4');
  });

  it('a waiting caller can abort; the queue moves on', async () => {
    const clock = new VirtualClock({ auto: false });
    const limiter = new RateLimiter({ per10s: 1, clock });
    await limiter.acquire();
    const ctl = new AbortController();
    const a = limiter.acquire({ signal: ctl.signal });
    let bDone = false;
    const b = limiter.acquire().then(() => (bDone = true));
    ctl.abort();
    expect(((await rejectionOf(a)) as Error).name).toBe('AbortError');
    await clock.advance(10_500);
    await b;
    expect(bDone).toBe(true);
    expect(limiter.waiting).toBe(0);
  });

  it('pauseUntil holds everybody back (after a 429)', async () => {
    const clock = new VirtualClock({ auto: false });
    const limiter = new RateLimiter({ per10s: 100, clock });
    limiter.pauseUntil(10_000);
    let done = false;
    const p = limiter.acquire().then(() => (done = true));
    await clock.advance(9_999);
    expect(done).toBe(false);
    await clock.advance(1);
    await p;
    expect(done).toBe(true);
  });
});
