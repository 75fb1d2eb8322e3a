// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { analyzeFilter, listLeaks, type BranchVerdict, type ListResolver } from '../../lib/audit/analyze';
import type { FilterBranch } from '../../lib/audit/filter-types';
import { AND, BP, NOT_ALL, NOT_ANY, OR, branch, constant, countryIs, enumF, inList, known, num, pageView, str } from './support/filter-builders';
import { READINGS, eventKey, passes, rootChildrenOf, type EvalContact } from './support/filter-evaluator';

const BRANDS = ['marke_a', 'marke_b'];

function analyze(root: FilterBranch, resolveList?: ListResolver, brands = BRANDS): BranchVerdict[] {
  const verdicts = analyzeFilter(root, { blockProperty: BP, brands, resolveList });
  // Every reported witness must really pass its branch (reference evaluator), blocked for the brand.
  for (const v of verdicts) {
    if (v.covered || v.reasons?.includes('witness-approximate')) continue;
    const w = v.witness!;
    expect(w[BP]!.split(';')).toContain(v.brand);
    const contact: EvalContact = {
      properties: { ...w },
      history: v.assumptions?.history,
      lists: new Set(v.assumptions?.lists.filter((l) => l.member).map((l) => l.listId)),
      events: Object.fromEntries((v.assumptions?.unknown ?? []).map((u) => [eventKey(u.item), u.passes])),
    };
    const child = rootChildrenOf(root)[v.branch];
    const ok = READINGS.some((r) => passes(child, contact, { ...r, resolveList }));
    expect(ok, `witness ${JSON.stringify(v)} must pass`).toBe(true);
  }
  return verdicts;
}

function one(root: FilterBranch, brand = 'marke_a', branchIndex = 0, resolveList?: ListResolver): BranchVerdict {
  const v = analyze(root, resolveList).find((x) => x.brand === brand && x.branch === branchIndex);
  if (!v) throw new Error('no verdict');
  return v;
}

const withDE = (f: ReturnType<typeof enumF>) => OR(AND(countryIs('DE'), f));

describe('analyzeFilter: ENUMERATION operators on the block property (brand marke_a)', () => {
  const cases: [string, ReturnType<typeof enumF>, boolean, string?][] = [
    ['IS_ANY_OF [a] includes exactly the blocked contacts', enumF('IS_ANY_OF', ['marke_a']), false, 'marke_a'],
    ['IS_ANY_OF [b] lets a contact blocked for a and b through', enumF('IS_ANY_OF', ['marke_b']), false, 'marke_a;marke_b'],
    ['IS_NONE_OF [a] (no value included) excludes', enumF('IS_NONE_OF', ['marke_a'], true), true],
    ['IS_NONE_OF [a] (no value excluded) excludes', enumF('IS_NONE_OF', ['marke_a'], false), true],
    ['IS_NONE_OF [a] (flag unset) excludes', enumF('IS_NONE_OF', ['marke_a']), true],
    ['IS_NONE_OF [b] does not exclude a', enumF('IS_NONE_OF', ['marke_b'], true), false, 'marke_a'],
    ['IS_NONE_OF [a, b] excludes a', enumF('IS_NONE_OF', ['marke_a', 'marke_b'], true), true],
    ['IS_EXACTLY [a] includes', enumF('IS_EXACTLY', ['marke_a']), false, 'marke_a'],
    ['IS_EXACTLY [b] cannot hold a blocked-for-a set', enumF('IS_EXACTLY', ['marke_b']), true],
    ['IS_NOT_EXACTLY [a] is not an exclusion', enumF('IS_NOT_EXACTLY', ['marke_a']), false, 'marke_a;marke_b'],
    ['IS_NOT_EXACTLY [b] includes', enumF('IS_NOT_EXACTLY', ['marke_b']), false, 'marke_a'],
    ['CONTAINS_ALL [a] includes', enumF('CONTAINS_ALL', ['marke_a']), false, 'marke_a'],
    ['CONTAINS_ALL [b] includes contacts blocked for both', enumF('CONTAINS_ALL', ['marke_b']), false, 'marke_a;marke_b'],
    ['DOES_NOT_CONTAIN_ALL [a] excludes', enumF('DOES_NOT_CONTAIN_ALL', ['marke_a']), true],
    ['DOES_NOT_CONTAIN_ALL [a, b] does not exclude a', enumF('DOES_NOT_CONTAIN_ALL', ['marke_a', 'marke_b']), false, 'marke_a'],
  ];
  it.each(cases)('%s', (_name, filter, covered, block) => {
    const v = one(withDE(filter));
    expect(v.covered).toBe(covered);
    if (!covered) expect(v.witness).toEqual({ [BP]: block, country: 'DE' });
    else expect(v.witness).toBeUndefined();
  });

  it('IS_NONE_OF [a, b] covers both brands', () => {
    const vs = analyze(withDE(enumF('IS_NONE_OF', ['marke_a', 'marke_b'], true)));
    expect(vs.map((v) => [v.brand, v.covered])).toEqual([
      ['marke_a', true],
      ['marke_b', true],
    ]);
  });
});

