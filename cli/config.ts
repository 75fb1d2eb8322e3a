// Arguments and environment of the audit command (docs/contract.md §2). The token comes only from the
// environment: a flag would end up in shell history and process lists.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { t, toLanguage, type Language } from '../lib/i18n';
import type { PostalScope } from '../lib/audit/scope';

export type Format = 'table' | 'json' | 'csv';

export interface CliConfig {
  token: string;
  baseUrl: string;
  /** true when HUBSPOT_API_BASE was set: only then may the base be something other than HubSpot. */
  allowBaseUrl: boolean;
  rateLimitPer10s: number;
  blockProperty: string;
  reasonProperty: string;
  families: { name: string; brands: string[] }[];
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
}

/** A mistake in how the command was called or configured (exit code 2). */
export class UsageError extends Error {}

export const DEFAULT_BASE_URL = 'https://api.hubapi.com';
export const DEFAULT_RATE_LIMIT = 100;

/** "Kunstmeile: kunstmeile_nord, kunstmeile_sued; Galerien: galerie_west" (`;` or new lines between families). */
export function parseFamiliesText(text: string): { name: string; brands: string[] }[] {
  const out: { name: string; brands: string[] }[] = [];
  for (const part of text.split(/[;\n]/)) {
    if (part.trim() === '') continue;
    const colon = part.indexOf(':');
    const name = colon > 0 ? part.slice(0, colon).trim() : '';
    const brands = colon > 0 ? part.slice(colon + 1).split(',').map((b) => b.trim()).filter(Boolean) : [];
    if (!name || brands.length === 0) throw new UsageError(t('cliBadFamilies', part.trim()));
    out.push({ name, brands });
  }
  return out;
}

const FamiliesFileSchema = z.union([
  z.array(z.object({ name: z.string().trim().min(1), brands: z.array(z.string().min(1)) })),
  z.record(z.string().trim().min(1), z.array(z.string().min(1))).transform((r) => Object.entries(r).map(([name, brands]) => ({ name, brands }))),
]);

export function readFamiliesFile(path: string): { name: string; brands: string[] }[] {
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

const nonEmpty = (v: string | undefined): string | undefined => (v !== undefined && v.trim() !== '' ? v.trim() : undefined);

export function readConfig(argv: string[], env: NodeJS.ProcessEnv): CliConfig {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (e) {
    // node:util's messages name the option ("Unknown option '--x'"); keep them on one line.
    throw new UsageError(t('cliBadArguments', (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? ''));
  }
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
  };
}

/** What every command reads from the environment (and the two flags beside it): the token, the API,
 *  the request budget, the two properties, the brand families. */
export function portalFromEnv(
  env: NodeJS.ProcessEnv,
  flags: { rateLimit?: string; familiesFile?: string },
  help: boolean,
): Pick<CliConfig, 'token' | 'baseUrl' | 'allowBaseUrl' | 'rateLimitPer10s' | 'blockProperty' | 'reasonProperty' | 'families'> {
  const token = nonEmpty(env.HUBSPOT_TOKEN);
  if (!token && !help) throw new UsageError(t('cliNoToken'));
  const envBase = nonEmpty(env.HUBSPOT_API_BASE);
  const rateRaw = flags.rateLimit ?? nonEmpty(env.HUBSPOT_RATE_LIMIT);
  const rateLimitPer10s = rateRaw === undefined ? DEFAULT_RATE_LIMIT : positiveInt(rateRaw, flags.rateLimit !== undefined ? '--rate-limit' : 'HUBSPOT_RATE_LIMIT');
  let families: { name: string; brands: string[] }[] = [];
  if (flags.familiesFile !== undefined) families = readFamiliesFile(flags.familiesFile);
  else if (nonEmpty(env.HUBSPOT_BRAND_FAMILIES)) families = parseFamiliesText(env.HUBSPOT_BRAND_FAMILIES!);
  return {
    token: token ?? '',
    baseUrl: envBase ?? DEFAULT_BASE_URL,
    allowBaseUrl: envBase !== undefined,
    rateLimitPer10s,
    blockProperty: nonEmpty(env.HUBSPOT_BLOCK_PROPERTY) ?? 'post_sperre_marken',
    reasonProperty: nonEmpty(env.HUBSPOT_REASON_PROPERTY) ?? 'grund_post_sperre',
    families,
  };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
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
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
    strict: true,
    allowPositionals: false,
  });
}
