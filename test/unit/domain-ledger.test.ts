// @vitest-environment node
// The ledger in readable scenarios (docs/ledger.md): what each road leaves in the history and what
// the ledger makes of it. The property test (domain-ledger.property.test.ts) covers the rest.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HISTORY_LIMIT,
  formatLedgerReference,
  isUnexplained,
  ledgerReasonText,
  parseLedgerReference,
  readLedger,
  roadOf,
  type LedgerFinding,
  type LedgerInput,
} from '../../lib/domain/ledger';
import { appendReasonEntry, formatReasonEntry, parseReasonLog } from '../../lib/domain/reasonLog';
import type { HistoryEntry } from '../../lib/domain/types';

const BRANDS = [
  { value: 'marke_a', label: 'Marke A' },
  { value: 'marke_b', label: 'Marke B' },
  { value: 'marke_c', label: 'Marke C' },
];
const UTC = { timeZone: 'UTC' };
const APP = { sourceType: 'INTEGRATION', sourceId: '4711' };
const MARA = { sourceType: 'CRM_UI', sourceId: 'userId:12345', updatedByUserId: 12345 };
const IMPORT = { sourceType: 'IMPORT', sourceId: 'import-778', updatedByUserId: 23456 };

const blocks = (timestamp: string, value: string, src: Partial<HistoryEntry>): HistoryEntry => ({ property: 'blocks', value, timestamp, sourceType: '', ...src });
const reason = (timestamp: string, value: string, src: Partial<HistoryEntry>): HistoryEntry => ({ property: 'reason', value, timestamp, sourceType: '', ...src });
const line = (at: string, added: string[], removed: string[], why: string) => formatReasonEntry({ at, added, removed, reason: why, by: 'MK' }, UTC);
const ledger = (history: HistoryEntry[], extra: Partial<LedgerInput> = {}) => readLedger({ contactId: '131', brands: BRANDS, history, ...extra });

/** Blocked for A, B and C through the panel, with its log line. */
const L1 = line('2026-09-01T10:00:00.000Z', ['Marke A', 'Marke B', 'Marke C'], [], 'Brief der Kundin');
const blockedForThree = [blocks('2026-09-01T10:00:00.000Z', 'marke_a;marke_b;marke_c', APP), reason('2026-09-01T10:00:00.000Z', L1, APP)];
const theImport = blocks('2026-12-03T09:00:00.000Z', 'marke_b', IMPORT);

