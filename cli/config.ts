// Arguments and environment of the audit command (docs/contract.md §2). The token comes only from the
// environment: a flag would end up in shell history and process lists.
import { readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { z } from 'zod';
import { DEFAULT_BLOCK_PROPERTY, DEFAULT_REASON_PROPERTY } from '../lib/defaults';
import { DEFAULT_BASE_URL } from '../lib/hubspot/hosts';
import { t, toLanguage, type Language } from '../lib/i18n';
import type { PostalScope } from '../lib/audit/scope';
import { parseSince } from '../lib/audit/ledgerAudit';
import { parseFamiliesText } from '../lib/domain/familiesText';
import type { BrandFamily } from '../lib/domain/types';
import { BrandFamilySchema } from '../lib/settings';

export type Format = 'table' | 'json' | 'csv';

/** Where and how every command talks to HubSpot, and which properties hold the blocks. */
export interface ConnectionConfig {
  token: string;
  baseUrl: string;
  /** true when HUBSPOT_API_BASE was set: only then may the base be something other than HubSpot. */
  allowBaseUrl: boolean;
  rateLimitPer10s: number;
  blockProperty: string;
  reasonProperty: string;
}

export interface CliConfig extends ConnectionConfig {
  families: BrandFamily[];
  listIds: string[];
  /** --workflow, repeatable. */
  flowIds: string[];
  brands: string[];
  /** Postal scope (--postal-folder/--postal-name/--postal-list/--postal-workflow, or HUBSPOT_POSTAL_*). */
  scope: PostalScope;
  format: Format;
  help: boolean;
  version: boolean;
  /** Write the report to this file instead of stdout. */
  output?: string;
  /** --since: the ledger examines contacts modified since then (ISO, normalised). */
  since?: string;
  /** --state: file with the previous run's start time (read if present, written after success). */
  state?: string;
}

/** A mistake in how the command was called or configured (exit code 2). */
export class UsageError extends Error {}

export const DEFAULT_RATE_LIMIT = 100;

/** HUBSPOT_BRAND_FAMILIES: the families text (lib/domain/familiesText.ts); the first malformed family is the error. */
function familiesFromEnv(text: string): BrandFamily[] {
  const parsed = parseFamiliesText(text);
  if (parsed.badParts.length > 0) throw new UsageError(t('cliBadFamilies', parsed.badParts[0]!));
  return parsed.families;
}

const FamiliesFileSchema = z.union([
  z.array(BrandFamilySchema),
  z.record(z.string().trim().min(1), z.array(z.string().min(1))).transform((r) => Object.entries(r).map(([name, brands]) => ({ name, brands }))),
]);

export function readFamiliesFile(path: string): BrandFamily[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(t('cliBadFamiliesFile', path, e instanceof Error ? e.message : String(e)));
  }
  const parsed = FamiliesFileSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError(t('cliBadFamiliesFile', path, 'expected [{"name","brands":[…]}] or {"name":[…]}'));
  return parsed.data;
}

function positiveInt(raw: string, what: string): number {
  const n = Number(raw.trim());
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < 1) throw new UsageError(t('cliBadNumber', what, raw));
  return n;
}

/** The report's language: PSG_LANG, else the locale variables a shell sets (LC_ALL, LC_MESSAGES,
 *  LANG, e.g. `en_US.UTF-8`), else German. */
export function languageOf(env: NodeJS.ProcessEnv): Language {
  for (const v of [env.PSG_LANG, env.LC_ALL, env.LC_MESSAGES, env.LANG]) {
    const lang = toLanguage(v);
    if (lang) return lang;
  }
  return 'de';
}

export const nonEmpty = (v: string | undefined): string | undefined => (v !== undefined && v.trim() !== '' ? v.trim() : undefined);

/** Token (HUBSPOT_TOKEN only), API base, request budget (`--rate-limit` or HUBSPOT_RATE_LIMIT) and
 *  property names from the environment. A missing token is a usage error unless only help is asked. */
export function readConnection(env: NodeJS.ProcessEnv, rateFlag: string | undefined, help: boolean): ConnectionConfig {
  const token = nonEmpty(env.HUBSPOT_TOKEN);
  if (!token && !help) throw new UsageError(t('cliNoToken'));
  const envBase = nonEmpty(env.HUBSPOT_API_BASE);
  const rateRaw = rateFlag ?? nonEmpty(env.HUBSPOT_RATE_LIMIT);
  return {
    token: token ?? '',
    baseUrl: envBase ?? DEFAULT_BASE_URL,
    allowBaseUrl: envBase !== undefined,
    rateLimitPer10s: rateRaw === undefined ? DEFAULT_RATE_LIMIT : positiveInt(rateRaw, rateFlag !== undefined ? '--rate-limit' : 'HUBSPOT_RATE_LIMIT'),
    blockProperty: nonEmpty(env.HUBSPOT_BLOCK_PROPERTY) ?? DEFAULT_BLOCK_PROPERTY,
    reasonProperty: nonEmpty(env.HUBSPOT_REASON_PROPERTY) ?? DEFAULT_REASON_PROPERTY,
  };
}

