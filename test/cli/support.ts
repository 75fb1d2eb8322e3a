// Running the audit command as its own process against a fake HubSpot started by the test.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { TOKENS, type FakeHubspot } from '../fake-hubspot/index';

const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'node_modules/.bin');

export interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs the command (`audit` unless told); `via: 'npm'` goes through `npm run -s <command> --` like
 *  the contract says. */
export function runCli(
  fake: FakeHubspot,
  args: string[],
  env: Record<string, string | undefined> = {},
  via: 'tsx' | 'npm' | 'bin' = 'tsx',
  command: 'audit' | 'export' = 'audit',
): Promise<Result> {
  const started = Date.now();
  const [cmd, argv] =
    via === 'npm' ? ['npm', ['run', '-s', command, '--', ...args]] : via === 'bin' ? ['npx', ['post-sperre-audit', ...args]] : [join(BIN, 'tsx'), [`cli/${command}.ts`, ...args]];
  const childEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries({
    PATH: `${BIN}:${process.env.PATH ?? ''}`,
    HOME: process.env.HOME,
    HUBSPOT_TOKEN: TOKENS.valid,
    HUBSPOT_API_BASE: fake.httpUrl,
    ...env,
  })) {
    if (v !== undefined) childEnv[k] = v;
  }
  return new Promise((done, fail) => {
    const child = spawn(cmd, argv, { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr, ms: Date.now() - started }));
  });
}

export interface JsonReport {
  lists: Array<{
    listId: string;
    name: string;
    processingType: string;
    brands: string[];
    compliant: boolean;
    leaks: Array<{ kind: 'filter-branch'; branch: number; brand: string; witness: Record<string, string | null> } | { kind: 'member'; recordId: string; brand: string }>;
    error?: { kind: string; message: string };
    skipped?: string;
  }>;
  contactsMissingReason: string[];
  requests: number;
}

export const verdicts = (r: JsonReport) =>
  Object.fromEntries(r.lists.map((l) => [l.listId, l.leaks.map((k) => (k.kind === 'member' ? `member:${k.recordId}:${k.brand}` : `branch:${k.branch}:${k.brand}`))]));

/** RFC 4180 reader for the tests (quoted fields, doubled quotes, CRLF after every row). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const next = text[i + 1];
    if (quoted) {
      if (c === '"' && next === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && next === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
      continue;
    } else {
      field += c;
    }
    i++;
  }
  if (field !== '' || row.length > 0) throw new Error('last row does not end with CRLF');
  return rows;
}

export const ALL_BRANDS = ['marke_a', 'marke_b', 'marke_c', 'kunstmeile_nord', 'kunstmeile_sued', 'kunstmeile_ost', 'atelier_co', 'galerie_west', 'verlag_rhein'];
export const FAMILIES = 'Kunstmeile: kunstmeile_nord, kunstmeile_sued, kunstmeile_ost';
