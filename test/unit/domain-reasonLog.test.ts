import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  appendReasonEntry,
  foldToLine,
  formatReasonEntry,
  parseReasonLine,
  parseReasonLog,
  REASON_INPUT_MAX_LENGTH,
  REASON_MAX_LENGTH,
  validateReason,
  wouldOverflow,
} from '../../lib/domain/reasonLog';
import type { ReasonEntry } from '../../lib/domain/types';

const BERLIN = { timeZone: 'Europe/Berlin' };

const example: ReasonEntry = {
  at: '2026-11-29T09:15:42.123Z',
  added: ['Marke A', 'Kunstmeile Süd'],
  removed: ['Marke C'],
  reason: 'Kunde widerspricht per Brief',
  by: 'MK',
};

describe('validateReason', () => {
  it.each(['', ' ', '   \t  ', '\n\r\n', '\u00a0\u2003', '\u200b', '\u200b \ufeff', '\u2028'])(
    'refuses the blank reason %j',
    (reason) => {
      expect(validateReason(reason)).toEqual({ ok: false, error: 'empty' });
    },
  );

  it('returns the reason trimmed', () => {
    expect(validateReason('  Kunde widerspricht per Brief \n')).toEqual({ ok: true, reason: 'Kunde widerspricht per Brief' });
    expect(validateReason('Zeile 1\nZeile 2')).toEqual({ ok: true, reason: 'Zeile 1\nZeile 2' });
    expect(validateReason('x')).toEqual({ ok: true, reason: 'x' });
  });

  it(`accepts ${REASON_INPUT_MAX_LENGTH} characters and refuses one more (surrounding blanks not counted)`, () => {
    const max = 'a'.repeat(REASON_INPUT_MAX_LENGTH);
    expect(validateReason(`  ${max}  `)).toEqual({ ok: true, reason: max });
    expect(validateReason(`${max}b`)).toEqual({ ok: false, error: 'too-long' });
  });

  it('property: accepts exactly the reasons with something visible in them', () => {
    const blank = fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0', '\u200b', '\u3000', '\ufeff') });
    fc.assert(
      fc.property(blank, fc.string({ minLength: 1, maxLength: 50 }), blank, (before, text, after) => {
        const result = validateReason(before + text + after);
        if (/[\p{L}\p{N}\p{P}\p{S}]/u.test(text)) {
          expect(result).toEqual({ ok: true, reason: (before + text + after).trim() });
        }
        expect(validateReason(before + after)).toEqual({ ok: false, error: 'empty' });
      }),
    );
  });
});