describe('analyzeFilter: IS_KNOWN / IS_UNKNOWN', () => {
  it.each([
    ['IS_KNOWN', false],
    ['IS_UNKNOWN', true],
    ['IS_NOT_KNOWN', true],
  ] as const)('%s → covered %s for every brand', (op, covered) => {
    const vs = analyze(OR(AND(countryIs('DE'), known(op))));
    expect(vs.every((v) => v.covered === covered)).toBe(true);
    expect(vs).toHaveLength(2);
  });
});

describe('analyzeFilter: history operators say nothing certain about the current value', () => {
  it.each([
    'HAS_EVER_BEEN_ANY_OF',
    'HAS_NEVER_BEEN_ANY_OF',
    'HAS_EVER_BEEN_EXACTLY',
    'HAS_NEVER_BEEN_EXACTLY',
    'HAS_EVER_CONTAINED_ALL',
    'HAS_NEVER_CONTAINED_ALL',
  ])('%s [a] leaks, with the history it assumes', (op) => {
    const v = one(withDE(enumF(op, ['marke_a'])));
    expect(v.covered).toBe(false);
    expect(v.reasons).toContain(`history:${op}`);
    expect(v.assumptions?.history?.[BP]).toBeDefined();
  });

  it('HAS_NEVER_BEEN_ANY_OF [a] leaks only if the current value does not count as "been"', () => {
    const v = one(withDE(enumF('HAS_NEVER_BEEN_ANY_OF', ['marke_a'])));
    expect(v.reasons).toContain('history-excludes-current');
  });

  it('contradictory history filters are recognised', () => {
    expect(one(OR(AND(enumF('HAS_EVER_BEEN_ANY_OF', ['marke_a']), enumF('HAS_NEVER_BEEN_ANY_OF', ['marke_a'])))).covered).toBe(true);
    expect(one(OR(AND(enumF('HAS_EVER_BEEN_ANY_OF', ['marke_b']), enumF('HAS_NEVER_BEEN_ANY_OF', ['marke_a', 'marke_b'])))).covered).toBe(
      true,
    );
    expect(
      one(OR(AND(enumF('HAS_EVER_BEEN_EXACTLY', ['marke_a', 'marke_b']), enumF('HAS_NEVER_CONTAINED_ALL', ['marke_b'])))).covered,
    ).toBe(true);
  });

  it('a history that needs both a past and a current value is built', () => {
    const v = one(OR(AND(enumF('HAS_EVER_BEEN_EXACTLY', ['marke_b']), enumF('HAS_NEVER_BEEN_ANY_OF', ['marke_c']))));
    expect(v.covered).toBe(false);
    expect(v.assumptions?.history?.[BP]).toEqual(['marke_a', 'marke_b']);
  });
});

