// The bulk block from a file (docs/bulk-block.md), the parts without HubSpot: the file's values,
// what a preview and a run found, the contract's JSON document and the result file. Pure: the
// options page, the background and the command line share them.
import { CSV_BOM, toCsv, type CsvTable } from '../csv';
import type { BlockState } from './lostUpdate';

export type BulkBy = 'id' | 'email';

/** One distinct value of the chosen column, with the first file row (1-based, header = row 1) holding it. */
export interface FileValue {
  value: string;
  row: number;
}

export interface BulkMatch {
  id: string;
  /** The value from the file that named it. */
  value: string;
  state: BlockState;
}

export interface BulkPreview<M extends Pick<BulkMatch, 'id' | 'value'> = BulkMatch> {
  /** Contacts found exactly once (those already blocked included), in file order. */
  matched: M[];
  /** Values no contact has. */
  notFound: string[];
  /** Values several contacts have (by e-mail): none of them is written. */
  ambiguous: { value: string; ids: string[] }[];
  /** Matched contacts already blocked for every chosen brand (nothing to write). */
  alreadyBlocked: string[];
}

/** A preview as the options page sees it: no contact's blocks or log cross the port. */
export type BulkPreviewSummary = BulkPreview<Pick<BulkMatch, 'id' | 'value'>>;

export function previewSummary(p: BulkPreview): BulkPreviewSummary {
  return { matched: p.matched.map(({ id, value }) => ({ id, value })), notFound: p.notFound, ambiguous: p.ambiguous, alreadyBlocked: p.alreadyBlocked };
}

/** The contacts a run writes: matched, not blocked for every brand yet. */
export function toWrite<M extends Pick<BulkMatch, 'id'>>(p: BulkPreview<M & Pick<BulkMatch, 'value'>>): M[] {
  const already = new Set(p.alreadyBlocked);
  return p.matched.filter((m) => !already.has(m.id));
}

/** What the options page asks the background for. */
export interface BulkPreviewArgs {
  values: FileValue[];
  by: BulkBy;
  brands: string[];
  reason: string;
}

export interface BulkRunArgs {
  /** The contacts to write (from the preview: matched and not yet blocked for every brand). */
  ids: string[];
  brands: string[];
  reason: string;
}

export interface BulkRunResult {
  written: string[];
  failed: { id: string; error: string }[];
  /** Blocked for every brand when the run read them (someone else did it meanwhile, or a run before). */
  alreadyBlocked: string[];
  /** Not reached: the run was cancelled (or stopped by an error) before their batch. */
  notDone: string[];
  cancelled: boolean;
  /** Writes of others that landed between our read and our write and were kept. */
  racesRepaired: number;
  /** What stopped the run (auth, scope, daily limit …); the contacts of later batches are in notDone. */
  error?: { kind: string; message: string };
}

export interface BulkProgress {
  done: number;
  total: number;
}

/** The key two values of the file are the same under: e-mail addresses ignore case. */
export function keyOf(value: string, by: BulkBy): string {
  return by === 'email' ? value.toLowerCase() : value;
}

/** The file has no such column. */
export class MissingColumn extends Error {
  constructor(
    readonly column: string,
    readonly header: readonly string[],
  ) {
    super(`no column ${column}`);
    this.name = 'MissingColumn';
  }
}

/** The chosen column's distinct, non-empty values, in file order. @throws MissingColumn */
export function valuesOfColumn(table: CsvTable, column: string, by: BulkBy): FileValue[] {
  const index = table.header.indexOf(column.trim());
  if (index < 0) throw new MissingColumn(column, table.header);
  const seen = new Set<string>();
  const out: FileValue[] = [];
  table.rows.forEach((row, i) => {
    const value = (row[index] ?? '').trim();
    if (value === '') return;
    const key = keyOf(value, by);
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ value, row: i + 2 });
  });
  return out;
}

/** Whether a column holds e-mail addresses rather than record ids, guessed from its name. */
export function guessBy(column: string): BulkBy {
  return /mail/i.test(column) ? 'email' : 'id';
}

// ---- what came of it --------------------------------------------------------------------------

export type BulkOutcome = 'written' | 'already-blocked' | 'not-found' | 'ambiguous' | 'failed' | 'not-done' | 'dry-run';

/** The contract's JSON document (docs/contract.md §5). */
export interface BulkReport {
  matched: string[];
  notFound: string[];
  ambiguous: { value: string; ids: string[] }[];
  alreadyBlocked: string[];
  written: string[];
  failed: { id: string; error: string }[];
}

type AnyPreview = BulkPreview<Pick<BulkMatch, 'id' | 'value'>>;

/** The contract's JSON document from a preview and (unless a dry run) a run. */
export function bulkReport(preview: AnyPreview, run: BulkRunResult | null): BulkReport {
  // The run's word is the last one: a contact the preview showed blocked may have been written.
  const handled = new Set([...(run?.written ?? []), ...(run?.failed ?? []).map((f) => f.id), ...(run?.notDone ?? [])]);
  const already = new Set([...preview.alreadyBlocked.filter((id) => !handled.has(id)), ...(run?.alreadyBlocked ?? [])]);
  return {
    matched: preview.matched.map((m) => m.id),
    notFound: [...preview.notFound],
    ambiguous: preview.ambiguous.map((a) => ({ value: a.value, ids: [...a.ids] })),
    alreadyBlocked: preview.matched.map((m) => m.id).filter((id) => already.has(id)),
    written: run ? [...run.written] : [],
    failed: run ? run.failed.map((f) => ({ ...f })) : [],
  };
}

/** One row per value of the file: `id, value, outcome, error` (CSV with BOM, for Excel). */
export function bulkResultCsv(preview: AnyPreview, run: BulkRunResult | null): string {
  const rows: (readonly string[])[] = [['id', 'value', 'outcome', 'error']];
  const written = new Set(run?.written ?? []);
  const already = new Set([...preview.alreadyBlocked, ...(run?.alreadyBlocked ?? [])]);
  const failed = new Map((run?.failed ?? []).map((f) => [f.id, f.error]));
  for (const m of preview.matched) {
    const outcome: BulkOutcome = written.has(m.id) ? 'written' : failed.has(m.id) ? 'failed' : already.has(m.id) ? 'already-blocked' : run ? 'not-done' : 'dry-run';
    rows.push([m.id, m.value, outcome, failed.get(m.id) ?? '']);
  }
  for (const v of preview.notFound) rows.push(['', v, 'not-found', '']);
  for (const a of preview.ambiguous) rows.push([a.ids.join(' '), a.value, 'ambiguous', '']);
  return CSV_BOM + toCsv(rows);
}
