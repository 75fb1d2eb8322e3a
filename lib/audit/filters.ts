// Reading HubSpot list filters: what one filter says, in a form the analysis, the fix and the
// human summary share. Pure; tolerant of every shape HubSpot may send (unknown → kind 'other').

import type { Filter, FilterBranch } from './filter-types';

/** Operators on the current value of a multi-checkbox (set) property. */
export const SET_OPERATORS = [
  'IS_ANY_OF',
  'IS_NONE_OF',
  'IS_EXACTLY',
  'IS_NOT_EXACTLY',
  'CONTAINS_ALL',
  'DOES_NOT_CONTAIN_ALL',
] as const;
export type SetOperator = (typeof SET_OPERATORS)[number];

export type HistoryBase = 'ANY_OF' | 'EXACTLY' | 'CONTAINED_ALL';

/** History forms: `ever` true for HAS_EVER_…, false for HAS_NEVER_… (the negation of the same test). */
export const HISTORY_OPERATORS: Readonly<Record<string, { base: HistoryBase; ever: boolean }>> = {
  HAS_EVER_BEEN_ANY_OF: { base: 'ANY_OF', ever: true },
  HAS_NEVER_BEEN_ANY_OF: { base: 'ANY_OF', ever: false },
  HAS_EVER_BEEN_EXACTLY: { base: 'EXACTLY', ever: true },
  HAS_NEVER_BEEN_EXACTLY: { base: 'EXACTLY', ever: false },
  HAS_EVER_CONTAINED_ALL: { base: 'CONTAINED_ALL', ever: true },
  HAS_NEVER_CONTAINED_ALL: { base: 'CONTAINED_ALL', ever: false },
};

/** IS_KNOWN / IS_UNKNOWN (HubSpot also spells it IS_NOT_KNOWN), under any operationType. */
export const KNOWN_OPERATORS: Readonly<Record<string, boolean>> = {
  IS_KNOWN: true,
  IS_UNKNOWN: false,
  IS_NOT_KNOWN: false,
};

/** Branch types whose children the analysis evaluates (analyze.ts); any other branch type is opaque. */
export const BOOLEAN_BRANCHES: ReadonlySet<string> = new Set(['OR', 'AND', 'NOT_ALL', 'NOT_ANY']);

/** Equality on single-valued STRING and NUMBER properties; the flag says "negated". */
export const EQUALITY_OPERATORS: Readonly<Record<string, boolean>> = {
  IS_EQUAL_TO: false,
  IS_NOT_EQUAL_TO: true,
};

export type ParsedFilter =
  | { kind: 'set'; property: string; operator: SetOperator; values: string[]; includeNoValue: boolean | undefined }
  | { kind: 'history'; property: string; operator: string; base: HistoryBase; ever: boolean; values: string[] }
  | { kind: 'known'; property: string; known: boolean }
  | {
      kind: 'equality';
      property: string;
      valueType: 'string' | 'number';
      negated: boolean;
      /** Numbers in canonical form (String(Number(v))). */
      value: string;
      /** Every value the operator names (MULTISTRING: equal to any of them); `value` is the first. */
      values: string[];
      includeNoValue: boolean | undefined;
    }
  /** A PROPERTY filter whose operation is not modelled (other operators, other operation types, malformed). */
  | { kind: 'property-other'; property: string; operationType: string; operator: string }
  | { kind: 'in-list'; listId: string; negated: boolean }
  | { kind: 'constant'; accept: boolean }
  /** Events, engagement, malformed filters: nothing is known about them. */
  | { kind: 'other'; filterType: string };

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export function isFilterBranch(x: unknown): x is FilterBranch {
  return isRecord(x) && typeof x.filterBranchType === 'string';
}

/** The children of a branch: its filters, then its nested branches. Malformed entries are kept
 *  (they evaluate as unknown). */
export function branchChildren(b: FilterBranch): (Filter | FilterBranch)[] {
  const out: (Filter | FilterBranch)[] = [];
  if (Array.isArray(b.filters)) for (const f of b.filters) out.push(f);
  if (Array.isArray(b.filterBranches)) for (const c of b.filterBranches) out.push(c);
  return out;
}

