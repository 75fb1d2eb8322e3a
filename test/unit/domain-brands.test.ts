import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  brandLabel,
  familiesFromSettings,
  familyState,
  normalizeForSearch,
  searchBrands,
} from '../../lib/domain/brands';
import { applyIntent, NO_INTENT, toggleIntentAll } from '../../lib/domain/intent';
import type { Brand, BrandFamily } from '../../lib/domain/types';

/** What the editor shows after a family toggle on `selected` (the contact's blocks as read). */
const toggleFamily = (selected: ReadonlySet<string>, family: BrandFamily, on: boolean) =>
  new Set(applyIntent([...selected], toggleIntentAll(NO_INTENT, [...selected], family.brands, on)).next);

const b = (value: string, label: string, extra: Partial<Brand> = {}): Brand => ({
  value,
  label,
  hidden: false,
  known: true,
  displayOrder: 0,
  ...extra,
});

const catalog: Brand[] = [
  b('marke_a', 'Marke A'),
  b('km_sued', 'Kunstmeile Süd'),
  b('km_nord', 'Kunstmeile Nord'),
  b('suedwest', 'Südwest Kunst'),
  b('volk', 'Volkskunst'),
  b('fest', 'Straßenfest Öhringen'),
  b('cafe', 'Café Élan'),
  b('alt_2019', 'alt_2019', { known: false }),
];
const values = (brands: Brand[]) => brands.map((x) => x.value);

describe('normalizeForSearch', () => {
  it.each([
    ['Süd', 'sud'],
    ['SÜD', 'sud'],
    ['Su\u0308d', 'sud'], // decomposed ü
    ['Straße', 'strasse'],
    ['STRAẞE', 'strasse'],
    ['Öhringen', 'ohringen'],
    ['Café Élan', 'cafe elan'],
    ['Ærø', 'aero'],
    ['Łódź', 'lodz'],
    ['ﬁsch', 'fisch'],
    ['ＫＵＮＳＴ', 'kunst'],
    ['ΟΔΟΣ', 'οδοσ'],
  ])('%j → %j', (input, output) => {
    expect(normalizeForSearch(input)).toBe(output);
  });
});

describe('searchBrands', () => {
  it.each(['kunst', 'Kunst', 'KUNSTMEILE', 'meile', 'süd', 'SÜD', 'sued', 'Sued', 'sud', 'Su\u0308d', 'kunst süd', 'süd kunst', ' kunst   sued '])(
    '%j finds "Kunstmeile Süd"',
    (query) => {
      expect(values(searchBrands(catalog, query))).toContain('km_sued');
    },
  );

  it('needs every token to match', () => {
    expect(values(searchBrands(catalog, 'kunst süd'))).toEqual(['km_sued', 'suedwest']);
    expect(values(searchBrands(catalog, 'kunst xyz'))).toEqual([]);
    expect(values(searchBrands(catalog, 'nord süd'))).toEqual([]);
  });

  it('ranks label prefixes first, then word starts, then the rest, keeping catalog order within', () => {
    expect(values(searchBrands(catalog, 'kunst'))).toEqual(['km_sued', 'km_nord', 'suedwest', 'volk']);
    expect(values(searchBrands(catalog, 'süd'))).toEqual(['suedwest', 'km_sued']);
    expect(values(searchBrands(catalog, 'sued'))).toEqual(['suedwest', 'km_sued']);
  });

  it('is umlaut- and ß-insensitive both ways', () => {
    expect(values(searchBrands(catalog, 'strasse'))).toEqual(['fest']);
    expect(values(searchBrands(catalog, 'straße'))).toEqual(['fest']);
    expect(values(searchBrands(catalog, 'oehringen'))).toEqual(['fest']);
    expect(values(searchBrands(catalog, 'ohringen'))).toEqual(['fest']);
    expect(values(searchBrands(catalog, 'cafe elan'))).toEqual(['cafe']);
    expect(values(searchBrands([b('m', 'Maerz')], 'märz'))).toEqual(['m']);
  });

  it('also matches the option value', () => {
    expect(values(searchBrands(catalog, 'marke_a'))).toEqual(['marke_a']);
    expect(values(searchBrands(catalog, 'km_'))).toEqual(['km_sued', 'km_nord']);
    expect(values(searchBrands(catalog, '2019'))).toEqual(['alt_2019']);
  });

  it('ranks a label match above a match on the value only', () => {
    const brands = [b('kunst_x', 'Anderes'), b('y', 'Kunsthalle')];
    expect(values(searchBrands(brands, 'kunst'))).toEqual(['y', 'kunst_x']);
  });

  it('returns every brand, in order, for an empty query, as a new array', () => {
    for (const q of ['', '   ', '\t\n']) {
      const result = searchBrands(catalog, q);
      expect(result).toEqual(catalog);
      expect(result).not.toBe(catalog);
    }
  });

  it('finds nothing for a query that matches nothing', () => {
    expect(searchBrands(catalog, 'zzz')).toEqual([]);
  });

  it('property: searching a brand by its own label finds it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 15 }), { minLength: 1, maxLength: 6 }),
        fc.nat(),
        (labels, pick) => {
          const brands = labels.map((label, i) => b(`v${i}`, label));
          const target = brands[pick % brands.length]!;
          expect(searchBrands(brands, target.label)).toContain(target);
          expect(searchBrands(brands, target.label.toUpperCase())).toContain(target);
          expect(searchBrands(brands, target.label.toLowerCase())).toContain(target);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('property: results are a subset of the brands, without duplicates', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 10 }), { maxLength: 8 }), fc.string({ maxLength: 6 }), (labels, query) => {
        const brands = labels.map((label, i) => b(`v${i}`, label));
        const result = searchBrands(brands, query);
        expect(new Set(result).size).toBe(result.length);
        for (const r of result) expect(brands).toContain(r);
      }),
    );
  });
});