describe('readLedger: the roads', () => {
  it('the fair import that leaves one of three brands: two blocks lifted without a reason, named with the import', () => {
    const r = ledger([...blockedForThree, theImport]);
    const finding = (brand: string): LedgerFinding => ({ contactId: '131', brand, kind: 'lifted-without-reason', at: '2026-12-03T09:00:00.000Z', sourceType: 'IMPORT', sourceId: 'import-778', by: '23456' });
    expect(r.findings).toEqual([finding('marke_a'), finding('marke_c')]);
    expect(r.complete).toBe(true);
    expect(r.events.map((e) => [e.brand, e.kind, e.write.road, e.explained])).toEqual([
      ['marke_a', 'set', 'integration', true],
      ['marke_b', 'set', 'integration', true],
      ['marke_c', 'set', 'integration', true],
      ['marke_a', 'lift', 'import', false],
      ['marke_c', 'lift', 'import', false],
    ]);
    expect(isUnexplained(r, theImport)).toBe(true);
    expect(isUnexplained(r, blockedForThree[0]!)).toBe(false);
  });

  it('reads the history in any order (HubSpot sends newest first, unverified)', () => {
    const a = ledger([...blockedForThree, theImport]);
    const b = ledger([theImport, ...blockedForThree].reverse());
    const c = ledger([blockedForThree[1]!, theImport, blockedForThree[0]!]);
    expect(b.findings).toEqual(a.findings);
    expect(c.findings).toEqual(a.findings);
  });

  it('an import cell with a leading ";" appends: the added brand is set without a reason', () => {
    const r = ledger([blocks('2026-09-01T10:00:00.000Z', 'marke_a', APP), reason('2026-09-01T10:00:00.000Z', line('2026-09-01T10:00:00.000Z', ['Marke A'], [], 'Brief'), APP), blocks('2026-10-01T10:00:00.000Z', 'marke_a;marke_c', IMPORT)]);
    expect(r.findings.map((f) => [f.kind, f.brand, f.sourceType])).toEqual([['set-without-reason', 'marke_c', 'IMPORT']]);
  });

  it("HubSpot's sidebar: new text in the reason written with the blocks explains them; blocks alone do not", () => {
    const withText = ledger([blocks('2026-09-01T10:00:00.000Z', 'marke_a', MARA), reason('2026-09-01T10:00:00.000Z', 'Anruf: keine Post von Marke A', MARA)]);
    expect(withText.findings).toEqual([]);
    const without = ledger([blocks('2026-09-01T10:00:00.000Z', 'marke_a', MARA)]);
    expect(without.findings).toEqual([{ contactId: '131', brand: 'marke_a', kind: 'set-without-reason', at: '2026-09-01T10:00:00.000Z', sourceType: 'CRM_UI', sourceId: 'userId:12345', by: '12345' }]);
  });

  it('a bulk edit of the blocks and, a minute later, of the reason: explained (inside the window), and the log overwritten', () => {
    const bulk = { sourceType: 'CRM_UI_BULK_ACTION', sourceId: 'userId:12345', updatedByUserId: 12345 };
    const history = [
      reason('2026-09-01T10:00:00.000Z', 'Alte Notiz', MARA),
      blocks('2026-11-01T10:00:00.000Z', 'marke_b', bulk),
      reason('2026-11-01T10:01:30.000Z', 'Robinsonliste November', bulk),
    ];
    const r = ledger(history);
    expect(r.findings.map((f) => [f.kind, f.brand, f.at])).toEqual([['log-shortened', null, '2026-11-01T10:01:30.000Z']]);
    expect(isUnexplained(r, history[2]!)).toBe(true);
    expect(r.shortenings).toEqual([{ at: '2026-11-01T10:01:30.000Z', before: 'Alte Notiz', lost: ['Alte Notiz'] }]);
    // Three minutes apart: outside the window (2 minutes), the block change stays unexplained.
    const late = ledger([history[0]!, history[1]!, reason('2026-11-01T10:03:00.001Z', 'Robinsonliste November', bulk)]);
    expect(late.findings.map((f) => f.kind)).toEqual(['set-without-reason', 'log-shortened']);
  });

  it('a workflow clearing the property lifts every brand without a reason', () => {
    const wf = { sourceType: 'AUTOMATION_PLATFORM', sourceId: 'enrollmentId:77' };
    const r = ledger([...blockedForThree, blocks('2026-12-01T00:00:00.000Z', '', wf)]);
    expect(r.findings.map((f) => [f.kind, f.brand, f.sourceType, f.by])).toEqual([
      ['lifted-without-reason', 'marke_a', 'AUTOMATION_PLATFORM', null],
      ['lifted-without-reason', 'marke_b', 'AUTOMATION_PLATFORM', null],
      ['lifted-without-reason', 'marke_c', 'AUTOMATION_PLATFORM', null],
    ]);
  });

  it("a product log line explains only the brands it names, in its direction", () => {
    const at = '2026-09-01T10:00:00.000Z';
    const r = ledger([blocks(at, 'marke_a;marke_b', APP), reason(at, line(at, ['Marke A'], [], 'Brief'), APP)]);
    expect(r.findings.map((f) => [f.kind, f.brand])).toEqual([['set-without-reason', 'marke_b']]);
    // Thirty seconds after the panel blocked A (with its line), an import lifts A: the line says "Gesperrt", not "Aufgehoben".
    const wrongWay = ledger([blocks(at, 'marke_a', APP), reason(at, line(at, ['Marke A'], [], 'Brief'), APP), blocks('2026-09-01T10:00:30.000Z', '', IMPORT)]);
    expect(wrongWay.findings.map((f) => [f.kind, f.brand])).toEqual([['lifted-without-reason', 'marke_a']]);
  });

  it('lines written before an option was renamed match when the former label is passed too', () => {
    const at = '2026-09-01T10:00:00.000Z';
    const history = [blocks(at, 'marke_a', APP), reason(at, line(at, ['Marke Alt'], [], 'Brief'), APP)];
    expect(ledger(history).findings.map((f) => [f.kind, f.brand])).toEqual([['set-without-reason', 'marke_a']]);
    expect(ledger(history, { brands: [...BRANDS, { value: 'marke_a', label: 'Marke Alt' }] }).findings).toEqual([]);
  });

  it('an unknown sourceType is a road of its own, never "ours"', () => {
    expect(roadOf('BREEZE_AGENT')).toBe('other');
    expect(roadOf('IMPORT')).toBe('import');
    expect(roadOf('MOBILE_ANDROID')).toBe('mobile');
    expect(roadOf('MERGE_OBJECTS')).toBe('merge');
    const r = ledger([...blockedForThree, blocks('2026-12-01T00:00:00.000Z', 'marke_a;marke_b', { sourceType: 'BREEZE_AGENT' })]);
    expect(r.findings.map((f) => [f.brand, f.sourceType])).toEqual([['marke_c', 'BREEZE_AGENT']]);
  });
});

