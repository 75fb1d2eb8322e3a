// A reference for the ledger's property test, written apart from lib/domain/ledger.ts: it does NOT
// read the history back. It plays the writes of every road on a contact (as HubSpot would apply
// them) and, because it made each write, KNOWS what each write said: which brands and directions a
// product log line named, whether a person wrote new free text, whether a write replaced the log,
// which later entry names which earlier write. From that knowledge alone it states the findings.
// It also produces the history HubSpot would show (optionally cut to the newest `cap` entries per
// property, shuffled), which is what the ledger gets.
import { formatReasonEntry } from '../../../lib/domain/reasonLog';
import { ledgerReasonText, type LedgerFinding } from '../../../lib/domain/ledger';
import type { HistoryEntry } from '../../../lib/domain/types';

export const WINDOW = 2 * 60_000;
const MINUTE = 60_000;

export const BRANDS = [
  { value: 'marke_a', label: 'Marke A' },
  { value: 'marke_b', label: 'Marke B' },
  { value: 'kunst_sued', label: 'Kunst, Süd; \\ (alt)' },
  { value: 'verlag', label: 'Verlag' },
] as const;
export type BrandValue = (typeof BRANDS)[number]['value'];
const labelOf = (v: string) => BRANDS.find((b) => b.value === v)?.label ?? v;

/** One write by one road, as the generator draws it. `delta`: ms after the previous write (≥ 1). */
export type Write =
  | { road: 'panel'; delta: number; add: BrandValue[]; remove: BrandValue[] }
  | { road: 'sidebar'; delta: number; blocks: BrandValue[]; withReason: boolean }
  | { road: 'import'; delta: number; mode: 'replace' | 'append'; blocks: BrandValue[]; reasonCell: 'none' | 'text' }
  | { road: 'bulk-blocks'; delta: number; mode: 'replace' | 'append'; blocks: BrandValue[] }
  | { road: 'bulk-reason'; delta: number }
  | { road: 'workflow'; delta: number; set: BrandValue[] }
  | { road: 'merge'; delta: number; blocks: BrandValue[]; reason: boolean }
  | { road: 'integration-clear'; delta: number; reasonToo: boolean }
  | { road: 'mobile'; delta: number; blocks: BrandValue[]; withReason: boolean }
  | { road: 'unknown'; delta: number; sourceType: string; blocks: BrandValue[] }
  | { road: 'restore'; delta: number; pick: number }
  | { road: 'confirm'; delta: number; pick: number }
  | { road: 'restore-log'; delta: number };

export interface Scenario {
  writes: Write[];
  /** Entries kept per property (newest); Infinity = all. */
  cap: number;
  /** Also record an entry when a write leaves a value as it was. */
  recordUnchanged: boolean;
  /** Order of the history handed to the ledger. */
  order: 'newest-first' | 'oldest-first' | number;
}

interface Meta {
  at: string;
  ms: number;
  sourceType: string;
  sourceId: string | null;
  by: string | null;
}

interface Entry extends HistoryEntry {
  ms: number;
  meta: Meta;
}

/** What the model knows the reason writes said. */
type Explanation = { ms: number; free: true } | { ms: number; free: false; brand: string; kind: 'set' | 'lift'; lineMs: number };

interface Change {
  brand: string;
  kind: 'set' | 'lift';
  meta: Meta;
}

export interface Played {
  history: HistoryEntry[];
  /** Every block change the ledger can see (after the starting point), with whether it is explained (null: cannot tell). */
  events: { brand: string; kind: 'set' | 'lift'; at: string; explained: boolean | null }[];
  /** Findings the model expects: open and resolved. */
  open: LedgerFinding[];
  resolved: LedgerFinding[];
  current: { blocks: string; reason: string };
}

const CONTACT = '4242';
const T0 = Date.parse('2026-03-02T08:00:00.000Z');

