// Short human summaries of filter branches and leak witnesses (docs/domain.md rule 6: warnings explain
// themselves). Text in German or English from the catalogs; the caller chooses the language and supplies labels.

import type { Filter, FilterBranch } from './filter-types';
import type { Witness } from './types';
import { branchChildren, HISTORY_OPERATORS, isFilterBranch, parseFilter, SET_OPERATORS } from './filters';
import { DEFAULT_BLOCK_PROPERTY } from '../defaults';
import { tl, type Language, type MessageKey } from '../i18n';

export interface DescribeContext {
  propertyLabel?: (name: string) => string;
  /** Labels option values of the block property. */
  brandLabel?: (value: string) => string;
  /** Label of a list in IN_LIST filters. */
  listLabel?: (listId: string) => string;
  lang: Language;
  /** Name of the block property: its values go through brandLabel. Default 'post_sperre_marken'. */
  blockProperty?: string;
}

/** The words of a description, in the report's language, from the catalogs (locales/messages.json). */
function wordsFor(lang: Language) {
  const w = (key: MessageKey, ...subs: string[]) => tl(lang, key, ...subs);
  return {
    and: w('filterAnd'),
    or: w('filterOr'),
    not: w('filterNot'),
    every: w('filterEvery'),
    none: w('filterNone'),
    inList: w('filterInList'),
    notInList: w('filterNotInList'),
    known: w('filterKnown'),
    unknown: w('filterUnknown'),
    is: w('filterIs'),
    isNot: w('filterIsNot'),
    condition: (type: string) => w('filterCondition', type),
    op: (operator: string) => (OPERATOR_KEYS.has(operator) ? w(`op${operator}` as MessageKey) : undefined),
    example: w('filterExample'),
    with: w('filterWith'),
    noValue: (label: string) => w('witnessNoValue', label),
    blockedFor: w('filterBlockedFor'),
  };
}

/** ENUMERATION operators with a wording (`op<OPERATOR>` keys); others are shown as HubSpot names them. */
const OPERATOR_KEYS: ReadonlySet<string> = new Set([...SET_OPERATORS, ...Object.keys(HISTORY_OPERATORS)]);

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
  const w = wordsFor(ctx.lang);
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
      return `${prop(p.property)} ${p.negated ? w.isNot : w.is} ${p.values.join(` ${w.or} `)}`;
    case 'set':
    case 'history': {
      const vals = p.values.map((v) => value(p.property, v)).join(', ');
      return `${prop(p.property)} ${w.op(p.operator) ?? p.operator} ${vals}`;
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
  const w = wordsFor(ctx.lang);
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
  const words = wordsFor(ctx.lang);
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
