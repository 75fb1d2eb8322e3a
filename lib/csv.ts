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
