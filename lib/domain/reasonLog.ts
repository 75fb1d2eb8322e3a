// The reason property ("Grund Post Sperre") as an append-only log (docs/domain.md rules 2 and 3).
//
// One entry per line:
//   [2026-11-29 10:15 +01:00] Gesperrt: Marke A, Kunstmeile Süd; Aufgehoben: Marke C; Grund: Kunde widerspricht per Brief (MK)
// - The time is the wall-clock minute in the chosen time zone with its UTC offset, so the line
//   names one instant whatever zone the reader is in (and across DST changes).
// - "Gesperrt: …; " only when brands were blocked, "Aufgehoben: …; " only when blocks were lifted;
//   "Grund: " always; " (by)" only when the author is known.
// - Everything is folded to one line: line breaks inside a field become " / ", each line trimmed,
//   blank lines dropped.
// - Escapes (backslash), so that any label, reason and name parse back:
//     labels: \\ \, \;      reason: \\ and, only without an author, a final \)      author: \\ \( \)
//   A line that does not have this exact shape is kept as free text (`other`).
import type { ReasonEntry } from './types';

/** HubSpot string properties hold at most this many characters. */
export const REASON_MAX_LENGTH = 65536;

/** Longest reason accepted for one change (the whole log must stay far below REASON_MAX_LENGTH). */
export const REASON_INPUT_MAX_LENGTH = 2000;

export type ReasonValidation = { ok: true; reason: string } | { ok: false; error: 'empty' | 'too-long' };

/**
 * Checks the reason typed for one change. Returns it trimmed. Refuses a reason with nothing
 * visible in it (whitespace, invisible format characters such as zero-width spaces, control
 * characters) and one longer than REASON_INPUT_MAX_LENGTH characters after trimming.
 */
export function validateReason(reason: string): ReasonValidation {
  const trimmed = reason.trim();
  if (INVISIBLE_ONLY.test(trimmed)) return { ok: false, error: 'empty' };
  if (trimmed.length > REASON_INPUT_MAX_LENGTH) return { ok: false, error: 'too-long' };
  return { ok: true, reason: trimmed };
}
const INVISIBLE_ONLY = /^[\s\p{Z}\p{Cc}\p{Cf}]*$/u;

export interface ReasonFormatOptions {
  /** IANA time zone of the written time, e.g. "Europe/Berlin". Default: the runtime's zone. */
  timeZone?: string;
}

/** Line breaks that fold removes; parseReasonLog splits lines on a subset of them. */
const LINE_BREAK = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/;
const LOG_LINE_BREAK = /\r\n|\r|\n/;

/** Control characters other than tab and line breaks, and the bidi marks, embeddings, overrides
 *  and isolates that could make a log line read differently from what it holds. */
// eslint-disable-next-line no-control-regex -- these control characters are what it removes
const HIDDEN_CONTROLS = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** One line from any text: hidden controls removed, each line trimmed, blank lines dropped, the
 *  rest joined with " / ". */
export function foldToLine(text: string): string {
  return text
    .replace(HIDDEN_CONTROLS, '')
    .split(LINE_BREAK)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' / ');
}

/**
 * One readable German line for the log (format in the header of this file).
 * @throws RangeError when `entry.at` is no valid date or outside the years 0000–9999, or for an unknown time zone.
 */
export function formatReasonEntry(e: ReasonEntry, opts: ReasonFormatOptions = {}): string {
  const parts: string[] = [];
  if (e.added.length > 0) parts.push(`Gesperrt: ${e.added.map(escapeLabel).join(', ')}`);
  if (e.removed.length > 0) parts.push(`Aufgehoben: ${e.removed.map(escapeLabel).join(', ')}`);
  const by = foldToLine(e.by);
  let reason = foldToLine(e.reason).replace(/\\/g, '\\\\');
  // Without an author, a reason ending in ")" would read as one: escape that last ")".
  if (by === '' && reason.endsWith(')')) reason = `${reason.slice(0, -1)}\\)`;
  parts.push(`Grund: ${reason}`);
  const author = by === '' ? '' : ` (${by.replace(/[\\()]/g, (c) => `\\${c}`)})`;
  return `[${formatStamp(e.at, opts.timeZone)}] ${parts.join('; ')}${author}`;
}

/**
 * The log with one more entry. `existing` is always an exact prefix of the result (never trimmed
 * or normalised); a newline separates them only when `existing` is non-empty and does not
 * already end with a line break.
 */
export function appendReasonEntry(
  existing: string | null | undefined,
  entry: ReasonEntry,
  opts: ReasonFormatOptions = {},
): string {
  const before = existing ?? '';
  const separator = before === '' || before.endsWith('\n') || before.endsWith('\r') ? '' : '\n';
  return before + separator + formatReasonEntry(entry, opts);
}

/** Whether appending the entry would exceed what HubSpot stores (counted in UTF-16 units, the stricter reading). */
export function wouldOverflow(
  existing: string | null | undefined,
  entry: ReasonEntry,
  opts: ReasonFormatOptions = {},
): boolean {
  return appendReasonEntry(existing, entry, opts).length > REASON_MAX_LENGTH;
}

/**
 * The entries written by formatReasonEntry, in text order, and every other non-blank line
 * (hand-written reasons from before the extension), unchanged.
 */
export function parseReasonLog(text: string): { entries: ReasonEntry[]; other: string[] } {
  const entries: ReasonEntry[] = [];
  const other: string[] = [];
  for (const line of text.split(LOG_LINE_BREAK)) {
    const entry = parseReasonLine(line);
    if (entry) entries.push(entry);
    else if (line.trim() !== '') other.push(line);
  }
  return { entries, other };
}

