// One task at a time per key: the background runs every write to one contact in a row, so two tabs
// (or a double click) never read the same state and write over each other.

/** The queue key of one contact's writes (every road that writes a contact uses it). */
export function contactWriteKey(portalId: string, contactId: string): string {
  return `${portalId}/${contactId}`;
}

export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Runs `task` after every task queued before under `key` has finished (fulfilled or not). */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key) ?? Promise.resolve();
    const result = before.then(task, task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Runs `task` once every task queued before under any of `keys` has finished, and holds all of
   *  them while it runs (a batch write of many contacts). Tasks are ordered by when they were
   *  queued, so two holders of overlapping keys never wait for each other in a circle. */
  runMany<T>(keys: readonly string[], task: () => Promise<T>): Promise<T> {
    const unique = [...new Set(keys)];
    const before = Promise.all(unique.map((k) => (this.tails.get(k) ?? Promise.resolve()).then(() => undefined)));
    const result = before.then(task, task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    for (const key of unique) this.tails.set(key, tail);
    void tail.then(() => {
      for (const key of unique) if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with a task running or waiting. */
  get size(): number {
    return this.tails.size;
  }
}
