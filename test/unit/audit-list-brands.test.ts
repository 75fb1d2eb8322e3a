// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { detectListBrands, nameWords } from '../../lib/audit/listBrands';

const catalog = [
  { value: 'marke_a', label: 'Marke A' },
  { value: 'marke_ab', label: 'Marke AB' },
  { value: 'km_nord', label: 'Kunstmeile Nord' },
  { value: 'km_sued', label: 'Kunstmeile Süd' },
  { value: 'km_west', label: 'Kunstmeile West' },
  { value: 'atelier', label: 'Atelier Café' },
  { value: 'schoene', label: 'Schöne Künste' },
];
const families = [{ name: 'Kunstmeile', brands: ['km_nord', 'km_sued', 'km_west'] }];

describe('detectListBrands', () => {
  it.each([
    ['Herbstkatalog Marke A', ['marke_a']],
    ['Herbstkatalog Marke AB', ['marke_ab']],
    ['marke a – Versand 2026', ['marke_a']],
    ['Kunstmeile Herbst', ['km_nord', 'km_sued', 'km_west']],
    ['Kunstmeile Süd Weihnachten', ['km_sued']],
    ['KUNSTMEILE SUED', ['km_sued']],
    ['Kunstmeile Sud 2026', ['km_sued']],
    ['kunstmeile-süd/nord', ['km_sued']],
    ['Kunstmeile Süd und Kunstmeile Nord', ['km_nord', 'km_sued']],
    ['Marke A + Marke AB', ['marke_a', 'marke_ab']],
    ['Atelier Cafe Einladung', ['atelier']],
    ['SCHOENE KUENSTE Frühjahr', ['schoene']],
    ['Markenwelt A', []],
    ['MarkeA', []],
    ['Kunstmeilen-Freunde', []],
    ['Jahresprogramm', []],
    ['', []],
  ])('%s', (name, brands) => {
    expect(detectListBrands(name, catalog, families)).toEqual(brands);
  });

  it('falls back to the folder name when the name names no brand', () => {
    expect(detectListBrands('Jahresprogramm 2026', catalog, families, 'Marke A')).toEqual(['marke_a']);
    expect(detectListBrands('Herbst Marke AB', catalog, families, 'Marke A')).toEqual(['marke_ab']);
    expect(detectListBrands('Jahresprogramm 2026', catalog, families, 'Archiv')).toEqual([]);
  });

  it('a family brand missing from the catalog is still returned', () => {
    expect(detectListBrands('Kunstmeile', catalog.slice(0, 2), families)).toEqual(['km_nord', 'km_sued', 'km_west']);
  });
});

describe('nameWords', () => {
  it('folds case, umlauts (both spellings) and accents', () => {
    expect(nameWords('Süß & Öl – ÄRGER, Café, Cafe\u0301')).toEqual([['suess', 'suss'], ['oel', 'ol'], ['aerger', 'arger'], ['cafe'], ['cafe']]);
  });
});
