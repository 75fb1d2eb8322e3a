// The bulk block command (docs/contract.md §5):
//   HUBSPOT_TOKEN=… npm run -s block -- --file <file.csv> --column <name> --by id|email --brand <v> [--brand <v>]...
//                                        --reason "<text>" [--author <short name>] [--dry-run] [--format table|json] [--result <file.csv>]
// Same engine as the options page's "Sperren aus Datei" (lib/gateway/bulkBlock.ts).
//
// Exit codes: 0 every matched row done; 1 some value not found or ambiguous, or a contact failed
// (or, after Ctrl-C, not reached); 2 usage, configuration or API error, with one line on stderr.
import '../lib/i18n-node';
import { readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { pathToFileURL } from 'node:url';
import type { ParseArgsOptionsConfig } from 'node:util';
import { parseCsv } from '../lib/csv';
import { bulkReport, bulkResultCsv, MissingColumn, toWrite, valuesOfColumn, type BulkBy, type BulkProgress, type BulkReport, type BulkRunResult } from '../lib/domain/bulkFile';
import { checkedBrands, checkedReason, resolveBulk, runBulkBlock } from '../lib/gateway/bulkBlock';
import { isGatewayError } from '../lib/hubspot/errors';
import { setLanguage, t } from '../lib/i18n';
import { errorLine, type Outcome } from './audit';
import { languageOf, nonEmpty, parseOptions, readConnection, UsageError, type ConnectionConfig } from './config';
import { printable } from './table';

export const EXIT = { done: 0, incomplete: 1, error: 2 } as const;

export interface BlockConfig extends ConnectionConfig {
  file: string;
  column: string;
  by: BulkBy;
  brands: string[];
  reason: string;
  author: string;
  dryRun: boolean;
  format: 'table' | 'json';
  /** Where the result file (id, value, outcome, error) goes. */
  result?: string;
  help: boolean;
}

const BLOCK_OPTIONS = {
    file: { type: 'string' },
    column: { type: 'string' },
    by: { type: 'string' },
    brand: { type: 'string', multiple: true },
    reason: { type: 'string' },
    author: { type: 'string' },
    'dry-run': { type: 'boolean' },
    format: { type: 'string' },
    result: { type: 'string' },
    'rate-limit': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  } as const satisfies ParseArgsOptionsConfig;

export function readBlockConfig(argv: string[], env: NodeJS.ProcessEnv): BlockConfig {
  const values = parseOptions(argv, BLOCK_OPTIONS);
  const help = values.help === true;
  const required = (v: string | undefined, flag: string): string => {
    if (help) return v ?? '';
    const x = nonEmpty(v);
    if (x === undefined) throw new UsageError(t('cliBlockMissing', flag));
    return x;
  };
  const file = required(values.file, '--file');
  const column = required(values.column, '--column');
  const by = required(values.by, '--by');
  if (!help && by !== 'id' && by !== 'email') throw new UsageError(t('cliBlockBadBy', by));
  const brands = (values.brand ?? []).map((b) => b.trim()).filter(Boolean);
  if (!help && brands.length === 0) throw new UsageError(t('cliBlockMissing', '--brand'));
  const reason = help ? '' : checkedReasonOrUsage(values.reason ?? '');
  const format = values.format ?? 'table';
  if (format !== 'table' && format !== 'json') throw new UsageError(t('cliBlockBadFormat', format));
  return {
    ...readConnection(env, values['rate-limit'], help),
    file,
    column,
    by: by as BulkBy,
    brands: [...new Set(brands)],
    reason,
    // The log names a person: the short name given, else the login name of whoever runs it.
    author: nonEmpty(values.author) ?? loginName(),
    dryRun: values['dry-run'] === true,
    format,
    ...(values.result !== undefined ? { result: values.result } : {}),
    help,
  };
}

function checkedReasonOrUsage(reason: string): string {
  try {
    return checkedReason(reason);
  } catch (e) {
    throw new UsageError(`--reason: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function loginName(): string {
  try {
    return userInfo().username || '?';
  } catch {
    return '?';
  }
}

function usageLine(e: unknown): string {
  if (e instanceof UsageError) return printable(e.message).replace(/\s+/g, ' ').trim();
  return errorLine(e);
}

export function blockTable(report: BulkReport, dryRun: boolean, run: BulkRunResult | null): string {
  const lines = [
    t('cliBlockSummary', report.matched.length, report.alreadyBlocked.length, report.written.length, report.failed.length, report.notFound.length, report.ambiguous.length),
  ];
  if (dryRun) lines.push(t('cliBlockDryRun'));
  for (const f of report.failed) lines.push(`  ${t('bulkBlockFailedItem', f.id, printable(f.error))}`);
  if (report.notFound.length) lines.push(`  ${t('bulkBlockNotFoundList', report.notFound.map(printable).join(', '))}`);
  for (const a of report.ambiguous) lines.push(`  ${t('bulkBlockAmbiguousItem', printable(a.value), a.ids.join(', '))}`);
  if (run?.cancelled || run?.error) lines.push(t('bulkBlockCancelled', report.written.length, report.failed.length, run.notDone.length));
  return `${lines.join('\n')}\n`;
}

export async function run(argv: string[], env: NodeJS.ProcessEnv, deps: { signal?: AbortSignal; progress?: (p: BulkProgress) => void } = {}): Promise<Outcome> {
  setLanguage(languageOf(env));
  let config: BlockConfig;
  try {
    config = readBlockConfig(argv, env);
  } catch (e) {
    return { stdout: '', stderr: usageLine(e), code: EXIT.error };
  }
  if (config.help) return { stdout: `${t('cliBlockUsage')}\n`, stderr: '', code: EXIT.done };
  try {
    let text: string;
    try {
      text = readFileSync(config.file, 'utf8');
    } catch (e) {
      throw new UsageError(t('cliBlockCannotRead', config.file, e instanceof Error ? e.message : String(e)));
    }
    const table = parseCsv(text);
    let values;
    try {
      values = valuesOfColumn(table, config.column, config.by);
    } catch (e) {
      if (e instanceof MissingColumn) throw new UsageError(t('bulkBlockNoColumn', e.column, e.header.join(', ')));
      throw e;
    }
    const { createHubspotApi } = await import('../lib/hubspot/api');
    const api = createHubspotApi({ token: config.token, baseUrl: config.baseUrl, allowBaseUrl: config.allowBaseUrl, rateLimitPer10s: config.rateLimitPer10s });
    const definition = await api.getProperty(config.blockProperty);
    if (!definition) throw new UsageError(t('errorPropertyMissing', config.blockProperty));
    if (definition.type !== 'enumeration') throw new UsageError(t('errorPropertyNotMultiSelect', config.blockProperty));
    let brands: string[];
    try {
      brands = checkedBrands(config.brands, definition.options, definition.label);
    } catch (e) {
      throw new UsageError(e instanceof Error ? e.message : String(e));
    }
    const setup = {
      blockProperty: config.blockProperty,
      reasonProperty: config.reasonProperty,
      options: definition.options,
      blockPropertyLabel: definition.label,
      brands,
      reason: config.reason,
      author: config.author,
    };
    const preview = await resolveBulk(api, setup, config.by, values);
    let result: BulkRunResult | null = null;
    if (!config.dryRun) {
      // The preview's read, made a moment ago, is the first read of each batch. By e-mail it came
      // from the search, whose index lags writes: the run reads again whom it shows blocked for
      // every brand, and repairs a write planned on a state that was behind (docs/bulk-block.md).
      const todo = config.by === 'id' ? toWrite(preview) : preview.matched;
      result = await runBulkBlock(api, setup, todo, { ...(deps.signal ? { signal: deps.signal } : {}), ...(deps.progress ? { onProgress: deps.progress } : {}) });
    }
    const report = bulkReport(preview, result);
    if (config.result !== undefined) {
      try {
        writeFileSync(config.result, bulkResultCsv(preview, result));
      } catch (e) {
        throw new UsageError(t('cliCannotWrite', config.result, e instanceof Error ? e.message : String(e)));
      }
    }
    const stdout = config.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : blockTable(report, config.dryRun, result);
    if (result?.error) return { stdout, stderr: printable(result.error.message).replace(/\s+/g, ' ').trim(), code: EXIT.error };
    const incomplete = report.notFound.length + report.ambiguous.length + report.failed.length + (result?.notDone.length ?? 0) > 0;
    return { stdout, stderr: result?.cancelled ? t('cliBlockStopped', result.notDone.length) : '', code: incomplete ? EXIT.incomplete : EXIT.done };
  } catch (e) {
    return { stdout: '', stderr: isGatewayError(e) || e instanceof UsageError ? usageLine(e) : errorLine(e), code: EXIT.error };
  }
}

async function main(): Promise<void> {
  const stop = new AbortController();
  // Ctrl-C stops between batches: a batch sent is finished and reported.
  process.once('SIGINT', () => stop.abort());
  const progress = process.stderr.isTTY ? (p: BulkProgress) => process.stderr.write(`\r\x1b[K${t('bulkBlockRunning', p.done, p.total)}`) : undefined;
  const outcome = await run(process.argv.slice(2), process.env, { signal: stop.signal, ...(progress ? { progress } : {}) });
  if (progress) process.stderr.write('\r\x1b[K');
  if (outcome.stdout) process.stdout.write(outcome.stdout);
  if (outcome.stderr) process.stderr.write(`${outcome.stderr}\n`);
  process.exitCode = outcome.code;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