describe('analyzeFilter: branch types', () => {
  it('NOT_ANY around IS_ANY_OF excludes', () => {
    expect(one(OR(AND(countryIs('DE'), NOT_ANY(enumF('IS_ANY_OF', ['marke_a']))))).covered).toBe(true);
  });
  it('NOT_ANY around IS_NONE_OF includes exactly the blocked contacts', () => {
    const v = one(OR(AND(countryIs('DE'), NOT_ANY(enumF('IS_NONE_OF', ['marke_a'], true)))));
    expect(v.covered).toBe(false);
    expect(v.witness).toEqual({ [BP]: 'marke_a', country: 'DE' });
  });
  it('NOT_ALL around CONTAINS_ALL [a] excludes', () => {
    expect(one(OR(AND(countryIs('DE'), NOT_ALL(enumF('CONTAINS_ALL', ['marke_a']))))).covered).toBe(true);
  });
  it('NOT_ALL around two filters leaks when the other filter fails', () => {
    const v = one(OR(AND(NOT_ALL(countryIs('DE'), enumF('IS_ANY_OF', ['marke_a'])))));
    expect(v.covered).toBe(false);
    expect(v.witness?.country).not.toBe('DE');
    expect(v.witness?.[BP]).toBe('marke_a');
  });
  it('NOT_ALL around two block filters that both hold for blocked contacts excludes', () => {
    expect(one(OR(AND(NOT_ALL(enumF('IS_ANY_OF', ['marke_a']), known('IS_KNOWN'))))).covered).toBe(true);
  });
  it('a nested OR inside an AND', () => {
    const leaky = one(OR(AND(countryIs('DE'), OR(enumF('IS_NONE_OF', ['marke_a'], true), str('city', 'IS_EQUAL_TO', 'Wien')))));
    expect(leaky.covered).toBe(false);
    expect(leaky.witness).toEqual({ [BP]: 'marke_a', country: 'DE', city: 'Wien' });
    const safe = one(OR(AND(countryIs('DE'), OR(enumF('IS_NONE_OF', ['marke_a'], true), known('IS_UNKNOWN')))));
    expect(safe.covered).toBe(true);
  });
  it('an unknown branch type (other objects) may pass', () => {
    const assoc: FilterBranch = { ...AND(pageView('/x')), filterBranchType: 'ASSOCIATION', objectTypeId: '0-2', operator: 'IN_LIST' };
    const v = one(OR(AND(countryIs('DE'), assoc)));
    expect(v.covered).toBe(false);
    expect(v.reasons).toContain('unknown-branch:ASSOCIATION');
  });
  it('empty AND passes everyone; empty OR child nobody', () => {
    expect(one(OR(AND())).covered).toBe(false);
    expect(one(OR(AND(OR()))).covered).toBe(true);
  });
  it('a root that is not an OR is branch 0', () => {
    const vs = analyze(AND(countryIs('DE'), enumF('IS_NONE_OF', ['marke_a'], true)));
    expect(vs.map((v) => [v.branch, v.brand, v.covered])).toEqual([
      [0, 'marke_a', true],
      [0, 'marke_b', false],
    ]);
  });
  it('filters directly under the root OR count as children after its branches', () => {
    const root: FilterBranch = { ...OR(AND(enumF('IS_NONE_OF', ['marke_a'], true))), filters: [countryIs('AT')] };
    const vs = analyze(root, undefined, ['marke_a']);
    expect(vs.map((v) => [v.branch, v.covered])).toEqual([
      [0, true],
      [1, false],
    ]);
  });
  it('an empty root has nothing to leak', () => {
    expect(analyze(OR())).toEqual([]);
  });
});

