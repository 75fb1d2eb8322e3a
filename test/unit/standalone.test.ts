// The repository stands alone: no file names a document that lives outside it (the team's
// working notes were never part of the product). The names are assembled here so that this file
// does not match itself.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const SKIP = new Set(['node_modules', '.git', '.output', '.wxt', 'artifacts', 'test-results', 'scratch', '.demo-profile']);
const TEXT = /\.(ts|tsx|js|mjs|cjs|json|md|html|css|sh|py|txt|yml|yaml|svg)$|^[^.]+$/;

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) yield* files(full);
    else if (TEXT.test(name) && statSync(full).size < 2_000_000) yield full;
  }
}

const OUTSIDE_DOCS = ['HUBSPOT', 'DOMAIN', 'CONTRACT', 'TOOLCHAIN', 'STYLE', 'REVIEW', 'ARCHITECTURE'].map((n) => `${n}.md`);
const pattern = new RegExp(`(?<![\\w/-])(${OUTSIDE_DOCS.map((d) => d.replace('.', '\\.')).join('|')})|\\.\\./${'shared'}\\b`);

describe('the repository stands alone', () => {
  it('no file names a document outside the repository', () => {
    const offenders: string[] = [];
    for (const file of files(root)) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (pattern.test(line)) offenders.push(`${path.relative(root, file)}:${i + 1}: ${line.trim().slice(0, 100)}`);
        });
    }
    expect(offenders).toEqual([]);
  });

  it('the check sees such a name', () => {
    expect(pattern.test(`see ${OUTSIDE_DOCS[0]}`)).toBe(true);
    expect(pattern.test(`see ../${'shared'}/notes`)).toBe(true);
    expect(pattern.test('see docs/hubspot.md')).toBe(false);
  });
});
