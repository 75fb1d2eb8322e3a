// @vitest-environment node
// The ledger against an independent reference (test/unit/support/ledger-model.ts): random
// histories written by every road (the panel with its log line, HubSpot's sidebar with and without
// a reason, imports that replace or append, bulk edits of the blocks and of the reason, workflows
// setting and clearing, merges, integrations clearing, the mobile app, unknown roads, restores and
// confirmations naming an earlier write), at random distances inside and outside the window, the
// history cut to its newest entries or not, handed over in any order. The ledger reads only the
// history; the model knows what every write said.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readLedger, LEDGER_WINDOW_MS, type LedgerFinding } from '../../lib/domain/ledger';
import { BRANDS, play, WINDOW, type BrandValue, type Scenario, type Write } from './support/ledger-model';

/** Runs per CI run (keep the file under ~20 s). */
const RUNS = 10_000;

const brand = fc.constantFrom(...BRANDS.map((b) => b.value));
const brandSet = fc.uniqueArray(brand, { maxLength: BRANDS.length });
/** Distances around the window's edges, and far apart. */
const delta = fc.constantFrom(1, 1_000, 30_000, 59_999, 60_000, 61_000, WINDOW - 1, WINDOW, WINDOW + 1, 3 * 60_000, 3_600_000, 86_400_000);
const mode = fc.constantFrom('replace' as const, 'append' as const);

const write: fc.Arbitrary<Write> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ road: fc.constant('panel' as const), delta, add: brandSet, remove: brandSet }) },
  { weight: 2, arbitrary: fc.record({ road: fc.constant('sidebar' as const), delta, blocks: brandSet, withReason: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ road: fc.constant('import' as const), delta, mode, blocks: brandSet, reasonCell: fc.constantFrom('none' as const, 'text' as const) }) },
  { weight: 1, arbitrary: fc.record({ road: fc.constant('bulk-blocks' as const), delta, mode, blocks: brandSet }) },
  { weight: 1, arbitrary: fc.record({ road: fc.constant('bulk-reason' as const), delta }) },
  { weight: 1, arbitrary: fc.record({ road: fc.constant('workflow' as const), delta, set: fc.oneof(brandSet, fc.constant<BrandValue[]>([])) }) },
  { weight: 1, arbitrary: fc.record({ road: fc.constant('merge' as const), delta, blocks: brandSet, reason: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ road: fc.constant('integration-clear' as const), delta, reasonToo: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ road: fc.constant('mobile' as const), delta, blocks: brandSet, withReason: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ road: fc.constant('unknown' as const), delta, sourceType: fc.constantFrom('BREEZE_AGENT', 'DATA_QUALITY', 'SOMETHING_NEW', ''), blocks: brandSet }) },
  { weight: 1, arbitrary: fc.record({ road: fc.constant('restore' as const), delta, pick: fc.nat(20) }) },
  { weight: 1, arbitrary: fc.record({ road: fc.constant('confirm' as const), delta, pick: fc.nat(20) }) },
  { weight: 1, arbitrary: fc.record({ road: fc.constant('restore-log' as const), delta }) },
);

export const scenario: fc.Arbitrary<Scenario> = fc.record({
  writes: fc.array(write, { maxLength: 14 }),
  cap: fc.oneof({ weight: 3, arbitrary: fc.constant(Number.POSITIVE_INFINITY) }, { weight: 1, arbitrary: fc.integer({ min: 2, max: 6 }) }),
  recordUnchanged: fc.boolean(),
  order: fc.oneof(fc.constant('newest-first' as const), fc.constant('oldest-first' as const), fc.nat()),
});

const key = (f: LedgerFinding) => JSON.stringify([f.kind, f.brand, f.at, f.sourceType, f.sourceId, f.by, f.contactId]);
const sorted = (fs: readonly LedgerFinding[]) => fs.map(key).sort();

describe('ledger against the replayed writes', () => {
  it('uses the window the model assumes', () => {
    expect(LEDGER_WINDOW_MS).toBe(WINDOW);
  });

  it(`finds exactly the model's open and resolved findings (${RUNS} random histories)`, () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const played = play(s);
        const report = readLedger({
          contactId: '4242',
          history: played.history,
          brands: BRANDS,
          current: played.current,
          historyLimit: Number.isFinite(s.cap) ? s.cap : 1_000_000,
        });
        expect(sorted(report.findings)).toEqual(sorted(played.open));
        expect(sorted(report.resolved)).toEqual(sorted(played.resolved));
        // Every block change with the write that made it, explained or not (null: cannot tell).
        const ev = (e: { brand: string; kind: string; at: string; explained: boolean | null }) => JSON.stringify([e.at, e.brand, e.kind, e.explained]);
        expect(report.events.map((e) => ev({ ...e, at: e.write.at })).sort()).toEqual(played.events.map(ev).sort());
        // Every history entry that carries an open block or log finding is marked, and only those.
        for (const m of report.marks) {
          const own = played.open.filter((f) => f.at === new Date(m.timestamp).toISOString() && f.kind !== 'history-incomplete' && (m.property === 'reason') === (f.kind === 'log-shortened'));
          expect(m.unexplained).toBe(own.length > 0);
        }
      }),
      { numRuns: RUNS },
    );
    // 10,000 runs take seconds alone; CI runs the heavy property files side by side on two cores.
  }, 120_000);
});