describe('analyzeFilter: several branches and brands', () => {
  it('an exclusion in one branch only leaks through the other; the witness shows its values', () => {
    const root = OR(AND(countryIs('DE'), enumF('IS_NONE_OF', ['marke_a'], true)), AND(countryIs('AT'), num('plz', 'IS_EQUAL_TO', 1010)));
    const vs = analyze(root, undefined, ['marke_a']);
    expect(vs[0]).toEqual({ branch: 0, brand: 'marke_a', covered: true });
    expect(vs[1]).toMatchObject({ branch: 1, brand: 'marke_a', covered: false, witness: { [BP]: 'marke_a', country: 'AT', plz: '1010' } });
    expect(listLeaks(vs)).toEqual([{ kind: 'filter-branch', branch: 1, brand: 'marke_a', witness: { [BP]: 'marke_a', country: 'AT', plz: '1010' } }]);
  });
  it('two brands each excluded in a different branch', () => {
    const root = OR(AND(countryIs('DE'), enumF('IS_NONE_OF', ['marke_a'], true)), AND(countryIs('AT'), enumF('IS_NONE_OF', ['marke_b'], true)));
    const vs = analyze(root);
    expect(vs.map((v) => `${v.branch}:${v.brand}:${v.covered}`)).toEqual([
      '0:marke_a:true',
      '0:marke_b:false',
      '1:marke_a:false',
      '1:marke_b:true',
    ]);
    expect(vs[1]!.witness).toEqual({ [BP]: 'marke_b', country: 'DE' });
  });
  it('a look-alike property is just another property', () => {
    const v = one(OR(AND(enumF('IS_NONE_OF', ['marke_a'], true, 'post_sperre_marken_alt'))));
    expect(v.covered).toBe(false);
    expect(v.witness?.[BP]).toBe('marke_a');
    expect(Object.keys(v.witness!)).toContain('post_sperre_marken_alt');
    const upper = one(OR(AND(enumF('IS_NONE_OF', ['marke_a'], true, 'Post_Sperre_Marken'))));
    expect(upper.covered).toBe(false);
  });
  it('a brand no filter mentions leaks with the value of another brand in the witness', () => {
    const v = one(OR(AND(enumF('IS_NOT_EXACTLY', ['marke_b']))), 'marke_a');
    expect(v.witness?.[BP]).toBe('marke_a');
  });
});

describe('analyzeFilter: other properties', () => {
  it('contradictory equalities make a branch impossible (STRING, NUMBER)', () => {
    expect(one(OR(AND(countryIs('DE'), countryIs('AT')))).covered).toBe(true);
    expect(one(OR(AND(countryIs('DE'), str('country', 'IS_NOT_EQUAL_TO', 'DE')))).covered).toBe(true);
    expect(one(OR(AND(num('plz', 'IS_EQUAL_TO', 1010), num('plz', 'IS_EQUAL_TO', 1020)))).covered).toBe(true);
    expect(one(OR(AND(num('plz', 'IS_EQUAL_TO', 1010), num('plz', 'IS_EQUAL_TO', 1010.0)))).covered).toBe(false);
  });
  it('two ENUMERATION values on another property may both be set (checkbox): no contradiction', () => {
    const v = one(OR(AND(enumF('IS_ANY_OF', ['DE'], false, 'land'), enumF('IS_ANY_OF', ['AT'], false, 'land'))));
    expect(v.covered).toBe(false);
    expect(v.witness?.land).toBe('DE;AT');
    expect(one(OR(AND(enumF('IS_ANY_OF', ['DE'], false, 'land'), enumF('IS_NONE_OF', ['DE'], true, 'land')))).covered).toBe(true);
  });
  it('values differing only in case are not taken as a contradiction (HubSpot may ignore case)', () => {
    const v = one(OR(AND(countryIs('DE'), str('country', 'IS_NOT_EQUAL_TO', 'de'))));
    expect(v.covered).toBe(false);
    expect(v.reasons).toContain('witness-approximate');
  });
  it('mixed operation types on one property: assumed satisfiable', () => {
    const v = one(OR(AND(countryIs('DE'), enumF('IS_NONE_OF', ['DE'], false, 'country'))));
    expect(v.covered).toBe(false);
    expect(v.reasons).toContain('witness-approximate');
  });
  it('an unknown operator on another property may pass', () => {
    const v = one(OR(AND(str('country', 'CONTAINS', 'D'), countryIs('AT'))));
    expect(v.covered).toBe(false);
    expect(v.reasons).toContain('unknown-operator:country:STRING:CONTAINS');
  });

  describe('includeObjectsWithNoValueSet on another property (a contact without country)', () => {
    const root = (include: boolean | undefined) => OR(AND(known('IS_UNKNOWN', 'land'), enumF('IS_NONE_OF', ['DE'], include, 'land')));
    it('true: contacts without a value pass', () => {
      const v = one(root(true));
      expect(v.covered).toBe(false);
      expect(v.witness?.land).toBeNull();
    });
    it('false: they do not', () => {
      expect(one(root(false)).covered).toBe(true);
    });
    it('unset: sound under both readings (leaks if HubSpot reads it as "none of holds")', () => {
      const v = one(root(undefined));
      expect(v.covered).toBe(false);
      expect(v.reasons).toContain('no-value-default:natural');
      expect(v.assumptions?.noValueDefault).toBe('natural');
    });
    it('a positive operator with the flag unset never passes a contact without value', () => {
      expect(one(OR(AND(known('IS_UNKNOWN', 'land'), enumF('IS_ANY_OF', ['DE'], undefined, 'land')))).covered).toBe(true);
      expect(one(OR(AND(known('IS_UNKNOWN', 'land'), enumF('IS_ANY_OF', ['DE'], true, 'land')))).covered).toBe(false);
    });
    it('STRING IS_NOT_EQUAL_TO with the flag unset', () => {
      const v = one(OR(AND(known('IS_UNKNOWN', 'country'), str('country', 'IS_NOT_EQUAL_TO', 'DE'))));
      expect(v.covered).toBe(false);
      expect(v.assumptions?.noValueDefault).toBe('natural');
      expect(one(OR(AND(known('IS_UNKNOWN', 'country'), str('country', 'IS_NOT_EQUAL_TO', 'DE', false)))).covered).toBe(true);
    });
  });

  it('the flag on the block property does not matter for blocked contacts (they have a value)', () => {
    for (const include of [true, false, undefined]) {
      expect(one(withDE(enumF('IS_NONE_OF', ['marke_a'], include))).covered).toBe(true);
      expect(one(withDE(enumF('IS_ANY_OF', ['marke_b'], include))).covered).toBe(false);
    }
  });
});

