// @vitest-environment node
// Property-based tests of the filter analysis against the reference evaluator
// (test/unit/support/filter-evaluator.ts): soundness of "covered", validity of leak witnesses,
// and the fix. Random filter trees of depth ≤ 4 over the block property (every operator, the
// no-value flag true/false/unset), a look-alike property, country (STRING, MULTISTRING with several
// values, or ENUMERATION),
// static/snapshot/active/unknown lists and two active lists on a cycle, CONSTANT, event filters and branches about other objects.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeFilter, listLeaks, type BranchVerdict } from '../../lib/audit/analyze';
import { fixFilterBranch } from '../../lib/audit/fix';
import type { Filter, FilterBranch } from '../../lib/audit/filter-types';
import { READINGS, blockSetOf, eventKey, passes, rootChildrenOf, type EvalContact, type EvalOptions } from './support/filter-evaluator';

const BP = 'post_sperre_marken';
const LOOK_ALIKE = 'post_sperre_marken_alt';
const BRANDS = ['marke_a', 'marke_b'];
const VALUES = ['marke_a', 'marke_b', 'marke_c'];
const CONTACT_VALUES = [...VALUES, 'marke_z'];
const COUNTRIES = ['DE', 'AT', 'CH'];

const SET_OPS = ['IS_ANY_OF', 'IS_NONE_OF', 'IS_EXACTLY', 'IS_NOT_EXACTLY', 'CONTAINS_ALL', 'DOES_NOT_CONTAIN_ALL'];
const HISTORY_OPS = [
  'HAS_EVER_BEEN_ANY_OF',
  'HAS_NEVER_BEEN_ANY_OF',
  'HAS_EVER_BEEN_EXACTLY',
  'HAS_NEVER_BEEN_EXACTLY',
  'HAS_EVER_CONTAINED_ALL',
  'HAS_NEVER_CONTAINED_ALL',
];

// Things whose truth nobody knows: fixed objects so a contact can give each a truth value.
const EVENT_POOL: (Filter | FilterBranch)[] = [
  { filterType: 'PAGE_VIEW', pageUrl: '/katalog', operator: 'HAS_PAGEVIEW_EQ' },
  { filterType: 'PAGE_VIEW', pageUrl: '/shop', operator: 'HAS_PAGEVIEW_EQ' },
  { filterType: 'FORM_SUBMISSION', formId: 'f1', operator: 'FILLED_OUT' },
  { filterType: 'PROPERTY', property: BP, operation: { operationType: 'ENUMERATION', operator: 'IS_BETWEEN', values: ['marke_a'] } },
  { filterType: 'PROPERTY', property: BP, operation: { operationType: 'MULTISTRING', operator: 'CONTAINS', values: ['marke'] } },
  {
    filterBranchType: 'ASSOCIATION',
    filterBranchOperator: 'AND',
    objectTypeId: '0-2',
    operator: 'IN_LIST',
    filters: [{ filterType: 'PROPERTY', property: 'name', operation: { operationType: 'STRING', operator: 'IS_EQUAL_TO', value: 'ACME' } }],
    filterBranches: [],
  },
];
const EVENT_KEYS = EVENT_POOL.map(eventKey);
const STATIC_LISTS = ['10', '11', '99']; // MANUAL, SNAPSHOT, unresolvable
const CYCLIC_LISTS = ['30', '31']; // active lists that refer to each other: membership undefined
/** Lists whose membership is not decided by filters: a contact may or may not be in them. */
const FREE_LISTS = [...STATIC_LISTS, ...CYCLIC_LISTS];

const includeFlag = fc.constantFrom<boolean | undefined>(true, false, undefined);
const someOf = (xs: string[]) => fc.subarray(xs, { minLength: 1 });

function enumFilter(property: string, operator: string, values: string[], include: boolean | undefined): Filter {
  return {
    filterType: 'PROPERTY',
    property,
    operation: { operationType: 'ENUMERATION', operator, values, ...(include === undefined ? {} : { includeObjectsWithNoValueSet: include }) },
  };
}

