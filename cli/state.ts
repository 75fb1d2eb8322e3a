// The state file of `--state <file>` (cli/README.md "The ledger every night"): one JSON object,
//   { "startedAt": "2026-12-06T02:30:00.000Z" }
// the start of the last successful run. The next run's ledger examines the contacts modified since
// then. Read when present (absent: every contact); written after a successful run (exit 0 or 1)
// by writing a new file beside it and renaming it over the old one, so a crash or a full disk
// never leaves half a file.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { parseSince } from '../lib/audit/ledgerAudit';
import { t } from '../lib/i18n';
import { UsageError } from './config';

const StateSchema = z.looseObject({ startedAt: z.string() });

/** The previous run's start time (ISO), or null when the file does not exist yet. */
export function readState(path: string): string | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new UsageError(t('ledgerAuditBadState', path, e instanceof Error ? e.message : String(e)));
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new UsageError(t('ledgerAuditBadState', path, t('ledgerAuditStateFormat')));
  }
  const parsed = StateSchema.safeParse(raw);
  const at = parsed.success ? parseSince(parsed.data.startedAt) : null;
  if (at === null) throw new UsageError(t('ledgerAuditBadState', path, t('ledgerAuditStateFormat')));
  return at;
}

/** Replaces the file with this run's start time, atomically (rename within its directory). */
export function writeState(path: string, startedAt: string): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, `${JSON.stringify({ startedAt })}\n`, { mode: 0o644 });
    renameSync(temp, path);
  } catch (e) {
    rmSync(temp, { force: true });
    throw new UsageError(t('cliCannotWrite', path, e instanceof Error ? e.message : String(e)));
  }
}