describe('formatReasonEntry', () => {
  it('drops bidi overrides, isolates and other hidden controls from reason and author, keeping the text', () => {
    const line = formatReasonEntry({ ...example, reason: 'Kunde \u202ewiderspricht\u202c\u0007 per \u2066Brief\u2069', by: 'M\u200fK' }, { timeZone: 'Europe/Berlin' });
    // eslint-disable-next-line no-control-regex -- the test looks for control characters
    expect(line).not.toMatch(/[\u0000-\u0008\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
    expect(line).toContain('Grund: Kunde widerspricht per Brief (MK)');
  });

  it('writes one readable German line with local time and its offset', () => {
    expect(formatReasonEntry(example, BERLIN)).toBe(
      '[2026-11-29 10:15 +01:00] Gesperrt: Marke A, Kunstmeile Süd; Aufgehoben: Marke C; Grund: Kunde widerspricht per Brief (MK)',
    );
  });

  it('uses summer time and other zones', () => {
    const at = '2026-07-01T08:00:00Z';
    const e = { ...example, at };
    expect(formatReasonEntry(e, BERLIN)).toMatch(/^\[2026-07-01 10:00 \+02:00\] /);
    expect(formatReasonEntry(e, { timeZone: 'UTC' })).toMatch(/^\[2026-07-01 08:00 \+00:00\] /);
    expect(formatReasonEntry(e, { timeZone: 'America/New_York' })).toMatch(/^\[2026-07-01 04:00 -04:00\] /);
    expect(formatReasonEntry(e, { timeZone: 'Asia/Kathmandu' })).toMatch(/^\[2026-07-01 13:45 \+05:45\] /);
    // the local date can differ from the UTC date
    expect(formatReasonEntry({ ...e, at: '2026-12-31T23:30:00Z' }, BERLIN)).toMatch(/^\[2027-01-01 00:30 \+01:00\] /);
  });

  it('leaves out the sections that are empty', () => {
    const onlyAdded = { ...example, removed: [] };
    expect(formatReasonEntry(onlyAdded, BERLIN)).toBe(
      '[2026-11-29 10:15 +01:00] Gesperrt: Marke A, Kunstmeile Süd; Grund: Kunde widerspricht per Brief (MK)',
    );
    const onlyRemoved = { ...example, added: [] };
    expect(formatReasonEntry(onlyRemoved, BERLIN)).toBe(
      '[2026-11-29 10:15 +01:00] Aufgehoben: Marke C; Grund: Kunde widerspricht per Brief (MK)',
    );
    expect(formatReasonEntry({ ...example, added: [], removed: [], by: '' }, BERLIN)).toBe(
      '[2026-11-29 10:15 +01:00] Grund: Kunde widerspricht per Brief',
    );
  });

  it('folds a multi-line reason to one line', () => {
    const line = formatReasonEntry({ ...example, reason: 'Brief vom 3.11.:\r\n\r\n  „Keine Post mehr“\nTelefonat folgt  ' }, BERLIN);
    expect(line).toBe(
      '[2026-11-29 10:15 +01:00] Gesperrt: Marke A, Kunstmeile Süd; Aufgehoben: Marke C; Grund: Brief vom 3.11.: / „Keine Post mehr“ / Telefonat folgt (MK)',
    );
    expect(line).not.toMatch(/[\r\n]/);
  });

  it('escapes separators in labels, and a closing bracket that would read as the author', () => {
    const e: ReasonEntry = { at: example.at, added: ['A, B; C', 'D\\E'], removed: [], reason: 'per Brief (Kopie)', by: '' };
    expect(formatReasonEntry(e, BERLIN)).toBe(
      String.raw`[2026-11-29 10:15 +01:00] Gesperrt: A\, B\; C, D\\E; Grund: per Brief (Kopie\)`,
    );
    expect(formatReasonEntry({ ...e, by: 'M(K)' }, BERLIN)).toBe(
      String.raw`[2026-11-29 10:15 +01:00] Gesperrt: A\, B\; C, D\\E; Grund: per Brief (Kopie) (M\(K\))`,
    );
  });

  it('refuses an invalid date or time zone', () => {
    expect(() => formatReasonEntry({ ...example, at: 'gestern' })).toThrow(RangeError);
    expect(() => formatReasonEntry(example, { timeZone: 'Mars/Olympus' })).toThrow(RangeError);
  });

  it('uses the runtime time zone by default', () => {
    const local = new Date(example.at);
    const expected = `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}-${String(local.getDate()).padStart(2, '0')} ${String(local.getHours()).padStart(2, '0')}:${String(local.getMinutes()).padStart(2, '0')}`;
    expect(formatReasonEntry(example)).toContain(`[${expected} `);
  });
});

describe('foldToLine', () => {
  it.each([
    ['a', 'a'],
    ['  a  ', 'a'],
    ['a\nb', 'a / b'],
    ['a\r\nb', 'a / b'],
    ['a\rb', 'a / b'],
    ['a\n\n\nb\n', 'a / b'],
    ['a\u2028b\u2029c\u0085d', 'a / b / c / d'],
    ['\n \n', ''],
    ['a\tb', 'a\tb'],
  ])('%j → %j', (input, output) => {
    expect(foldToLine(input)).toBe(output);
  });
});

describe('appendReasonEntry', () => {
  const line = formatReasonEntry(example, BERLIN);

  it.each([
    [null, line],
    [undefined, line],
    ['', line],
    ['Alter Grund', `Alter Grund\n${line}`],
    ['Alter Grund\n', `Alter Grund\n${line}`],
    ['Alter Grund\r\n', `Alter Grund\r\n${line}`],
    ['Alter Grund\r', `Alter Grund\r${line}`],
    ['Alter Grund  ', `Alter Grund  \n${line}`],
    ['  \n\n', `  \n\n${line}`],
    ['Grund\u2028', `Grund\u2028\n${line}`],
  ])('appends to %j', (existing, expected) => {
    expect(appendReasonEntry(existing, example, BERLIN)).toBe(expected);
  });
});

describe('parseReasonLog', () => {
  it('reads entries and keeps hand-written lines', () => {
    const text = [
      'Kunde hat am Telefon widersprochen (alt)',
      '',
      '[2026-11-29 10:15 +01:00] Gesperrt: Marke A, Kunstmeile Süd; Aufgehoben: Marke C; Grund: Kunde widerspricht per Brief (MK)',
      '   ',
      '  eingerückte Notiz ',
      '[2026-12-01 08:00 +01:00] Aufgehoben: Marke A; Grund: Einwilligung erteilt (?)',
    ].join('\r\n');
    expect(parseReasonLog(text)).toEqual({
      entries: [
        {
          at: '2026-11-29T09:15:00.000Z',
          added: ['Marke A', 'Kunstmeile Süd'],
          removed: ['Marke C'],
          reason: 'Kunde widerspricht per Brief',
          by: 'MK',
        },
        { at: '2026-12-01T07:00:00.000Z', added: [], removed: ['Marke A'], reason: 'Einwilligung erteilt', by: '?' },
      ],
      other: ['Kunde hat am Telefon widersprochen (alt)', '  eingerückte Notiz '],
    });
  });

  it('reads an entry without author, and a reason in brackets', () => {
    expect(parseReasonLine(String.raw`[2026-11-29 10:15 +01:00] Grund: per Brief (Kopie\)`)).toEqual({
      at: '2026-11-29T09:15:00.000Z',
      added: [],
      removed: [],
      reason: 'per Brief (Kopie)',
      by: '',
    });
    expect(parseReasonLine('[2026-11-29 10:15 -05:30] Grund: a (b) (c) (MK)')).toEqual({
      at: '2026-11-29T15:45:00.000Z',
      added: [],
      removed: [],
      reason: 'a (b) (c)',
      by: 'MK',
    });
  });

  it.each([
    'Grund: Kunde widerspricht',
    '[2026-11-29 10:15] Gesperrt: Marke A; Grund: ohne Zeitzone (MK)',
    '[2026-13-01 10:15 +01:00] Grund: Monat 13 (MK)',
    '[2026-02-30 10:15 +01:00] Grund: 30. Februar (MK)',
    '[2026-11-29 24:00 +01:00] Grund: Stunde 24 (MK)',
    '[2026-11-29 10:15 +01:00] Gesperrt: Marke A; Aufgehoben: Marke B',
    '[2026-11-29 10:15 +01:00] Aufgehoben: Marke B; Gesperrt: Marke A; Grund: Reihenfolge (MK)',
    '[2026-11-29 10:15 +01:00] Grund: endet mit Klammer)',
    ' [2026-11-29 10:15 +01:00] Grund: eingerückt (MK)',
  ])('keeps %j as free text', (line) => {
    expect(parseReasonLine(line)).toBeNull();
    expect(parseReasonLog(line)).toEqual({ entries: [], other: [line] });
  });

  it('gives nothing for an empty log', () => {
    expect(parseReasonLog('')).toEqual({ entries: [], other: [] });
    expect(parseReasonLog('\n\n')).toEqual({ entries: [], other: [] });
  });
});

describe('wouldOverflow', () => {
  const line = formatReasonEntry(example, BERLIN);
  it(`says whether the log would exceed ${REASON_MAX_LENGTH} characters`, () => {
    const fits = 'x'.repeat(REASON_MAX_LENGTH - line.length - 1); // + "\n" + line = exactly the limit
    expect(appendReasonEntry(fits, example, BERLIN)).toHaveLength(REASON_MAX_LENGTH);
    expect(wouldOverflow(fits, example, BERLIN)).toBe(false);
    expect(wouldOverflow(`${fits}x`, example, BERLIN)).toBe(true);
    expect(wouldOverflow(null, example, BERLIN)).toBe(false);
    expect(REASON_MAX_LENGTH).toBe(65536);
  });
});

// ---- properties --------------------------------------------------------------------------

/** Strings built from the characters that could break the format, plus any unicode. */
const tricky = fc.oneof(
  fc.string({
    unit: fc.constantFrom(
      ';', ',', ':', '(', ')', '[', ']', '\\', ' ', '\n', '\r', '\r\n', '\t', '\u2028', '\u0085',
      'a', 'Ü', 'ß', '🙂', 'Gesperrt: ', 'Aufgehoben: ', 'Grund: ', '; ', ', ', ' (', ') ', '\\)',
    ),
    maxLength: 20,
  }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ maxLength: 20 }),
);
const instant = fc
  .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9000-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());