describe('analyzeFilter: unknown things may pass', () => {
  it('unknown operator on the block property', () => {
    const v = one(withDE(enumF('IS_SOMETHING_NEW', ['marke_a'])));
    expect(v.covered).toBe(false);
    expect(v.reasons).toContain('unknown-operator:post_sperre_marken:ENUMERATION:IS_SOMETHING_NEW');
  });
  it('another operation type on the block property', () => {
    const f = { filterType: 'PROPERTY', property: BP, operation: { operationType: 'MULTISTRING', operator: 'CONTAINS', values: ['marke_a'] } };
    expect(one(OR(AND(f))).covered).toBe(false);
  });
  it('an event filter may be true or false: both directions are considered', () => {
    const v = one(OR(AND(pageView('/katalog'))));
    expect(v.covered).toBe(false);
    expect(v.reasons).toEqual(['unknown-filter:PAGE_VIEW']);
    expect(v.assumptions?.unknown).toEqual([{ item: pageView('/katalog'), passes: true }]);
    const negated = one(OR(AND(NOT_ANY(pageView('/katalog')))));
    expect(negated.covered).toBe(false);
    expect(negated.assumptions?.unknown[0]?.passes).toBe(false);
  });
  it('the same event filter twice is the same condition', () => {
    expect(one(OR(AND(pageView('/k'), NOT_ANY(pageView('/k'))))).covered).toBe(true);
  });
  it('CONSTANT', () => {
    expect(one(OR(AND(constant(false)))).covered).toBe(true);
    expect(one(OR(AND(constant(true)))).covered).toBe(false);
  });
  it('malformed filters and branches do not crash and may pass', () => {
    const root = OR({ filterBranchType: 'AND', filters: [{ filterType: 'PROPERTY', property: BP }] as never });
    expect(one(root).covered).toBe(false);
    expect(one(OR(AND({ filterType: 'IN_LIST', listId: '5', operator: 'SOMETHING' }))).covered).toBe(false);
  });
});

