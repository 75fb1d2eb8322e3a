// The ledger: every change of a contact's blocks, whatever road made it, checked against the
// reason log (docs/ledger.md; docs/domain.md rule 10). HubSpot's property history records every
// write of the two properties (the panel, HubSpot's sidebar, imports, bulk edits, workflows,
// merges, integrations, the mobile apps): the ledger replays it and finds a block that was lifted
// or set without a reason, a write that shortened the log, and a history that does not reach back.
// Pure: works on the history as the gateway hands it over (HistoryEntry of both properties, any order).
import { parseBlockValue } from './blocks';
import { parseReasonLine } from './reasonLog';
import type { HistoryEntry } from './types';

/**
 * How far apart a block change and the log text explaining it may be written.
 *
 * The product writes both properties in ONE request (same history timestamp). HubSpot's own tools
 * often cannot: a bulk edit changes one property per dialog (the blocks, then the reason, a minute
 * later), and a person in the sidebar may save the brands and then the reason. The product's log
 * lines carry their time to the minute (floored), up to 59.999 s before the write. Two minutes
 * cover the rounding plus one quick second step by a person; a longer window would let an
 * unrelated later entry explain an import or workflow that left no reason.
 */
export const LEDGER_WINDOW_MS = 2 * 60_000;

/**
 * HubSpot does not document how many past values `propertiesWithHistory` returns per property.
 * A property whose history holds this many entries (or more) may have lost older ones: the ledger
 * then says the history is incomplete instead of guessing (*assumed*, docs/ledger.md).
 */
export const DEFAULT_HISTORY_LIMIT = 20;

export type LedgerFindingKind = 'lifted-without-reason' | 'set-without-reason' | 'log-shortened' | 'history-incomplete';

/** One open finding, exactly the JSON of the ledger findings of the command line and options page. */
export interface LedgerFinding {
  contactId: string;
  /** Option value; null for `log-shortened` and `history-incomplete`. */
  brand: string | null;
  kind: LedgerFindingKind;
  /** ISO time (UTC, milliseconds) of the write. */
  at: string;
  /** HubSpot's sourceType of the write ('' when HubSpot gave none). */
  sourceType: string;
  sourceId: string | null;
  /** HubSpot user id of the write (updatedByUserId), when a user made it. */
  by: string | null;
}

/** The road a write came by, from its sourceType. Unknown sourceTypes are `other` (never "ours"). */
export type LedgerRoad = 'ui' | 'bulk-edit' | 'import' | 'workflow' | 'integration' | 'api' | 'merge' | 'mobile' | 'other';

const ROADS: Record<string, LedgerRoad> = {
  CRM_UI: 'ui',
  CRM_UI_BULK_ACTION: 'bulk-edit',
  IMPORT: 'import',
  WORKFLOWS: 'workflow',
  WORKFLOW: 'workflow',
  AUTOMATION_PLATFORM: 'workflow',
  INTEGRATION: 'integration',
  INTEGRATIONS_PLATFORM: 'integration',
  INTEGRATIONS_SYNC: 'integration',
  EXTENSION: 'integration',
  API: 'api',
  BATCH_UPDATE: 'api',
  MERGE_OBJECTS: 'merge',
  MERGE_CONTACTS: 'merge',
  MOBILE_IOS: 'mobile',
  MOBILE_ANDROID: 'mobile',
};

export function roadOf(sourceType: string): LedgerRoad {
  return Object.prototype.hasOwnProperty.call(ROADS, sourceType) ? ROADS[sourceType]! : 'other';
}

/** One write as the history records it. */
export interface LedgerWrite {
  /** ISO time (UTC, milliseconds). */
  at: string;
  sourceType: string;
  sourceId: string | null;
  by: string | null;
  road: LedgerRoad;
}

/** One brand blocked (`set`) or lifted (`lift`) by one write. */
export interface BlockEvent {
  brand: string;
  kind: 'set' | 'lift';
  write: LedgerWrite;
  /** true: the log explains it; false: it does not; null: cannot tell (the log's history does not reach back far enough). */
  explained: boolean | null;
}

/** A brand of the catalog: log lines name brands by label (values of unknown brands by value).
 *  A value may appear more than once: with a former label, lines written before a rename still match. */
export interface LedgerBrand {
  value: string;
  label: string;
}

