// Client-side rate limiter: sliding-window logs, one for all requests and one for search.
//
// HubSpot counts per app: 100 (Free/Starter) or 190 (Pro/Enterprise) requests per rolling 10 s,
// and search at about 4–5 per second without rate-limit headers (docs/hubspot.md). We keep a safety
// margin on both the count (default 10 % fewer) and the window (+500 ms / +100 ms), because our
// send time is not HubSpot's arrival time.
//
// A request is granted only when fewer than `limit` grants lie in (now − window, now], so any
// window of that length holds at most `limit` grants (tested with fast-check in
// test/unit/hubspot-limiter.test.ts). Waiters are served first come, first served for the general
// budget; a search request waiting for the search budget does not hold back the non-search ones
// behind it (searches stay FIFO among themselves). Waits are abortable. After a 429, `pauseUntil()`
// holds everybody back until HubSpot's window has passed.
import { abortError, type Clock } from './clock';

export interface LimiterOptions {
  /** Requests HubSpot allows per 10 s (100, or 190 for Pro/Enterprise). */
  per10s: number;
  /** Search requests per second (default 4). */
  searchPerSecond?: number;
  /** Fraction of the budget left unused (default 0.1). */
  margin?: number;
  clock: Clock;
}

interface Waiter {
  search: boolean;
  resolve: () => void;
  reject: (e: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

export class RateLimiter {
  readonly limit: number;
  readonly windowMs: number;
  readonly searchLimit: number;
  readonly searchWindowMs: number;
  private readonly clock: Clock;
  private sent: number[] = [];
  private searchSent: number[] = [];
  private queue: Waiter[] = [];
  private pausedUntil = -Infinity;
  private wake: { at: number; ctl: AbortController } | undefined;

  constructor(opts: LimiterOptions) {
    const margin = opts.margin ?? 0.1;
    this.limit = Math.max(1, Math.floor(opts.per10s * (1 - margin)));
    this.windowMs = 10_000 + 500;
    this.searchLimit = Math.max(1, Math.floor(opts.searchPerSecond ?? 4));
    this.searchWindowMs = 1_000 + 100;
    this.clock = opts.clock;
  }

  /** Resolves when a request may be sent now (and counts it as sent). */
  acquire(opts: { search?: boolean; signal?: AbortSignal } = {}): Promise<void> {
    const { signal } = opts;
    if (signal?.aborted) return Promise.reject(abortError(signal));
    return new Promise<void>((resolve, reject) => {
      const w: Waiter = { search: opts.search === true, resolve, reject, signal };
      if (signal) {
        w.onAbort = () => {
          const i = this.queue.indexOf(w);
          if (i >= 0) this.queue.splice(i, 1);
          reject(abortError(signal));
          this.pump();
        };
        signal.addEventListener('abort', w.onAbort, { once: true });
      }
      this.queue.push(w);
      this.pump();
    });
  }

  /** Nobody is granted before `t` (clock time), e.g. after a TEN_SECONDLY_ROLLING 429. */
  pauseUntil(t: number): void {
    if (t > this.pausedUntil) this.pausedUntil = t;
    this.pump();
  }

  /** Waiting requests (for diagnostics). */
  get waiting(): number {
    return this.queue.length;
  }

  private pump(): void {
    const now = this.clock.now();
    prune(this.sent, now - this.windowMs);
    prune(this.searchSent, now - this.searchWindowMs);
    let nextWake = Infinity;
    if (now < this.pausedUntil) {
      nextWake = this.pausedUntil;
    } else {
      let searchBlocked = false;
      for (let i = 0; i < this.queue.length; ) {
        const w = this.queue[i]!;
        if (this.sent.length >= this.limit) {
          nextWake = Math.min(nextWake, this.sent[this.sent.length - this.limit]! + this.windowMs);
          break;
        }
        if (w.search) {
          if (searchBlocked) {
            i++;
            continue;
          }
          if (this.searchSent.length >= this.searchLimit) {
            searchBlocked = true;
            nextWake = Math.min(nextWake, this.searchSent[this.searchSent.length - this.searchLimit]! + this.searchWindowMs);
            i++;
            continue;
          }
          this.searchSent.push(now);
        }
        this.sent.push(now);
        this.queue.splice(i, 1);
        if (w.signal && w.onAbort) w.signal.removeEventListener('abort', w.onAbort);
        w.resolve();
      }
    }
    if (this.queue.length > 0 && nextWake < Infinity) this.schedule(nextWake, now);
  }

  private schedule(at: number, now: number): void {
    if (this.wake && this.wake.at <= at) return;
    this.wake?.ctl.abort();
    const ctl = new AbortController();
    const wake = { at, ctl };
    this.wake = wake;
    this.clock.sleep(Math.max(1, Math.ceil(at - now)), ctl.signal).then(
      () => {
        if (this.wake === wake) this.wake = undefined;
        this.pump();
      },
      () => {
        /* superseded by an earlier wake */
      },
    );
  }
}

/** Drops timestamps ≤ `cutoff` from the front of an ascending array. */
function prune(times: number[], cutoff: number): void {
  let n = 0;
  while (n < times.length && times[n]! <= cutoff) n++;
  if (n > 0) times.splice(0, n);
}