describe('analyzeFilter: lists', () => {
  const lists: Record<string, { processingType: string; filterBranch?: FilterBranch }> = {
    '100': { processingType: 'DYNAMIC', filterBranch: OR(AND(enumF('IS_ANY_OF', ['marke_a']))) },
    '101': { processingType: 'DYNAMIC', filterBranch: OR(AND(known('IS_KNOWN'))) },
    '102': { processingType: 'DYNAMIC', filterBranch: OR(AND(enumF('IS_NONE_OF', ['marke_a'], true))) },
    '200': { processingType: 'DYNAMIC', filterBranch: OR(AND(inList('201', true))) },
    '201': { processingType: 'DYNAMIC', filterBranch: OR(AND(inList('200'))) },
    '202': { processingType: 'DYNAMIC', filterBranch: OR(AND(inList('200'), inList('100', true))) },
    '456': { processingType: 'MANUAL' },
    '457': { processingType: 'SNAPSHOT', filterBranch: OR(AND(enumF('IS_ANY_OF', ['marke_a']))) },
    '458': { processingType: 'DYNAMIC' },
  };
  const resolve: ListResolver = (id) => lists[id];

  it('NOT_IN_LIST an active list of the blocked contacts excludes them', () => {
    expect(one(OR(AND(countryIs('DE'), inList('100', true))), 'marke_a', 0, resolve).covered).toBe(true);
    expect(one(OR(AND(countryIs('DE'), inList('100', true))), 'marke_b', 0, resolve).covered).toBe(false);
  });
  it('NOT_IN_LIST an active list "block property is known" excludes every brand', () => {
    const vs = analyze(OR(AND(inList('101', true))), resolve);
    expect(vs.every((v) => v.covered)).toBe(true);
  });
  it('IN_LIST an active list that excludes the brand', () => {
    expect(one(OR(AND(inList('102'))), 'marke_a', 0, resolve).covered).toBe(true);
    expect(one(OR(AND(inList('102', true))), 'marke_a', 0, resolve).covered).toBe(false);
  });
  it('a static list: membership unknown either way', () => {
    const out = one(OR(AND(inList('456', true))), 'marke_a', 0, resolve);
    expect(out.covered).toBe(false);
    expect(out.reasons).toEqual(['static-list:456']);
    expect(out.assumptions?.lists).toEqual([{ listId: '456', member: false }]);
    expect(one(OR(AND(inList('456'))), 'marke_a', 0, resolve).covered).toBe(false);
    // SNAPSHOT lists are static after creation, whatever their filters say.
    expect(one(OR(AND(inList('457', true))), 'marke_a', 0, resolve).reasons).toEqual(['static-list:457']);
  });
  it('an unknown list or an active list without filters', () => {
    expect(one(OR(AND(inList('999', true))), 'marke_a', 0, resolve).reasons).toEqual(['unknown-list:999']);
    expect(one(OR(AND(inList('458', true))), 'marke_a', 0, resolve).reasons).toEqual(['unknown-list:458']);
    expect(one(OR(AND(inList('100', true))), 'marke_a', 0).reasons).toEqual(['unknown-list:100']);
  });
  it('a cycle between two active lists: membership unknown, no endless loop', () => {
    const v = one(OR(AND(inList('200', true))), 'marke_a', 0, resolve);
    expect(v.covered).toBe(false);
    expect(v.reasons).toEqual(['list-cycle:200']);
    expect(one(OR(AND(inList('200'), enumF('IS_NONE_OF', ['marke_a'], true))), 'marke_a', 0, resolve).covered).toBe(true);
    // A list outside the cycle that depends on it is still evaluated.
    expect(one(OR(AND(inList('202'))), 'marke_a', 0, resolve).covered).toBe(true);
    expect(one(OR(AND(inList('202'))), 'marke_b', 0, resolve).reasons).toEqual(['list-cycle:200']);
  });
  it('a throwing resolver counts as an unknown list', () => {
    const [v] = analyzeFilter(OR(AND(inList('1', true))), {
      blockProperty: BP,
      brands: ['marke_a'],
      resolveList: () => {
        throw new Error('boom');
      },
    });
    expect(v?.reasons).toEqual(['unknown-list:1']);
  });
});

describe('analyzeFilter: scale', () => {
  it('many brands and large exclusions stay fast', () => {
    const brands = Array.from({ length: 40 }, (_, i) => `marke_${i}`);
    const root = OR(
      AND(countryIs('DE'), enumF('IS_NONE_OF', brands.slice(0, 39), true), NOT_ANY(enumF('IS_EXACTLY', brands.slice(10, 30)))),
      AND(enumF('IS_NOT_EXACTLY', brands.slice(5, 25)), enumF('HAS_NEVER_BEEN_ANY_OF', brands.slice(0, 3))),
      AND(...brands.map((b) => NOT_ALL(enumF('CONTAINS_ALL', [b]), pageView(`/${b}`)))),
    );
    const t = performance.now();
    const vs = analyzeFilter(root, { blockProperty: BP, brands });
    expect(performance.now() - t).toBeLessThan(5000);
    expect(vs).toHaveLength(120);
    expect(vs.filter((v) => v.branch === 0 && !v.covered).map((v) => v.brand)).toEqual(['marke_39']);
    expect(vs.filter((v) => v.branch === 1).every((v) => !v.covered)).toBe(true);
  });
});