describe('readLedger: an incomplete history', () => {
  it('says so when the block history reaches the limit, and judges nothing before its oldest entry', () => {
    const history = Array.from({ length: 4 }, (_, i) => blocks(`2026-0${i + 1}-01T00:00:00.000Z`, i % 2 ? 'marke_a' : 'marke_a;marke_b', IMPORT));
    const r = ledger(history, { historyLimit: 4 });
    expect(r.complete).toBe(false);
    expect(r.findings.map((f) => [f.kind, f.brand, f.at])).toEqual([
      ['history-incomplete', null, '2026-01-01T00:00:00.000Z'],
      ['lifted-without-reason', 'marke_b', '2026-02-01T00:00:00.000Z'],
      ['set-without-reason', 'marke_b', '2026-03-01T00:00:00.000Z'],
      ['lifted-without-reason', 'marke_b', '2026-04-01T00:00:00.000Z'],
    ]);
    expect(ledger(history, { historyLimit: 5 }).complete).toBe(true);
    expect(DEFAULT_HISTORY_LIMIT).toBeGreaterThan(4);
  });

  it('says so when the log tells of block changes older than the block history, or a value has no history', () => {
    const old = line('2025-01-01T10:00:00.000Z', ['Marke A'], [], 'Brief');
    const r = ledger([blocks('2026-05-01T00:00:00.000Z', 'marke_a;marke_b', MARA), reason('2026-05-01T00:00:00.000Z', `${old}\nNotiz`, MARA)]);
    expect(r.findings.map((f) => f.kind)).toEqual(['history-incomplete']);
    expect(ledger([], { current: { blocks: 'marke_a', reason: '' } }).findings.map((f) => [f.kind, f.at])).toEqual([['history-incomplete', '1970-01-01T00:00:00.000Z']]);
  });
});