function lines(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

function joinLog(before: string, line: string): string {
  return before === '' ? line : `${before}\n${line}`;
}

export function play(s: Scenario): Played {
  let blocks: string[] = [];
  let reason = '';
  let ms = T0;
  let textNo = 0;
  const blockEntries: Entry[] = [];
  const reasonEntries: Entry[] = [];
  const changes: (Change & { entry: Entry })[] = [];
  const explanations: (Explanation & { entry: Entry; fresh: string[] })[] = [];
  const shortenings: Entry[] = [];
  /** Lines this log ever lost (for restore-log). */
  const lost: string[] = [];
  /** Reference lines written, with the finding they name. */
  const references: { line: string; kind: LedgerFinding['kind']; brand: string | null; at: string }[] = [];
  /** Every product line the model wrote, with what it said. */
  const lineFacts = new Map<string, { set: string[]; lift: string[]; lineMs: number }>();
  const product = (at: string, added: string[], removed: string[], reasonText: string): string => {
    const line = formatReasonEntry({ at, added: added.map(labelOf), removed: removed.map(labelOf), reason: reasonText, by: 'MK' }, { timeZone: 'UTC' });
    lineFacts.set(line, { set: added, lift: removed, lineMs: Math.floor(Date.parse(at) / MINUTE) * MINUTE });
    return line;
  };

  const fresh = (what: string) => `${what} Nr. ${++textNo}: Kunde hat angerufen`;

  for (const w of s.writes) {
    ms += Math.max(1, w.delta);
    const meta = metaOf(w, ms);
    let nextBlocks = blocks;
    let nextReason = reason;
    /** What the new reason text says, known by construction. */
    const said: Explanation[] = [];
    let overwrite = false;
    let restoredLines: string[] = [];

    const setTo = (v: readonly string[]) => [...new Set(v)];
    switch (w.road) {
      case 'panel': {
        const added = w.add.filter((b) => !blocks.includes(b) && !w.remove.includes(b));
        const removed = w.remove.filter((b) => blocks.includes(b));
        if (added.length + removed.length === 0) continue; // the product writes nothing then
        nextBlocks = [...blocks.filter((b) => !(removed as string[]).includes(b)), ...added];
        const line = product(meta.at, added, removed, fresh('Brief'));
        nextReason = joinLog(reason, line);
        const lineMs = Math.floor(ms / MINUTE) * MINUTE;
        for (const b of added) said.push({ ms, free: false, brand: b, kind: 'set', lineMs });
        for (const b of removed) said.push({ ms, free: false, brand: b, kind: 'lift', lineMs });
        break;
      }
      case 'sidebar':
      case 'mobile':
        nextBlocks = setTo(w.blocks);
        if (w.withReason) {
          nextReason = joinLog(reason, fresh('Notiz'));
          said.push({ ms, free: true });
        }
        break;
      case 'import':
        nextBlocks = w.mode === 'replace' ? setTo(w.blocks) : setTo([...blocks, ...w.blocks]);
        if (w.reasonCell === 'text') {
          nextReason = fresh('Importzeile');
          overwrite = true;
          said.push({ ms, free: true });
        }
        break;
      case 'bulk-blocks':
        nextBlocks = w.mode === 'replace' ? setTo(w.blocks) : setTo([...blocks, ...w.blocks]);
        break;
      case 'bulk-reason':
        nextReason = fresh('Massenbearbeitung');
        overwrite = true;
        said.push({ ms, free: true });
        break;
      case 'workflow':
        nextBlocks = setTo(w.set);
        break;
      case 'merge':
        // "The most recent value for each property will be used": the other record's, here.
        nextBlocks = setTo(w.blocks);
        if (w.reason) {
          nextReason = fresh('Zusammengeführt');
          overwrite = true;
          said.push({ ms, free: true });
        }
        break;
      case 'integration-clear':
        nextBlocks = [];
        if (w.reasonToo) {
          nextReason = '';
          overwrite = true;
        }
        break;
      case 'unknown':
        nextBlocks = setTo(w.blocks);
        break;
      case 'restore':
      case 'confirm': {
        // Names an earlier change that no write explained... or one that was explained: the
        // reference is written either way (nothing to resolve then).
        const lifts = changes.filter((c) => (w.road === 'restore' ? c.kind === 'lift' : true));
        const target = lifts.length ? lifts[w.pick % lifts.length] : undefined;
        if (!target) continue;
        const kind = target.kind === 'lift' ? 'lifted-without-reason' : 'set-without-reason';
        const f: LedgerFinding = { contactId: CONTACT, brand: target.brand, kind, at: target.meta.at, sourceType: target.meta.sourceType, sourceId: target.meta.sourceId, by: target.meta.by };
        const text = ledgerReasonText(f, w.road === 'restore' && kind === 'lifted-without-reason' ? 'restore' : 'confirm', fresh('Geprüft'), { timeZone: 'Europe/Berlin', label: labelOf(target.brand) });
        const setsAgain = w.road === 'restore' && !blocks.includes(target.brand);
        const line = product(meta.at, setsAgain ? [target.brand] : [], [], text);
        if (setsAgain) {
          nextBlocks = [...blocks, target.brand];
          said.push({ ms, free: false, brand: target.brand, kind: 'set', lineMs: Math.floor(ms / MINUTE) * MINUTE });
        }
        nextReason = joinLog(reason, line);
        references.push({ line, kind, brand: target.brand, at: target.meta.at });
        break;
      }
      case 'restore-log': {
        if (lost.length === 0) continue;
        restoredLines = [...lost];
        let text = reason;
        for (const l of restoredLines) text = joinLog(text, l);
        const lastShortening = shortenings[shortenings.length - 1];
        if (lastShortening) {
          const f: LedgerFinding = { contactId: CONTACT, brand: null, kind: 'log-shortened', at: lastShortening.meta.at, sourceType: lastShortening.meta.sourceType, sourceId: lastShortening.meta.sourceId, by: lastShortening.meta.by };
          const line = product(meta.at, [], [], ledgerReasonText(f, 'restore', fresh('Wiederhergestellt')));
          text = joinLog(text, line);
          references.push({ line, kind: 'log-shortened', brand: null, at: f.at });
        }
        lost.length = 0;
        nextReason = text;
        break;
      }
    }

    const blocksChanged = !sameSet(blocks, nextBlocks);
    const reasonChanged = nextReason !== reason;
    const writesBlocks = !['bulk-reason', 'confirm', 'restore', 'restore-log'].includes(w.road);
    if (blocksChanged || (s.recordUnchanged && writesBlocks)) {
      const entry = entryOf('blocks', serialize(nextBlocks, ms), meta);
      blockEntries.push(entry);
      for (const b of blocks) if (!nextBlocks.includes(b)) changes.push({ brand: b, kind: 'lift', meta, entry });
      for (const b of nextBlocks) if (!blocks.includes(b)) changes.push({ brand: b, kind: 'set', meta, entry });
    }
    if (reasonChanged) {
      const entry = entryOf('reason', nextReason, meta);
      reasonEntries.push(entry);
      {
        const oldLines = lines(reason);
        if (overwrite && oldLines.length > 0) {
          shortenings.push(entry);
          lost.push(...oldLines);
        }
        for (const e of said) explanations.push({ ...e, entry, fresh: [] });
        // Lines restore-log put back: known old text, fresh only where the ledger cannot see it was there.
        if (restoredLines.length) explanations.push(...restoredExplanations(restoredLines, entry, lineFacts));
      }
    }
    blocks = nextBlocks;
    reason = nextReason;
  }

  // --- What HubSpot shows: the newest `cap` entries per property ---
  const visibleBlocks = blockEntries.slice(-s.cap);
  const visibleReasons = reasonEntries.slice(-s.cap);
  const blockCut = Number.isFinite(s.cap) && blockEntries.length >= s.cap;
  const reasonCut = Number.isFinite(s.cap) && reasonEntries.length >= s.cap;
  const oldestBlock = visibleBlocks[0];
  const oldestReason = visibleReasons[0];

  const open: LedgerFinding[] = [];
  if (blockCut || reasonCut) {
    const cands = [blockCut ? oldestBlock : undefined, reasonCut ? oldestReason : undefined].filter((e): e is Entry => !!e).sort((a, b) => a.ms - b.ms);
    open.push(findingOf('history-incomplete', null, cands[0]!.meta));
  }
  const judgedReasonEntries = reasonCut ? visibleReasons.slice(1) : visibleReasons;
  const visibleSet = new Set<Entry>(judgedReasonEntries);
  for (const e of shortenings) if (visibleSet.has(e)) open.push(findingOf('log-shortened', null, e.meta));

  // Restored lines count as new text only when no earlier visible log value held them.
  const earlierValues = (entry: Entry) => visibleReasons.filter((r) => r.ms < entry.ms).map((r) => r.value ?? '');
  const counts = (e: Explanation & { entry: Entry; fresh: string[] }) => {
    if (!visibleSet.has(e.entry)) return false;
    if (e.fresh.length === 0) return true;
    return e.fresh.some((l) => !earlierValues(e.entry).some((v) => lines(v).includes(l)));
  };
  const firstJudgedBlock = blockCut ? visibleBlocks.slice(1) : visibleBlocks;
  const judgedBlockEntries = new Set<Entry>(firstJudgedBlock);
  const events: Played['events'] = [];
  for (const c of changes) {
    if (!judgedBlockEntries.has(c.entry)) continue;
    if (reasonCut && !(oldestReason && c.meta.ms > oldestReason.ms + WINDOW)) {
      events.push({ brand: c.brand, kind: c.kind, at: c.meta.at, explained: null });
      continue;
    }
    const ok = explanations.some(
      (e) => counts(e) && Math.abs(e.ms - c.meta.ms) <= WINDOW && (e.free || (e.brand === c.brand && e.kind === c.kind && Math.abs(e.lineMs - c.meta.ms) <= WINDOW + MINUTE)),
    );
    events.push({ brand: c.brand, kind: c.kind, at: c.meta.at, explained: ok });
    if (!ok) open.push(findingOf(c.kind === 'set' ? 'set-without-reason' : 'lifted-without-reason', c.brand, c.meta));
  }

  // --- Resolved: a reference line still visible in some log value ---
  const visibleText = visibleReasons.map((r) => r.value ?? '');
  const stillOpen: LedgerFinding[] = [];
  const resolved: LedgerFinding[] = [];
  for (const f of open) {
    const ref = references.find((r) => r.kind === f.kind && r.brand === f.brand && r.at === f.at && visibleText.some((v) => lines(v).includes(r.line)));
    (ref ? resolved : stillOpen).push(f);
  }

  const history = order([...visibleBlocks, ...visibleReasons], s.order).map(({ ms: _ms, meta: _meta, ...h }) => h);
  return { history, events, open: stillOpen, resolved, current: { blocks: serialize(blocks, ms), reason } };
}

/** Restored lines: free text explains (if the ledger cannot see it was there); product lines by what they said. */
function restoredExplanations(
  restored: string[],
  entry: Entry,
  facts: ReadonlyMap<string, { set: string[]; lift: string[]; lineMs: number }>,
): (Explanation & { entry: Entry; fresh: string[] })[] {
  const out: (Explanation & { entry: Entry; fresh: string[] })[] = [];
  for (const l of restored) {
    const f = facts.get(l);
    if (!f) {
      out.push({ ms: entry.ms, free: true, entry, fresh: [l] });
      continue;
    }
    for (const brand of f.set) out.push({ ms: entry.ms, free: false, brand, kind: 'set', lineMs: f.lineMs, entry, fresh: [l] });
    for (const brand of f.lift) out.push({ ms: entry.ms, free: false, brand, kind: 'lift', lineMs: f.lineMs, entry, fresh: [l] });
  }
  return out;
}

function findingOf(kind: LedgerFinding['kind'], brand: string | null, m: Meta): LedgerFinding {
  return { contactId: CONTACT, brand, kind, at: m.at, sourceType: m.sourceType, sourceId: m.sourceId, by: m.by };
}

function entryOf(property: 'blocks' | 'reason', value: string, meta: Meta): Entry {
  return {
    property,
    value,
    timestamp: meta.at,
    sourceType: meta.sourceType,
    ...(meta.sourceId !== null ? { sourceId: meta.sourceId } : {}),
    ...(meta.by !== null ? { updatedByUserId: Number(meta.by) } : {}),
    ms: meta.ms,
    meta,
  };
}

function metaOf(w: Write, ms: number): Meta {
  const at = new Date(ms).toISOString();
  const user = (id: number) => ({ sourceId: `userId:${id}`, by: String(id) });
  switch (w.road) {
    case 'panel':
    case 'restore':
    case 'confirm':
    case 'restore-log':
      return { at, ms, sourceType: 'INTEGRATION', sourceId: '4711', by: null };
    case 'sidebar':
      return { at, ms, sourceType: 'CRM_UI', ...user(101) };
    case 'mobile':
      return { at, ms, sourceType: 'MOBILE_IOS', ...user(102) };
    case 'import':
      return { at, ms, sourceType: 'IMPORT', sourceId: `import-${ms % 1000}`, by: '103' };
    case 'bulk-blocks':
    case 'bulk-reason':
      return { at, ms, sourceType: 'CRM_UI_BULK_ACTION', ...user(104) };
    case 'workflow':
      return { at, ms, sourceType: 'AUTOMATION_PLATFORM', sourceId: 'enrollmentId:77', by: null };
    case 'merge':
      return { at, ms, sourceType: 'MERGE_OBJECTS', ...user(105) };
    case 'integration-clear':
      return { at, ms, sourceType: 'INTEGRATION', sourceId: '999', by: null };
    case 'unknown':
      return { at, ms, sourceType: w.sourceType, sourceId: null, by: null };
  }
}

/** Stored value: any order of the options (the ledger compares sets). */
function serialize(v: readonly string[], salt: number): string {
  const sorted = [...v].sort();
  return salt % 2 ? sorted.reverse().join(';') : sorted.join(';');
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function order<T extends { ms: number }>(entries: T[], how: Scenario['order']): T[] {
  const sorted = [...entries].sort((a, b) => a.ms - b.ms);
  if (how === 'oldest-first') return sorted;
  if (how === 'newest-first') return sorted.reverse();
  // A deterministic shuffle from the seed (mulberry32).
  let a = how >>> 0;
  const rnd = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = sorted.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [sorted[i], sorted[j]] = [sorted[j]!, sorted[i]!];
  }
  return sorted;
}