function leafArb(countryKind: 'STRING' | 'ENUMERATION', listIds: string[], propertiesOnly = false): fc.Arbitrary<Filter | FilterBranch> {
  const block = fc.tuple(fc.constantFrom(...SET_OPS), someOf(VALUES), includeFlag).map(([op, v, inc]) => enumFilter(BP, op, v, inc));
  const history = fc.tuple(fc.constantFrom(...HISTORY_OPS), someOf(VALUES)).map(([op, v]) => enumFilter(BP, op, v, undefined));
  const knownOp = fc.tuple(fc.constantFrom('IS_KNOWN', 'IS_UNKNOWN', 'IS_NOT_KNOWN'), fc.constantFrom(BP, 'country')).map(
    ([operator, property]): Filter => ({ filterType: 'PROPERTY', property, operation: { operationType: 'ALL_PROPERTY', operator } }),
  );
  const lookAlike = fc.tuple(fc.constantFrom(...SET_OPS), someOf(VALUES), includeFlag).map(([op, v, inc]) => enumFilter(LOOK_ALIKE, op, v, inc));
  const country =
    countryKind === 'STRING'
      ? fc.oneof(
          fc.tuple(fc.constantFrom('IS_EQUAL_TO', 'IS_NOT_EQUAL_TO'), fc.constantFrom(...COUNTRIES), includeFlag).map(
            ([operator, value, inc]): Filter => ({
              filterType: 'PROPERTY',
              property: 'country',
              operation: { operationType: 'STRING', operator, value, ...(inc === undefined ? {} : { includeObjectsWithNoValueSet: inc }) },
            }),
          ),
          // Lists v3's MULTISTRING with one or several values (string equality with several values).
          fc.tuple(fc.constantFrom('IS_EQUAL_TO', 'IS_NOT_EQUAL_TO'), someOf(COUNTRIES), includeFlag).map(
            ([operator, values, inc]): Filter => ({
              filterType: 'PROPERTY',
              property: 'country',
              operation: { operationType: 'MULTISTRING', operator, values, ...(inc === undefined ? {} : { includeObjectsWithNoValueSet: inc }) },
            }),
          ),
        )
      : fc.tuple(fc.constantFrom(...SET_OPS), someOf(COUNTRIES), includeFlag).map(([op, v, inc]) => enumFilter('country', op, v, inc));
  const list = fc.tuple(fc.constantFrom(...listIds), fc.boolean()).map(
    ([listId, neg]): Filter => ({ filterType: 'IN_LIST', listId, operator: neg ? 'NOT_IN_LIST' : 'IN_LIST' }),
  );
  const constant = fc.boolean().map((shouldAccept): Filter => ({ filterType: 'CONSTANT', shouldAccept }));
  const event = fc.constantFrom(...EVENT_POOL);
  if (propertiesOnly) {
    return fc.oneof({ arbitrary: block, weight: 6 }, { arbitrary: knownOp, weight: 1 }, { arbitrary: country, weight: 4 }, { arbitrary: constant, weight: 1 });
  }
  return fc.oneof(
    { arbitrary: block, weight: 6 },
    { arbitrary: history, weight: 2 },
    { arbitrary: knownOp, weight: 1 },
    { arbitrary: lookAlike, weight: 1 },
    { arbitrary: country, weight: 4 },
    { arbitrary: list, weight: 2 },
    { arbitrary: constant, weight: 1 },
    { arbitrary: event, weight: 2 },
  );
}

const BRANCH_TYPES = fc.constantFrom('AND', 'AND', 'OR', 'NOT_ALL', 'NOT_ANY');