describe('resolution: Wiederherstellen and bestätigen', () => {
  const lifted = ledger([...blockedForThree, theImport]).findings[0]!;

  it('a restore through the normal save names the write; the finding is gone and the new block is explained', () => {
    const text = ledgerReasonText(lifted, 'restore', 'Kundin hat nicht widerrufen', { timeZone: 'Europe/Berlin', label: 'Marke A' });
    expect(text).toBe(
      'Wiederhergestellt nach Aufhebung von Marke A durch Import (import-778) am 03.12.2026 10:00 [Bezug lifted-without-reason marke_a 2026-12-03T09:00:00.000Z]: Kundin hat nicht widerrufen',
    );
    const at = '2026-12-04T08:00:00.000Z';
    const log = appendReasonEntry(L1, { at, added: ['Marke A'], removed: [], reason: text, by: 'MK' }, UTC);
    const r = ledger([...blockedForThree, theImport, blocks(at, 'marke_a;marke_b', APP), reason(at, log, APP)]);
    expect(r.findings.map((f) => [f.kind, f.brand])).toEqual([['lifted-without-reason', 'marke_c']]);
    expect(r.resolved).toEqual([lifted]);
    expect(r.events.at(-1)).toMatchObject({ brand: 'marke_a', kind: 'set', explained: true });
  });

  it('a confirmation (a log entry without a block change) resolves a lift and a set', () => {
    const at = '2026-12-04T08:00:00.000Z';
    const confirm = ledgerReasonText(lifted, 'confirm', 'Aufhebung war gewollt (Telefonat)', { timeZone: 'Europe/Berlin' });
    expect(confirm).toMatch(/^Aufhebung von marke_a durch Import \(import-778\) am 03\.12\.2026 10:00 bestätigt \[Bezug /);
    const r = ledger([...blockedForThree, theImport, reason(at, appendReasonEntry(L1, { at, added: [], removed: [], reason: confirm, by: '' }, UTC), APP)]);
    expect(r.findings.map((f) => f.brand)).toEqual(['marke_c']);
    const set: LedgerFinding = { contactId: '131', brand: 'marke_b', kind: 'set-without-reason', at: '2026-01-01T00:00:00.000Z', sourceType: 'IMPORT', sourceId: null, by: null };
    expect(ledgerReasonText(set, 'confirm', 'ok', UTC)).toBe('Sperre von marke_b durch Import am 01.01.2026 00:00 bestätigt [Bezug set-without-reason marke_b 2026-01-01T00:00:00.000Z]: ok');
    expect(() => ledgerReasonText(set, 'restore', 'x')).toThrow(RangeError);
  });

  it('a reference to another write, brand or kind resolves nothing', () => {
    const other = { ...lifted, at: '2026-12-03T09:00:00.001Z' };
    const at = '2026-12-04T08:00:00.000Z';
    for (const f of [other, { ...lifted, brand: 'marke_b' }, { ...lifted, kind: 'set-without-reason' as const }]) {
      const text = ledgerReasonText(f, 'confirm', 'x', UTC);
      const r = ledger([...blockedForThree, theImport, reason(at, appendReasonEntry(L1, { at, added: [], removed: [], reason: text, by: '' }, UTC), APP)]);
      expect(r.resolved).toEqual([]);
    }
  });

  it('the reference survives the log format (folding, escaping) and parses back, for any reason, brand and time zone', () => {
    const zones = fc.constantFrom('UTC', 'Europe/Berlin', 'America/St_Johns', 'Asia/Kolkata');
    const kinds = fc.constantFrom('lifted-without-reason' as const, 'set-without-reason' as const, 'log-shortened' as const, 'history-incomplete' as const);
    fc.assert(
      fc.property(
        kinds,
        fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !s.includes(';')),
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 0, 1) }),
        fc.string({ maxLength: 60 }),
        fc.string({ maxLength: 10 }),
        zones,
        (kind, brandValue, ms, why, by, timeZone) => {
          const brand = kind === 'log-shortened' || kind === 'history-incomplete' ? null : brandValue;
          const f: LedgerFinding = { contactId: '1', brand, kind, at: new Date(ms).toISOString(), sourceType: 'IMPORT', sourceId: 'i-1', by: null };
          const action = kind === 'lifted-without-reason' || kind === 'log-shortened' ? 'restore' : 'confirm';
          const text = ledgerReasonText(f, action, why, { timeZone });
          const log = appendReasonEntry('Alte Notiz (Hand)\n', { at: '2026-12-04T08:00:00.000Z', added: [], removed: [], reason: text, by }, { timeZone });
          const entries = parseReasonLog(log).entries;
          expect(entries).toHaveLength(1);
          expect(parseLedgerReference(entries[0]!.reason)).toEqual({ kind, brand, at: f.at });
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('formats the reference compactly and refuses malformed ones', () => {
    expect(formatLedgerReference({ kind: 'lifted-without-reason', brand: 'a b', at: '2026-12-03T09:00:00Z' })).toBe('[Bezug lifted-without-reason a%20b 2026-12-03T09:00:00.000Z]');
    expect(parseLedgerReference('[Bezug lifted-without-reason %E0%A4%A 2026-12-03T09:00:00.000Z]')).toBeNull();
    expect(parseLedgerReference('[Bezug something-else x 2026-12-03T09:00:00.000Z]')).toBeNull();
    expect(parseLedgerReference('Grund ohne Bezug')).toBeNull();
  });
});
