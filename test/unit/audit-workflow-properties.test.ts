// @vitest-environment node
// Property-based tests of the workflow audit (lib/audit/workflow.ts) against the reference
// evaluator of enrolment (test/unit/support/workflow-evaluator.ts): random LIST_BASED (with
// re-enrolment triggers, on or off), EVENT_BASED (events, list memberships, refinement) and MANUAL
// criteria, with suppression lists that are static, active and implying the block, active and not.
//   (1) a brand whose every verdict is covered: no contact blocked for it is enrolled, under any
//       reading of HubSpot's unverified defaults;
//   (2) every leak's witness is blocked for the brand, passes its own enrolment branch and is in
//       no suppression list (with the truths it states for unknown filters and lists);
//   (3) the fix covers every leak it can fix (all but manual enrolment).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Filter, FilterBranch } from '../../lib/audit/filter-types';
import { analyzeWorkflow, fixEnrollment, type EnrollmentCriteriaLike } from '../../lib/audit/workflow';
import { READINGS, blockSetOf, eventKey, type EvalContact, type EvalOptions } from './support/filter-evaluator';
import { MANUAL_KEY, enrolled, enrolmentTests, suppressed } from './support/workflow-evaluator';

const BP = 'post_sperre_marken';
const BRANDS = ['marke_a', 'marke_b'];
const VALUES = ['marke_a', 'marke_b', 'marke_c'];
const COUNTRIES = ['DE', 'AT', 'CH'];
const SET_OPS = ['IS_ANY_OF', 'IS_NONE_OF', 'IS_EXACTLY', 'IS_NOT_EXACTLY', 'CONTAINS_ALL', 'DOES_NOT_CONTAIN_ALL'];

const FORM: FilterBranch = { filterBranchType: 'UNIFIED_EVENTS', filterBranchOperator: 'AND', eventTypeId: '4-1639801', operator: 'HAS_COMPLETED', filters: [], filterBranches: [] };
const PAGE: Filter = { filterType: 'PAGE_VIEW', pageUrl: '/katalog', operator: 'HAS_PAGEVIEW_EQ' };
const EVENT_KEYS = [eventKey(FORM), eventKey(PAGE), MANUAL_KEY];

// Lists: 10 static; 20 active "blocked for marke_a" (implies the block for marke_a); 21 active
// "block property known" (implies every block); 22 active "country is DE" (implies nothing).
const enumF = (op: string, values: string[], include?: boolean, property = BP): Filter => ({
  filterType: 'PROPERTY',
  property,
  operation: { operationType: 'ENUMERATION', operator: op, values, ...(include === undefined ? {} : { includeObjectsWithNoValueSet: include }) },
});
const country = (operator: string, values: string[]): Filter => ({ filterType: 'PROPERTY', property: 'country', operation: { operationType: 'MULTISTRING', operator, values } });
const AND = (...kids: (Filter | FilterBranch)[]): FilterBranch => ({
  filterBranchType: 'AND',
  filterBranchOperator: 'AND',
  filters: kids.filter((k): k is Filter => !('filterBranchType' in k)),
  filterBranches: kids.filter((k): k is FilterBranch => 'filterBranchType' in k),
});
const OR = (...kids: FilterBranch[]): FilterBranch => ({ filterBranchType: 'OR', filterBranchOperator: 'OR', filters: [], filterBranches: kids });
const LISTS: Record<string, { processingType: string; filterBranch?: FilterBranch }> = {
  '10': { processingType: 'MANUAL' },
  '20': { processingType: 'DYNAMIC', filterBranch: OR(AND(enumF('IS_ANY_OF', ['marke_a']))) },
  '21': { processingType: 'DYNAMIC', filterBranch: OR(AND({ filterType: 'PROPERTY', property: BP, operation: { operationType: 'ALL_PROPERTY', operator: 'IS_KNOWN' } })) },
  '22': { processingType: 'DYNAMIC', filterBranch: OR(AND(country('IS_EQUAL_TO', ['DE']))) },
};
const resolveList = (id: string) => LISTS[id];
const FREE_LISTS = ['10'];

const someOf = (xs: string[]) => fc.subarray(xs, { minLength: 1 });
const include = fc.constantFrom<boolean | undefined>(true, false, undefined);

const leaf: fc.Arbitrary<Filter | FilterBranch> = fc.oneof(
  { arbitrary: fc.tuple(fc.constantFrom(...SET_OPS), someOf(VALUES), include).map(([op, v, inc]) => enumF(op, v, inc)), weight: 6 },
  { arbitrary: fc.tuple(fc.constantFrom('IS_EQUAL_TO', 'IS_NOT_EQUAL_TO'), someOf(COUNTRIES)).map(([op, v]) => country(op, v)), weight: 4 },
  { arbitrary: fc.tuple(fc.constantFrom('10', '20', '21', '22'), fc.boolean()).map(([listId, neg]): Filter => ({ filterType: 'IN_LIST', listId, operator: neg ? 'NOT_IN_LIST' : 'IN_LIST' })), weight: 2 },
  { arbitrary: fc.constantFrom<Filter | FilterBranch>(PAGE, FORM), weight: 1 },
);
const branch = (depth: number): fc.Arbitrary<FilterBranch> =>
  fc
    .tuple(
      fc.constantFrom('AND', 'AND', 'OR', 'NOT_ANY', 'NOT_ALL'),
      fc.array(depth > 1 ? fc.oneof({ arbitrary: leaf, weight: 3 }, { arbitrary: branch(depth - 1), weight: 1 }) : leaf, { minLength: 0, maxLength: 3 }),
    )
    .map(([t, kids]) => ({ ...AND(...kids), filterBranchType: t, filterBranchOperator: t === 'OR' ? 'OR' : 'AND' }));