const entryArb: fc.Arbitrary<ReasonEntry> = fc.record({
  at: instant,
  added: fc.array(tricky, { maxLength: 4 }),
  removed: fc.array(tricky, { maxLength: 4 }),
  reason: tricky,
  by: tricky,
});
const zone = fc.constantFrom(
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'America/St_Johns',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'Pacific/Kiritimati',
  'Africa/Monrovia',
);
/** Any existing log text: arbitrary unicode (lone surrogates too), with or without line breaks at the end. */
const existingText = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(''),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 40 }),
  fc.tuple(tricky, fc.constantFrom('', '\n', '\r\n', '\r', ' ', '\n\n')).map(([a, b]) => a + b),
);

function expectedAfterRoundTrip(e: ReasonEntry): ReasonEntry {
  const minute = Math.floor(Date.parse(e.at) / 60_000) * 60_000;
  return {
    at: new Date(minute).toISOString(),
    added: e.added.map(foldToLine),
    removed: e.removed.map(foldToLine),
    reason: foldToLine(e.reason),
    by: foldToLine(e.by),
  };
}

describe('reason log properties', () => {
  it('an entry is always one line, and parses back to itself (fields folded, time to the minute)', () => {
    fc.assert(
      fc.property(entryArb, zone, (e, timeZone) => {
        const line = formatReasonEntry(e, { timeZone });
        expect(line).not.toMatch(/[\r\n]/);
        const parsed = parseReasonLine(line);
        expect(parsed).toEqual(expectedAfterRoundTrip(e));
        expect(formatReasonEntry(parsed!, { timeZone })).toBe(line);
      }),
      { numRuns: 1000 },
    );
  });

  it('appending keeps the existing text as an exact prefix, and adds exactly one entry', () => {
    fc.assert(
      fc.property(existingText, entryArb, zone, (existing, e, timeZone) => {
        const result = appendReasonEntry(existing, e, { timeZone });
        const before = existing ?? '';
        expect(result.startsWith(before)).toBe(true);
        const rest = result.slice(before.length);
        const line = formatReasonEntry(e, { timeZone });
        const needsSeparator = before !== '' && !/[\r\n]$/.test(before);
        expect(rest).toBe(needsSeparator ? `\n${line}` : line);

        const old = parseReasonLog(before);
        const now = parseReasonLog(result);
        expect(now.entries).toEqual([...old.entries, expectedAfterRoundTrip(e)]);
        expect(now.other).toEqual(old.other);
      }),
      { numRuns: 1000 },
    );
  });

  it('appending several entries keeps all of them, in order', () => {
    fc.assert(
      fc.property(existingText, fc.array(entryArb, { minLength: 1, maxLength: 5 }), (existing, entries) => {
        let text = existing ?? '';
        for (const e of entries) text = appendReasonEntry(text, e, BERLIN);
        const tail = parseReasonLog(text).entries.slice(-entries.length);
        expect(tail).toEqual(entries.map(expectedAfterRoundTrip));
      }),
    );
  });
});