export interface LedgerInput {
  contactId: string;
  /** Both properties' history entries, in any order. */
  history: readonly HistoryEntry[];
  /** The block property's options (value and label), to read brand labels in log lines. */
  brands?: readonly LedgerBrand[];
  /** Current values, when known: a value without any history means the history is incomplete. */
  current?: { blocks?: string | null; reason?: string | null };
  /** Entries per property from which on the history may be cut (default DEFAULT_HISTORY_LIMIT). */
  historyLimit?: number;
}

/** Whether one history entry is unexplained (the panel marks it `data-unexplained="true"`). */
export interface LedgerEntryMark {
  property: HistoryEntry['property'];
  /** The entry's timestamp exactly as given. */
  timestamp: string;
  unexplained: boolean;
  /** Kinds of the open findings of this entry. */
  kinds: LedgerFindingKind[];
}

export interface LedgerReport {
  contactId: string;
  /** Open findings, oldest first. */
  findings: LedgerFinding[];
  /** Findings a later log entry resolved, oldest first. */
  resolved: LedgerFinding[];
  /** Every brand's blocks as set/lift events, oldest first. */
  events: BlockEvent[];
  /** One per history entry, in the order given. */
  marks: LedgerEntryMark[];
  /** false when the history does not reach back to the first block (a `history-incomplete` finding, open or confirmed). */
  complete: boolean;
  /** Per write that shortened the log (open or resolved): the log just before it and the lines it
   *  dropped, so "Wiederherstellen" can append them again (`restoreLines(current, before)`). */
  shortenings: { at: string; before: string; lost: string[] }[];
}

const LINE_BREAK = /\r\n|\r|\n/;
const MINUTE = 60_000;
const EPOCH = '1970-01-01T00:00:00.000Z';

interface Entry {
  property: HistoryEntry['property'];
  value: string;
  ms: number;
  write: LedgerWrite;
  index: number;
}

