// REFERENCE EVALUATOR of HubSpot list filter semantics over one concrete contact, for tests.
// Written independently of lib/audit (shares no code with it): it answers "is this contact a member?"
// the plain way, by walking the tree. Whatever it does not understand reads its truth from
// `contact.events`, keyed by `eventKey(filterOrBranch)`, so a test can choose it.

export interface EvalContact {
  /** Property values as HubSpot stores them: multi-checkbox values `;`-joined; null/'' = no value. */
  properties: Record<string, string | null>;
  /** Past values per property (any order); used by HAS_EVER_…/HAS_NEVER_… operators. */
  history?: Record<string, string[]>;
  /** Memberships in lists that are not evaluated from filters (static, unknown, cyclic). */
  lists: Set<string>;
  /** Truth of filters/branches the evaluator does not understand, keyed by eventKey(). */
  events: Record<string, boolean>;
}

export interface EvalOptions {
  resolveList?: (listId: string) => { processingType: string; filterBranch?: unknown } | undefined;
  /** HubSpot's reading of an unset includeObjectsWithNoValueSet: 'false' (documented default) or
   *  'natural' (the operator's own result on an empty value, e.g. IS_NONE_OF → true). */
  noValueReading?: 'false' | 'natural';
  /** Whether the current value counts as a value the property "has been". */
  historyIncludesCurrent?: boolean;
}

type Obj = Record<string, unknown>;

function canon(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(canon);
  if (x && typeof x === 'object') {
    const o = x as Obj;
    return Object.fromEntries(
      Object.keys(o)
        .sort()
        .map((k) => [k, canon(o[k])]),
    );
  }
  return x;
}

/** Key of a filter or branch in `contact.events`. */
export function eventKey(x: unknown): string {
  return 'ev:' + JSON.stringify(canon(x));
}

function event(x: unknown, c: EvalContact): boolean {
  return c.events[eventKey(x)] === true;
}

