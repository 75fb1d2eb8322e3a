// Sound analysis of an active list's filter (docs/domain.md rule 5): for each child of the root OR
// branch and each brand X, can a contact blocked for X (X ∈ its block set) pass that child?
//
// How: the contact is abstracted to finitely many variables, and a depth-first search looks for an
// assignment under which the child passes, evaluating the tree in three-valued (Kleene) logic over
// partial assignments (false / true / "undecided: decide variable k next"):
//   - the block property: one bit per value of its universe U = {X} ∪ values named by filters on it
//     ∪ {one fresh value}; X's bit is fixed to true (a blocked contact). One fresh value suffices:
//     filters only test membership of named values and whether the set holds anything else;
//   - other properties: a set of bits (ENUMERATION filters) or one value out of
//     {named values, one fresh value, no value} (STRING / NUMBER equality);
//   - whatever cannot be known from property values is a free boolean: event and engagement
//     filters, unknown operators or operation types, branches about other objects, membership of
//     static, unknown and cyclic lists. Equal filters share one variable;
//   - active (DYNAMIC) lists in IN_LIST / NOT_IN_LIST are evaluated on the same contact (a list on a
//     reference cycle is free instead);
//   - history operators (HAS_EVER_…/HAS_NEVER_…) of the block property are free booleans whose
//     combination must be realisable by some property history (checked exactly);
//   - HubSpot's reading of an unset includeObjectsWithNoValueSet is one global variable: "false"
//     (documented default) or "the operator's own result on no value" (e.g. IS_NONE_OF → true).
// Kleene evaluation never says true or false wrongly, and the search branches on every variable
// it needs, so "no assignment passes" is a proof (covered) and a found assignment is a real leak
// witness for the model. Where the model is coarser than HubSpot (mixed operation types on one
// property, look-alike string values, caps), the filter becomes a free boolean: still sound, and
// the verdict says 'witness-approximate'.

import type { Filter, FilterBranch } from './filter-types';
import type { BranchLeak, Witness } from './types';
import {
  BOOLEAN_BRANCHES,
  branchChildren,
  fingerprint,
  isFilterBranch,
  parseFilter,
  type HistoryBase,
  type ParsedFilter,
  type SetOperator,
} from './filters';

export type ListResolver = (listId: string) => { processingType: string; filterBranch?: FilterBranch } | undefined;

/** What a leak witness relies on besides property values. */
export interface WitnessAssumptions {
  /** Truth values assumed for filters and branches whose result property values do not decide. */
  unknown: { item: Filter | FilterBranch; passes: boolean }[];
  /** Membership assumed in static (MANUAL, SNAPSHOT), unknown or cyclic lists. */
  lists: { listId: string; member: boolean }[];
  /** Past values of the block property the witness needs (newest first, `;`-joined, '' = cleared). */
  history?: Record<string, string[]>;
  /** Which reading of an unset includeObjectsWithNoValueSet the witness needs. */
  noValueDefault?: 'false' | 'natural';
}

export interface BranchVerdict {
  branch: number;
  brand: string;
  covered: boolean;
  /** Set when !covered: property values of a contact blocked for `brand` that passes the branch. */
  witness?: Witness;
  /** Short machine-readable notes on what the witness assumes, e.g. 'unknown-filter:PAGE_VIEW', 'static-list:456'. */
  reasons?: string[];
  /** Details behind `reasons` (truth values, memberships, history). */
  assumptions?: WitnessAssumptions;
}

export interface AnalyzeOptions {
  blockProperty: string;
  brands: string[];
  resolveList?: ListResolver;
  /** Search steps per (branch, brand) before giving up with a conservative leak. Default 50,000. */
  searchBudget?: number;
}

/** Steps of the search per (branch, brand) before giving up conservatively (verdict: leak). */
const SEARCH_BUDGET = 50_000;
/** Largest block-property universe for which histories are checked exactly. */
const HISTORY_CAP = 12;

// ---------------------------------------------------------------------------------------------
// Three-valued results: 0 false, 1 true, a string: undecided, and the variable to decide next.