/** Non-blank lines, trimmed (whitespace-only differences are no change of the log). */
function linesOf(text: string): string[] {
  return text
    .split(LINE_BREAK)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** Lines of `a` not matched by a line of `b`, counted with multiplicity. */
function missingLines(a: readonly string[], b: readonly string[]): string[] {
  const have = new Map<string, number>();
  for (const l of b) have.set(l, (have.get(l) ?? 0) + 1);
  const out: string[] = [];
  for (const l of a) {
    const n = have.get(l) ?? 0;
    if (n > 0) have.set(l, n - 1);
    else out.push(l);
  }
  return out;
}

function isoOf(ms: number): string {
  return new Date(ms).toISOString();
}

function writeOf(h: HistoryEntry, ms: number): LedgerWrite {
  return {
    at: isoOf(ms),
    sourceType: h.sourceType ?? '',
    sourceId: h.sourceId ?? null,
    by: h.updatedByUserId !== undefined && h.updatedByUserId !== null ? String(h.updatedByUserId) : null,
    road: roadOf(h.sourceType ?? ''),
  };
}

/** A log addition: what one reason write added that the log never held before. */
interface Addition {
  ms: number;
  /** Product-format lines: brands (labels as written) per direction, and the line's own time. */
  lines: { added: string[]; removed: string[]; atMs: number }[];
  /** At least one new line not in the product's format. */
  freeText: boolean;
}

function finding(contactId: string, kind: LedgerFindingKind, brand: string | null, w: LedgerWrite): LedgerFinding {
  return { contactId, brand, kind, at: w.at, sourceType: w.sourceType, sourceId: w.sourceId, by: w.by };
}

/**
 * Replays the history of both properties (docs/ledger.md has the rules): every brand's set and lift
 * events with the write that made them, whether the log explains each, and the open findings.
 */
export function readLedger(input: LedgerInput): LedgerReport {
  const limit = input.historyLimit ?? DEFAULT_HISTORY_LIMIT;
  let unplaceable = false;
  const entries: Entry[] = [];
  input.history.forEach((h, index) => {
    const ms = Date.parse(h.timestamp);
    if (Number.isNaN(ms)) {
      unplaceable = true;
      return;
    }
    entries.push({ property: h.property, value: h.value ?? '', ms, write: writeOf(h, ms), index });
  });
  // Oldest first; equal times keep HubSpot's order reversed (it sends newest first, *assumed*).
  entries.sort((a, b) => a.ms - b.ms || b.index - a.index);
  const blocks = entries.filter((e) => e.property === 'blocks');
  const reasons = entries.filter((e) => e.property === 'reason');

  // --- Does the history reach back? ---
  const allLines = new Set<string>();
  for (const r of reasons) for (const l of linesOf(r.value)) allLines.add(l);
  const currentReason = input.current?.reason ?? '';
  for (const l of linesOf(currentReason)) allLines.add(l);
  const productLines = [...allLines].flatMap((l) => {
    const p = parseReasonLine(l);
    return p ? [{ line: l, entry: p, atMs: Date.parse(p.at) }] : [];
  });
  const oldestBlock = blocks[0];
  const oldestReason = reasons[0];
  let blockCut = blocks.length >= limit || unplaceable;
  let reasonCut = reasons.length >= limit || unplaceable;
  if (!oldestBlock && parseBlockValue(input.current?.blocks).length > 0) blockCut = true;
  if (!oldestReason && linesOf(currentReason).length > 0) reasonCut = true;
  // The log tells of block changes before the oldest block entry: the block history was cut.
  for (const p of productLines) {
    if (p.entry.added.length + p.entry.removed.length === 0) continue;
    if (!oldestBlock || p.atMs < oldestBlock.ms - LEDGER_WINDOW_MS) blockCut = true;
  }
  // The oldest visible log already holds entries written well before it: the log's history was cut.
  if (oldestReason) {
    for (const l of linesOf(oldestReason.value)) {
      const p = parseReasonLine(l);
      if (p && Date.parse(p.at) < oldestReason.ms - LEDGER_WINDOW_MS) reasonCut = true;
    }
  }

  // --- The log, write by write ---
  const additions: Addition[] = [];
  const shortened = new Set<Entry>();
  const shortenings: LedgerReport['shortenings'] = [];
  {
    const start = reasonCut ? 1 : 0;
    let prev = reasonCut && oldestReason ? linesOf(oldestReason.value) : [];
    let prevText = reasonCut && oldestReason ? oldestReason.value : '';
    const seen = new Set(prev);
    for (let i = start; i < reasons.length; i++) {
      const r = reasons[i]!;
      const next = linesOf(r.value);
      const lost = missingLines(prev, next);
      if (lost.length > 0) {
        shortened.add(r);
        shortenings.push({ at: r.write.at, before: prevText, lost });
      }
      prevText = r.value;
      const fresh = missingLines(next, prev).filter((l) => !seen.has(l));
      const lines: Addition['lines'] = [];
      let freeText = false;
      for (const l of fresh) {
        const p = parseReasonLine(l);
        if (p) lines.push({ added: p.added, removed: p.removed, atMs: Date.parse(p.at) });
        else freeText = true;
      }
      if (lines.length || freeText) additions.push({ ms: r.ms, lines, freeText });
      for (const l of next) seen.add(l);
      prev = next;
    }
  }

  // --- The blocks, write by write ---
  const names = new Map<string, Set<string>>();
  for (const b of input.brands ?? []) names.set(b.value, new Set([...(names.get(b.value) ?? []), b.value, b.label]));
  // Values on the contact that are no option: the product's log names them by their value.
  for (const b of blocks) for (const v of parseBlockValue(b.value)) if (!names.has(v)) names.set(v, new Set([v]));
  const namesOf = (brand: string) => names.get(brand) ?? new Set([brand]);
  /** Brands a label in a log line stands for (its option's value, or the value itself). */
  const brandsNamed = (label: string): string[] => [...names].filter(([, n]) => n.has(label)).map(([v]) => v);
  const replay = (cut: boolean): { entry: Entry; brand: string; kind: 'set' | 'lift' }[] => {
    const out: { entry: Entry; brand: string; kind: 'set' | 'lift' }[] = [];
    let prev = new Set(cut && oldestBlock ? parseBlockValue(oldestBlock.value) : []);
    for (let i = cut ? 1 : 0; i < blocks.length; i++) {
      const b = blocks[i]!;
      const next = new Set(parseBlockValue(b.value));
      for (const brand of prev) if (!next.has(brand)) out.push({ entry: b, brand, kind: 'lift' });
      for (const brand of next) if (!prev.has(brand)) out.push({ entry: b, brand, kind: 'set' });
      prev = next;
    }
    return out;
  };
  let changes = replay(blockCut);
  if (!blockCut) {
    // A product log line names a change the block history does not show: the history was cut.
    const shows = (brand: string, kind: 'set' | 'lift', lineMs: number) =>
      changes.some((c) => c.brand === brand && c.kind === kind && c.entry.ms >= lineMs - LEDGER_WINDOW_MS && c.entry.ms <= lineMs + MINUTE + LEDGER_WINDOW_MS);
    const missing = productLines.some(
      (p) =>
        p.entry.added.some((label) => brandsNamed(label).some((b) => !shows(b, 'set', p.atMs))) ||
        p.entry.removed.some((label) => brandsNamed(label).some((b) => !shows(b, 'lift', p.atMs))),
    );
    if (missing) {
      blockCut = true;
      changes = replay(true);
    }
  }

  const open: LedgerFinding[] = [];
  const incompleteAt = (() => {
    const candidates = [blockCut ? (oldestBlock ?? oldestReason) : undefined, reasonCut ? (oldestReason ?? oldestBlock) : undefined].filter(
      (e): e is Entry => e !== undefined,
    );
    candidates.sort((a, b) => a.ms - b.ms);
    return candidates[0];
  })();
  if (blockCut || reasonCut) {
    const w = incompleteAt?.write ?? { at: EPOCH, sourceType: '', sourceId: null, by: null, road: 'other' as const };
    open.push(finding(input.contactId, 'history-incomplete', null, w));
  }

  // The save path's race repair: its write replaced one that landed meanwhile (dropping that one's
  // lines), and its next write, by the same source within the window, put every dropped line back.
  // That lost nothing. Any other shortening stays a finding until a log entry resolves it.
  const repaired = (r: Entry): boolean => {
    const i = reasons.indexOf(r);
    const next = reasons[i + 1];
    if (!next || next.ms - r.ms > LEDGER_WINDOW_MS) return false;
    if (next.write.sourceType !== r.write.sourceType || next.write.sourceId !== r.write.sourceId) return false;
    const lost = missingLines(linesOf(reasons[i - 1]?.value ?? ''), linesOf(r.value));
    return missingLines(lost, linesOf(next.value)).length === 0;
  };
  for (const r of shortened) if (!repaired(r)) open.push(finding(input.contactId, 'log-shortened', null, r.write));

  const explains = (brand: string, kind: 'set' | 'lift', ms: number): boolean => {
    const known = namesOf(brand);
    return additions.some((a) => {
      if (Math.abs(a.ms - ms) > LEDGER_WINDOW_MS) return false;
      if (a.freeText) return true;
      return a.lines.some(
        (l) => Math.abs(l.atMs - ms) <= LEDGER_WINDOW_MS + MINUTE && (kind === 'set' ? l.added : l.removed).some((label) => known.has(label)),
      );
    });
  };
  const events: BlockEvent[] = [];
  for (const c of changes) {
    // Explanations may lie before the oldest visible log entry: then the ledger cannot tell.
    const judged = !reasonCut || (oldestReason !== undefined && c.entry.ms > oldestReason.ms + LEDGER_WINDOW_MS);
    const explained = judged ? explains(c.brand, c.kind, c.entry.ms) : null;
    events.push({ brand: c.brand, kind: c.kind, write: c.entry.write, explained });
    if (explained === false) open.push(finding(input.contactId, c.kind === 'set' ? 'set-without-reason' : 'lifted-without-reason', c.brand, c.entry.write));
  }

  // --- Resolution by later log entries naming the write ---
  const refs = productLines.flatMap((p) => {
    const ref = parseLedgerReference(p.entry.reason);
    return ref ? [ref] : [];
  });
  const findings: LedgerFinding[] = [];
  const resolved: LedgerFinding[] = [];
  for (const f of open) (refs.some((r) => resolvesFinding(r, f)) ? resolved : findings).push(f);
  const byTime = (a: LedgerFinding, b: LedgerFinding) => Date.parse(a.at) - Date.parse(b.at);
  findings.sort(byTime);
  resolved.sort(byTime);

  // A block entry carries its write's open lifted/set findings, a log entry its log-shortened one.
  const marks: LedgerEntryMark[] = input.history.map((h) => {
    const ms = Date.parse(h.timestamp);
    const at = Number.isNaN(ms) ? '' : isoOf(ms);
    const kinds = findings
      .filter((f) => f.at === at && f.kind !== 'history-incomplete' && (h.property === 'reason') === (f.kind === 'log-shortened'))
      .map((f) => f.kind);
    return { property: h.property, timestamp: h.timestamp, unexplained: kinds.length > 0, kinds: [...new Set(kinds)] };
  });

  return { contactId: input.contactId, findings, resolved, events, marks, complete: !(blockCut || reasonCut), shortenings };
}

/** One history entry as HubSpot's API returns it in `propertiesWithHistory`. */
export interface RawHistoryEntry {
  value?: string | null;
  timestamp: string;
  sourceType?: string;
  sourceId?: string;
  updatedByUserId?: number;
}

/** A contact as HubSpot's API returns it with `propertiesWithHistory` (GET or batch read). */
export interface ContactWithHistory {
  id: string;
  properties: Record<string, string | null | undefined>;
  propertiesWithHistory?: Record<string, readonly RawHistoryEntry[] | undefined>;
}

/** One property's history as the domain holds it (the contact view and the ledger). */
export function historyEntriesOf(property: HistoryEntry['property'], items: readonly RawHistoryEntry[] | undefined): HistoryEntry[] {
  return (items ?? []).map((h) => ({
    property,
    value: h.value ?? null,
    timestamp: h.timestamp,
    sourceType: h.sourceType ?? '',
    ...(h.sourceId ? { sourceId: h.sourceId } : {}),
    ...(h.updatedByUserId !== undefined ? { updatedByUserId: h.updatedByUserId } : {}),
  }));
}

/** The ledger's input from a contact read with both properties' history. */
export function ledgerInputOf(
  contact: ContactWithHistory,
  properties: { blockProperty: string; reasonProperty: string },
  brands?: readonly LedgerBrand[],
  historyLimit?: number,
): LedgerInput {
  const history = contact.propertiesWithHistory;
  return {
    contactId: contact.id,
    history: [...historyEntriesOf('blocks', history?.[properties.blockProperty]), ...historyEntriesOf('reason', history?.[properties.reasonProperty])],
    ...(brands ? { brands } : {}),
    current: { blocks: contact.properties[properties.blockProperty] ?? null, reason: contact.properties[properties.reasonProperty] ?? null },
    ...(historyLimit !== undefined ? { historyLimit } : {}),
  };
}

/** The open findings of one contact (readLedger's `findings`). */
export function ledgerFindings(input: LedgerInput): LedgerFinding[] {
  return readLedger(input).findings;
}

/** Whether a history entry (as in the contact view) carries an open finding. */
export function isUnexplained(report: LedgerReport, entry: Pick<HistoryEntry, 'property' | 'timestamp'>): boolean {
  return report.marks.some((m) => m.unexplained && m.property === entry.property && m.timestamp === entry.timestamp);
}

/** A stable key of a finding (React keys, de-duplication). */
export function findingKey(f: Pick<LedgerFinding, 'contactId' | 'kind' | 'brand' | 'at'>): string {
  return `${f.contactId}|${f.kind}|${f.brand ?? ''}|${f.at}`;
}

// ---------------------------------------------------------------------------------------------
// The log entry that resolves a finding

/** What a resolving log entry names: the finding's kind, brand and the write's time. */
export interface LedgerReference {
  kind: LedgerFindingKind;
  brand: string | null;
  /** ISO time (UTC, milliseconds) of the write. */
  at: string;
}

/** "Wiederherstellen" (set the lifted block again, restore the log's lines) or "bestätigen". */
export type LedgerAction = 'restore' | 'confirm';

const KINDS: readonly LedgerFindingKind[] = ['lifted-without-reason', 'set-without-reason', 'log-shortened', 'history-incomplete'];
const REFERENCE = /\[Bezug (lifted-without-reason|set-without-reason|log-shortened|history-incomplete) (\S+) (\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\]/;

/** The machine-readable part: `[Bezug <kind> <brand, URI-encoded, or -> <ISO time>]`. */
export function formatLedgerReference(ref: LedgerReference): string {
  const at = isoOf(Date.parse(ref.at));
  // "-" stands for no brand: a brand whose value is "-" is written escaped.
  const brand = ref.brand === null ? '-' : ref.brand === '-' ? '%2D' : encodeURIComponent(ref.brand);
  return `[Bezug ${ref.kind} ${brand} ${at}]`;
}

/** The first reference in a reason text (as parseReasonLine gives it back), or null. */
export function parseLedgerReference(reason: string): LedgerReference | null {
  const m = REFERENCE.exec(reason);
  if (!m) return null;
  const [, kind, brand, at] = m;
  if (!KINDS.includes(kind as LedgerFindingKind) || Number.isNaN(Date.parse(at!))) return null;
  let decoded: string | null = null;
  if (brand !== '-') {
    try {
      decoded = decodeURIComponent(brand!);
    } catch {
      return null;
    }
  }
  return { kind: kind as LedgerFindingKind, brand: decoded, at: at! };
}

/**
 * Whether a reference resolves a finding: same kind, brand and write time. A confirmed incomplete
 * history stays confirmed while older entries drop out of it (the reference's time is at or before
 * the finding's): what dropped out was in view when it was confirmed.
 */
export function resolvesFinding(ref: LedgerReference, f: LedgerFinding): boolean {
  if (ref.kind !== f.kind || ref.brand !== f.brand) return false;
  if (f.kind === 'history-incomplete') return Date.parse(ref.at) <= Date.parse(f.at);
  return Date.parse(ref.at) === Date.parse(f.at);
}

const ROAD_WORDS: Record<LedgerRoad, string> = {
  ui: 'Bearbeitung in HubSpot',
  'bulk-edit': 'Massenbearbeitung',
  import: 'Import',
  workflow: 'Workflow',
  integration: 'Integration',
  api: 'API',
  merge: 'Zusammenführung',
  mobile: 'Mobile App',
  other: '',
};

export interface LedgerTextOptions {
  /** IANA time zone of the German date in the text (default: the runtime's zone). */
  timeZone?: string;
  /** The brand's label for the German text (default: its value). */
  label?: string;
}

/**
 * The reason text of the log entry that resolves a finding, e.g.
 * `Wiederhergestellt nach Aufhebung von Marke B durch Import am 03.12.2026 10:00 [Bezug lifted-without-reason marke_b 2026-12-03T09:00:00.000Z]: Kundin hat nicht widerrufen`.
 * Goes into a ReasonEntry's `reason` (formatReasonEntry folds and escapes it; parseReasonLine gives
 * it back unchanged, so the ledger finds the reference on later reads).
 * @throws RangeError for an action the finding has not: `restore` of `set-without-reason` or `history-incomplete`.
 */
export function ledgerReasonText(f: LedgerFinding, action: LedgerAction, reason: string, opts: LedgerTextOptions = {}): string {
  const road = ROAD_WORDS[roadOf(f.sourceType)] || f.sourceType || 'unbekannte Quelle';
  const source = f.sourceId ? ` (${f.sourceId})` : '';
  const when = germanTime(f.at, opts.timeZone);
  const brand = opts.label ?? f.brand ?? '';
  const ref = formatLedgerReference({ kind: f.kind, brand: f.brand, at: f.at });
  let text: string;
  switch (f.kind) {
    case 'lifted-without-reason':
      text =
        action === 'restore'
          ? `Wiederhergestellt nach Aufhebung von ${brand} durch ${road}${source} am ${when}`
          : `Aufhebung von ${brand} durch ${road}${source} am ${when} bestätigt`;
      break;
    case 'set-without-reason':
      if (action === 'restore') throw new RangeError('A block set without a reason is confirmed, not restored');
      text = `Sperre von ${brand} durch ${road}${source} am ${when} bestätigt`;
      break;
    case 'log-shortened':
      text =
        action === 'restore'
          ? `Protokoll wiederhergestellt nach Kürzung durch ${road}${source} am ${when}`
          : `Kürzung des Protokolls durch ${road}${source} am ${when} bestätigt`;
      break;
    case 'history-incomplete':
      if (action === 'restore') throw new RangeError('An incomplete history is confirmed, not restored');
      text = `Unvollständiger Verlauf (ältester Eintrag am ${when}) geprüft`;
      break;
  }
  return `${text} ${ref}: ${reason}`;
}

function germanTime(at: string, timeZone: string | undefined): string {
  const parts: Record<string, string> = {};
  const format = new Intl.DateTimeFormat('de-DE', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  for (const p of format.formatToParts(new Date(at))) parts[p.type] = p.value;
  return `${parts.day}.${parts.month}.${parts.year} ${parts.hour}:${parts.minute}`;
}
