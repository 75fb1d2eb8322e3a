// The editor's intent and the lost-update helpers: rules that must hold for every state and toggle
// sequence (fast-check), and the named cases.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyIntent, NO_INTENT, sameChange, toggleIntent, toggleIntentAll, type BlockIntent } from '../../lib/domain/intent';
import { findLostUpdate } from '../../lib/domain/lostUpdate';
import { hasLine, restoreLines } from '../../lib/domain/reasonLog';
import type { HistoryEntry } from '../../lib/domain/types';

const BRANDS = ['a', 'b', 'c', 'd', 'e'];
const state = fc.subarray(BRANDS);
const toggles = fc.array(fc.record({ brand: fc.constantFrom(...BRANDS), checked: fc.boolean() }), { maxLength: 12 });

function run(shown: string[], ts: { brand: string; checked: boolean }[]): BlockIntent {
  return ts.reduce((i, t) => toggleIntent(i, shown, t.brand, t.checked), NO_INTENT);
}

describe('applyIntent', () => {
  it('never changes a brand the user did not toggle, whatever the state became', () => {
    fc.assert(
      fc.property(state, state, toggles, (shown, later, ts) => {
        const intent = run(shown, ts);
        const plan = applyIntent(later, intent);
        const touched = new Set([...intent.add, ...intent.remove]);
        for (const b of BRANDS) if (!touched.has(b)) expect(plan.next.includes(b)).toBe(later.includes(b));
        for (const b of intent.add) expect(plan.next).toContain(b);
        for (const b of intent.remove) expect(plan.next).not.toContain(b);
      }),
    );
  });

  it('added, removed and moot partition the intent; added and removed are exactly what changes', () => {
    fc.assert(
      fc.property(state, state, toggles, (shown, later, ts) => {
        const intent = run(shown, ts);
        const p = applyIntent(later, intent);
        expect([...p.added, ...p.removed, ...p.moot].sort()).toEqual([...intent.add, ...intent.remove].sort());
        expect(p.added.filter((b) => later.includes(b))).toEqual([]);
        expect(p.removed.filter((b) => !later.includes(b))).toEqual([]);
        expect(new Set(p.next)).toEqual(new Set([...later.filter((b) => !p.removed.includes(b)), ...p.added]));
      }),
    );
  });

  it('on the state it was made against, the intent is the set of ticked differences (nothing moot)', () => {
    fc.assert(
      fc.property(state, toggles, (shown, ts) => {
        const intent = run(shown, ts);
        const p = applyIntent(shown, intent);
        expect(p.moot).toEqual([]);
        expect(sameChange(p, intent)).toBe(true);
      }),
    );
  });

  it('picking and unpicking is no change; a family toggle is its brands toggled one by one', () => {
    expect(toggleIntent(toggleIntent(NO_INTENT, [], 'a', true), [], 'a', false)).toEqual(NO_INTENT);
    expect(toggleIntentAll(NO_INTENT, ['b'], ['a', 'b', 'c'], true)).toEqual({ add: ['a', 'c'], remove: [] });
  });

  it('the conflict case: a toggle someone else already did is moot and the rest of their change stays', () => {
    const intent = toggleIntent(NO_INTENT, [], 'a', true);
    expect(applyIntent(['a', 'b'], intent)).toEqual({ next: ['a', 'b'], added: [], removed: [], moot: ['a'] });
  });
});

describe('restoreLines', () => {
  const lines = fc.array(fc.constantFrom('L1', 'L2', 'L3', 'L4', 'x y'), { maxLength: 8 });
  it('keeps the current text as a prefix and holds every line of the other text, each as often as there', () => {
    fc.assert(
      fc.property(lines, lines, (cur, other) => {
        const current = cur.join('\n');
        const out = restoreLines(current, other.join('\n'));
        expect(out.startsWith(current)).toBe(true);
        const count = (text: string, l: string) => text.split('\n').filter((x) => x === l).length;
        for (const l of new Set([...cur, ...other])) expect(count(out, l)).toBe(Math.max(count(current, l), other.filter((x) => x === l).length));
        expect(restoreLines(out, other.join('\n'))).toBe(out);
      }),
    );
  });

  it('hasLine matches whole lines only', () => {
    expect(hasLine('a\nbc', 'b')).toBe(false);
    expect(hasLine('a\r\nbc', 'bc')).toBe(true);
  });
});

describe('findLostUpdate', () => {
  const h = (property: 'blocks' | 'reason', value: string, timestamp: string, who = 1): HistoryEntry => ({ property, value, timestamp, sourceType: 'CRM_UI', updatedByUserId: who });
  const read = { blocks: ['a'], reason: 'R' };
  const written = { blocks: ['a', 'c'], reason: 'R\nours' };

  it('nothing lost when the value before ours is what we read', () => {
    const history = [h('blocks', 'a;c', '2026-01-03T00:00:00Z'), h('reason', 'R\nours', '2026-01-03T00:00:00Z'), h('blocks', 'a', '2026-01-01T00:00:00Z'), h('reason', 'R', '2026-01-01T00:00:00Z')];
    expect(findLostUpdate(history, read, written)).toEqual({ verified: true, lost: null });
  });

  it('a write between our read and ours: their values and who made them', () => {
    const theirs = h('blocks', 'a;b', '2026-01-02T00:00:00Z', 7);
    const history = [h('blocks', 'a;c', '2026-01-03T00:00:00Z'), h('reason', 'R\nours', '2026-01-03T00:00:00Z'), theirs, h('reason', 'R\ntheirs', '2026-01-02T00:00:00Z', 7), h('blocks', 'a', '2026-01-01T00:00:00Z')];
    const check = findLostUpdate(history, read, written);
    expect(check).toMatchObject({ verified: true, lost: { blocks: ['a', 'b'], reason: 'R\ntheirs' } });
  });

  it('an old entry that happens to hold our block value is not taken for our write', () => {
    const history = [h('blocks', 'a', '2026-01-02T00:00:00Z'), h('blocks', 'a;c', '2025-01-01T00:00:00Z'), h('reason', 'R', '2026-01-02T00:00:00Z')];
    expect(findLostUpdate(history, read, written)).toEqual({ verified: false });
    expect(findLostUpdate(history, read, { blocks: ['a', 'c'], reason: 'R' })).toEqual({ verified: false });
  });
});
