// Evaluates a Lists v3 filterBranch against one record, to compute DYNAMIC list membership.
// Grammar: docs/hubspot.md "Filter grammar". Branch types OR, AND, NOT_ALL, NOT_ANY;
// filter types PROPERTY, IN_LIST, CONSTANT. Anything else (ASSOCIATION branches, event filters,
// unknown operators) does not match: the fake knows no events or associations.
//
// Reading of HubSpot's semantics (*unverified* where HubSpot's docs say nothing):
// - A multi-checkbox value is the set of `;`-separated option values; "" or null = no value.
// - Positive operators (IS_ANY_OF, IS_EXACTLY, CONTAINS_ALL, IS_EQUAL_TO, CONTAINS, …) never match a
//   record without a value. Negative operators (IS_NONE_OF, IS_NOT_EXACTLY, DOES_NOT_CONTAIN_ALL,
//   IS_NOT_EQUAL_TO, DOES_NOT_CONTAIN, …) match a record without a value only when
//   `includeObjectsWithNoValueSet` is true.
// - An AND branch without children passes; an OR branch without children fails.
// - String comparisons (STRING, MULTISTRING) ignore case; enumeration values are compared exactly.
import type { FilterBranch, HistoryEntry, ListFilter } from './types';

export interface RecordView {
  /** Current value of a property as HubSpot stores it (string) or null. */
  value(property: string): string | null;
  /** History of a property, newest first (for HAS_EVER_BEEN_* operators). */
  history(property: string): readonly HistoryEntry[];
  /** Is this record a member of that list? Undefined when the list does not exist. */
  inList(listId: string): boolean | undefined;
}

export function tokensOf(value: string | null | undefined): string[] {
  if (value == null) return [];
  return value
    .split(';')
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
}

function hasValue(v: string | null): v is string {
  return v != null && v.trim() !== '';
}

function strValues(op: { values?: unknown[]; value?: unknown }): string[] {
  if (Array.isArray(op.values)) return op.values.map((v) => String(v));
  if (op.value !== undefined && op.value !== null) return [String(op.value)];
  return [];
}

export function evaluateBranch(branch: FilterBranch | undefined, rec: RecordView): boolean {
  if (!branch || typeof branch !== 'object') return false;
  const children: Array<() => boolean> = [];
  for (const f of Array.isArray(branch.filters) ? branch.filters : []) children.push(() => evaluateFilter(f, rec));
  for (const b of Array.isArray(branch.filterBranches) ? branch.filterBranches : [])
    children.push(() => evaluateBranch(b, rec));
  switch (branch.filterBranchType) {
    case 'OR':
      return children.some((c) => c());
    case 'AND':
      return children.every((c) => c());
    case 'NOT_ALL':
      return !children.every((c) => c());
    case 'NOT_ANY':
      return !children.some((c) => c());
    default:
      // ASSOCIATION, PROPERTY_ASSOCIATION, UNIFIED_EVENTS, RESTRICTED, unknown: the fake cannot tell.
      return false;
  }
}

export function evaluateFilter(filter: ListFilter, rec: RecordView): boolean {
  if (!filter || typeof filter !== 'object') return false;
  switch (filter.filterType) {
    case 'CONSTANT':
      return filter.shouldAccept === true;
    case 'IN_LIST': {
      const member = rec.inList(String(filter.listId ?? ''));
      if (filter.operator === 'NOT_IN_LIST') return member !== true;
      if (filter.operator === 'IN_LIST' || filter.operator === undefined) return member === true;
      return false;
    }
    case 'PROPERTY':
      return evaluatePropertyFilter(filter, rec);
    default:
      return false;
  }
}

function evaluatePropertyFilter(filter: ListFilter, rec: RecordView): boolean {
  const op = filter.operation;
  const prop = filter.property;
  if (!op || typeof op !== 'object' || typeof prop !== 'string') return false;
  const value = rec.value(prop);
  const known = hasValue(value);
  const includeEmpty = op.includeObjectsWithNoValueSet === true;
  const operator = String(op.operator);

  // Known/unknown work for every operation type.
  if (operator === 'IS_KNOWN') return known;
  if (operator === 'IS_UNKNOWN' || operator === 'IS_NOT_KNOWN') return !known;
  if (op.operationType === 'ALL_PROPERTY') return false;

  switch (op.operationType) {
    case 'ENUMERATION':
      return evaluateEnumeration(operator, strValues(op), value, includeEmpty, rec.history(prop));
    case 'MULTISTRING':
    case 'STRING':
      return evaluateString(operator, strValues(op), value, includeEmpty);
    case 'NUMBER':
      return evaluateNumber(operator, op, value, includeEmpty);
    case 'BOOL':
      if (!known) return includeEmpty && operator === 'IS_NOT_EQUAL_TO';
      if (operator === 'IS_EQUAL_TO') return value.toLowerCase() === String(op.value).toLowerCase();
      if (operator === 'IS_NOT_EQUAL_TO') return value.toLowerCase() !== String(op.value).toLowerCase();
      return false;
    default:
      return false;
  }
}

