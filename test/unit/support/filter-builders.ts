// Small builders for HubSpot filter trees in tests (shapes as in docs/hubspot.md "Filter grammar").
import type { Filter, FilterBranch } from '../../../lib/audit/filter-types';

export const BP = 'post_sperre_marken';

type Kid = Filter | FilterBranch;
const isBranch = (k: Kid): k is FilterBranch => typeof (k as FilterBranch).filterBranchType === 'string';

export function branch(type: string, ...kids: Kid[]): FilterBranch {
  return {
    filterBranchType: type,
    filterBranchOperator: type === 'OR' ? 'OR' : 'AND',
    filters: kids.filter((k): k is Filter => !isBranch(k)),
    filterBranches: kids.filter(isBranch),
  };
}
export const AND = (...kids: Kid[]) => branch('AND', ...kids);
export const OR = (...kids: Kid[]) => branch('OR', ...kids);
export const NOT_ANY = (...kids: Kid[]) => branch('NOT_ANY', ...kids);
export const NOT_ALL = (...kids: Kid[]) => branch('NOT_ALL', ...kids);

export function enumF(operator: string, values: string[], include?: boolean, property = BP): Filter {
  return {
    filterType: 'PROPERTY',
    property,
    operation: {
      operationType: 'ENUMERATION',
      operator,
      values,
      ...(include === undefined ? {} : { includeObjectsWithNoValueSet: include }),
    },
  };
}
export function known(operator: 'IS_KNOWN' | 'IS_UNKNOWN' | 'IS_NOT_KNOWN', property = BP): Filter {
  return { filterType: 'PROPERTY', property, operation: { operationType: 'ALL_PROPERTY', operator } };
}
export function str(property: string, operator: string, value: string, include?: boolean): Filter {
  return {
    filterType: 'PROPERTY',
    property,
    operation: { operationType: 'STRING', operator, value, ...(include === undefined ? {} : { includeObjectsWithNoValueSet: include }) },
  };
}
export function num(property: string, operator: string, value: number): Filter {
  return { filterType: 'PROPERTY', property, operation: { operationType: 'NUMBER', operator, value } };
}
export const countryIs = (v: string) => str('country', 'IS_EQUAL_TO', v);
export const inList = (listId: string, negated = false): Filter => ({
  filterType: 'IN_LIST',
  listId,
  operator: negated ? 'NOT_IN_LIST' : 'IN_LIST',
});
export const constant = (shouldAccept: boolean): Filter => ({ filterType: 'CONSTANT', shouldAccept });
export const pageView = (url: string): Filter => ({
  filterType: 'PAGE_VIEW',
  pageUrl: url,
  operator: 'HAS_PAGEVIEW_EQ',
});
