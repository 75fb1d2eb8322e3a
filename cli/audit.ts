// The audit command (docs/contract.md §2):
//   HUBSPOT_TOKEN=… npm run -s audit -- [--list <listId>]... [--brand <option value>]... [--format table|json|csv]
// Same engine as the extension's options page (lib/audit/portalAudit.ts).
//
// Exit codes: 0 every audited list compliant (and, when the whole portal is audited, every block
// has a reason); 1 at least one finding; 2 usage, configuration or API error, with one line on
// stderr. Blocks without a reason are findings of the portal (docs/domain.md rule 2), so they count
// only for a whole-portal audit: `--list` asks about those lists, and still reports them.
import '../lib/i18n-node';
import { pathToFileURL } from 'node:url';
import { familiesFromSettings } from '../lib/domain/brands';
import { reportCsv, reportDocument } from '../lib/audit/report';
import type { PortalAudit, Progress } from '../lib/audit/types';
import { isGatewayError, type GatewayError } from '../lib/hubspot/errors';
import { writeFileSync } from 'node:fs';
import { language, setLanguage, t, translator } from '../lib/i18n';
import { languageOf, readConfig, UsageError, type CliConfig } from './config';
import pkg from '../package.json' with { type: 'json' };
import { printable, reportTable } from './table';
import { connect } from './connect';

export const EXIT = { compliant: 0, findings: 1, error: 2 } as const;

/** What the command decided: text for stdout, one line for stderr, the exit code. */
export interface Outcome {
  stdout: string;
  stderr: string;
  code: number;
}

/** One line naming the cause; for API errors the call that failed (e.g. which answer was not JSON). */
export function errorLine(e: unknown): string {
  if (e instanceof UsageError) return oneLine(`${e.message} ${t('cliUsageHint')}`);
  if (isGatewayError(e)) return oneLine(gatewayLine(e));
  return oneLine(t('errorUnexpected', e instanceof Error ? e.message : String(e)));
}

function gatewayLine(e: GatewayError): string {
  const d = e.detail;
  const call = d.call ?? '?';
  switch (e.kind) {
    case 'auth':
      return t('cliErrorAuth', call);
    case 'scope':
      return t('cliErrorScope', d.missingScopes?.length ? d.missingScopes.join(', ') : '?', call);
    case 'invalid-response':
      if (d.reason === 'not-json') return t('cliErrorNotJson', call);
      if (d.reason === 'schema') return t('cliErrorSchema', call);
      return d.call ? t('cliErrorRejected', d.call, d.status ?? '?', d.hubspotMessage ? `: ${d.hubspotMessage}` : '.') : e.message;
    case 'not-configured':
      return d.reason === 'origin' ? t('cliErrorBaseUrl') : e.message;
    case 'network':
      return d.status !== undefined ? t('cliErrorServer', d.status, call) : d.reason === 'timeout' ? t('cliErrorTimeout', call) : t('cliErrorNetwork');
    case 'rate-limit':
      // The daily quota is not waited for (it lasts until tomorrow): no advice about the pace.
      return d.policyName === 'DAILY' ? t('cliErrorDailyLimit', call) : t('cliErrorRateLimit', d.policyName ?? '?', call);
    default:
      return e.message;
  }
}

const oneLine = (s: string) => printable(s).replace(/\s+/g, ' ').trim();

function exitCode(audit: PortalAudit, portalWide: boolean): number {
  if (audit.lists.some((l) => l.error) || audit.workflows?.some((w) => w.error)) return EXIT.error;
  if (audit.lists.some((l) => !l.compliant) || audit.workflows?.some((w) => !w.compliant)) return EXIT.findings;
  if (portalWide && audit.contactsMissingReason.length > 0) return EXIT.findings;
  return EXIT.compliant;
}

export async function run(argv: string[], env: NodeJS.ProcessEnv, progress?: (p: Progress) => void): Promise<Outcome> {
  setLanguage(languageOf(env));
  let config: CliConfig;
  try {
    config = readConfig(argv, env);
  } catch (e) {
    return { stdout: '', stderr: errorLine(e), code: EXIT.error };
  }
  if (config.version) return { stdout: `post-sperre-audit ${pkg.version}\n`, stderr: '', code: EXIT.compliant };
  if (config.help) return { stdout: `${t('cliUsage')}\n`, stderr: '', code: EXIT.compliant };
  try {
    // Loaded after the arguments are checked: a usage mistake or --help answers at once.
    const [{ portalAudit }, { api, definition, catalog }] = await Promise.all([import('../lib/audit/portalAudit'), connect(config, progress)]);

    const audit = await portalAudit(api, {
      blockProperty: config.blockProperty,
      reasonProperty: config.reasonProperty,
      blockPropertyLabel: definition.label,
      catalog: catalog.map((b) => ({ value: b.value, label: b.label })),
      families: familiesFromSettings(config.families, catalog).families,
      tr: translator(language()),
      ...(config.listIds.length || config.flowIds.length ? { listIds: config.listIds } : {}),
      ...(config.flowIds.length ? { flowIds: config.flowIds } : {}),
      scope: config.scope,
      ...(config.brands.length ? { brands: config.brands } : {}),
      ...(progress ? { onProgress: progress } : {}),
    });
    // Every request of the command, the property definition included.
    audit.requests = api.stats().requests;

    const stdout =
      config.format === 'json' ? `${JSON.stringify(reportDocument(audit), null, 2)}\n` : config.format === 'csv' ? reportCsv(audit) : reportTable(audit, catalog);
    const code = exitCode(audit, config.listIds.length === 0 && config.flowIds.length === 0);
    const firstError = audit.lists.find((l) => l.error);
    const firstFlowError = audit.workflows?.find((w) => w.error);
    const stderr = firstError
      ? t('cliListError', firstError.listId, firstError.error!.message)
      : firstFlowError
        ? t('cliFlowError', firstFlowError.flowId, firstFlowError.error!.message)
        : (audit.workflowsSkipped?.message ?? '');
    if (config.output !== undefined) {
      try {
        writeFileSync(config.output, stdout);
      } catch (e) {
        throw new UsageError(t('cliCannotWrite', config.output, e instanceof Error ? e.message : String(e)));
      }
    }
    return { stdout: config.output !== undefined ? '' : stdout, stderr: stderr ? oneLine(stderr) : '', code };
  } catch (e) {
    return { stdout: '', stderr: errorLine(e), code: EXIT.error };
  }
}

/** Progress on stderr, only for a person at a terminal (never mixed into piped output). */
function terminalProgress(): ((p: Progress) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (p) => {
    const count = p.total !== null ? ` ${t('listProgress', p.done, p.total)}` : p.done ? ` (${p.done})` : '';
    process.stderr.write(`\r\x1b[K${printable(p.label)}${count}`);
  };
}

async function main(): Promise<void> {
  const progress = terminalProgress();
  const outcome = await run(process.argv.slice(2), process.env, progress);
  if (progress) process.stderr.write('\r\x1b[K');
  if (outcome.stdout) process.stdout.write(outcome.stdout);
  if (outcome.stderr) process.stderr.write(`${outcome.stderr}\n`);
  // No process.exit(): it would cut off a large report on a pipe (docs/toolchain.md).
  process.exitCode = outcome.code;
}

// Run only as the command, not when a test imports run().
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