type R = 0 | 1 | string;

function not(a: R): R {
  return a === 0 ? 1 : a === 1 ? 0 : a;
}
function and(a: R, b: R): R {
  if (a === 0 || b === 0) return 0;
  if (a === 1) return b;
  return a;
}
function or(a: R, b: R): R {
  if (a === 1 || b === 1) return 1;
  if (a === 0) return b;
  return a;
}

// ---------------------------------------------------------------------------------------------
// Lists

type ListInfo =
  | { kind: 'dynamic'; branch: FilterBranch }
  | { kind: 'static'; processingType: string }
  | { kind: 'unknown' };

class Lists {
  private info = new Map<string, ListInfo>();
  private refsMemo = new Map<string, string[]>();
  private cyclicMemo = new Map<string, boolean>();
  constructor(private readonly resolver: ListResolver | undefined) {}

  get(id: string): ListInfo {
    let i = this.info.get(id);
    if (!i) {
      let raw: ReturnType<ListResolver>;
      try {
        raw = this.resolver?.(id);
      } catch {
        raw = undefined;
      }
      if (!raw) i = { kind: 'unknown' };
      else if (raw.processingType === 'DYNAMIC' && isFilterBranch(raw.filterBranch)) i = { kind: 'dynamic', branch: raw.filterBranch };
      else if (raw.processingType === 'DYNAMIC') i = { kind: 'unknown' };
      else i = { kind: 'static', processingType: String(raw.processingType) };
      this.info.set(id, i);
    }
    return i;
  }

  /** Lists referenced by the evaluated part of a dynamic list's filter. */
  private refs(id: string): string[] {
    let r = this.refsMemo.get(id);
    if (!r) {
      r = [];
      const i = this.get(id);
      if (i.kind === 'dynamic') {
        const out = r;
        walk(i.branch, (f) => {
          const p = parseFilter(f);
          if (p.kind === 'in-list') out.push(p.listId);
        });
      }
      this.refsMemo.set(id, r);
    }
    return r;
  }

  /** True when the list's membership depends on itself through active-list references. */
  cyclic(id: string): boolean {
    let c = this.cyclicMemo.get(id);
    if (c === undefined) {
      c = false;
      const seen = new Set<string>();
      const stack = [...this.refs(id)];
      while (stack.length) {
        const next = stack.pop()!;
        if (next === id) {
          c = true;
          break;
        }
        if (seen.has(next)) continue;
        seen.add(next);
        stack.push(...this.refs(next));
      }
      this.cyclicMemo.set(id, c);
    }
    return c;
  }
}

/** Visits the filters of the parts of a tree that are evaluated (boolean branches), not lists. */
function walk(node: Filter | FilterBranch, onFilter: (f: Filter) => void): void {
  if (isFilterBranch(node)) {
    if (!BOOLEAN_BRANCHES.has(node.filterBranchType)) return;
    for (const c of branchChildren(node)) walk(c, onFilter);
  } else {
    onFilter(node);
  }
}

// ---------------------------------------------------------------------------------------------
// The model of one contact

interface PropModel {
  name: string;
  kind: 'set' | 'string' | 'number' | 'opaque';
  /** set: the values that get a bit (fresh value last); string/number: named values, then fresh. */
  universe: string[];
  /** Why the property is opaque. */
  opaque?: string;
}

type VarInfo =
  | { kind: 'bit'; prop: string; value: string }
  | { kind: 'scalar'; prop: string; domain: (string | null)[] }
  | { kind: 'unknown'; item: Filter | FilterBranch; note: string; approximate: boolean }
  | { kind: 'list'; listId: string; note: string }
  | { kind: 'history'; base: HistoryBase; values: string[]; operator: string }
  | { kind: 'noValue' };

type Value = boolean | string | null;

/** Per root child: which properties and values its evaluated parts mention. */
interface Collected {
  props: Map<string, { setValues: string[]; eqString: string[]; eqNumber: string[]; histValues: string[] }>;
}