describe('families', () => {
  const kunstmeile: BrandFamily = { name: 'Kunstmeile', brands: ['km_sued', 'km_nord'] };

  it('tells whether all, some or none of a family is picked', () => {
    expect(familyState(kunstmeile, new Set())).toBe('none');
    expect(familyState(kunstmeile, new Set(['marke_a']))).toBe('none');
    expect(familyState(kunstmeile, new Set(['km_sued']))).toBe('some');
    expect(familyState(kunstmeile, new Set(['km_sued', 'km_nord', 'marke_a']))).toBe('all');
    expect(familyState({ name: 'leer', brands: [] }, new Set(['a']))).toBe('none');
    expect(familyState({ name: 'doppelt', brands: ['a', 'a'] }, new Set(['a']))).toBe('all');
  });

  it('picks and unpicks each brand of a family, leaving the rest alone', () => {
    const selected = new Set(['marke_a', 'km_sued']);
    const on = toggleFamily(selected, kunstmeile, true);
    expect(on).toEqual(new Set(['marke_a', 'km_sued', 'km_nord']));
    const off = toggleFamily(on, kunstmeile, false);
    expect(off).toEqual(new Set(['marke_a']));
    expect(selected).toEqual(new Set(['marke_a', 'km_sued'])); // input untouched
  });

  it('property: toggling on gives "all", off gives "none", other brands unchanged', () => {
    const value = fc.constantFrom<string>('a', 'b', 'c', 'd', 'e', 'f');
    fc.assert(
      fc.property(fc.uniqueArray(value), fc.uniqueArray(value, { minLength: 1 }), fc.boolean(), (sel, fam, on) => {
        const family = { name: 'F', brands: fam };
        const next = toggleFamily(new Set(sel), family, on);
        expect(familyState(family, next)).toBe(on ? 'all' : 'none');
        for (const v of ['a', 'b', 'c', 'd', 'e', 'f']) {
          if (!fam.includes(v)) expect(next.has(v)).toBe(sel.includes(v));
        }
      }),
    );
  });

  it('fits the families of the settings to the catalog', () => {
    const result = familiesFromSettings(
      [
        { name: 'Kunstmeile', brands: ['km_sued', 'km_ost', 'km_nord', 'km_sued'] },
        { name: 'Weg', brands: ['gibt_es_nicht', 'km_ost'] },
        { name: 'Leer', brands: [] },
        { name: 'Nur am Kontakt', brands: ['alt_2019'] },
        { name: 'Marken', brands: ['marke_a'] },
      ],
      catalog,
    );
    expect(result).toEqual({
      families: [
        { name: 'Kunstmeile', brands: ['km_sued', 'km_nord'] },
        { name: 'Marken', brands: ['marke_a'] },
      ],
      unknownValues: ['km_ost', 'gibt_es_nicht', 'alt_2019'],
    });
  });

  it('keeps hidden options in families (they still exist)', () => {
    const cat = [b('h', 'Versteckt', { hidden: true })];
    expect(familiesFromSettings([{ name: 'F', brands: ['h'] }], cat).families).toEqual([{ name: 'F', brands: ['h'] }]);
  });
});

describe('brandLabel', () => {
  it('gives the label, or the value when unknown', () => {
    expect(brandLabel(catalog, 'km_sued')).toBe('Kunstmeile Süd');
    expect(brandLabel(catalog, 'unbekannt')).toBe('unbekannt');
    expect(brandLabel([], 'x')).toBe('x');
  });
});