function evaluateEnumeration(
  operator: string,
  values: string[],
  value: string | null,
  includeEmpty: boolean,
  history: readonly HistoryEntry[],
): boolean {
  const tokens = new Set(tokensOf(value));
  const known = tokens.size > 0;
  const anyOf = (set: ReadonlySet<string>) => values.some((v) => set.has(v));
  const allOf = (set: ReadonlySet<string>) => values.every((v) => set.has(v));
  const exactly = (set: ReadonlySet<string>) => set.size === new Set(values).size && allOf(set);
  const past = () => history.map((h) => new Set(tokensOf(h.value)));
  switch (operator) {
    case 'IS_ANY_OF':
      return known && anyOf(tokens);
    case 'IS_NONE_OF':
      return known ? !anyOf(tokens) : includeEmpty;
    case 'IS_EXACTLY':
      return known && exactly(tokens);
    case 'IS_NOT_EXACTLY':
      return known ? !exactly(tokens) : includeEmpty;
    case 'CONTAINS_ALL':
      return known && allOf(tokens);
    case 'DOES_NOT_CONTAIN_ALL':
      return known ? !allOf(tokens) : includeEmpty;
    case 'HAS_EVER_BEEN_ANY_OF':
      return past().some(anyOf);
    case 'HAS_NEVER_BEEN_ANY_OF':
      return !past().some(anyOf);
    case 'HAS_EVER_BEEN_EXACTLY':
      return past().some(exactly);
    case 'HAS_NEVER_BEEN_EXACTLY':
      return !past().some(exactly);
    case 'HAS_EVER_CONTAINED_ALL':
      return past().some(allOf);
    case 'HAS_NEVER_CONTAINED_ALL':
      return !past().some(allOf);
    default:
      return false;
  }
}

function evaluateString(operator: string, values: string[], value: string | null, includeEmpty: boolean): boolean {
  if (!hasValue(value)) {
    const negative = ['IS_NOT_EQUAL_TO', 'DOES_NOT_CONTAIN', 'DOES_NOT_START_WITH', 'DOES_NOT_END_WITH'];
    return negative.includes(operator) ? includeEmpty : false;
  }
  const v = value.toLowerCase();
  const vs = values.map((x) => x.toLowerCase());
  switch (operator) {
    case 'IS_EQUAL_TO':
      return vs.includes(v);
    case 'IS_NOT_EQUAL_TO':
      return !vs.includes(v);
    case 'CONTAINS':
      return vs.some((x) => v.includes(x));
    case 'DOES_NOT_CONTAIN':
      return !vs.some((x) => v.includes(x));
    case 'STARTS_WITH':
      return vs.some((x) => v.startsWith(x));
    case 'DOES_NOT_START_WITH':
      return !vs.some((x) => v.startsWith(x));
    case 'ENDS_WITH':
      return vs.some((x) => v.endsWith(x));
    case 'DOES_NOT_END_WITH':
      return !vs.some((x) => v.endsWith(x));
    default:
      return false;
  }
}

function evaluateNumber(
  operator: string,
  op: { value?: unknown; lowerBound?: unknown; upperBound?: unknown },
  value: string | null,
  includeEmpty: boolean,
): boolean {
  if (!hasValue(value)) return operator === 'IS_NOT_EQUAL_TO' ? includeEmpty : false;
  const n = Number(value);
  const x = Number(op.value);
  if (Number.isNaN(n)) return false;
  switch (operator) {
    case 'IS_EQUAL_TO':
      return n === x;
    case 'IS_NOT_EQUAL_TO':
      return n !== x;
    case 'IS_GREATER_THAN':
      return n > x;
    case 'IS_GREATER_THAN_OR_EQUAL_TO':
      return n >= x;
    case 'IS_LESS_THAN':
      return n < x;
    case 'IS_LESS_THAN_OR_EQUAL_TO':
      return n <= x;
    case 'IS_BETWEEN':
      return n >= Number(op.lowerBound) && n <= Number(op.upperBound);
    case 'IS_NOT_BETWEEN':
      return n < Number(op.lowerBound) || n > Number(op.upperBound);
    default:
      return false;
  }
}