function collect(child: Filter | FilterBranch, lists: Lists, parsed: (f: Filter) => ParsedFilter): Collected {
  const props: Collected['props'] = new Map();
  const entry = (p: string) => {
    let e = props.get(p);
    if (!e) {
      e = { setValues: [], eqString: [], eqNumber: [], histValues: [] };
      props.set(p, e);
    }
    return e;
  };
  const seenLists = new Set<string>();
  const visit = (node: Filter | FilterBranch) =>
    walk(node, (f) => {
      const p = parsed(f);
      switch (p.kind) {
        case 'set':
          entry(p.property).setValues.push(...p.values);
          break;
        case 'history':
          entry(p.property).histValues.push(...p.values);
          break;
        case 'equality':
          (p.valueType === 'number' ? entry(p.property).eqNumber : entry(p.property).eqString).push(...p.values);
          break;
        case 'known':
        case 'property-other':
          entry(p.property);
          break;
        case 'in-list': {
          if (seenLists.has(p.listId)) break;
          seenLists.add(p.listId);
          const info = lists.get(p.listId);
          if (info.kind === 'dynamic' && !lists.cyclic(p.listId)) visit(info.branch);
          break;
        }
        default:
          break;
      }
    });
  visit(child);
  return { props };
}

function uniq(xs: string[]): string[] {
  return [...new Set(xs)];
}

function freshString(taken: string[], base: string, caseInsensitive: boolean): string {
  const norm = (s: string) => (caseInsensitive ? s.toLowerCase() : s);
  const t = new Set(taken.map(norm));
  if (!t.has(norm(base))) return base;
  for (let i = 2; ; i++) if (!t.has(norm(`${base}${i}`))) return `${base}${i}`;
}

function buildModels(c: Collected, blockProperty: string, brand: string, brands: string[]): Map<string, PropModel> {
  const models = new Map<string, PropModel>();
  // The block property first (witness order), always a set with the brand's bit fixed.
  const bp = c.props.get(blockProperty);
  const named = uniq([brand, ...(bp?.setValues ?? []), ...(bp?.histValues ?? [])]);
  const fresh = brands.find((b) => !named.includes(b)) ?? freshString(named, 'other', false);
  models.set(blockProperty, { name: blockProperty, kind: 'set', universe: [...named, fresh] });

  for (const [name, e] of c.props) {
    if (name === blockProperty) continue;
    const kinds = [e.setValues.length ? 'set' : '', e.eqString.length ? 'string' : '', e.eqNumber.length ? 'number' : ''].filter(Boolean);
    if (kinds.length > 1) {
      models.set(name, { name, kind: 'opaque', universe: [], opaque: 'mixed-operations' });
      continue;
    }
    const kind = (kinds[0] ?? 'string') as 'set' | 'string' | 'number';
    if (kind === 'set') {
      const vals = uniq(e.setValues);
      models.set(name, { name, kind, universe: [...vals, freshString(vals, 'other', false)] });
    } else if (kind === 'number') {
      const vals = uniq(e.eqNumber);
      let f = 0;
      const nums = vals.map(Number);
      if (nums.includes(f)) f = Math.floor(Math.max(...nums)) + 1;
      models.set(name, { name, kind, universe: [...vals, String(f)] });
    } else {
      const vals = uniq(e.eqString);
      // HubSpot may compare strings case-insensitively (unverified): values that differ only in
      // case cannot be modelled under both readings.
      if (new Set(vals.map((v) => v.toLowerCase())).size !== vals.length) {
        models.set(name, { name, kind: 'opaque', universe: [], opaque: 'case-variants' });
        continue;
      }
      models.set(name, { name, kind, universe: [...vals, freshString(vals, 'other', true)] });
    }
  }
  return models;
}

// ---------------------------------------------------------------------------------------------
// Evaluation over a partial assignment

class Analysis {
  readonly asg = new Map<string, Value>();
  readonly vars = new Map<string, VarInfo>();
  private subsets: number[] | undefined;

  constructor(
    readonly blockProperty: string,
    readonly brand: string,
    readonly models: Map<string, PropModel>,
    readonly lists: Lists,
    readonly parsed: (f: Filter) => ParsedFilter,
  ) {}

