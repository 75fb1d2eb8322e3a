// The one source of UI texts (locales/messages.json): generated files current, every key in both
// languages with the same substitutions, and every key used by the code.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { LANGUAGES } from '../../lib/catalog';
import { generate, manifestKeys, readSource, staleFiles } from '../../scripts/messages';

const root = path.resolve(import.meta.dirname, '../..');
const source = readSource();

function* codeFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) yield* codeFiles(full);
    else if (/\.(ts|tsx|html)$/.test(name)) yield full;
  }
}

/** The product's code (not tests): where a text must be used to earn its place. */
const code = ['lib', 'components', 'entrypoints', 'cli']
  .flatMap((d) => [...codeFiles(path.join(root, d))])
  .concat(path.join(root, 'wxt.config.ts'))
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');

/** Keys built at run time, e.g. t(`source${e.sourceType}` as MessageKey): their prefixes. */
const dynamicPrefixes = [...code.matchAll(/`([a-zA-Z]+)\$\{[^`]*`\s*as MessageKey/g)].map((m) => m[1]!);

function used(key: string): boolean {
  if (new RegExp(`['"\`]${key}['"\`]|__MSG_${key}__`).test(code)) return true;
  if (key.endsWith('One') && used(key.slice(0, -3))) return true; // tn() picks the singular
  return dynamicPrefixes.some((p) => key.startsWith(p) && /^[A-Z_]/.test(key.slice(p.length)));
}

const placeholders = (s: string) => [...new Set(s.match(/\$\d/g) ?? [])].sort().join();

describe('UI text catalog', () => {
  it('the generated files (public/_locales, public/i18n) are current: run npm run messages', () => {
    expect(staleFiles(source)).toEqual([]);
  });

  it('public/_locales holds exactly the keys the manifest reads, each with a text', () => {
    const keys = manifestKeys();
    expect([...keys].sort()).toEqual(['extDescription', 'extName']);
    const chrome = JSON.parse(generate(source, keys).get('public/_locales/de/messages.json')!) as Record<string, unknown>;
    expect(Object.keys(chrome).sort()).toEqual(['extDescription', 'extName']);
  });

  it('every key has a text in every language, with the same substitutions', () => {
    const problems: string[] = [];
    for (const [key, texts] of Object.entries(source)) {
      for (const lang of LANGUAGES) if (!texts[lang]?.trim()) problems.push(`${key}: no ${lang} text`);
      if (texts.de && texts.en && placeholders(texts.de) !== placeholders(texts.en)) problems.push(`${key}: de uses ${placeholders(texts.de)}, en ${placeholders(texts.en)}`);
    }
    expect(problems).toEqual([]);
  });

  it('every key is used by the code', () => {
    expect(Object.keys(source).filter((k) => !used(k))).toEqual([]);
  });

  it('the check sees an unused key', () => {
    expect(used('panelTitle')).toBe(true);
    expect(used('noSuchKeyAnywhere')).toBe(false);
    expect(dynamicPrefixes).toEqual(expect.arrayContaining(['source', 'type']));
  });
});