/** A boolean branch at `depth` (1 = root); leaves are filters or pooled unknown branches. */
function branchArb(depth: number, maxDepth: number, leaf: fc.Arbitrary<Filter | FilterBranch>, type?: string): fc.Arbitrary<FilterBranch> {
  const kids: fc.Arbitrary<(Filter | FilterBranch)[]> =
    depth >= maxDepth
      ? fc.array(leaf, { minLength: 0, maxLength: 3 })
      : fc.array(fc.oneof({ arbitrary: leaf, weight: 3 }, { arbitrary: branchArb(depth + 1, maxDepth, leaf), weight: 1 }), {
          minLength: 0,
          maxLength: 3,
        });
  return fc.tuple(type ? fc.constant(type) : BRANCH_TYPES, kids).map(([t, ks]) => ({
    filterBranchType: t,
    filterBranchOperator: t === 'OR' ? 'OR' : 'AND',
    filters: ks.filter((k): k is Filter => !('filterBranchType' in k)),
    filterBranches: ks.filter((k): k is FilterBranch => 'filterBranchType' in k),
  }));
}

const rootArb = (leaf: fc.Arbitrary<Filter | FilterBranch>, maxDepth = 4) =>
  fc
    .array(fc.oneof({ arbitrary: branchArb(2, maxDepth, leaf, 'AND'), weight: 4 }, { arbitrary: branchArb(2, maxDepth, leaf), weight: 1 }), {
      minLength: 1,
      maxLength: 3,
    })
    .map((children): FilterBranch => ({ filterBranchType: 'OR', filterBranchOperator: 'OR', filters: [], filterBranches: children }));

type Lists = Record<string, { processingType: string; filterBranch?: FilterBranch }>;

// Built once per country kind (fc.chain would rebuild them for every case).
const caseArbs = (['STRING', 'ENUMERATION'] as const).map((countryKind) =>
  fc.record({
    countryKind: fc.constant(countryKind),
    // Active lists 20 and 21 (21 may use 20): acyclic by construction.
    list20: rootArb(leafArb(countryKind, STATIC_LISTS), 3),
    list21: rootArb(leafArb(countryKind, [...STATIC_LISTS, '20', '30']), 3),
    list30: rootArb(leafArb(countryKind, STATIC_LISTS), 3),
    root: rootArb(leafArb(countryKind, [...FREE_LISTS, '20', '21'])),
    contacts: fc.array(contactArb(countryKind), { minLength: 6, maxLength: 6 }),
  }),
);
const caseArb = fc.oneof(...caseArbs);

function contactArb(countryKind: 'STRING' | 'ENUMERATION'): fc.Arbitrary<EvalContact> {
  const setValue = (xs: string[]) => fc.subarray(xs).map((s) => (s.length ? s.join(';') : null));
  return fc
    .record({
      block: fc.subarray(CONTACT_VALUES),
      look: setValue(VALUES),
      country: countryKind === 'STRING' ? fc.constantFrom<string | null>('DE', 'AT', 'CH', 'FR', null) : setValue([...COUNTRIES, 'FR']),
      history: fc.array(fc.subarray(CONTACT_VALUES).map((s) => s.join(';')), { maxLength: 2 }),
      lists: fc.subarray(FREE_LISTS),
      events: fc.array(fc.boolean(), { minLength: EVENT_KEYS.length, maxLength: EVENT_KEYS.length }),
    })
    .map((r) => ({
      properties: { [BP]: r.block.length ? r.block.join(';') : null, [LOOK_ALIKE]: r.look, country: r.country },
      history: { [BP]: r.history },
      lists: new Set(r.lists),
      events: Object.fromEntries(EVENT_KEYS.map((k, i) => [k, r.events[i] === true])),
    }));
}

function resolverOf(lists: Lists) {
  return (id: string) => lists[id];
}

