// @vitest-environment node
// One reading of the families text for the options page and the command line. Before, the options
// page split at new lines only and removed repeated values, reporting bad lines by number; the command
// line split at new lines and `;`, kept repeats and stopped at the first bad family. `former` records
// what each did with the inputs where they differed; the one parser now does what `now` says.
import { describe, expect, it } from 'vitest';
import { parseFamiliesText } from '../../lib/domain/familiesText';

const cases = [
  {
    input: 'Kunstmeile: kunstmeile_nord, kunstmeile_sued, kunstmeile_nord\n\nohne Doppelpunkt\nLeer:',
    former: { options: 'Kunstmeile [nord, sued]; bad lines 3, 4', cli: 'error "ohne Doppelpunkt"' },
    now: { families: [{ name: 'Kunstmeile', brands: ['kunstmeile_nord', 'kunstmeile_sued'] }], badLines: [3, 4], badParts: ['ohne Doppelpunkt', 'Leer:'] },
  },
  {
    input: 'Kunstmeile: kunstmeile_nord, kunstmeile_sued; Galerien: galerie_west',
    former: { options: 'Kunstmeile [nord, "sued; Galerien: galerie_west"]', cli: 'Kunstmeile [nord, sued], Galerien [west]' },
    now: {
      families: [
        { name: 'Kunstmeile', brands: ['kunstmeile_nord', 'kunstmeile_sued'] },
        { name: 'Galerien', brands: ['galerie_west'] },
      ],
      badLines: [],
      badParts: [],
    },
  },
  {
    input: 'Kunstmeile: kunstmeile_nord, kunstmeile_nord',
    former: { options: 'Kunstmeile [nord]', cli: 'Kunstmeile [nord, nord]' },
    now: { families: [{ name: 'Kunstmeile', brands: ['kunstmeile_nord'] }], badLines: [], badParts: [] },
  },
  {
    input: 'A: a; kaputt; : b\nB: b',
    former: { options: 'A [a; kaputt; : b], B [b]', cli: 'error "kaputt"' },
    now: { families: [{ name: 'A', brands: ['a'] }, { name: 'B', brands: ['b'] }], badLines: [1], badParts: ['kaputt', ': b'] },
  },
  {
    input: ' \r\nGalerien: galerie_west;\r\n',
    former: { options: 'Galerien [west]', cli: 'Galerien [west]' },
    now: { families: [{ name: 'Galerien', brands: ['galerie_west'] }], badLines: [], badParts: [] },
  },
];

describe('families text', () => {
  it.each(cases)('$input', ({ input, now }) => {
    expect(parseFamiliesText(input)).toEqual(now);
  });
});