const andBranch = branch(3).map((b) => ({ ...b, filterBranchType: 'AND', filterBranchOperator: 'AND' }));

const criteriaArb: fc.Arbitrary<EnrollmentCriteriaLike> = fc.oneof(
  {
    arbitrary: fc.record({
      children: fc.array(andBranch, { minLength: 1, maxLength: 3 }),
      triggers: fc.array(andBranch, { maxLength: 2 }),
      shouldReEnroll: fc.boolean(),
    }).map(({ children, triggers, shouldReEnroll }) => ({
      type: 'LIST_BASED',
      shouldReEnroll,
      unEnrollObjectsNotMeetingCriteria: false,
      listFilterBranch: OR(...children),
      reEnrollmentTriggersFilterBranches: triggers,
    })),
    weight: 6,
  },
  {
    arbitrary: fc.record({
      events: fc.array(fc.constant(FORM), { minLength: 1, maxLength: 2 }),
      memberships: fc.array(andBranch, { maxLength: 1 }),
      refinement: fc.option(branch(2), { nil: undefined }),
    }).map(({ events, memberships, refinement }) => ({
      type: 'EVENT_BASED',
      shouldReEnroll: false,
      eventFilterBranches: events,
      listMembershipFilterBranches: memberships,
      ...(refinement ? { refinementCriteria: refinement } : {}),
    })),
    weight: 3,
  },
  { arbitrary: fc.constant({ type: 'MANUAL', shouldReEnroll: false }), weight: 1 },
);

const contactArb: fc.Arbitrary<EvalContact> = fc
  .record({
    block: fc.subarray([...VALUES, 'marke_z']),
    country: fc.constantFrom<string | null>('DE', 'AT', 'CH', 'FR', null),
    lists: fc.subarray(FREE_LISTS),
    events: fc.array(fc.boolean(), { minLength: EVENT_KEYS.length, maxLength: EVENT_KEYS.length }),
  })
  .map((r) => ({
    properties: { [BP]: r.block.length ? r.block.join(';') : null, country: r.country },
    lists: new Set(r.lists),
    events: Object.fromEntries(EVENT_KEYS.map((k, i) => [k, r.events[i] === true])),
  }));

const caseArb = fc.record({
  criteria: criteriaArb,
  suppressionListIds: fc.subarray(['10', '20', '21', '22']),
  contacts: fc.array(contactArb, { minLength: 6, maxLength: 6 }),
});

const stats = { cases: 0, covered: 0, leaks: 0, witnesses: 0, contactChecks: 0, fixed: 0 };

describe('workflow audit (property-based, against the reference enrolment evaluator)', () => {
  it('covered brands enrol no blocked contact; witnesses pass their branch outside every suppression list; the fix covers', () => {
    fc.assert(
      fc.property(caseArb, ({ criteria, suppressionListIds, contacts }) => {
        const flow = { enrollmentCriteria: criteria, suppressionListIds };
        const verdicts = analyzeWorkflow(flow, { blockProperty: BP, brands: BRANDS, resolveList });
        const tests = enrolmentTests(flow as never);
        expect(verdicts).toHaveLength(tests.length * BRANDS.length);
        stats.cases++;
        for (const brand of BRANDS) {
          const mine = verdicts.filter((v) => v.brand === brand);
          if (mine.every((v) => v.covered)) {
            stats.covered++;
            for (const c of contacts) {
              if (!blockSetOf(c, BP).has(brand)) continue;
              stats.contactChecks++;
              for (const r of READINGS) {
                if (enrolled(flow as never, c, { ...r, resolveList })) throw new Error(`covered but enrolled: ${brand} ${JSON.stringify({ flow, c: { ...c, lists: [...c.lists] }, r })}`);
              }
            }
          }
          for (const v of mine) {
            if (v.covered) continue;
            stats.leaks++;
            expect(v.witness?.[BP]?.split(';')).toContain(brand);
            expect(v.reasons ?? []).not.toContain('witness-approximate');
            const w: EvalContact = {
              properties: { ...v.witness },
              lists: new Set(v.assumptions?.lists.filter((l) => l.member).map((l) => l.listId)),
              events: Object.fromEntries((v.assumptions?.unknown ?? []).map((u) => [eventKey(u.item), u.passes])),
            };
            const ok = READINGS.some((r) => {
              const o: EvalOptions = { ...r, resolveList };
              return tests[v.branch]!(w, o) && !suppressed(flow as never, w, o);
            });
            if (!ok) throw new Error(`witness does not enrol: ${JSON.stringify({ v, flow })}`);
            stats.witnesses++;
          }
        }
        // (3) the fix
        const leaks = verdicts.filter((v) => !v.covered);
        const fixed = fixEnrollment(criteria, leaks, BP);
        if (criteria.type === 'MANUAL') {
          expect(fixed === null || leaks.length === 0).toBe(true);
          return;
        }
        expect(fixed).not.toBeNull();
        const after = analyzeWorkflow({ enrollmentCriteria: fixed!, suppressionListIds }, { blockProperty: BP, brands: BRANDS, resolveList });
        expect(after).toHaveLength(verdicts.length);
        for (const v of after) expect(v.covered).toBe(true);
        if (leaks.length) stats.fixed++;
      }),
      { numRuns: Number(process.env.FC_RUNS_WORKFLOW ?? 10_000) },
    );
    expect(stats.covered).toBeGreaterThan(500);
    expect(stats.leaks).toBeGreaterThan(1000);
    expect(stats.witnesses).toBe(stats.leaks);
    expect(stats.fixed).toBeGreaterThan(500);
    console.info('workflow audit properties:', stats);
  }, 120_000);
});