describe('analyzeFilter: search budget', () => {
  it('when the search gives up, the verdict is a (conservative) leak', () => {
    const root = OR(AND(pageView('/1'), pageView('/2'), pageView('/3'), NOT_ANY(pageView('/1')), enumF('IS_NONE_OF', ['marke_a'], true)));
    const [v] = analyzeFilter(root, { blockProperty: BP, brands: ['marke_b'], searchBudget: 2 });
    expect(v).toEqual({ branch: 0, brand: 'marke_b', covered: false, witness: { [BP]: 'marke_b' }, reasons: ['search-budget-exceeded', 'witness-approximate'] });
    expect(analyzeFilter(root, { blockProperty: BP, brands: ['marke_b'] })[0]?.covered).toBe(true);
  });
});

describe('branch helper', () => {
  it('builds HubSpot-shaped branches', () => {
    expect(branch('AND', countryIs('DE'))).toEqual({ filterBranchType: 'AND', filterBranchOperator: 'AND', filters: [countryIs('DE')], filterBranches: [] });
  });
});

describe('MULTISTRING equality (how lists v3 stores string conditions)', () => {
  const country = (v: string | string[], operator = 'IS_EQUAL_TO') => ({
    filterType: 'PROPERTY',
    property: 'country',
    operation: { operationType: 'MULTISTRING', operator, values: Array.isArray(v) ? v : [v], includeObjectsWithNoValueSet: false },
  });
  const block = { filterType: 'PROPERTY', property: 'post_sperre_marken', operation: { operationType: 'ENUMERATION', operator: 'IS_NONE_OF', values: ['marke_a'], includeObjectsWithNoValueSet: true } };
  const or = (...ands: unknown[][]) => ({ filterBranchType: 'OR', filters: [], filterBranches: ands.map((filters) => ({ filterBranchType: 'AND', filters, filterBranches: [] })) });

  it('gives the leak example the value of the one-value condition', () => {
    const verdicts = analyzeFilter(or([country('Deutschland'), block], [country('Schweiz')]) as never, { blockProperty: 'post_sperre_marken', brands: ['marke_a'] });
    expect(verdicts.map((v) => v.covered)).toEqual([true, false]);
    expect(verdicts[1]!.witness).toMatchObject({ country: 'Schweiz' });
  });

  it('proves two different one-value conditions contradictory', () => {
    const verdicts = analyzeFilter(or([country('Deutschland'), country('Schweiz')]) as never, { blockProperty: 'post_sperre_marken', brands: ['marke_a'] });
    expect(verdicts[0]!.covered).toBe(true);
  });

  it('several values: the witness takes one of them (it satisfies the filter, no "may" assumption)', () => {
    const verdicts = analyze(or([country(['Deutschland', 'Schweiz'])]) as never);
    expect(verdicts[0]!.covered).toBe(false);
    expect(['Deutschland', 'Schweiz']).toContain(verdicts[0]!.witness!.country);
    expect(verdicts[0]!.assumptions).toBeUndefined();
  });

  it('several values: IS_NOT_EQUAL_TO all of them together with IS_EQUAL_TO one of them is impossible', () => {
    const verdicts = analyze(or([country(['Deutschland', 'Schweiz'], 'IS_NOT_EQUAL_TO'), country('Schweiz')]) as never);
    expect(verdicts.every((v) => v.covered)).toBe(true);
  });

  it('several values: the witness avoids every excluded value', () => {
    const verdicts = analyze(or([country(['Deutschland', 'Schweiz'], 'IS_NOT_EQUAL_TO'), country(['Schweiz', 'Österreich'])]) as never);
    expect(verdicts[0]!.witness!.country).toBe('Österreich');
  });
});