/** Does the witness (with its stated assumptions, else a search over unknowns) pass the child? */
function witnessPasses(v: BranchVerdict, child: unknown, resolveList: EvalOptions['resolveList']): boolean {
  const base: EvalContact = {
    properties: { ...v.witness },
    history: v.assumptions?.history,
    lists: new Set(v.assumptions?.lists.filter((l) => l.member).map((l) => l.listId)),
    events: Object.fromEntries((v.assumptions?.unknown ?? []).map((u) => [eventKey(u.item), u.passes])),
  };
  if (READINGS.some((r) => passes(child, base, { ...r, resolveList }))) {
    stats.assumptionsHeld++;
    return true;
  }
  // Search the unknowns (events, static list memberships) the witness leaves open.
  const n = EVENT_KEYS.length + FREE_LISTS.length;
  for (let mask = 0; mask < 1 << n; mask++) {
    const c: EvalContact = {
      ...base,
      events: Object.fromEntries(EVENT_KEYS.map((k, i) => [k, (mask & (1 << i)) !== 0])),
      lists: new Set(FREE_LISTS.filter((_, i) => (mask & (1 << (EVENT_KEYS.length + i))) !== 0)),
    };
    if (READINGS.some((r) => passes(child, c, { ...r, resolveList }))) return true;
  }
  return false;
}

const stats = { cases: 0, verdicts: 0, covered: 0, leaks: 0, witnessChecked: 0, assumptionsHeld: 0, contactChecks: 0 };

describe('filter analysis (property-based, against the reference evaluator)', () => {
  it('covered is sound, witnesses pass, the fix covers every leak', () => {
    fc.assert(
      fc.property(caseArb, ({ list20, list21, list30, root, contacts }) => {
        const list30WithCycle: FilterBranch = {
          ...list30,
          filterBranches: [...(list30.filterBranches ?? []), { filterBranchType: 'AND', filters: [{ filterType: 'IN_LIST', listId: '31', operator: 'IN_LIST' }] }],
        };
        const lists: Lists = {
          '10': { processingType: 'MANUAL' },
          '11': { processingType: 'SNAPSHOT', filterBranch: list20 },
          '20': { processingType: 'DYNAMIC', filterBranch: list20 },
          '21': { processingType: 'DYNAMIC', filterBranch: list21 },
          '30': { processingType: 'DYNAMIC', filterBranch: list30WithCycle },
          '31': { processingType: 'DYNAMIC', filterBranch: { filterBranchType: 'OR', filters: [{ filterType: 'IN_LIST', listId: '30', operator: 'NOT_IN_LIST' }] } },
        };
        const resolveList = resolverOf(lists);
        const before = JSON.stringify(root);
        const verdicts = analyzeFilter(root, { blockProperty: BP, brands: BRANDS, resolveList });
        const children = rootChildrenOf(root);
        expect(verdicts).toHaveLength(children.length * BRANDS.length);
        stats.cases++;
        stats.verdicts += verdicts.length;

        // Witness contacts of every leak also serve as test contacts for every covered verdict.
        const extra: EvalContact[] = verdicts
          .filter((v) => !v.covered)
          .map((v) => ({
            properties: { ...v.witness },
            history: v.assumptions?.history,
            lists: new Set(v.assumptions?.lists.filter((l) => l.member).map((l) => l.listId)),
            events: Object.fromEntries((v.assumptions?.unknown ?? []).map((u) => [eventKey(u.item), u.passes])),
          }));

        for (const v of verdicts) {
          const child = children[v.branch];
          if (v.covered) {
            stats.covered++;
            // (1) no contact blocked for the brand passes, under any reading of HubSpot's defaults.
            for (const c of [...contacts, ...extra]) {
              if (!blockSetOf(c, BP).has(v.brand)) continue;
              stats.contactChecks++;
              for (const r of READINGS) {
                if (passes(child, c, { ...r, resolveList })) {
                  throw new Error(`covered but passes: branch ${v.branch} brand ${v.brand} contact ${JSON.stringify({ ...c, lists: [...c.lists] })} reading ${JSON.stringify(r)}`);
                }
              }
            }
          } else {
            stats.leaks++;
            // (2) the witness is blocked for the brand and passes the branch.
            expect(v.witness?.[BP]?.split(';')).toContain(v.brand);
            // The generator stays inside what the model handles exactly: no approximations.
            if (v.reasons?.includes('witness-approximate')) throw new Error(`approximate witness: ${JSON.stringify(v)}`);
            stats.witnessChecked++;
            if (!witnessPasses(v, child, resolveList)) throw new Error(`witness does not pass: ${JSON.stringify(v)}`);
          }
        }

        // (3) the fix covers every leak, keeps covered verdicts, and does not touch the input.
        const leaks = listLeaks(verdicts);
        const fixed = fixFilterBranch(root, leaks, BP);
        expect(JSON.stringify(root)).toBe(before);
        const after = analyzeFilter(fixed, { blockProperty: BP, brands: BRANDS, resolveList });
        expect(after).toHaveLength(verdicts.length);
        for (const v of after) expect(v.covered).toBe(true);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 10_000) },
    );
    // The generator must reach both outcomes and check real witnesses, not only trivia.
    expect(stats.covered).toBeGreaterThan(1000);
    expect(stats.leaks).toBeGreaterThan(1000);
    expect(stats.witnessChecked).toBeGreaterThan(1000);
    expect(stats.contactChecks).toBeGreaterThan(10_000);
    // The assumptions a verdict states (unknown truths, list memberships, history) are exact.
    expect(stats.assumptionsHeld).toBe(stats.witnessChecked);
    console.info('filter analysis properties:', stats);
  });
});