  node(n: Filter | FilterBranch): R {
    return isFilterBranch(n) ? this.branch(n) : this.filter(n);
  }

  private branch(b: FilterBranch): R {
    const kids = branchChildren(b);
    switch (b.filterBranchType) {
      case 'AND':
        return this.all(kids);
      case 'OR':
        return this.any(kids);
      case 'NOT_ALL':
        return not(this.all(kids));
      case 'NOT_ANY':
        return not(this.any(kids));
      default:
        return this.unknown(b, `unknown-branch:${b.filterBranchType}`, false);
    }
  }

  private all(kids: (Filter | FilterBranch)[]): R {
    let u: R = 1;
    for (const k of kids) {
      const r = this.node(k);
      if (r === 0) return 0;
      if (u === 1) u = r;
    }
    return u;
  }

  private any(kids: (Filter | FilterBranch)[]): R {
    let u: R = 0;
    for (const k of kids) {
      const r = this.node(k);
      if (r === 1) return 1;
      if (u === 0) u = r;
    }
    return u;
  }

  private filter(f: Filter): R {
    const p = this.parsed(f);
    switch (p.kind) {
      case 'constant':
        return p.accept ? 1 : 0;
      case 'in-list': {
        const r = this.membership(p.listId);
        return p.negated ? not(r) : r;
      }
      case 'other':
        return this.unknown(f, `unknown-filter:${p.filterType}`, false);
      case 'property-other':
        return this.unknown(f, `unknown-operator:${p.property}:${p.operationType}:${p.operator}`, false);
      default:
        return this.property(p, f);
    }
  }

  private membership(listId: string): R {
    const info = this.lists.get(listId);
    if (info.kind === 'dynamic') {
      if (this.lists.cyclic(listId)) return this.listVar(listId, `list-cycle:${listId}`);
      return this.node(info.branch);
    }
    if (info.kind === 'static') return this.listVar(listId, `static-list:${listId}`);
    return this.listVar(listId, `unknown-list:${listId}`);
  }

  private property(p: Exclude<ParsedFilter, { kind: 'constant' | 'in-list' | 'other' | 'property-other' }>, f: Filter): R {
    const m = this.models.get(p.property);
    if (!m || m.kind === 'opaque') return this.unknown(f, `approximate:${p.property}:${m?.opaque ?? 'unmodelled'}`, true);
    switch (p.kind) {
      case 'known': {
        const nonEmpty = m.kind === 'set' ? this.nonEmpty(m) : this.scalarKnown(m);
        return p.known ? nonEmpty : not(nonEmpty);
      }
      case 'set':
        if (m.kind !== 'set') return this.unknown(f, `approximate:${p.property}:mixed-operations`, true);
        return this.setOp(m, p.operator, p.values, p.includeNoValue);
      case 'history':
        if (p.property !== this.blockProperty) return this.unknown(f, `approximate:${p.property}:history`, true);
        return this.history(p.base, p.values, p.ever, p.operator);
      case 'equality': {
        if (m.kind !== p.valueType) return this.unknown(f, `approximate:${p.property}:mixed-operations`, true);
        const key = scalarKey(m.name);
        const v = this.asg.get(key);
        if (v === undefined) return this.register(key, { kind: 'scalar', prop: m.name, domain: [...m.universe, null] });
        if (v === null) return this.noValue(p.negated, p.includeNoValue);
        return p.values.includes(v as string) !== p.negated ? 1 : 0;
      }
    }
  }

  private bit(prop: string, value: string): R {
    if (prop === this.blockProperty && value === this.brand) return 1;
    const key = bitKey(prop, value);
    const v = this.asg.get(key);
    if (v === undefined) return this.register(key, { kind: 'bit', prop, value });
    return v ? 1 : 0;
  }

  private nonEmpty(m: PropModel): R {
    let r: R = 0;
    for (const v of m.universe) {
      r = or(r, this.bit(m.name, v));
      if (r === 1) return 1;
    }
    return r;
  }

