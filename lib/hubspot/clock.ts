// Time, injectable: the limiter, the retry backoff and 429 waits go through a Clock so tests can run
// minutes of simulated time in milliseconds. Request timeouts use the real timer (a network wait).

export interface Clock {
  /** Monotonic milliseconds. */
  now(): number;
  /** Resolves after `ms`; rejects with an AbortError when `signal` fires first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** An AbortError for a caller's cancellation; reuses the signal's reason when it is one. */
export function abortError(signal?: AbortSignal): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  return new DOMException('Der Vorgang wurde abgebrochen.', 'AbortError');
}

/** True for cancellations (never shown to the user as an error). */
export function isAbortError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AbortError';
}

export const systemClock: Clock = {
  now: () => globalThis.performance.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(abortError(signal));
        return;
      }
      const onAbort = () => {
        globalThis.clearTimeout(timer);
        reject(abortError(signal));
      };
      const timer = globalThis.setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, Math.max(0, ms));
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};