function toSet(raw: string | null | undefined): Set<string> {
  return new Set((raw ?? '').split(';').filter((s) => s !== ''));
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

function evalNode(node: unknown, c: EvalContact, o: EvalOptions, stack: string[]): boolean {
  const n = node as Obj;
  if (typeof n.filterBranchType === 'string') {
    const kids: unknown[] = [...((n.filters as unknown[]) ?? []), ...((n.filterBranches as unknown[]) ?? [])];
    const results = () => kids.map((k) => evalNode(k, c, o, stack));
    switch (n.filterBranchType) {
      case 'AND':
        return results().every(Boolean);
      case 'OR':
        return results().some(Boolean);
      case 'NOT_ALL':
        return !results().every(Boolean);
      case 'NOT_ANY':
        return !results().some(Boolean);
      default:
        return event(n, c);
    }
  }
  switch (n.filterType) {
    case 'CONSTANT':
      return typeof n.shouldAccept === 'boolean' ? n.shouldAccept : event(n, c);
    case 'IN_LIST': {
      if (n.operator !== 'IN_LIST' && n.operator !== 'NOT_IN_LIST') return event(n, c);
      const id = String(n.listId);
      const list = o.resolveList?.(id);
      let member: boolean;
      if (list && list.processingType === 'DYNAMIC' && list.filterBranch && !stack.includes(id) && !onCycle(id, o)) {
        member = evalNode(list.filterBranch, c, o, [...stack, id]);
      } else {
        member = c.lists.has(id);
      }
      return n.operator === 'IN_LIST' ? member : !member;
    }
    case 'PROPERTY':
      return evalProperty(n, c, o);
    default:
      return event(n, c);
  }
}

/** IN_LIST references in the AND/OR/NOT_ALL/NOT_ANY parts of a tree. */
function listRefs(node: unknown, out: string[] = []): string[] {
  const n = node as Obj;
  if (typeof n.filterBranchType === 'string') {
    if (!['AND', 'OR', 'NOT_ALL', 'NOT_ANY'].includes(n.filterBranchType)) return out;
    for (const k of [...((n.filters as unknown[]) ?? []), ...((n.filterBranches as unknown[]) ?? [])]) listRefs(k, out);
  } else if (n.filterType === 'IN_LIST') {
    out.push(String(n.listId));
  }
  return out;
}

/** A list whose membership depends on itself (through active lists) has no defined membership:
 *  it is read from `contact.lists` like a static list. */
function onCycle(id: string, o: EvalOptions): boolean {
  const seen = new Set<string>();
  const todo = [id];
  while (todo.length) {
    const cur = todo.pop()!;
    const l = o.resolveList?.(cur);
    if (!l || l.processingType !== 'DYNAMIC' || !l.filterBranch) continue;
    for (const r of listRefs(l.filterBranch)) {
      if (r === id) return true;
      if (!seen.has(r)) {
        seen.add(r);
        todo.push(r);
      }
    }
  }
  return false;
}

function evalProperty(f: Obj, c: EvalContact, o: EvalOptions): boolean {
  const op = f.operation as Obj | undefined;
  const prop = f.property as string;
  if (!op || typeof prop !== 'string') return event(f, c);
  const raw0 = c.properties[prop];
  const raw = raw0 === undefined || raw0 === '' ? null : raw0;
  const operator = op.operator;
  const include = op.includeObjectsWithNoValueSet;
  const noValue = (natural: boolean) => (typeof include === 'boolean' ? include : o.noValueReading === 'natural' ? natural : false);

  if (operator === 'IS_KNOWN') return raw !== null;
  if (operator === 'IS_UNKNOWN' || operator === 'IS_NOT_KNOWN') return raw === null;

  if (op.operationType === 'ENUMERATION') {
    const values = Array.isArray(op.values) ? new Set((op.values as unknown[]).map(String)) : null;
    if (!values) return event(f, c);
    const cur = toSet(raw);
    const anyOf = (s: Set<string>) => [...values].some((v) => s.has(v));
    const allOf = (s: Set<string>) => [...values].every((v) => s.has(v));
    switch (operator) {
      case 'IS_ANY_OF':
        return cur.size === 0 ? noValue(false) : anyOf(cur);
      case 'IS_NONE_OF':
        return cur.size === 0 ? noValue(true) : !anyOf(cur);
      case 'IS_EXACTLY':
        return cur.size === 0 ? noValue(values.size === 0) : sameSet(cur, values);
      case 'IS_NOT_EXACTLY':
        return cur.size === 0 ? noValue(values.size !== 0) : !sameSet(cur, values);
      case 'CONTAINS_ALL':
        return cur.size === 0 ? noValue(values.size === 0) : allOf(cur);
      case 'DOES_NOT_CONTAIN_ALL':
        return cur.size === 0 ? noValue(values.size !== 0) : !allOf(cur);
    }
    const past = (c.history?.[prop] ?? []).map(toSet);
    if (o.historyIncludesCurrent && raw !== null) past.push(cur);
    switch (operator) {
      case 'HAS_EVER_BEEN_ANY_OF':
        return past.some(anyOf);
      case 'HAS_NEVER_BEEN_ANY_OF':
        return !past.some(anyOf);
      case 'HAS_EVER_BEEN_EXACTLY':
        return past.some((s) => sameSet(s, values));
      case 'HAS_NEVER_BEEN_EXACTLY':
        return !past.some((s) => sameSet(s, values));
      case 'HAS_EVER_CONTAINED_ALL':
        return past.some(allOf);
      case 'HAS_NEVER_CONTAINED_ALL':
        return !past.some(allOf);
    }
    return event(f, c);
  }
  if (op.operationType === 'STRING' && (operator === 'IS_EQUAL_TO' || operator === 'IS_NOT_EQUAL_TO')) {
    if (typeof op.value !== 'string' || op.value === '') return event(f, c);
    if (raw === null) return noValue(operator === 'IS_NOT_EQUAL_TO');
    return (raw === op.value) === (operator === 'IS_EQUAL_TO');
  }
  if (op.operationType === 'MULTISTRING' && (operator === 'IS_EQUAL_TO' || operator === 'IS_NOT_EQUAL_TO')) {
    // Lists v3's string conditions: equal to any of the values (IS_NOT_EQUAL_TO: to none of them).
    const values = Array.isArray(op.values) ? (op.values as unknown[]) : [];
    if (values.length === 0 || !values.every((v) => typeof v === 'string' && v !== '')) return event(f, c);
    if (raw === null) return noValue(operator === 'IS_NOT_EQUAL_TO');
    return values.includes(raw) === (operator === 'IS_EQUAL_TO');
  }
  if (op.operationType === 'NUMBER' && (operator === 'IS_EQUAL_TO' || operator === 'IS_NOT_EQUAL_TO')) {
    const want = Number(op.value);
    if (op.value === null || op.value === '' || !Number.isFinite(want)) return event(f, c);
    if (raw === null) return noValue(operator === 'IS_NOT_EQUAL_TO');
    return (Number(raw) === want) === (operator === 'IS_EQUAL_TO');
  }
  return event(f, c);
}

/** Does the contact pass this branch or filter? */
export function passes(node: unknown, contact: EvalContact, opts: EvalOptions = {}): boolean {
  return evalNode(node, contact, opts, []);
}

/** The children of the root OR a record must pass one of (any other root: itself). */
export function rootChildrenOf(root: unknown): unknown[] {
  const r = root as Obj;
  if (r.filterBranchType !== 'OR') return [root];
  return [...((r.filterBranches as unknown[]) ?? []), ...((r.filters as unknown[]) ?? [])];
}

/** All four readings of HubSpot's unverified defaults. */
export const READINGS: Pick<EvalOptions, 'noValueReading' | 'historyIncludesCurrent'>[] = [
  { noValueReading: 'false', historyIncludesCurrent: true },
  { noValueReading: 'false', historyIncludesCurrent: false },
  { noValueReading: 'natural', historyIncludesCurrent: true },
  { noValueReading: 'natural', historyIncludesCurrent: false },
];

/** The block set of a contact. */
export function blockSetOf(contact: EvalContact, blockProperty: string): Set<string> {
  return toSet(contact.properties[blockProperty]);
}