  private scalarKnown(m: PropModel): R {
    const key = scalarKey(m.name);
    const v = this.asg.get(key);
    if (v === undefined) return this.register(key, { kind: 'scalar', prop: m.name, domain: [...m.universe, null] });
    return v === null ? 0 : 1;
  }

  private setOp(m: PropModel, op: SetOperator, values: string[], include: boolean | undefined): R {
    let any: R = 0; // S ∩ V ≠ ∅
    let all: R = 1; // V ⊆ S
    for (const v of values) {
      const b = this.bit(m.name, v);
      any = or(any, b);
      all = and(all, b);
    }
    let outside: R = 0; // S \ V ≠ ∅
    for (const u of m.universe) {
      if (values.includes(u)) continue;
      outside = or(outside, this.bit(m.name, u));
      if (outside === 1) break;
    }
    const exactly = and(all, not(outside));
    let res: R;
    switch (op) {
      case 'IS_ANY_OF':
        res = any;
        break;
      case 'IS_NONE_OF':
        res = not(any);
        break;
      case 'IS_EXACTLY':
        res = exactly;
        break;
      case 'IS_NOT_EXACTLY':
        res = not(exactly);
        break;
      case 'CONTAINS_ALL':
        res = all;
        break;
      case 'DOES_NOT_CONTAIN_ALL':
        res = not(all);
        break;
    }
    const empty = and(not(any), not(outside));
    if (empty === 0) return res;
    // The operator's own result on the empty set (no value), used by the "natural" reading.
    const natural =
      op === 'IS_NONE_OF' ||
      ((op === 'IS_NOT_EXACTLY' || op === 'DOES_NOT_CONTAIN_ALL') && values.length > 0) ||
      ((op === 'IS_EXACTLY' || op === 'CONTAINS_ALL') && values.length === 0);
    const nv = this.noValue(natural, include);
    if (empty === 1) return nv;
    if (nv === res && typeof nv === 'number') return nv;
    return or(and(empty, nv), and(not(empty), res));
  }

  /** Result of an operator for a record without a value. */
  private noValue(natural: boolean, include: boolean | undefined): R {
    if (include !== undefined) return include ? 1 : 0;
    if (!natural) return 0;
    const v = this.asg.get(NO_VALUE_KEY);
    if (v === undefined) return this.register(NO_VALUE_KEY, { kind: 'noValue' });
    return v ? 1 : 0;
  }

  private history(base: HistoryBase, values: string[], ever: boolean, operator: string): R {
    const vals = [...values].sort();
    const key = `h\u0000${base}\u0000${vals.join('\u0001')}`;
    const v = this.asg.get(key);
    const r: R = v === undefined ? this.register(key, { kind: 'history', base, values: vals, operator }) : v ? 1 : 0;
    return ever ? r : not(r);
  }

  private unknown(item: Filter | FilterBranch, note: string, approximate: boolean): R {
    const key = `u\u0000${fingerprint(item)}`;
    const v = this.asg.get(key);
    if (v === undefined) return this.register(key, { kind: 'unknown', item, note, approximate });
    return v ? 1 : 0;
  }

  private listVar(listId: string, note: string): R {
    const key = `l\u0000${listId}`;
    const v = this.asg.get(key);
    if (v === undefined) return this.register(key, { kind: 'list', listId, note });
    return v ? 1 : 0;
  }

  private register(key: string, info: VarInfo): string {
    if (!this.vars.has(key)) this.vars.set(key, info);
    return key;
  }

  /** Current block set, unassigned bits read as absent. */
  blockSet(): string[] {
    const m = this.models.get(this.blockProperty)!;
    return m.universe.filter((v) => v === this.brand || this.asg.get(bitKey(m.name, v)) === true);
  }

  // --- histories ---------------------------------------------------------------------------