// Exhaustive check on property-only trees (block property, country, IS_KNOWN, CONSTANT): here the
// analysis is exact, so "covered" must hold exactly when no contact of a complete finite space
// (every block set over the named values plus one other, every country value plus one other and
// none) passes the branch under some reading. This tests precision as well as soundness.
describe('filter analysis is exact on property-only trees (exhaustive contacts)', () => {
  const leafOnly = (countryKind: 'STRING' | 'ENUMERATION') => leafArb(countryKind, STATIC_LISTS, true);
  const blockSets = (brand: string) =>
    Array.from({ length: 16 }, (_, m) => CONTACT_VALUES.filter((_, i) => m & (1 << i))).filter((s) => s.includes(brand));
  const countryValues = (kind: 'STRING' | 'ENUMERATION'): (string | null)[] =>
    kind === 'STRING'
      ? ['DE', 'AT', 'CH', 'FR', null]
      : Array.from({ length: 16 }, (_, m) => [...COUNTRIES, 'FR'].filter((_, i) => m & (1 << i))).map((s) => (s.length ? s.join(';') : null));

  it('covered ⇔ no contact blocked for the brand passes', () => {
    let covered = 0;
    let leaks = 0;
    fc.assert(
      fc.property(
        fc.oneof(...(['STRING', 'ENUMERATION'] as const).map((kind) => fc.record({ kind: fc.constant(kind), root: rootArb(leafOnly(kind)) }))),
        ({ kind, root }) => {
          const verdicts = analyzeFilter(root, { blockProperty: BP, brands: BRANDS });
          const children = rootChildrenOf(root);
          for (const v of verdicts) {
            let passing: EvalContact | undefined;
            search: for (const s of blockSets(v.brand)) {
              for (const country of countryValues(kind)) {
                const c: EvalContact = { properties: { [BP]: s.join(';'), country }, lists: new Set(), events: {} };
                if (READINGS.some((r) => passes(children[v.branch], c, r))) {
                  passing = c;
                  break search;
                }
              }
            }
            expect(v.reasons ?? []).not.toContain('witness-approximate');
            expect({ branch: v.branch, brand: v.brand, covered: v.covered, passing: passing?.properties }).toEqual({
              branch: v.branch,
              brand: v.brand,
              covered: passing === undefined,
              passing: passing?.properties,
            });
            if (v.covered) covered++;
            else leaks++;
          }
        },
      ),
      { numRuns: Number(process.env.FC_RUNS_EXACT ?? 1000) },
    );
    expect(covered).toBeGreaterThan(100);
    expect(leaks).toBeGreaterThan(100);
  }, 120_000);
});