const ESCAPED_LIST = String.raw`(?:[^\\;]|\\.)*`;
const LINE = new RegExp(
  String.raw`^\[(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}) ([+-])(\d{2}):(\d{2})\] ` +
    `(?:Gesperrt: (${ESCAPED_LIST}); )?` +
    `(?:Aufgehoben: (${ESCAPED_LIST}); )?` +
    String.raw`Grund: ((?:[^\\]|\\.)*?)(?: \(((?:[^\\()]|\\.)*)\))?$`,
  's',
);

/** One line written by formatReasonEntry, or null. `at` comes back as UTC ISO, to the minute. */
export function parseReasonLine(line: string): ReasonEntry | null {
  const m = LINE.exec(line);
  if (!m) return null;
  const [, y, mo, d, h, mi, sign, oh, om, added, removed, reason = '', by] = m;
  const at = parseStamp(y, mo, d, h, mi, sign, oh, om);
  if (at === null) return null;
  // Without an author the reason must not end in an unescaped ")" (the writer escapes it).
  if (by === undefined && endsWithUnescaped(reason, ')')) return null;
  return {
    at,
    added: added === undefined ? [] : splitLabels(added),
    removed: removed === undefined ? [] : splitLabels(removed),
    reason: unescape(reason),
    by: by === undefined ? '' : unescape(by),
  };
}

function escapeLabel(label: string): string {
  return foldToLine(label).replace(/[\\,;]/g, (c) => `\\${c}`);
}

function unescape(s: string): string {
  return s.replace(/\\(.)/gs, '$1');
}

function splitLabels(list: string): string[] {
  const labels: string[] = [];
  let current = '';
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === '\\' && i + 1 < list.length) {
      current += list[++i];
    } else if (c === ',') {
      labels.push(current);
      current = '';
      if (list[i + 1] === ' ') i++;
    } else {
      current += c;
    }
  }
  labels.push(current);
  return labels;
}

function endsWithUnescaped(s: string, char: string): boolean {
  if (!s.endsWith(char)) return false;
  let backslashes = 0;
  for (let i = s.length - 2; i >= 0 && s[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 0;
}

const MINUTE = 60_000;

function formatStamp(at: string, timeZone: string | undefined): string {
  const instant = Date.parse(at);
  if (Number.isNaN(instant)) throw new RangeError(`Invalid date in reason entry: ${JSON.stringify(at)}`);
  const minute = Math.floor(instant / MINUTE) * MINUTE;
  const offsetMinutes = zoneOffsetMinutes(minute, timeZone);
  // Wall time derived from the (minute-rounded) offset, so the line always parses back to `minute`.
  const wall = new Date(minute + offsetMinutes * MINUTE);
  const year = wall.getUTCFullYear();
  if (year < 0 || year > 9999) throw new RangeError(`Date out of range in reason entry: ${at}`);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return (
    `${pad(year, 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())} ` +
    `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())} ${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

function parseStamp(...fields: (string | undefined)[]): string | null {
  const [y, mo, d, h, mi, sign, oh, om] = fields;
  if (y === undefined || mo === undefined || d === undefined || h === undefined || mi === undefined) return null;
  if (oh === undefined || om === undefined) return null;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const offset = (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || Number(oh) > 23 || Number(om) > 59) return null;
  const wall = new Date(0);
  wall.setUTCFullYear(year, month - 1, day);
  wall.setUTCHours(hour, minute, 0, 0);
  if (wall.getUTCDate() !== day) return null; // e.g. 2026-02-30
  return new Date(wall.getTime() - offset * MINUTE).toISOString();
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** UTC offset of the zone at the instant, in whole minutes. */
function zoneOffsetMinutes(instant: number, timeZone: string | undefined): number {
  const key = timeZone ?? '';
  let format = offsetFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    offsetFormats.set(key, format);
  }
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(instant)) parts[part.type] = part.value;
  let year = Number(parts.year);
  if (parts.era === 'BC' || parts.era === 'B') year = 1 - year;
  const wall = new Date(0);
  wall.setUTCFullYear(year, Number(parts.month) - 1, Number(parts.day));
  wall.setUTCHours(Number(parts.hour), Number(parts.minute), Number(parts.second), 0);
  const secondsFloor = Math.floor(instant / 1000) * 1000;
  return Math.round((wall.getTime() - secondsFloor) / MINUTE);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/**
 * `current` with every line of `other` that it lacks appended, in `other`'s order: a log that lost
 * lines to a concurrent write gets them back, each line once (a line `current` already holds n
 * times is added only where `other` holds it more often). `current` stays an exact prefix.
 */
export function restoreLines(current: string, other: string): string {
  const have = new Map<string, number>();
  for (const line of current.split(LOG_LINE_BREAK)) if (line.trim() !== '') have.set(line, (have.get(line) ?? 0) + 1);
  let out = current;
  for (const line of other.split(LOG_LINE_BREAK)) {
    if (line.trim() === '') continue;
    const n = have.get(line) ?? 0;
    if (n > 0) {
      have.set(line, n - 1);
      continue;
    }
    out = out === '' || out.endsWith('\n') || out.endsWith('\r') ? out + line : `${out}\n${line}`;
  }
  return out;
}

/** Whether the log holds this exact line. */
export function hasLine(text: string, line: string): boolean {
  return text.split(LOG_LINE_BREAK).includes(line);
}
