// The one CSV writer, for the command line and the options page's download. Reports carry
// names anyone in the portal can type (lists, workflows, reasons), so every text field that a
// spreadsheet would run as a formula (starting with = + - @, tab or CR) gets a leading
// apostrophe, as OWASP advises for CSV exports; then RFC 4180 quoting.

export type CsvValue = string | number | boolean | null | undefined;

/** The field separator: `,` (RFC 4180) or `;` (what Excel expects where the decimal mark is a comma, e.g. German). */
export type CsvSeparator = ',' | ';';

export function csvField(value: CsvValue, separator: CsvSeparator = ','): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  const special = separator === ';' ? /[";\r\n]/ : /[",\r\n]/;
  return special.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(fields: readonly CsvValue[], separator: CsvSeparator = ','): string {
  return fields.map((f) => csvField(f, separator)).join(separator);
}

/** Records joined by CRLF, with a CRLF after the last one (RFC 4180). */
export function toCsv(records: readonly (readonly CsvValue[])[], separator: CsvSeparator = ','): string {
  return records.map((r) => `${csvRow(r, separator)}\r\n`).join('');
}

/** Byte order mark: Excel reads a downloaded file as UTF-8 only with it. */
export const CSV_BOM = '\uFEFF';

// ---- reading ---------------------------------------------------------------------------------

export interface CsvTable {
  /** The first row, trimmed. */
  header: string[];
  rows: string[][];
  /** The field separator found in the first line: `;` (German Excel) or `,`. */
  delimiter: ';' | ',';
}

/**
 * Reads a CSV file as mail houses send it: an optional UTF-8 byte order mark, `;` or `,` between
 * fields (whichever the header line holds more of outside quotes), RFC 4180 quotes, CRLF or LF.
 * Blank lines are skipped. A file without a header line gives an empty table.
 */
export function parseCsv(text: string): CsvTable {
  const body = text.startsWith(CSV_BOM) ? text.slice(CSV_BOM.length) : text;
  const delimiter = detectDelimiter(body);
  const records: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  const endRow = () => {
    row.push(field);
    if (row.length > 1 || row[0]!.trim() !== '') records.push(row);
    row = [];
    field = '';
    fieldStarted = false;
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (c === delimiter) {
      row.push(field);
      field = '';
      fieldStarted = false;
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      endRow();
    } else {
      field += c;
      fieldStarted = true;
    }
  }
  if (field !== '' || row.length > 0) endRow();
  const [header = [], ...rows] = records;
  return { header: header.map((h) => h.trim()), rows, delimiter };
}

function detectDelimiter(text: string): ';' | ',' {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c === ';') semicolons++;
    else if (!quoted && c === ',') commas++;
  }
  return semicolons > commas ? ';' : ',';
}
