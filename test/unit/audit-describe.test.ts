// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { describeBranch, describeWitness, type DescribeContext } from '../../lib/audit/describe';
import { AND, BP, NOT_ALL, NOT_ANY, OR, constant, countryIs, enumF, inList, known, pageView, str } from './support/filter-builders';

const labels: Record<string, string> = { country: 'Land', [BP]: 'Post Sperre Marken' };
const brandLabels: Record<string, string> = { marke_a: 'Marke A', marke_b: 'Marke B' };
const de: DescribeContext = { lang: 'de', propertyLabel: (n) => labels[n] ?? n, brandLabel: (v) => brandLabels[v] ?? v, blockProperty: BP };
const en: DescribeContext = { ...de, lang: 'en', propertyLabel: (n) => (n === 'country' ? 'Country' : (labels[n] ?? n)) };

describe('describeBranch', () => {
  it('the compliant pattern, in German and English', () => {
    const b = AND(countryIs('DE'), enumF('IS_NONE_OF', ['marke_a'], true));
    expect(describeBranch(b, de)).toBe('Land ist DE und Post Sperre Marken ist keiner von Marke A');
    expect(describeBranch(b, en)).toBe('Country is DE and Post Sperre Marken is none of Marke A');
  });
  it.each([
    [enumF('IS_ANY_OF', ['marke_a', 'marke_b']), 'Post Sperre Marken ist einer von Marke A, Marke B', 'Post Sperre Marken is any of Marke A, Marke B'],
    [enumF('DOES_NOT_CONTAIN_ALL', ['marke_a']), 'Post Sperre Marken enthält nicht alle von Marke A', 'Post Sperre Marken does not contain all of Marke A'],
    [enumF('HAS_NEVER_BEEN_ANY_OF', ['marke_a']), 'Post Sperre Marken war nie einer von Marke A', 'Post Sperre Marken has never been any of Marke A'],
    [known('IS_UNKNOWN'), 'Post Sperre Marken ist unbekannt', 'Post Sperre Marken is unknown'],
    [str('country', 'IS_NOT_EQUAL_TO', 'AT'), 'Land ist nicht AT', 'Country is not AT'],
    [inList('456', true), 'nicht in Segment 456', 'not in segment 456'],
    [constant(true), 'alle Kontakte', 'every contact'],
    [pageView('/x'), 'Bedingung PAGE_VIEW', 'PAGE_VIEW condition'],
    [str('country', 'CONTAINS', 'D'), 'Land CONTAINS D', 'Country CONTAINS D'],
  ])('%j', (filter, textDe, textEn) => {
    expect(describeBranch(AND(filter), de)).toBe(textDe);
    expect(describeBranch(AND(filter), en)).toBe(textEn);
  });
  it('nesting gets parentheses; NOT_ANY and NOT_ALL are spelled out', () => {
    const b = OR(AND(countryIs('DE'), NOT_ANY(enumF('IS_ANY_OF', ['marke_a']), known('IS_UNKNOWN', 'country'))), AND(NOT_ALL(countryIs('AT'), countryIs('CH'))));
    expect(describeBranch(b, de)).toBe(
      '(Land ist DE und nicht (Post Sperre Marken ist einer von Marke A oder Land ist unbekannt)) oder nicht (Land ist AT und Land ist CH)',
    );
  });
  it('without labels, names and values are shown as they are', () => {
    expect(describeBranch(AND(enumF('IS_NONE_OF', ['marke_a'])), { lang: 'en' })).toBe('post_sperre_marken is none of marke_a');
  });
  it('another branch type', () => {
    expect(describeBranch({ ...AND(), filterBranchType: 'UNIFIED_EVENTS' }, de)).toBe('Bedingung UNIFIED_EVENTS');
  });
});

describe('describeWitness', () => {
  it('other properties, then the brands blocked', () => {
    expect(describeWitness({ [BP]: 'marke_a', country: 'DE' }, de)).toBe('z. B. ein Kontakt mit Land = DE, gesperrt für Marke A');
    expect(describeWitness({ [BP]: 'marke_a', country: 'DE' }, en)).toBe('e.g. a contact with Country = DE, blocked for Marke A');
  });
  it('several brands, no value, nothing else', () => {
    expect(describeWitness({ [BP]: 'marke_a;marke_b;marke_c' }, de)).toBe('z. B. ein Kontakt, gesperrt für Marke A, Marke B und marke_c');
    expect(describeWitness({ [BP]: 'marke_a;marke_b' }, en)).toBe('e.g. a contact blocked for Marke A and Marke B');
    expect(describeWitness({ country: null, [BP]: 'marke_a' }, de)).toBe('z. B. ein Kontakt mit Land ohne Wert, gesperrt für Marke A');
    expect(describeWitness({ country: null, [BP]: 'marke_a' }, en)).toBe('e.g. a contact with no Country, blocked for Marke A');
  });
});
