// The UI texts are written once, in locales/messages.json ({ key: { de, en } }, German first).
// This script writes what the extension loads from them:
//   public/_locales/{de,en}/messages.json  browser.i18n files: only the keys the manifest reads
//                                          (`__MSG_<key>__` in wxt.config.ts: name and description)
//   public/i18n/{de,en}.json               compact catalogs the UI loads, one language at a time
// `npm run messages` writes them; `npm run messages -- --check` (CI) fails when they are stale.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LANGUAGES, type SourceCatalog } from '../lib/catalog';

const root = path.resolve(import.meta.dirname, '..');

export function readSource(): SourceCatalog {
  return JSON.parse(readFileSync(path.join(root, 'locales/messages.json'), 'utf8')) as SourceCatalog;
}

/** The keys the manifest reads (`__MSG_<key>__` in wxt.config.ts); nothing else reads public/_locales. */
export function manifestKeys(config: string = readFileSync(path.join(root, 'wxt.config.ts'), 'utf8')): Set<string> {
  return new Set([...config.matchAll(/__MSG_(\w+)__/g)].map((m) => m[1]!));
}

/** Every generated file and its content. */
export function generate(source: SourceCatalog, forManifest: ReadonlySet<string> = manifestKeys()): Map<string, string> {
  const files = new Map<string, string>();
  for (const lang of LANGUAGES) {
    const chrome: Record<string, { message: string; placeholders?: Record<string, { content: string }> }> = {};
    const compact: Record<string, string> = {};
    for (const [key, texts] of Object.entries(source)) {
      const message = texts[lang];
      const nums = [...new Set([...message.matchAll(/\$(\d)/g)].map((m) => m[1]!))].sort();
      compact[key] = message;
      if (!forManifest.has(key)) continue;
      chrome[key] = { message: message.replace(/\$(\d)/g, '$$p$1$$') };
      if (nums.length) chrome[key].placeholders = Object.fromEntries(nums.map((n) => [`p${n}`, { content: `$${n}` }]));
    }
    files.set(`public/_locales/${lang}/messages.json`, JSON.stringify(chrome, null, 2));
    files.set(`public/i18n/${lang}.json`, JSON.stringify(compact));
  }
  return files;
}

/** Generated files whose content differs from what the source makes. */
export function staleFiles(source: SourceCatalog = readSource()): string[] {
  return [...generate(source)].filter(([file, content]) => !existsSync(path.join(root, file)) || readFileSync(path.join(root, file), 'utf8') !== content).map(([file]) => file);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const source = readSource();
  if (process.argv.includes('--check')) {
    const stale = staleFiles(source);
    for (const f of stale) console.error(`${f} is not current: run npm run messages`);
    process.exitCode = stale.length ? 1 : 0;
  } else {
    for (const [file, content] of generate(source)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), content);
    }
    console.log(`${Object.keys(source).length} texts`);
  }
}
