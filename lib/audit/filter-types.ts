// Permissive shapes of HubSpot list (segment) filters as the lists API v3 sends them
// (docs/hubspot.md "Filter grammar"). Unknown fields are allowed everywhere: HubSpot adds filter and
// branch types without notice, and the analysis must treat what it does not know as "may pass".
// Nothing here is validated; the zod schemas at the HubSpot boundary only check the outer shape.

export interface FilterBranch {
  /** OR, AND, NOT_ALL, NOT_ANY, ASSOCIATION, PROPERTY_ASSOCIATION, UNIFIED_EVENTS, RESTRICTED, … */
  filterBranchType: string;
  filterBranchOperator?: string;
  filters?: Filter[];
  filterBranches?: FilterBranch[];
  [k: string]: unknown;
}

/** PROPERTY, IN_LIST, CONSTANT and many event and engagement types. */
export type Filter = { filterType: string; [k: string]: unknown };

/** `operation` of a PROPERTY filter. */
export interface PropertyOperation {
  /** ENUMERATION, ALL_PROPERTY, STRING, NUMBER, MULTISTRING, BOOL, DATE, … */
  operationType: string;
  operator: string;
  values?: unknown[];
  value?: unknown;
  /** Result of the operator for a record without a value. Absent: HubSpot's default (false, *unverified*). */
  includeObjectsWithNoValueSet?: boolean;
  [k: string]: unknown;
}

export interface PropertyFilter extends Filter {
  filterType: 'PROPERTY';
  property: string;
  operation: PropertyOperation;
}

export interface InListFilter extends Filter {
  filterType: 'IN_LIST';
  listId: string;
  operator: 'IN_LIST' | 'NOT_IN_LIST' | (string & {});
}

export interface ConstantFilter extends Filter {
  filterType: 'CONSTANT';
  shouldAccept: boolean;
}
