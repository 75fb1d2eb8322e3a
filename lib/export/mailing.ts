// The clean export for the mail house (docs/domain.md rule 11), its pure core: who goes into the
// file (the segment's members minus everyone blocked for the mailing's brands), which columns, the
// file's bytes in either dialect through the one CSV writer, and the receipt beside it. No HubSpot,
// no browser: the engine (engine.ts) feeds it, the command line and the segment panel share it.
import { CSV_BOM, toCsv, type CsvValue } from '../csv';

/** First column of every file: HubSpot's record id. */
export const RECORD_ID_COLUMN = 'hs_object_id';

/**
 * The address columns offered by default, as HubSpot's default contact properties name them
 * (docs/export.md "Columns"): salutation, first name, last name, company, street address, postal
 * code, city, country/region.
 */
export const DEFAULT_EXPORT_COLUMNS = ['salutation', 'firstname', 'lastname', 'company', 'address', 'zip', 'city', 'country'] as const;

/** `excel`: UTF-8 with a byte order mark, `;` between fields; `plain`: UTF-8, `,` (RFC 4180). */
export type CsvDialect = 'excel' | 'plain';
export const CSV_DIALECTS: readonly CsvDialect[] = ['excel', 'plain'];

/** An internal property name as HubSpot makes them (lower case, digits, underscores). */
const PROPERTY_NAME = /^[a-z0-9_]{1,100}$/i;

export function isPropertyName(name: string): boolean {
  return PROPERTY_NAME.test(name);
}

/** The file's columns: the record id first, then the chosen ones once each (the id not twice). */
export function exportColumns(chosen: readonly string[]): string[] {
  const out = [RECORD_ID_COLUMN];
  for (const raw of chosen) {
    const name = raw.trim();
    if (name && !out.includes(name)) out.push(name);
  }
  return out;
}

/** A contact blocked for some brands (option values of the block property). */
export interface BlockedMember {
  id: string;
  brands: readonly string[];
}

export interface Selection {
  /** Distinct members, ascending by id. */
  members: string[];
  /** Members that go into the file, ascending by id. */
  exported: string[];
  /** Members left out, ascending by id. */
  excludedIds: string[];
  /** Per brand of the mailing: how many members are blocked for it (a member blocked for two of the
   *  mailing's brands counts for each; every brand of the mailing is a key, 0 included). */
  excluded: Record<string, number>;
}

const byId = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

/**
 * The segment's members minus everyone blocked for at least one of the mailing's brands.
 * `blocked` may name the same contact more than once (e.g. the first reading and the re-check at the
 * end): its brands are the union.
 */
export function selectRecipients(members: Iterable<string>, blocked: Iterable<BlockedMember>, brands: readonly string[]): Selection {
  const want = new Set(brands);
  const blockedBrands = new Map<string, Set<string>>();
  for (const b of blocked) {
    const hit = b.brands.filter((x) => want.has(x));
    if (hit.length === 0) continue;
    const set = blockedBrands.get(b.id) ?? new Set<string>();
    for (const x of hit) set.add(x);
    blockedBrands.set(b.id, set);
  }
  const distinct = [...new Set(members)].sort(byId);
  const exported: string[] = [];
  const excludedIds: string[] = [];
  const excluded: Record<string, number> = Object.fromEntries([...want].map((b) => [b, 0]));
  for (const id of distinct) {
    const hit = blockedBrands.get(id);
    if (!hit) {
      exported.push(id);
      continue;
    }
    excludedIds.push(id);
    for (const b of hit) excluded[b] = (excluded[b] ?? 0) + 1;
  }
  return { members: distinct, exported, excludedIds, excluded };
}

/** The file's records: the header (column names), then one row per contact in the given order. */
export function exportRecords(ids: readonly string[], columns: readonly string[], valuesOf: (id: string) => Readonly<Record<string, string | null | undefined>> | undefined): CsvValue[][] {
  const rows: CsvValue[][] = [[...columns]];
  for (const id of ids) {
    const values = valuesOf(id) ?? {};
    rows.push(columns.map((c) => (c === RECORD_ID_COLUMN ? id : (values[c] ?? ''))));
  }
  return rows;
}

/** The file's text in a dialect; its bytes are this text as UTF-8 (the BOM included for `excel`). */
export function exportCsv(records: readonly (readonly CsvValue[])[], dialect: CsvDialect): string {
  return dialect === 'excel' ? CSV_BOM + toCsv(records, ';') : toCsv(records, ',');
}

/** What was sent, to whom not and why: written beside the file as `<file>.receipt.json`. */
export interface ExportReceipt {
  listId: string;
  name: string;
  brands: string[];
  /** ISO time the file was made. */
  at: string;
  /** The short name of who made it. */
  by: string;
  members: number;
  excluded: Record<string, number>;
  exported: number;
  /** SHA-256 of the file's bytes, hex. */
  sha256: string;
}

/** The receipt with its keys in the documented order. */
export function buildReceipt(r: ExportReceipt): ExportReceipt {
  return {
    listId: r.listId,
    name: r.name,
    brands: [...r.brands],
    at: r.at,
    by: r.by,
    members: r.members,
    excluded: { ...r.excluded },
    exported: r.exported,
    sha256: r.sha256,
  };
}

export function receiptText(r: ExportReceipt): string {
  return `${JSON.stringify(buildReceipt(r), null, 2)}\n`;
}

/** SHA-256 (hex) of a text's UTF-8 bytes, with Web Crypto (Node 22 and the service worker alike). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A file name for the download: the segment's name made safe, and the date. */
export function exportFileName(listName: string, listId: string, at: Date): string {
  const safe = listName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${safe || 'segment'}-${listId}-${at.toISOString().slice(0, 10)}.csv`;
}
