// One CSV writer for the command line and the options page: formulas neutralised in every text
// field, RFC 4180 quoting that reads back to the same fields.
import { describe, expect } from 'vitest';
import { it, fc } from '@fast-check/vitest';
import { csvField, toCsv } from '../../lib/csv';
import { reportCsv } from '../../lib/audit/report';
import type { PortalAudit } from '../../lib/audit/types';

/** A strict RFC 4180 reader, for checking only. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

const FORMULA = /^[=+\-@\t\r]/;

describe('CSV', () => {
  it.prop([fc.array(fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 })])(
    'reads back field by field; no field starts like a formula; the text is kept behind the apostrophe',
    (records) => {
      const back = parseCsv(toCsv(records));
      expect(back).toHaveLength(records.length);
      back.forEach((row, r) =>
        row.forEach((field, f) => {
          const original = records[r]![f]!;
          expect(FORMULA.test(field)).toBe(false);
          expect(field).toBe(FORMULA.test(original) ? `'${original}` : original);
        }),
      );
    },
  );

  it('the command line report neutralises formulas in every field (names are anyone\'s input)', () => {
    const audit = {
      lists: [
        {
          listId: '1',
          name: '=HYPERLINK("http://x","klick")',
          processingType: 'MANUAL',
          brands: ['-marke'],
          compliant: false,
          leaks: [{ kind: 'member', recordId: '101', brand: '@marke' }],
        },
      ],
      contactsMissingReason: [],
      requests: 1,
    } as unknown as PortalAudit;
    const rows = parseCsv(reportCsv(audit));
    for (const field of rows.flat()) expect(FORMULA.test(field)).toBe(false);
    expect(rows[1]).toContain(`'=HYPERLINK("http://x","klick")`);
    expect(csvField(-1)).toBe('-1'); // numbers are data, not text someone typed
  });
});
