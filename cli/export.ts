// The clean export for the mail house (docs/contract.md §4, docs/export.md):
//   HUBSPOT_TOKEN=… npm run -s export -- --list <listId> [--brand <v>]... --output <file.csv> [--columns a,b,c] [--dialect excel|plain] [--author <short name>]
// Same engine as the segment panel (lib/export/engine.ts). Writes the file and
// `<file.csv>.receipt.json` beside it, both or neither: each is written to a temporary file in the
// same folder first and renamed into place only when both are complete.
//
// Exit codes: 0 written; 2 usage, configuration or API error (one line on stderr, nothing written).
import '../lib/i18n-node';
import { renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { pathToFileURL } from 'node:url';
import type { ParseArgsOptionsConfig } from 'node:util';
import { familiesFromSettings } from '../lib/domain/brands';
import { CSV_DIALECTS, DEFAULT_EXPORT_COLUMNS, isPropertyName, type CsvDialect } from '../lib/export/mailing';
import type { Progress } from '../lib/audit/types';
import { language, setLanguage, t, translator } from '../lib/i18n';
import { languageOf, parseOptions, portalFromEnv, UsageError } from './config';
import { errorLine, type Outcome } from './audit';
import { connect } from './connect';
import { printable } from './table';

export const EXPORT_EXIT = { written: 0, error: 2 } as const;

export interface ExportConfig extends ReturnType<typeof portalFromEnv> {
  listId: string;
  brands: string[];
  output: string;
  columns: string[];
  dialect: CsvDialect;
  /** The receipt's "by": --author, else PSG_AUTHOR, else the system's login name. */
  author: string;
  help: boolean;
}

const nonEmpty = (v: string | undefined): string | undefined => (v !== undefined && v.trim() !== '' ? v.trim() : undefined);

function loginName(): string {
  try {
    return userInfo().username;
  } catch {
    return '';
  }
}

const EXPORT_OPTIONS = {
    list: { type: 'string', multiple: true },
    brand: { type: 'string', multiple: true },
    output: { type: 'string', short: 'o' },
    columns: { type: 'string' },
    dialect: { type: 'string' },
    author: { type: 'string' },
    'rate-limit': { type: 'string' },
    'families-file': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  } as const satisfies ParseArgsOptionsConfig;

export function readExportConfig(argv: string[], env: NodeJS.ProcessEnv, systemUser: () => string = loginName): ExportConfig {
  const values = parseOptions(argv, EXPORT_OPTIONS);
  const help = values.help === true;
  const lists = [...new Set((values.list ?? []).map((v) => v.trim()))];
  if (!help && (lists.length !== 1 || lists[0] === '')) throw new UsageError(t('exportCliNeedList'));
  const output = nonEmpty(values.output);
  if (!help && !output) throw new UsageError(t('exportCliNeedOutput'));
  const brands = (values.brand ?? []).map((v) => v.trim());
  if (brands.some((v) => v === '')) throw new UsageError(t('cliBadArguments', '--brand ""'));
  const dialect = (values.dialect ?? 'excel').trim();
  if (!(CSV_DIALECTS as readonly string[]).includes(dialect)) throw new UsageError(t('exportCliBadDialect', dialect));
  const columns = values.columns !== undefined ? values.columns.split(',').map((c) => c.trim()).filter(Boolean) : [...DEFAULT_EXPORT_COLUMNS];
  const bad = columns.find((c) => !isPropertyName(c));
  if (bad !== undefined) throw new UsageError(t('exportBadColumn', bad));
  const author = nonEmpty(values.author) ?? nonEmpty(env.PSG_AUTHOR) ?? nonEmpty(systemUser()) ?? '';
  if (!help && !author) throw new UsageError(t('exportCliNoAuthor'));

  return {
    ...portalFromEnv(env, { rateLimit: values['rate-limit'], familiesFile: values['families-file'] }, help),
    listId: lists[0] ?? '',
    brands: [...new Set(brands)],
    output: output ?? '',
    columns,
    dialect: dialect as CsvDialect,
    author,
    help,
  };
}

/** Writes both files or neither: temporaries in the target folder, renamed when both are complete. */
export function writeBoth(files: readonly { path: string; text: string }[]): void {
  const temps = files.map((f) => ({ ...f, temp: `${f.path}.${process.pid}.${Date.now()}.part` }));
  const placed: string[] = [];
  try {
    for (const f of temps) writeFileSync(f.temp, f.text, { encoding: 'utf8', flag: 'wx' });
    for (const f of temps) {
      renameSync(f.temp, f.path);
      placed.push(f.path);
    }
  } catch (e) {
    for (const f of temps) tryUnlink(f.temp);
    for (const p of placed) tryUnlink(p);
    throw new UsageError(t('cliCannotWrite', files[0]?.path ?? '', e instanceof Error ? e.message : String(e)));
  }
}

function tryUnlink(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // not there (never written, or already renamed away)
  }
}

