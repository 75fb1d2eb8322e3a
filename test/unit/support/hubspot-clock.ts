// Simulated time for the http layer and the limiter (lib/hubspot/clock.ts `Clock`).
// auto mode: whenever a sleep is pending, the next macrotask jumps time to the earliest one and
// wakes it, so minutes of waiting pass instantly and in order. manual mode: time moves only with
// `advance()`.
import type { Clock } from '../../../lib/hubspot/clock';

interface Sleeper {
  due: number;
  seq: number;
  resolve: () => void;
}

export class VirtualClock implements Clock {
  private t = 0;
  private seq = 0;
  private sleepers: Sleeper[] = [];
  private scheduled = false;
  readonly sleeps: number[] = [];

  constructor(private readonly opts: { auto?: boolean } = {}) {}

  now(): number {
    return this.t;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    return new Promise<void>((resolve, reject) => {
      const abortErr = () => (signal?.reason instanceof Error && signal.reason.name === 'AbortError' ? signal.reason : new DOMException('aborted', 'AbortError'));
      if (signal?.aborted) {
        reject(abortErr());
        return;
      }
      const s: Sleeper = {
        due: this.t + Math.max(0, ms),
        seq: this.seq++,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.sleepers = this.sleepers.filter((x) => x !== s);
        reject(abortErr());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.sleepers.push(s);
      this.kick();
    });
  }

  /** Manual mode: moves time forward, waking sleepers in order. */
  async advance(ms: number): Promise<void> {
    const target = this.t + ms;
    for (;;) {
      const next = this.earliest();
      if (!next || next.due > target) break;
      this.sleepers = this.sleepers.filter((x) => x !== next);
      this.t = Math.max(this.t, next.due);
      next.resolve();
      await new Promise((r) => setImmediate(r));
    }
    this.t = target;
  }

  get pending(): number {
    return this.sleepers.length;
  }

  private earliest(): Sleeper | undefined {
    let best: Sleeper | undefined;
    for (const s of this.sleepers) if (!best || s.due < best.due || (s.due === best.due && s.seq < best.seq)) best = s;
    return best;
  }

  private kick(): void {
    if (this.opts.auto === false || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const next = this.earliest();
      if (!next) return;
      this.sleepers = this.sleepers.filter((x) => x !== next);
      this.t = Math.max(this.t, next.due);
      next.resolve();
      if (this.sleepers.length > 0) this.kick();
    });
  }
}
