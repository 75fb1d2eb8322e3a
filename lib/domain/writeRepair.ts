// One contact's write, planned and repaired as the panel's save does it (docs/saving.md), for the
// writes that go many contacts at a time (the bulk block from a file). Pure: the caller reads,
// writes and reads back; this decides what to write next.
//
// 1. `target(current)` plans the values to write: the intent applied to what HubSpot holds now,
//    plus whatever a racing write of someone else put there that ours replaced, plus every log
//    line ever seen, plus our one log entry (until it is in HubSpot);
// 2. after a write (or a failed one) and a read with history, `afterWrite` finds a write that
//    landed between our read and our write (lostUpdate.ts) and remembers their blocks and lines,
//    and whether our entry landed;
// 3. the caller writes again while `target(current)` differs from `current`, a bounded number of times.
import { applyIntent, NO_INTENT, type BlockIntent } from './intent';
import { findLostUpdate, sameSet, type BlockState } from './lostUpdate';
import { appendReasonEntry, restoreLines, wouldOverflow } from './reasonLog';
import type { HistoryEntry } from './types';

/** Why a contact cannot be written as asked: said before anything is sent. */
export type PlanRefusal =
  | { kind: 'stale-option'; values: string[] }
  | { kind: 'log-full' };

export class PlanRefused extends Error {
  constructor(readonly refusal: PlanRefusal) {
    super(refusal.kind);
    this.name = 'PlanRefused';
  }
}

export interface WriteRepairSetup {
  intent: BlockIntent;
  /** Option values of the block property (a value outside them is refused by HubSpot). */
  options: ReadonlySet<string>;
  /** Brand value → label for the log entry. */
  labelOf: (value: string) => string;
  reason: string;
  by: string;
  now: () => Date;
  /** Append the entry even when the intent changes no brand (a log-only change: a ledger confirm,
   *  or a restore whose brand someone else has set again meanwhile). */
  alwaysLog?: boolean;
}

export class ContactWrite {
  private read: BlockState;
  private written: BlockState;
  private readonly restore = { add: new Set<string>(), remove: new Set<string>() };
  private keep: string;
  /** Our log entry once it is in HubSpot; until then it is planned anew. */
  private landedEntry: { added: string[]; removed: string[] } | null = null;
  private pending: { added: string[]; removed: string[] } | null = null;
  /** Writes of others that ours had replaced and that were written back. */
  readonly kept: HistoryEntry[] = [];
  unverified = false;

  constructor(
    private readonly setup: WriteRepairSetup,
    read: BlockState,
  ) {
    this.read = read;
    this.written = read;
    this.keep = read.reason;
  }

  /** Whether our entry is in HubSpot, and what it changed. */
  get landed(): { added: string[]; removed: string[] } | null {
    return this.landedEntry;
  }

  /** What HubSpot should hold, planned on `current`. @throws PlanRefused */
  target(current: BlockState): BlockState {
    return this.plan(current).state;
  }

  private plan(current: BlockState): { state: BlockState; entry: { added: string[]; removed: string[] } | null } {
    const { intent, options, labelOf } = this.setup;
    const restored = current.blocks.filter((b) => !this.restore.remove.has(b));
    for (const b of this.restore.add) if (!restored.includes(b)) restored.push(b);
    // Once our entry is in HubSpot the intent is done: a later change of those brands is someone's own.
    const p = applyIntent(restored, this.landedEntry ? NO_INTENT : intent);
    let text = restoreLines(current.reason, this.keep);
    let entry: { added: string[]; removed: string[] } | null = null;
    if (!this.landedEntry && (this.setup.alwaysLog === true || p.added.length + p.removed.length > 0)) {
      // A write that leaves the blocks as they are does not send them (the caller), so a value
      // that is no option any more only stops a write that changes the blocks.
      const stale = p.next.filter((v) => !options.has(v));
      if (stale.length && !sameSet(p.next, current.blocks)) throw new PlanRefused({ kind: 'stale-option', values: stale });
      const e = { at: this.setup.now().toISOString(), added: p.added.map(labelOf), removed: p.removed.map(labelOf), reason: this.setup.reason, by: this.setup.by };
      if (wouldOverflow(text, e)) throw new PlanRefused({ kind: 'log-full' });
      text = appendReasonEntry(text, e);
      entry = { added: p.added, removed: p.removed };
    }
    return { state: { blocks: p.next, reason: text }, entry };
  }

  /** Whether `current` already holds what we want: nothing (more) to write. */
  settled(current: BlockState): boolean {
    return sameState(this.target(current), current);
  }

  /** Records what is sent now (planned on `current` by target()). */
  sending(current: BlockState): BlockState {
    const next = this.plan(current);
    this.read = current;
    this.written = next.state;
    if (next.entry) this.pending = next.entry;
    return this.written;
  }

  /**
   * After the write (`failed`: its answer said it may not have landed) and a read of `current`
   * with `history`: whether our write is in HubSpot (the answer: true when it is, or when a
   * successful answer is all we can see), and someone else's write that ours replaced.
   */
  afterWrite(history: readonly HistoryEntry[], failed: boolean): boolean {
    const check = findLostUpdate(history, this.read, this.written);
    if (!check.verified && failed) return false; // not landed: planned and sent again
    if (!check.verified) this.unverified = true; // a successful answer whose history we cannot see counts too
    if (this.pending) this.landedEntry = this.pending;
    this.pending = null;
    this.keep = restoreLines(this.keep, this.written.reason);
    if (!check.verified || !check.lost) return true;
    const lost = check.lost;
    this.kept.push(lost.by);
    const mine = new Set([...this.setup.intent.add, ...this.setup.intent.remove]);
    if (lost.blocks) {
      for (const b of lost.blocks) {
        if (this.read.blocks.includes(b) || mine.has(b)) continue;
        this.restore.remove.delete(b);
        this.restore.add.add(b);
      }
      for (const b of this.read.blocks) {
        if (lost.blocks.includes(b) || mine.has(b)) continue;
        this.restore.add.delete(b);
        this.restore.remove.add(b);
      }
    }
    if (lost.reason !== undefined) this.keep = restoreLines(this.keep, lost.reason);
    return true;
  }
}

export function sameState(a: BlockState, b: BlockState): boolean {
  return a.reason === b.reason && sameSet(a.blocks, b.blocks);
}