  /** Can some history of the block property give every assigned history variable its value?
   *  Returns the entries of one such history (newest first), whether it includes the current
   *  value (then it is valid whether or not HubSpot counts the current value as "been"),
   *  or null when impossible. */
  historyPlan(): { entries: string[][]; includesCurrent: boolean; approximate: boolean } | null {
    const cons: { base: HistoryBase; mask: number; val: boolean }[] = [];
    const m = this.models.get(this.blockProperty)!;
    const idx = new Map(m.universe.map((v, i) => [v, i]));
    let tooBig = m.universe.length > HISTORY_CAP;
    for (const [key, info] of this.vars) {
      if (info.kind !== 'history') continue;
      const val = this.asg.get(key);
      if (val === undefined) continue;
      let mask = 0;
      for (const v of info.values) {
        const i = idx.get(v);
        if (i === undefined) tooBig = true;
        else mask |= 1 << i;
      }
      cons.push({ base: info.base, mask, val: val === true });
    }
    if (cons.length === 0) return { entries: [], includesCurrent: true, approximate: false };
    if (tooBig) return { entries: [], includesCurrent: true, approximate: true };
    const n = m.universe.length;
    const pred = (base: HistoryBase, t: number, v: number) =>
      base === 'ANY_OF' ? (t & v) !== 0 : base === 'EXACTLY' ? t === v : (t & v) === v;
    const allowed = (t: number) => cons.every((c) => c.val || !pred(c.base, t, c.mask));
    // Smallest sets first: short, readable witnesses.
    if (!this.subsets) {
      this.subsets = [];
      for (let t = 0; t < 1 << n; t++) this.subsets.push(t);
      this.subsets.sort((a, b) => popcount(a) - popcount(b) || a - b);
    }
    const sets = this.subsets;
    const chosen: number[] = [];
    for (const c of cons) {
      if (!c.val) continue;
      if (chosen.some((t) => pred(c.base, t, c.mask))) continue;
      const t = sets.find((s) => allowed(s) && pred(c.base, s, c.mask));
      if (t === undefined) return null;
      chosen.push(t);
    }
    let current = 0;
    for (const v of this.blockSet()) current |= 1 << idx.get(v)!;
    const includesCurrent = allowed(current);
    const entries = (includesCurrent ? [current, ...chosen.filter((t) => t !== current)] : chosen).map((t) =>
      m.universe.filter((_, i) => (t & (1 << i)) !== 0),
    );
    return { entries, includesCurrent, approximate: false };
  }
}

const NO_VALUE_KEY = 'nv';

function bitKey(prop: string, value: string): string {
  return `b\u0000${prop}\u0000${value}`;
}
function scalarKey(prop: string): string {
  return `s\u0000${prop}`;
}
function popcount(x: number): number {
  let c = 0;
  while (x) {
    c += x & 1;
    x >>>= 1;
  }
  return c;
}

function domainOf(info: VarInfo): Value[] {
  switch (info.kind) {
    case 'bit':
      return [false, true]; // smallest sets first
    case 'scalar':
      return info.domain;
    case 'noValue':
      return [false, true]; // HubSpot's documented default first
    default:
      return [true, false];
  }
}

class BudgetExceeded extends Error {}

/** Depth-first search for an assignment under which `node` passes. */
function findPassing(a: Analysis, node: Filter | FilterBranch, budget: number): boolean {
  let steps = 0;
  const rec = (): boolean => {
    if (++steps > budget) throw new BudgetExceeded();
    const r = a.node(node);
    if (r === 0) return false;
    if (r === 1) return true;
    const info = a.vars.get(r)!;
    for (const val of domainOf(info)) {
      a.asg.set(r, val);
      if (info.kind === 'history' && a.historyPlan() === null) continue;
      if (rec()) return true;
    }
    a.asg.delete(r);
    return false;
  };
  return rec();
}

// ---------------------------------------------------------------------------------------------
// Public API

/** The children of the root OR (its branches, then its filters); any other root is child 0. */
export function rootChildren(root: FilterBranch): (Filter | FilterBranch)[] {
  if (root.filterBranchType !== 'OR') return [root];
  return [...(Array.isArray(root.filterBranches) ? root.filterBranches : []), ...(Array.isArray(root.filters) ? root.filters : [])];
}

