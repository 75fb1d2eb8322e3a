import { describe, expect, it } from 'vitest';
import { KeyedQueue } from '../../lib/gateway/queue';

describe('KeyedQueue', () => {
  it('runs tasks of one key one after another, other keys alongside, and goes on after a failure', async () => {
    const q = new KeyedQueue();
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = q.run('c1', async () => {
      log.push('c1:first:start');
      await gate;
      log.push('c1:first:end');
      throw new Error('boom');
    });
    const second = q.run('c1', async () => {
      log.push('c1:second');
      return 2;
    });
    const other = q.run('c2', async () => {
      log.push('c2');
      return 3;
    });
    await other;
    await new Promise((r) => setTimeout(r, 0));
    expect(log).toEqual(['c1:first:start', 'c2']);
    expect(q.size).toBe(1);
    release();
    await expect(first).rejects.toThrow('boom');
    expect(await second).toBe(2);
    expect(log).toEqual(['c1:first:start', 'c2', 'c1:first:end', 'c1:second']);
    await new Promise((r) => setTimeout(r, 0));
    expect(q.size).toBe(0);
  });

  it('runMany holds several keys at once: after every task queued before on any of them, before any queued after', async () => {
    const q = new KeyedQueue();
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const a = q.run('c1', async () => {
      log.push('save c1:start');
      await gate;
      log.push('save c1:end');
    });
    const batch = q.runMany(['c1', 'c2', 'c3'], async () => {
      log.push('batch');
      return 'done';
    });
    const later = q.run('c3', async () => {
      log.push('save c3');
    });
    const free = q.run('c4', async () => {
      log.push('save c4');
    });
    await free;
    await new Promise((r) => setTimeout(r, 0));
    expect(log).toEqual(['save c1:start', 'save c4']);
    release();
    await a;
    expect(await batch).toBe('done');
    await later;
    expect(log).toEqual(['save c1:start', 'save c4', 'save c1:end', 'batch', 'save c3']);
    await new Promise((r) => setTimeout(r, 0));
    expect(q.size).toBe(0);
  });
});
