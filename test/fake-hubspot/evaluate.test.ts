// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { evaluateBranch, type RecordView } from './evaluate';
import { and, or, propFilter } from './seed';
import type { FilterBranch, HistoryEntry, ListFilter } from './types';

function rec(values: Record<string, string | null>, lists: Record<string, boolean> = {}, history: Record<string, HistoryEntry[]> = {}): RecordView {
  return {
    value: (p) => values[p] ?? null,
    history: (p) => history[p] ?? [],
    inList: (id) => lists[id],
  };
}

const enumF = (operator: string, values: string[], include = false) => propFilter('post_sperre_marken', 'ENUMERATION', operator, values, include);
const single = (f: ListFilter): FilterBranch => or(and([f]));
const passes = (f: ListFilter, value: string | null) => evaluateBranch(single(f), rec({ post_sperre_marken: value }));

describe('ENUMERATION operators on a multi-checkbox value', () => {
  it('IS_ANY_OF / IS_NONE_OF with and without includeObjectsWithNoValueSet', () => {
    expect(passes(enumF('IS_ANY_OF', ['marke_a']), 'marke_b;marke_a')).toBe(true);
    expect(passes(enumF('IS_ANY_OF', ['marke_a']), 'marke_b')).toBe(false);
    expect(passes(enumF('IS_ANY_OF', ['marke_a']), null)).toBe(false);
    expect(passes(enumF('IS_NONE_OF', ['marke_a']), 'marke_b')).toBe(true);
    expect(passes(enumF('IS_NONE_OF', ['marke_a']), 'marke_b;marke_a')).toBe(false);
    expect(passes(enumF('IS_NONE_OF', ['marke_a']), null)).toBe(false);
    expect(passes(enumF('IS_NONE_OF', ['marke_a'], true), null)).toBe(true);
    expect(passes(enumF('IS_NONE_OF', ['marke_a'], true), '')).toBe(true);
  });

  it('IS_EXACTLY / IS_NOT_EXACTLY compare the whole set', () => {
    expect(passes(enumF('IS_EXACTLY', ['marke_a', 'marke_b']), 'marke_b;marke_a')).toBe(true);
    expect(passes(enumF('IS_EXACTLY', ['marke_a']), 'marke_b;marke_a')).toBe(false);
    expect(passes(enumF('IS_NOT_EXACTLY', ['marke_a']), 'marke_b;marke_a')).toBe(true);
    expect(passes(enumF('IS_NOT_EXACTLY', ['marke_a']), null)).toBe(false);
    expect(passes(enumF('IS_NOT_EXACTLY', ['marke_a'], true), null)).toBe(true);
  });

  it('CONTAINS_ALL / DOES_NOT_CONTAIN_ALL', () => {
    expect(passes(enumF('CONTAINS_ALL', ['marke_a', 'marke_b']), 'marke_a;marke_b;marke_c')).toBe(true);
    expect(passes(enumF('CONTAINS_ALL', ['marke_a', 'marke_b']), 'marke_a')).toBe(false);
    expect(passes(enumF('DOES_NOT_CONTAIN_ALL', ['marke_a', 'marke_b']), 'marke_a')).toBe(true);
    expect(passes(enumF('DOES_NOT_CONTAIN_ALL', ['marke_a']), 'marke_a')).toBe(false);
    expect(passes(enumF('DOES_NOT_CONTAIN_ALL', ['marke_a'], true), null)).toBe(true);
  });

  it('history operators look at past values', () => {
    const history = { post_sperre_marken: [{ value: '', timestamp: '2026-01-02T00:00:00Z', sourceType: 'CRM_UI' }, { value: 'marke_b', timestamp: '2025-01-01T00:00:00Z', sourceType: 'CRM_UI' }] };
    const r = rec({ post_sperre_marken: '' }, {}, history);
    expect(evaluateBranch(single(enumF('HAS_EVER_BEEN_ANY_OF', ['marke_b'])), r)).toBe(true);
    expect(evaluateBranch(single(enumF('HAS_NEVER_BEEN_ANY_OF', ['marke_b'])), r)).toBe(false);
    expect(evaluateBranch(single(enumF('HAS_NEVER_BEEN_ANY_OF', ['marke_a'])), r)).toBe(true);
  });

  it('unknown operators do not match', () => {
    expect(passes(enumF('IS_SOMETHING_NEW', ['marke_a']), 'marke_a')).toBe(false);
  });
});