export function analyzeFilter(root: FilterBranch, opts: AnalyzeOptions): BranchVerdict[] {
  const lists = new Lists(opts.resolveList);
  const cache = new Map<Filter, ParsedFilter>();
  const parsed = (f: Filter): ParsedFilter => {
    let p = cache.get(f);
    if (!p) {
      p = parseFilter(f);
      cache.set(f, p);
    }
    return p;
  };
  const brands = uniq(opts.brands);
  const verdicts: BranchVerdict[] = [];
  rootChildren(root).forEach((child, branch) => {
    const collected = collect(child, lists, parsed);
    for (const brand of brands) {
      const models = buildModels(collected, opts.blockProperty, brand, brands);
      const a = new Analysis(opts.blockProperty, brand, models, lists, parsed);
      let found: boolean;
      try {
        found = findPassing(a, child, opts.searchBudget ?? SEARCH_BUDGET);
      } catch (e) {
        if (!(e instanceof BudgetExceeded)) throw e;
        verdicts.push({
          branch,
          brand,
          covered: false,
          witness: { [opts.blockProperty]: brand },
          reasons: ['search-budget-exceeded', 'witness-approximate'],
        });
        continue;
      }
      verdicts.push(found ? leakVerdict(a, branch, brand) : { branch, brand, covered: true });
    }
  });
  return verdicts;
}

function leakVerdict(a: Analysis, branch: number, brand: string): BranchVerdict {
  const witness: Witness = {};
  for (const m of a.models.values()) {
    if (m.kind === 'set') {
      if (m.name === a.blockProperty) {
        witness[m.name] = a.blockSet().join(';');
        continue;
      }
      const assigned = m.universe.filter((v) => a.asg.has(bitKey(m.name, v)));
      if (assigned.length === 0) continue;
      const set = m.universe.filter((v) => a.asg.get(bitKey(m.name, v)) === true);
      witness[m.name] = set.length ? set.join(';') : null;
    } else if (m.kind !== 'opaque') {
      const v = a.asg.get(scalarKey(m.name));
      if (v !== undefined) witness[m.name] = v as string | null;
    }
  }
  const reasons: string[] = [];
  const assumptions: WitnessAssumptions = { unknown: [], lists: [] };
  let approximate = false;
  let hasHistory = false;
  for (const [key, info] of a.vars) {
    const v = a.asg.get(key);
    if (v === undefined) continue;
    switch (info.kind) {
      case 'unknown':
        assumptions.unknown.push({ item: info.item, passes: v === true });
        reasons.push(info.note);
        if (info.approximate) approximate = true;
        break;
      case 'list':
        assumptions.lists.push({ listId: info.listId, member: v === true });
        reasons.push(info.note);
        break;
      case 'history':
        hasHistory = true;
        reasons.push(`history:${info.operator}`);
        break;
      case 'noValue':
        assumptions.noValueDefault = v ? 'natural' : 'false';
        reasons.push(`no-value-default:${assumptions.noValueDefault}`);
        break;
      default:
        break;
    }
  }
  if (hasHistory) {
    const plan = a.historyPlan();
    if (!plan || plan.approximate) approximate = true;
    else {
      assumptions.history = { [a.blockProperty]: plan.entries.map((e) => e.join(';')) };
      if (!plan.includesCurrent) reasons.push('history-excludes-current');
    }
  }
  if (approximate) reasons.push('witness-approximate');
  const verdict: BranchVerdict = { branch, brand, covered: false, witness };
  if (reasons.length) verdict.reasons = uniq(reasons);
  if (assumptions.unknown.length || assumptions.lists.length || assumptions.history || assumptions.noValueDefault) {
    verdict.assumptions = assumptions;
  }
  return verdict;
}

/** The leaks of a list's filter in the shape of the audit results (docs/contract.md §2). */
export function listLeaks(verdicts: BranchVerdict[]): BranchLeak[] {
  return verdicts
    .filter((v) => !v.covered)
    .map((v) => ({ kind: 'filter-branch', branch: v.branch, brand: v.brand, witness: v.witness ?? {} }));
}