function stringValues(op: Record<string, unknown>): string[] | undefined {
  const raw = op.values;
  if (Array.isArray(raw)) {
    const out: string[] = [];
    for (const v of raw) {
      if (typeof v === 'string') out.push(v);
      else if (typeof v === 'number' && Number.isFinite(v)) out.push(String(v));
      else return undefined;
    }
    return [...new Set(out)];
  }
  if (typeof op.value === 'string') return [op.value];
  return undefined;
}

function includeNoValue(op: Record<string, unknown>): boolean | undefined {
  const v = op.includeObjectsWithNoValueSet;
  return typeof v === 'boolean' ? v : undefined;
}

export function canonicalNumber(v: unknown): string | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : undefined;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? String(n) : undefined;
  }
  return undefined;
}

/** What one filter says. Never throws. */
export function parseFilter(f: unknown): ParsedFilter {
  if (!isRecord(f) || typeof f.filterType !== 'string') return { kind: 'other', filterType: 'MALFORMED' };
  const filterType = f.filterType;
  if (filterType === 'CONSTANT') {
    return typeof f.shouldAccept === 'boolean' ? { kind: 'constant', accept: f.shouldAccept } : { kind: 'other', filterType };
  }
  if (filterType === 'IN_LIST') {
    const id = typeof f.listId === 'string' ? f.listId : typeof f.listId === 'number' ? String(f.listId) : undefined;
    if (id === undefined || (f.operator !== 'IN_LIST' && f.operator !== 'NOT_IN_LIST')) return { kind: 'other', filterType };
    return { kind: 'in-list', listId: id, negated: f.operator === 'NOT_IN_LIST' };
  }
  if (filterType !== 'PROPERTY') return { kind: 'other', filterType };
  if (typeof f.property !== 'string' || !isRecord(f.operation)) return { kind: 'other', filterType };
  const property = f.property;
  const op = f.operation;
  const operationType = typeof op.operationType === 'string' ? op.operationType : '';
  const operator = typeof op.operator === 'string' ? op.operator : '';
  const other = { kind: 'property-other', property, operationType, operator } as const;

  const known = KNOWN_OPERATORS[operator];
  if (known !== undefined) return { kind: 'known', property, known };

  if (operationType === 'ENUMERATION') {
    if ((SET_OPERATORS as readonly string[]).includes(operator)) {
      const values = stringValues(op);
      if (!values) return other;
      return { kind: 'set', property, operator: operator as SetOperator, values, includeNoValue: includeNoValue(op) };
    }
    const hist = HISTORY_OPERATORS[operator];
    if (hist) {
      const values = stringValues(op);
      if (!values) return other;
      return { kind: 'history', property, operator, base: hist.base, ever: hist.ever, values };
    }
    return other;
  }
  // Lists v3 writes string properties as MULTISTRING with a `values` array: IS_EQUAL_TO = equal to
  // any of them, IS_NOT_EQUAL_TO = equal to none of them (the reading of several values is
  // *assumed*, see docs/hubspot-workflows.md). Every value is modelled, so a witness satisfies it.
  const multi = operationType === 'MULTISTRING';
  if (operationType === 'STRING' || operationType === 'NUMBER' || multi) {
    const negated = EQUALITY_OPERATORS[operator];
    if (negated === undefined) return other;
    let values: string[] | undefined;
    if (operationType === 'NUMBER') {
      const n = canonicalNumber(op.value);
      values = n === undefined ? undefined : [n];
    } else if (multi) {
      const raw = Array.isArray(op.values) ? op.values : typeof op.value === 'string' ? [op.value] : [];
      values = raw.length > 0 && raw.every((v): v is string => typeof v === 'string' && v !== '') ? [...new Set(raw)] : undefined;
    } else values = typeof op.value === 'string' && op.value !== '' ? [op.value] : undefined;
    if (values === undefined) return other;
    return {
      kind: 'equality',
      property,
      valueType: operationType === 'NUMBER' ? 'number' : 'string',
      negated,
      value: values[0]!,
      values,
      includeNoValue: includeNoValue(op),
    };
  }
  return other;
}

/** A stable text for a filter or branch (keys sorted): equal filters are the same condition. */
export function fingerprint(x: unknown): string {
  return JSON.stringify(sortKeys(x));
}

function sortKeys(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(sortKeys);
  if (isRecord(x)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(x).sort()) out[k] = sortKeys(x[k]);
    return out;
  }
  return x;
}
