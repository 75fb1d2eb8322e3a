// @vitest-environment node
// The reference evaluator itself must be right, or the property tests prove nothing.
import { describe, expect, it } from 'vitest';
import { AND, BP, NOT_ALL, NOT_ANY, OR, enumF, inList, known, num, pageView, str } from './support/filter-builders';
import { eventKey, passes, type EvalContact } from './support/filter-evaluator';

const contact = (block: string | null, extra: Partial<EvalContact> = {}): EvalContact => ({
  properties: { [BP]: block, country: 'DE', plz: '1010' },
  lists: new Set(),
  events: {},
  ...extra,
});

describe('reference evaluator', () => {
  it.each([
    ['IS_ANY_OF', ['a', 'b'], 'a;c', true],
    ['IS_ANY_OF', ['b'], 'a;c', false],
    ['IS_NONE_OF', ['b'], 'a;c', true],
    ['IS_NONE_OF', ['a'], 'a;c', false],
    ['IS_EXACTLY', ['c', 'a'], 'a;c', true],
    ['IS_EXACTLY', ['a'], 'a;c', false],
    ['IS_NOT_EXACTLY', ['a'], 'a;c', true],
    ['CONTAINS_ALL', ['a', 'c'], 'a;c', true],
    ['CONTAINS_ALL', ['a', 'b'], 'a;c', false],
    ['DOES_NOT_CONTAIN_ALL', ['a', 'b'], 'a;c', true],
    ['DOES_NOT_CONTAIN_ALL', ['a'], 'a;c', false],
  ])('%s %j on %s → %s', (op, values, block, expected) => {
    expect(passes(enumF(op, values), contact(block))).toBe(expected);
  });

  it('no value: includeObjectsWithNoValueSet, else the reading', () => {
    expect(passes(enumF('IS_NONE_OF', ['a'], true), contact(null))).toBe(true);
    expect(passes(enumF('IS_NONE_OF', ['a'], false), contact(null))).toBe(false);
    expect(passes(enumF('IS_NONE_OF', ['a']), contact(null))).toBe(false);
    expect(passes(enumF('IS_NONE_OF', ['a']), contact(null), { noValueReading: 'natural' })).toBe(true);
    expect(passes(enumF('IS_ANY_OF', ['a']), contact(null), { noValueReading: 'natural' })).toBe(false);
    expect(passes(enumF('IS_ANY_OF', ['a'], true), contact(null))).toBe(true);
    expect(passes(known('IS_KNOWN'), contact(''))).toBe(false);
    expect(passes(known('IS_NOT_KNOWN'), contact(null))).toBe(true);
  });

  it('history, with and without the current value', () => {
    const c = contact('a', { history: { [BP]: ['b;c', ''] } });
    expect(passes(enumF('HAS_EVER_BEEN_ANY_OF', ['b']), c)).toBe(true);
    expect(passes(enumF('HAS_EVER_BEEN_ANY_OF', ['a']), c)).toBe(false);
    expect(passes(enumF('HAS_EVER_BEEN_ANY_OF', ['a']), c, { historyIncludesCurrent: true })).toBe(true);
    expect(passes(enumF('HAS_NEVER_BEEN_EXACTLY', ['c', 'b']), c)).toBe(false);
    expect(passes(enumF('HAS_EVER_CONTAINED_ALL', ['c']), c)).toBe(true);
    expect(passes(enumF('HAS_NEVER_CONTAINED_ALL', ['a', 'b']), c, { historyIncludesCurrent: true })).toBe(true);
  });

  it('STRING and NUMBER equality', () => {
    expect(passes(str('country', 'IS_EQUAL_TO', 'DE'), contact('a'))).toBe(true);
    expect(passes(str('country', 'IS_NOT_EQUAL_TO', 'DE'), contact('a'))).toBe(false);
    expect(passes(num('plz', 'IS_EQUAL_TO', 1010), contact('a'))).toBe(true);
  });

  it('branches, lists, events', () => {
    const c = contact('a', { lists: new Set(['5']), events: { [eventKey(pageView('/x'))]: true } });
    expect(passes(OR(AND(pageView('/x'), inList('5'))), c)).toBe(true);
    expect(passes(NOT_ANY(pageView('/x')), c)).toBe(false);
    expect(passes(NOT_ALL(pageView('/x'), pageView('/y')), c)).toBe(true);
    expect(passes(inList('6', true), c)).toBe(true);
    const resolveList = (id: string) =>
      id === '7'
        ? { processingType: 'DYNAMIC', filterBranch: OR(AND(enumF('IS_ANY_OF', ['a']))) }
        : id === '8'
          ? { processingType: 'DYNAMIC', filterBranch: OR(AND(inList('9'))) }
          : id === '9'
            ? { processingType: 'DYNAMIC', filterBranch: OR(AND(inList('8'))) }
            : undefined;
    expect(passes(inList('7'), c, { resolveList })).toBe(true);
    expect(passes(inList('7'), contact('b'), { resolveList })).toBe(false);
    // A cycle: membership is read from the contact, like a static list.
    expect(passes(inList('8'), contact('a', { lists: new Set(['8']) }), { resolveList })).toBe(true);
    expect(passes(inList('8'), contact('a'), { resolveList })).toBe(false);
  });
});