describe('string, ALL_PROPERTY, IN_LIST, CONSTANT', () => {
  it('MULTISTRING and STRING operators ignore case', () => {
    const r = rec({ country: 'Deutschland', city: 'Frankfurt am Main' });
    expect(evaluateBranch(single(propFilter('country', 'MULTISTRING', 'IS_EQUAL_TO', ['deutschland', 'Österreich'])), r)).toBe(true);
    expect(evaluateBranch(single(propFilter('country', 'MULTISTRING', 'IS_NOT_EQUAL_TO', ['Deutschland'])), r)).toBe(false);
    expect(evaluateBranch(single({ filterType: 'PROPERTY', property: 'city', operation: { operationType: 'STRING', operator: 'CONTAINS', value: 'FURT' } }), r)).toBe(true);
    expect(evaluateBranch(single(propFilter('city', 'MULTISTRING', 'IS_NOT_EQUAL_TO', ['Berlin'], true)), rec({}))).toBe(true);
    expect(evaluateBranch(single(propFilter('city', 'MULTISTRING', 'IS_NOT_EQUAL_TO', ['Berlin'])), rec({}))).toBe(false);
  });

  it('ALL_PROPERTY IS_KNOWN / IS_UNKNOWN / IS_NOT_KNOWN', () => {
    const known = (operator: string, v: string | null) =>
      evaluateBranch(single({ filterType: 'PROPERTY', property: 'post_sperre_marken', operation: { operationType: 'ALL_PROPERTY', operator } }), rec({ post_sperre_marken: v }));
    expect(known('IS_KNOWN', 'marke_a')).toBe(true);
    expect(known('IS_KNOWN', '')).toBe(false);
    expect(known('IS_UNKNOWN', null)).toBe(true);
    expect(known('IS_NOT_KNOWN', null)).toBe(true);
    expect(known('IS_NOT_KNOWN', 'marke_a')).toBe(false);
  });

  it('IN_LIST / NOT_IN_LIST and CONSTANT', () => {
    const r = rec({}, { '7': true, '8': false });
    expect(evaluateBranch(single({ filterType: 'IN_LIST', listId: '7', operator: 'IN_LIST' }), r)).toBe(true);
    expect(evaluateBranch(single({ filterType: 'IN_LIST', listId: '8', operator: 'IN_LIST' }), r)).toBe(false);
    expect(evaluateBranch(single({ filterType: 'IN_LIST', listId: '7', operator: 'NOT_IN_LIST' }), r)).toBe(false);
    expect(evaluateBranch(single({ filterType: 'IN_LIST', listId: '404', operator: 'NOT_IN_LIST' }), r)).toBe(true);
    expect(evaluateBranch(single({ filterType: 'CONSTANT', shouldAccept: true }), r)).toBe(true);
    expect(evaluateBranch(single({ filterType: 'CONSTANT', shouldAccept: false }), r)).toBe(false);
  });

  it('unknown filter and branch types do not match', () => {
    const r = rec({ post_sperre_marken: 'marke_a' });
    expect(evaluateBranch(single({ filterType: 'PAGE_VIEW', pageUrl: 'x' }), r)).toBe(false);
    expect(evaluateBranch(or({ filterBranchType: 'ASSOCIATION', filters: [{ filterType: 'CONSTANT', shouldAccept: true }], filterBranches: [] }), r)).toBe(false);
  });
});

describe('branches', () => {
  const blockedA = enumF('IS_ANY_OF', ['marke_a']);
  const yes: ListFilter = { filterType: 'CONSTANT', shouldAccept: true };
  const no: ListFilter = { filterType: 'CONSTANT', shouldAccept: false };

  it('OR of ANDs', () => {
    const r = rec({});
    expect(evaluateBranch(or(and([yes, no]), and([yes])), r)).toBe(true);
    expect(evaluateBranch(or(and([yes, no]), and([no])), r)).toBe(false);
    expect(evaluateBranch(or(), r)).toBe(false);
    expect(evaluateBranch(or(and([])), r)).toBe(true);
  });

  it('NOT_ANY and NOT_ALL', () => {
    const notAny = (filters: ListFilter[]): FilterBranch => ({ filterBranchType: 'NOT_ANY', filters, filterBranches: [] });
    const notAll = (filters: ListFilter[]): FilterBranch => ({ filterBranchType: 'NOT_ALL', filters, filterBranches: [] });
    const blocked = rec({ post_sperre_marken: 'marke_a' });
    const free = rec({ post_sperre_marken: null });
    expect(evaluateBranch(or(and([], [notAny([blockedA])])), blocked)).toBe(false);
    expect(evaluateBranch(or(and([], [notAny([blockedA])])), free)).toBe(true);
    expect(evaluateBranch(or(and([], [notAll([yes, blockedA])])), blocked)).toBe(false);
    expect(evaluateBranch(or(and([], [notAll([yes, blockedA])])), free)).toBe(true);
  });

  it('tolerates junk', () => {
    expect(evaluateBranch(undefined, rec({}))).toBe(false);
    expect(evaluateBranch({ filterBranchType: 'OR', filters: [null as unknown as ListFilter] }, rec({}))).toBe(false);
  });
});