/** One line naming the cause; a usage mistake points to this command's help. */
function exportErrorLine(e: unknown): string {
  if (e instanceof UsageError) return printable(`${e.message} ${t('exportCliUsageHint')}`).replace(/\s+/g, ' ').trim();
  return errorLine(e);
}

export async function run(argv: string[], env: NodeJS.ProcessEnv, progress?: (p: Progress) => void): Promise<Outcome> {
  setLanguage(languageOf(env));
  let config: ExportConfig;
  try {
    config = readExportConfig(argv, env);
  } catch (e) {
    return { stdout: '', stderr: exportErrorLine(e), code: EXPORT_EXIT.error };
  }
  if (config.help) return { stdout: `${t('exportCliUsage')}\n`, stderr: '', code: EXPORT_EXIT.written };
  try {
    const [{ runExport }, { api, catalog }] = await Promise.all([import('../lib/export/engine'), connect(config, progress)]);
    // A column that is no contact property would come out empty without a word: refuse it.
    const labels = await api.getPropertyLabels();
    const missing = config.columns.find((c) => labels[c] === undefined);
    if (missing !== undefined) throw new UsageError(t('exportBadColumn', missing));

    const result = await runExport(api, {
      blockProperty: config.blockProperty,
      catalog: catalog.map((b) => ({ value: b.value, label: b.label })),
      families: familiesFromSettings(config.families, catalog).families,
      tr: translator(language()),
      listId: config.listId,
      ...(config.brands.length ? { brandsOverride: config.brands, brandSource: 'argument' as const } : {}),
      columns: config.columns,
      dialect: config.dialect,
      by: config.author,
      ...(progress ? { onProgress: progress } : {}),
    });
    const receiptPath = `${config.output}.receipt.json`;
    writeBoth([
      { path: config.output, text: result.csv },
      { path: receiptPath, text: result.receiptText },
    ]);
    const r = result.receipt;
    const left = r.members - r.exported;
    return {
      stdout: `${t('exportCliWritten', r.exported, r.members, config.output, left, r.brands.join(', '), receiptPath)}\n`,
      stderr: '',
      code: EXPORT_EXIT.written,
    };
  } catch (e) {
    return { stdout: '', stderr: exportErrorLine(e), code: EXPORT_EXIT.error };
  }
}

async function main(): Promise<void> {
  const progress = process.stderr.isTTY
    ? (p: Progress) => process.stderr.write(`\r\x1b[K${p.label}${p.total !== null ? ` ${p.done}/${p.total}` : ''}`)
    : undefined;
  const outcome = await run(process.argv.slice(2), process.env, progress);
  if (progress) process.stderr.write('\r\x1b[K');
  if (outcome.stdout) process.stdout.write(outcome.stdout);
  if (outcome.stderr) process.stderr.write(`${outcome.stderr}\n`);
  process.exitCode = outcome.code;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
