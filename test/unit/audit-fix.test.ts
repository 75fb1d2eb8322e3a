// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { analyzeFilter, listLeaks } from '../../lib/audit/analyze';
import { exclusionFilter, fixFilterBranch } from '../../lib/audit/fix';
import type { FilterBranch } from '../../lib/audit/filter-types';
import { AND, BP, NOT_ANY, OR, countryIs, enumF, pageView } from './support/filter-builders';

const BRANDS = ['marke_a', 'marke_b'];
const analyze = (root: FilterBranch) => analyzeFilter(root, { blockProperty: BP, brands: BRANDS });

describe('exclusionFilter', () => {
  it('is IS_NONE_OF the brands, keeping contacts without any block', () => {
    expect(exclusionFilter(BP, ['marke_a', 'marke_b', 'marke_a'])).toEqual({
      filterType: 'PROPERTY',
      property: BP,
      operation: { operationType: 'ENUMERATION', operator: 'IS_NONE_OF', values: ['marke_a', 'marke_b'], includeObjectsWithNoValueSet: true },
    });
  });
});

describe('fixFilterBranch', () => {
  it('adds one exclusion with the leaking brands to each leaking AND branch, nothing else', () => {
    const root = OR(AND(countryIs('DE'), enumF('IS_NONE_OF', ['marke_a'], true)), AND(countryIs('AT')));
    const snapshot = JSON.stringify(root);
    const leaks = listLeaks(analyze(root));
    expect(leaks.map((l) => `${l.branch}:${l.brand}`)).toEqual(['0:marke_b', '1:marke_a', '1:marke_b']);
    const fixed = fixFilterBranch(root, leaks, BP);
    expect(JSON.stringify(root)).toBe(snapshot);
    expect(fixed).toEqual(
      OR(AND(countryIs('DE'), enumF('IS_NONE_OF', ['marke_a'], true), exclusionFilter(BP, ['marke_b'])), AND(countryIs('AT'), exclusionFilter(BP, ['marke_a', 'marke_b']))),
    );
    expect(analyze(fixed).every((v) => v.covered)).toBe(true);
  });

  it('wraps a child that is not an AND branch', () => {
    const root = OR(NOT_ANY(pageView('/x')), { ...AND(pageView('/y')), filterBranchType: 'ASSOCIATION' });
    const fixed = fixFilterBranch(root, listLeaks(analyze(root)), BP);
    expect(fixed.filterBranches).toHaveLength(2);
    expect(fixed.filterBranches![0]).toEqual({ filterBranchType: 'AND', filterBranchOperator: 'AND', filters: [exclusionFilter(BP, BRANDS)], filterBranches: [NOT_ANY(pageView('/x'))] });
    expect(analyze(fixed).every((v) => v.covered)).toBe(true);
  });

  it('keeps the numbering when the root has filters of its own', () => {
    const root: FilterBranch = { ...OR(AND(enumF('IS_NONE_OF', BRANDS, true))), filters: [countryIs('DE'), countryIs('AT')] };
    const verdicts = analyze(root);
    expect(verdicts.filter((v) => !v.covered).map((v) => v.branch)).toEqual([1, 1, 2, 2]);
    const fixed = fixFilterBranch(root, [{ branch: 2, brand: 'marke_a' }], BP);
    expect(fixed.filters).toEqual([]);
    expect(fixed.filterBranches).toEqual([
      AND(enumF('IS_NONE_OF', BRANDS, true)),
      AND(countryIs('DE')),
      AND(countryIs('AT'), exclusionFilter(BP, ['marke_a'])),
    ]);
    const after = analyze(fixed);
    expect(after.filter((v) => !v.covered).map((v) => `${v.branch}:${v.brand}`)).toEqual(['1:marke_a', '1:marke_b', '2:marke_b']);
  });

  it('a root that is not an OR becomes an OR with one AND child', () => {
    const root = AND(countryIs('DE'));
    const fixed = fixFilterBranch(root, [{ branch: 0, brand: 'marke_a' }], BP);
    expect(fixed).toEqual({ filterBranchType: 'OR', filterBranchOperator: 'OR', filters: [], filterBranches: [AND(countryIs('DE'), exclusionFilter(BP, ['marke_a']))] });
    expect(analyzeFilter(fixed, { blockProperty: BP, brands: ['marke_a'] })[0]?.covered).toBe(true);
  });

  it('no leaks: an equal copy', () => {
    const root = OR(AND(countryIs('DE')));
    const fixed = fixFilterBranch(root, [], BP);
    expect(fixed).toEqual(root);
    expect(fixed).not.toBe(root);
    expect(fixed.filterBranches![0]).not.toBe(root.filterBranches![0]);
  });
});
