// Which brands a list is for, guessed from its name (docs/domain.md rule 5): brand labels and brand
// family names that occur in the name as whole words, ignoring case, umlauts and accents
// ("KUNSTMEILE SUED" = "Kunstmeile Sud" = "Kunstmeile Süd"). A family name stands for all of its
// brands, unless its words are part of a longer match (a brand label such as "Kunstmeile Süd" inside
// "Kunstmeile Süd Weihnachten" means that one brand, not the whole family).

import { normalizeForSearch } from '../domain/brands';
import type { BrandFamily } from '../domain/types';

/** The words of a text, each in its folded forms: lower case without accents (normalizeForSearch:
 *  "süd" → "sud") and with German transliteration ("süd" → "sued"). */
export function nameWords(text: string): string[][] {
  return text
    .normalize('NFC')
    .split(/[^\p{L}\p{N}\p{M}]+/u)
    .filter(Boolean)
    .map((w) => {
      const plain = normalizeForSearch(w);
      const translit = normalizeForSearch(w.toLowerCase().replace(/[äöü]/g, (c) => ({ ä: 'ae', ö: 'oe', ü: 'ue' })[c] ?? c));
      return plain === translit ? [plain] : [translit, plain];
    })
    .filter((forms) => forms[0] !== '');
}

const sameWord = (a: string[], b: string[]) => a.some((x) => b.includes(x));

interface Occurrence {
  start: number;
  end: number; // exclusive
  brands: string[];
  family: boolean;
}

function occurrences(words: string[][], phrase: string[][]): number[] {
  const out: number[] = [];
  if (phrase.length === 0) return out;
  for (let i = 0; i + phrase.length <= words.length; i++) {
    if (phrase.every((p, j) => sameWord(words[i + j]!, p))) out.push(i);
  }
  return out;
}

function detectIn(
  text: string,
  catalog: { value: string; label: string }[],
  families: BrandFamily[],
): string[] {
  const words = nameWords(text);
  const found: Occurrence[] = [];
  for (const b of catalog) {
    const phrase = nameWords(b.label);
    for (const start of occurrences(words, phrase)) found.push({ start, end: start + phrase.length, brands: [b.value], family: false });
  }
  for (const f of families) {
    const phrase = nameWords(f.name);
    for (const start of occurrences(words, phrase)) found.push({ start, end: start + phrase.length, brands: f.brands, family: true });
  }
  // Drop an occurrence inside a longer one; on equal spans a brand wins over a family.
  const kept = found.filter(
    (o) =>
      !found.some(
        (p) =>
          p !== o &&
          p.start <= o.start &&
          p.end >= o.end &&
          (p.end - p.start > o.end - o.start || (o.family && !p.family)),
      ),
  );
  const brands = new Set(kept.flatMap((o) => o.brands));
  // Catalog order first, then family members the catalog does not list.
  const ordered = catalog.map((b) => b.value).filter((v) => brands.has(v));
  for (const v of brands) if (!ordered.includes(v)) ordered.push(v);
  return ordered;
}

/**
 * Brands whose label (or family name → all its brands) occurs in the list name; when the name
 * names none, the folder name is tried. [] if none: the caller then audits for every brand.
 */
export function detectListBrands(
  listName: string,
  catalog: { value: string; label: string }[],
  families: BrandFamily[],
  folderName?: string,
): string[] {
  const fromName = detectIn(listName, catalog, families);
  if (fromName.length || !folderName) return fromName;
  return detectIn(folderName, catalog, families);
}
