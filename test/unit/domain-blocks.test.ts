import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  blockedBrandsOf,
  brandCatalog,
  parseBlockValue,
  serializeBlockSet,
  UNKNOWN_BRAND_ORDER,
} from '../../lib/domain/blocks';
import type { Brand } from '../../lib/domain/types';

const brand = (value: string, displayOrder: number, extra: Partial<Brand> = {}): Brand => ({
  value,
  label: value.toUpperCase(),
  hidden: false,
  known: true,
  displayOrder,
  ...extra,
});

/** Option values as HubSpot allows them: non-empty, no `;`, no surrounding whitespace. */
const optionValue = fc
  .string({ minLength: 1, maxLength: 12, unit: 'grapheme' })
  .map((s) => s.replace(/;/g, '_').trim())
  .filter((s) => s !== '');

describe('parseBlockValue', () => {
  it.each([
    [null, []],
    [undefined, []],
    ['', []],
    [';;;', []],
    ['  ', []],
    ['marke_a', ['marke_a']],
    ['marke_a;marke_c', ['marke_a', 'marke_c']],
    [' marke_a ; ;marke_b;marke_a ;', ['marke_a', 'marke_b']],
    ['c;a;c;b', ['c', 'a', 'b']],
    ['alt_marke_2019;marke_a', ['alt_marke_2019', 'marke_a']],
  ] as const)('%j → %j', (raw, expected) => {
    expect(parseBlockValue(raw)).toEqual(expected);
  });
});

describe('serializeBlockSet', () => {
  const catalog = [brand('marke_c', 2), brand('marke_a', 0), brand('marke_b', 1), brand('ohne_ordnung', -1)];

  it('gives "" for the empty set, which clears the property', () => {
    expect(serializeBlockSet([])).toBe('');
    expect(serializeBlockSet(new Set<string>(), catalog)).toBe('');
  });

  it('orders by the catalog display order, unordered options after ordered ones', () => {
    expect(serializeBlockSet(['ohne_ordnung', 'marke_c', 'marke_a'], catalog)).toBe('marke_a;marke_c;ohne_ordnung');
  });

  it('keeps values the catalog does not know, after the known ones, sorted', () => {
    expect(serializeBlockSet(['zeta', 'marke_b', 'alpha'], catalog)).toBe('marke_b;alpha;zeta');
    expect(serializeBlockSet(['b', 'a', 'c'])).toBe('a;b;c');
  });

  it('drops duplicates and blanks, trims', () => {
    expect(serializeBlockSet(['marke_a', ' marke_a ', '', '  '], catalog)).toBe('marke_a');
  });

  it('refuses a value containing ";" instead of storing two values', () => {
    expect(() => serializeBlockSet(['a;b'])).toThrow(RangeError);
  });

  it('accepts any iterable', () => {
    expect(serializeBlockSet(new Set(['marke_b', 'marke_a']), catalog)).toBe('marke_a;marke_b');
  });

  it('round-trips any set of option-like values, in any input order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(optionValue, { maxLength: 10 }), fc.boolean(), (values, withCatalog) => {
        const cat = withCatalog ? values.filter((_, i) => i % 2 === 0).map((v, i) => brand(v, 10 - i)) : undefined;
        const stored = serializeBlockSet(values, cat);
        const parsed = parseBlockValue(stored);
        expect(new Set(parsed)).toEqual(new Set(values));
        expect(parsed).toHaveLength(values.length);
        // stable: independent of input order, and a fixed point
        expect(serializeBlockSet([...values].reverse(), cat)).toBe(stored);
        expect(serializeBlockSet(parsed, cat)).toBe(stored);
      }),
    );
  });
});

describe('brandCatalog', () => {
  const options = [
    { value: 'marke_c', label: 'Marke C', displayOrder: 2 },
    { value: 'marke_a', label: 'Marke A', displayOrder: 0 },
    { value: 'alt', label: 'Alte Marke', displayOrder: 1, hidden: true },
    { value: 'kms', label: 'Kunstmeile Süd', displayOrder: 3 },
    { value: 'kmn', label: 'Kunstmeile Nord', displayOrder: 3 },
    { value: 'neu', label: 'Neue Marke' },
  ];

  it('lists every option, hidden ones flagged, sorted by display order then label', () => {
    const cat = brandCatalog(options, []);
    expect(cat.map((b) => b.value)).toEqual(['marke_a', 'alt', 'marke_c', 'kmn', 'kms', 'neu']);
    expect(cat.find((b) => b.value === 'alt')).toEqual({
      value: 'alt',
      label: 'Alte Marke',
      hidden: true,
      known: true,
      displayOrder: 1,
    });
    expect(cat.filter((b) => b.hidden).map((b) => b.value)).toEqual(['alt']);
    expect(cat.every((b) => b.known)).toBe(true);
  });

  it('adds values set on the contact that are no option, last, labelled with the value', () => {
    const cat = brandCatalog(options, ['marke_a', 'geloescht_2019', 'geloescht_2019', 'abc']);
    expect(cat.map((b) => b.value)).toEqual(['marke_a', 'alt', 'marke_c', 'kmn', 'kms', 'neu', 'abc', 'geloescht_2019']);
    expect(cat.at(-1)).toEqual({
      value: 'geloescht_2019',
      label: 'geloescht_2019',
      hidden: false,
      known: false,
      displayOrder: UNKNOWN_BRAND_ORDER,
    });
    // stays JSON-safe across the message port
    expect(JSON.parse(JSON.stringify(cat))).toEqual(cat);
  });

  it('keeps the first of duplicate options and drops options without value', () => {
    const cat = brandCatalog(
      [
        { value: 'a', label: 'Erste', displayOrder: 0 },
        { value: 'a', label: 'Zweite', displayOrder: 1 },
        { value: '', label: 'Leer', displayOrder: 2 },
      ],
      [],
    );
    expect(cat).toHaveLength(1);
    expect(cat[0]?.label).toBe('Erste');
  });

  it('sorts labels the German way (umlauts, numbers)', () => {
    const cat = brandCatalog(
      [
        { value: 'z', label: 'Zoo', displayOrder: 0 },
        { value: 'oe', label: 'Öko', displayOrder: 0 },
        { value: 'm10', label: 'Marke 10', displayOrder: 0 },
        { value: 'm9', label: 'Marke 9', displayOrder: 0 },
      ],
      [],
    );
    expect(cat.map((b) => b.value)).toEqual(['m9', 'm10', 'oe', 'z']);
  });
});

describe('blockedBrandsOf', () => {
  it('reads the block property of a contact', () => {
    expect(blockedBrandsOf({ post_sperre_marken: 'marke_a;marke_c', email: 'x' }, 'post_sperre_marken')).toEqual([
      'marke_a',
      'marke_c',
    ]);
    expect(blockedBrandsOf({ post_sperre_marken: null }, 'post_sperre_marken')).toEqual([]);
    expect(blockedBrandsOf({ post_sperre_marken: '' }, 'post_sperre_marken')).toEqual([]);
    expect(blockedBrandsOf({}, 'post_sperre_marken')).toEqual([]);
    expect(blockedBrandsOf({ andere: 'marke_a' }, 'post_sperre_marken')).toEqual([]);
  });

  it('never reads inherited object members as a value', () => {
    expect(blockedBrandsOf({}, 'constructor')).toEqual([]);
    expect(blockedBrandsOf({}, 'toString')).toEqual([]);
    expect(blockedBrandsOf({}, '__proto__')).toEqual([]);
  });
});
