// Finding a write that ours overwrote. HubSpot has no precondition on contact writes (no ETag or
// If-Match): a write that lands between our read and our write is replaced by ours without notice.
// The property history shows it afterwards: the value just before ours is not the one we read.
// Pure: works on the history as the gateway hands it over (HistoryEntry, any order).
import { parseBlockValue } from './blocks';
import type { HistoryEntry } from './types';

/** The two block properties' values: what we read before writing, or what we wrote. */
export interface BlockState {
  blocks: string[];
  reason: string;
}

export interface LostUpdate {
  /** Their block value that ours replaced, when the blocks were overwritten. */
  blocks?: string[];
  /** Their reason text that ours replaced, when the reason was overwritten. */
  reason?: string;
  /** The history entry of their write (who, when). */
  by: HistoryEntry;
}

export type LostUpdateCheck = { verified: true; lost: LostUpdate | null } | { verified: false };

/** Same brands, whatever the order. */
export const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * Compares the history with what we read and what we wrote. Our write is the newest reason entry
 * holding the text we wrote (or, when we wrote the blocks alone, the newest block entry if it holds
 * our value); for each property, the newest entry older than ours is what stood there just before. Lost: that value is neither what we read (nobody wrote in
 * between) nor what we wrote (they wrote the same). `verified: false` when our write is not in the
 * history at all (a later write replaced it and the history does not reach back).
 */
export function findLostUpdate(history: readonly HistoryEntry[], read: BlockState, written: BlockState): LostUpdateCheck {
  const of = (p: HistoryEntry['property']) =>
    history.filter((h) => h.property === p).sort((a, b) => Date.parse(b.timestamp) - Date.parse(a.timestamp));
  const blocks = of('blocks');
  const reason = of('reason');
  const isOurs = {
    blocks: (h: HistoryEntry) => sameSet(parseBlockValue(h.value), written.blocks),
    reason: (h: HistoryEntry) => (h.value ?? '') === written.reason,
  };
  // The reason text we wrote is unique (it holds a new line); a block value may have stood there
  // before, so it identifies our write only as the newest entry.
  const ours =
    read.reason !== written.reason
      ? reason.find(isOurs.reason)
      : !sameSet(read.blocks, written.blocks) && blocks[0] && isOurs.blocks(blocks[0])
        ? blocks[0]
        : undefined;
  if (!ours) return { verified: false };
  const at = Date.parse(ours.timestamp);
  const before = (list: HistoryEntry[]) => list.find((h) => Date.parse(h.timestamp) < at);

  const lost: Omit<LostUpdate, 'by'> & { by?: HistoryEntry } = {};
  const prevBlocks = before(blocks);
  if (prevBlocks) {
    const v = parseBlockValue(prevBlocks.value);
    if (!sameSet(v, read.blocks) && !sameSet(v, written.blocks)) {
      lost.blocks = v;
      lost.by = prevBlocks;
    }
  }
  const prevReason = before(reason);
  if (prevReason) {
    const v = prevReason.value ?? '';
    if (v !== read.reason && v !== written.reason) {
      lost.reason = v;
      if (!lost.by || Date.parse(prevReason.timestamp) > Date.parse(lost.by.timestamp)) lost.by = prevReason;
    }
  }
  return { verified: true, lost: lost.by ? (lost as LostUpdate) : null };
}
