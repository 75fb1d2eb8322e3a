// Brands for people: search-as-you-type over the catalog, brand families (docs/domain.md rule 1).
// Pure: no React, no browser.
import type { Brand, BrandFamily } from './types';

/** Letters NFKD does not decompose into a base letter plus marks. */
const EXTRA_FOLDS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ı: 'i',
};
const EXTRA_FOLD_PATTERN = new RegExp(`[${Object.keys(EXTRA_FOLDS).join('')}]`, 'g');

/**
 * The folded form used for search: lower case, diacritics removed (ä→a, é→e, ß→ss, æ→ae, …),
 * compatibility forms unified (ligatures, full-width letters).
 */
export function normalizeForSearch(s: string): string {
  return caseFold(
    caseFold(s.normalize('NFC'))
      .replace(EXTRA_FOLD_PATTERN, (c) => EXTRA_FOLDS[c] ?? c)
      .normalize('NFKD')
      .replace(/\p{M}/gu, ''),
  ).replace(/ς/g, 'σ'); // final sigma depends on the neighbours: fold it last
}

/** Close to Unicode case folding: upper then lower also unifies letters with several lower forms (ᲀ/в, ς/σ…). */
function caseFold(s: string): string {
  return s.toUpperCase().toLowerCase();
}

/** German transliteration (ä→ae, ö→oe, ü→ue) before folding, so that "sued" finds "Süd". */
function transliterated(s: string): string {
  return normalizeForSearch(
    caseFold(s.normalize('NFC'))
      .replace(/[äöü]/g, (c) => ({ ä: 'ae', ö: 'oe', ü: 'ue' })[c] ?? c),
  );
}

/** Both forms of a text a match may use: folded and transliterated (one when they agree). */
function searchForms(s: string): string[] {
  const folded = normalizeForSearch(s);
  const translit = transliterated(s);
  return folded === translit ? [folded] : [folded, translit];
}

/** Where a token matched: at the start of the text, at the start of a word, inside a word. */
const Match = { Prefix: 0, WordStart: 1, Inside: 2 } as const;
type Match = (typeof Match)[keyof typeof Match];

/** Best position class of any form of the token in any form of the text, or null. */
function bestMatch(tokenForms: readonly string[], textForms: readonly string[]): Match | null {
  let best: Match | null = null;
  for (const text of textForms) {
    for (const token of tokenForms) {
      for (let at = text.indexOf(token); at !== -1; at = text.indexOf(token, at + 1)) {
        const kind = at === 0 ? Match.Prefix : isWordStart(text, at) ? Match.WordStart : Match.Inside;
        if (best === null || kind < best) best = kind;
        if (best === Match.Prefix) return best;
      }
    }
  }
  return best;
}

function isWordStart(text: string, at: number): boolean {
  const before = Array.from(text.slice(Math.max(0, at - 2), at)).pop();
  return before === undefined || !/[\p{L}\p{N}]/u.test(before);
}

/**
 * Search-as-you-type. Every whitespace-separated token of the query must occur in the label or
 * the value, case-, diacritic- and umlaut-insensitively ("sued", "sud", "SÜD" all find "Süd").
 * Ranking: labels starting with the first token, then labels where every token starts a word,
 * then the rest; catalog order within each rank. An empty query returns every brand.
 */
export function searchBrands(brands: readonly Brand[], query: string): Brand[] {
  const tokens = query
    .split(/[\s\p{Z}]+/u)
    .map(searchForms)
    .filter((forms) => forms.some((f) => f !== ''));
  if (tokens.length === 0) return [...brands];
  const ranked: { brand: Brand; rank: number; index: number }[] = [];
  brands.forEach((brand, index) => {
    const labelForms = searchForms(brand.label);
    const valueForms = searchForms(brand.value);
    const perToken: Match[] = [];
    for (const token of tokens) {
      const inLabel = bestMatch(token, labelForms);
      if (inLabel !== null) perToken.push(inLabel);
      else if (bestMatch(token, valueForms) !== null) perToken.push(Match.Inside);
      else return;
    }
    const rank = perToken[0] === Match.Prefix ? 0 : perToken.every((m) => m <= Match.WordStart) ? 1 : 2;
    ranked.push({ brand, rank, index });
  });
  ranked.sort((a, b) => a.rank - b.rank || a.index - b.index);
  return ranked.map((r) => r.brand);
}

/** Whether all, some or none of a family's brands are selected (an empty family is 'none'). */
export function familyState(family: BrandFamily, selected: ReadonlySet<string>): 'all' | 'some' | 'none' {
  const brands = new Set(family.brands);
  let count = 0;
  for (const brand of brands) if (selected.has(brand)) count++;
  if (count === 0) return 'none';
  return count === brands.size ? 'all' : 'some';
}

/**
 * The families of the settings, fitted to the brand catalog: brand values that are no option
 * of the block property (absent from the catalog, or only present as a value on the contact,
 * `known: false`) are dropped, since HubSpot rejects unknown option values on write; families
 * left empty are dropped. `unknownValues` lists the dropped values once each, for a hint in the
 * options page.
 */
export function familiesFromSettings(
  families: readonly BrandFamily[],
  catalog: readonly Brand[],
): { families: BrandFamily[]; unknownValues: string[] } {
  const options = new Set(catalog.filter((b) => b.known).map((b) => b.value));
  const unknown = new Set<string>();
  const out: BrandFamily[] = [];
  for (const family of families) {
    const brands = [...new Set(family.brands)].filter((value) => {
      if (options.has(value)) return true;
      unknown.add(value);
      return false;
    });
    if (brands.length > 0) out.push({ name: family.name, brands });
  }
  return { families: out, unknownValues: [...unknown] };
}

/** The label of a brand value, or the value itself when the catalog does not know it. */
export function brandLabel(catalog: readonly Pick<Brand, 'value' | 'label'>[], value: string): string {
  return catalog.find((b) => b.value === value)?.label ?? value;
}