export function readConfig(argv: string[], env: NodeJS.ProcessEnv): CliConfig {
  const values = parseOptions(argv, AUDIT_OPTIONS);
  const help = values.help === true || values.version === true;
  const format = (values.format ?? 'table') as string;
  if (format !== 'table' && format !== 'json' && format !== 'csv') throw new UsageError(t('cliBadFormat', format));
  const listIds = (values.list ?? []).map((v) => v.trim());
  if (listIds.some((v) => v === '')) throw new UsageError(t('cliBadArguments', '--list ""'));
  const brands = (values.brand ?? []).map((v) => v.trim());
  if (brands.some((v) => v === '')) throw new UsageError(t('cliBadArguments', '--brand ""'));

  const flowIds = (values.workflow ?? []).map((v) => v.trim());
  if (flowIds.some((v) => v === '')) throw new UsageError(t('cliBadArguments', '--workflow ""'));
  const fromEnv = (name: string, sep: RegExp) => (nonEmpty(env[name]) ?? '').split(sep).map((v) => v.trim()).filter(Boolean);
  const pick = (flag: string[] | undefined, envName: string, sep: RegExp) => [...new Set((flag ?? []).length ? flag!.map((v) => v.trim()).filter(Boolean) : fromEnv(envName, sep))];
  const scope: PostalScope = {
    folders: pick(values['postal-folder'], 'HUBSPOT_POSTAL_FOLDERS', /[;\n]/),
    namePatterns: pick(values['postal-name'], 'HUBSPOT_POSTAL_NAMES', /[;\n]/),
    listIds: pick(values['postal-list'], 'HUBSPOT_POSTAL_LIST_IDS', /[,;\s]+/),
    flowIds: pick(values['postal-workflow'], 'HUBSPOT_POSTAL_WORKFLOW_IDS', /[,;\s]+/),
  };

  let since: string | undefined;
  if (values.since !== undefined) {
    since = parseSince(values.since) ?? undefined;
    if (since === undefined) throw new UsageError(t('ledgerAuditBadSince', values.since));
  }
  if (values.state !== undefined && values.state.trim() === '') throw new UsageError(t('cliBadArguments', '--state ""'));
  // The ledger runs with the audit of the whole portal only.
  if ((values.since !== undefined || values.state !== undefined) && (listIds.length > 0 || flowIds.length > 0)) throw new UsageError(t('ledgerAuditPortalOnly'));

  return {
    ...portalFromEnv(env, { rateLimit: values['rate-limit'], familiesFile: values['families-file'] }, help),
    listIds: [...new Set(listIds)],
    flowIds: [...new Set(flowIds)],
    brands: [...new Set(brands)],
    scope,
    format,
    help: values.help === true,
    version: values.version === true,
    ...(values.output !== undefined ? { output: values.output } : {}),
    ...(since !== undefined ? { since } : {}),
    ...(values.state !== undefined ? { state: values.state } : {}),
  };
}

/** What every command reads from the environment (and the two flags beside it): the token, the API,
 *  the request budget, the two properties, the brand families. */
export function portalFromEnv(
  env: NodeJS.ProcessEnv,
  flags: { rateLimit?: string; familiesFile?: string },
  help: boolean,
): Pick<CliConfig, 'token' | 'baseUrl' | 'allowBaseUrl' | 'rateLimitPer10s' | 'blockProperty' | 'reasonProperty' | 'families'> {
  let families: BrandFamily[] = [];
  if (flags.familiesFile !== undefined) families = readFamiliesFile(flags.familiesFile);
  else if (nonEmpty(env.HUBSPOT_BRAND_FAMILIES)) families = familiesFromEnv(env.HUBSPOT_BRAND_FAMILIES!);
  return { ...readConnection(env, flags.rateLimit, help), families };
}

const AUDIT_OPTIONS = {
  list: { type: 'string', multiple: true },
  workflow: { type: 'string', multiple: true },
  'postal-folder': { type: 'string', multiple: true },
  'postal-name': { type: 'string', multiple: true },
  'postal-list': { type: 'string', multiple: true },
  'postal-workflow': { type: 'string', multiple: true },
  brand: { type: 'string', multiple: true },
  format: { type: 'string' },
  'rate-limit': { type: 'string' },
  'families-file': { type: 'string' },
  output: { type: 'string', short: 'o' },
  since: { type: 'string' },
  state: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const satisfies ParseArgsOptionsConfig;

/** The command's options, strictly (no positionals, no unknown option). node:util's messages name
 *  the option ("Unknown option '--x'"): the first line becomes the usage error. */
export function parseOptions<O extends ParseArgsOptionsConfig>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (e) {
    throw new UsageError(t('cliBadArguments', (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? ''));
  }
}
