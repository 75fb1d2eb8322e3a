// Short human summaries of filter branches and leak witnesses (docs/domain.md rule 6: warnings explain
// themselves). Pure text in German or English; the caller chooses the language and supplies labels.

import type { Filter, FilterBranch } from './filter-types';
import type { Witness } from './types';
import { branchChildren, isFilterBranch, parseFilter } from './filters';

export interface DescribeContext {
  propertyLabel?: (name: string) => string;
  /** Labels option values of the block property. */
  brandLabel?: (value: string) => string;
  /** Label of a list in IN_LIST filters. */
  listLabel?: (listId: string) => string;
  lang: 'de' | 'en';
  /** Name of the block property: its values go through brandLabel. Default 'post_sperre_marken'. */
  blockProperty?: string;
}

const DEFAULT_BLOCK_PROPERTY = 'post_sperre_marken';

const WORDS = {
  de: {
    and: 'und',
    or: 'oder',
    not: 'nicht',
    every: 'alle Kontakte',
    none: 'kein Kontakt',
    inList: 'in Liste',
    notInList: 'nicht in Liste',
    known: 'ist bekannt',
    unknown: 'ist unbekannt',
    is: 'ist',
    isNot: 'ist nicht',
    condition: (t: string) => `Bedingung ${t}`,
    ops: {
      IS_ANY_OF: 'ist einer von',
      IS_NONE_OF: 'ist keiner von',
      IS_EXACTLY: 'ist genau',
      IS_NOT_EXACTLY: 'ist nicht genau',
      CONTAINS_ALL: 'enthält alle von',
      DOES_NOT_CONTAIN_ALL: 'enthält nicht alle von',
      HAS_EVER_BEEN_ANY_OF: 'war jemals einer von',
      HAS_NEVER_BEEN_ANY_OF: 'war nie einer von',
      HAS_EVER_BEEN_EXACTLY: 'war jemals genau',
      HAS_NEVER_BEEN_EXACTLY: 'war nie genau',
      HAS_EVER_CONTAINED_ALL: 'enthielt jemals alle von',
      HAS_NEVER_CONTAINED_ALL: 'enthielt nie alle von',
    } as Record<string, string>,
    example: 'z. B. ein Kontakt',
    with: 'mit',
    noValue: (label: string) => `${label} ohne Wert`,
    blockedFor: 'gesperrt für',
  },
  en: {
    and: 'and',
    or: 'or',
    not: 'not',
    every: 'every contact',
    none: 'no contact',
    inList: 'in list',
    notInList: 'not in list',
    known: 'is known',
    unknown: 'is unknown',
    is: 'is',
    isNot: 'is not',
    condition: (t: string) => `${t} condition`,
    ops: {
      IS_ANY_OF: 'is any of',
      IS_NONE_OF: 'is none of',
      IS_EXACTLY: 'is exactly',
      IS_NOT_EXACTLY: 'is not exactly',
      CONTAINS_ALL: 'contains all of',
      DOES_NOT_CONTAIN_ALL: 'does not contain all of',
      HAS_EVER_BEEN_ANY_OF: 'has ever been any of',
      HAS_NEVER_BEEN_ANY_OF: 'has never been any of',
      HAS_EVER_BEEN_EXACTLY: 'has ever been exactly',
      HAS_NEVER_BEEN_EXACTLY: 'has never been exactly',
      HAS_EVER_CONTAINED_ALL: 'has ever contained all of',
      HAS_NEVER_CONTAINED_ALL: 'has never contained all of',
    } as Record<string, string>,
    example: 'e.g. a contact',
    with: 'with',
    noValue: (label: string) => `no ${label}`,
    blockedFor: 'blocked for',
  },
} as const;

function labels(ctx: DescribeContext) {
  const bp = ctx.blockProperty ?? DEFAULT_BLOCK_PROPERTY;
  const prop = (name: string) => ctx.propertyLabel?.(name) ?? name;
  const value = (property: string, v: string) => (property === bp ? (ctx.brandLabel?.(v) ?? v) : v);
  return { bp, prop, value };
}

function joinList(items: string[], word: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${word} ${items[items.length - 1]}`;
}

function describeFilter(f: Filter, ctx: DescribeContext): string {
  const w = WORDS[ctx.lang];
  const { prop, value } = labels(ctx);
  const p = parseFilter(f);
  switch (p.kind) {
    case 'constant':
      return p.accept ? w.every : w.none;
    case 'in-list':
      return `${p.negated ? w.notInList : w.inList} ${ctx.listLabel?.(p.listId) ?? p.listId}`;
    case 'other':
      return w.condition(p.filterType);
    case 'known':
      return `${prop(p.property)} ${p.known ? w.known : w.unknown}`;
    case 'equality':
      return `${prop(p.property)} ${p.negated ? w.isNot : w.is} ${p.value}`;
    case 'set':
    case 'history': {
      const vals = p.values.map((v) => value(p.property, v)).join(', ');
      return `${prop(p.property)} ${w.ops[p.operator] ?? p.operator} ${vals}`;
    }
    case 'property-other': {
      const op = (f as { operation?: { values?: unknown; value?: unknown } }).operation;
      const raw = Array.isArray(op?.values) ? op.values : op?.value !== undefined ? [op.value] : [];
      const vals = raw.map((v) => value(p.property, String(v))).join(', ');
      return `${prop(p.property)} ${p.operator || p.operationType}${vals ? ` ${vals}` : ''}`;
    }
  }
}

function describeNode(n: Filter | FilterBranch, ctx: DescribeContext, nested: boolean): string {
  if (!isFilterBranch(n)) return describeFilter(n, ctx);
  const w = WORDS[ctx.lang];
  const kids = branchChildren(n);
  const join = (word: string, inner: boolean) => {
    const parts = kids.map((k) => describeNode(k, ctx, true));
    const text = parts.join(` ${word} `);
    return inner && parts.length > 1 ? `(${text})` : text;
  };
  switch (n.filterBranchType) {
    case 'AND':
      return kids.length ? join(w.and, nested) : w.every;
    case 'OR':
      return kids.length ? join(w.or, nested) : w.none;
    case 'NOT_ANY':
      return kids.length ? `${w.not} (${join(w.or, false)})` : w.every;
    case 'NOT_ALL':
      return kids.length ? `${w.not} (${join(w.and, false)})` : w.none;
    default:
      return w.condition(n.filterBranchType);
  }
}

/** E.g. "Land ist DE und Post Sperre Marken ist keiner von Marke A". */
export function describeBranch(branch: FilterBranch, ctx: DescribeContext): string {
  return describeNode(branch, ctx, false);
}

/** E.g. "z. B. ein Kontakt mit Land = DE, gesperrt für Marke A". */
export function describeWitness(w: Witness, ctx: DescribeContext): string {
  const words = WORDS[ctx.lang];
  const { bp, prop, value } = labels(ctx);
  const parts: string[] = [];
  for (const [name, v] of Object.entries(w)) {
    if (name === bp) continue;
    parts.push(v === null || v === '' ? words.noValue(prop(name)) : `${prop(name)} = ${v}`);
  }
  const blocked = (w[bp] ?? '')
    .split(';')
    .filter(Boolean)
    .map((v) => value(bp, v));
  let text = words.example;
  if (parts.length) text += ` ${words.with} ${parts.join(', ')}`;
  if (blocked.length) text += `${parts.length || ctx.lang === 'de' ? ',' : ''} ${words.blockedFor} ${joinList(blocked, words.and)}`;
  return text;
}
