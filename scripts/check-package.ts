// Checks the store package that `npm run zip` built, the way a store would see it: the manifest
// (version, icons, toolbar popup, managed-storage schema, exactly today's permissions), every
// file it names present in the zip, icon sizes, and no storage access in the content script
// (the token lives in storage.local, which content scripts could read). Prints the figures.
// Exit code 1 with one line per problem.
import { readFileSync, statSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import path from 'node:path';
import { POLICY_KEYS } from '../lib/policy';
import { API_HOSTS } from '../lib/settings';

const root = path.resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string };

/** Permissions as reviewed; a new one needs a line in the README saying why. */
export const EXPECTED_PERMISSIONS = ['storage'];
export const EXPECTED_HOST_PERMISSIONS = API_HOSTS.map((h) => `https://${h}/*`);
export const STORE_ICON_SIZES = [16, 32, 48, 128];

/** The files of a zip archive (stored or deflated entries), read from its central directory. */
export function readZip(buf: Buffer): Map<string, Buffer> {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip archive');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error('broken central directory');
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen);
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(dataAt, dataAt + size);
    if (!name.endsWith('/')) files.set(name, method === 8 ? inflateRawSync(raw) : Buffer.from(raw));
    at += 46 + nameLen + extraLen + commentLen;
  }
  return files;
}

function pngSize(png: Buffer): { width: number; height: number } | null {
  if (png.length < 24 || png.readUInt32BE(0) !== 0x89504e47) return null;
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

interface Manifest {
  version?: string;
  icons?: Record<string, string>;
  action?: { default_popup?: string };
  options_ui?: { page?: string };
  storage?: { managed_schema?: string };
  permissions?: string[];
  host_permissions?: string[];
  optional_permissions?: string[];
  content_scripts?: { js?: string[] }[];
}

export function checkPackage(files: Map<string, Buffer>, version: string): string[] {
  const problems: string[] = [];
  const manifestRaw = files.get('manifest.json');
  if (!manifestRaw) return ['manifest.json missing'];
  const m = JSON.parse(manifestRaw.toString('utf8')) as Manifest;
  const has = (f: string | undefined, what: string) => {
    if (!f || !files.has(f.replace(/^\//, ''))) problems.push(`${what}: ${f ?? '(not declared)'} not in the package`);
  };
  if (m.version !== version) problems.push(`manifest version ${m.version} is not package.json's ${version}`);
  for (const size of STORE_ICON_SIZES) {
    const file = m.icons?.[String(size)];
    has(file, `icon ${size}`);
    const dims = file ? pngSize(files.get(file) ?? Buffer.alloc(0)) : null;
    if (file && (!dims || dims.width !== size || dims.height !== size)) problems.push(`icon ${size}: ${file} is ${dims ? `${dims.width}×${dims.height}` : 'no PNG'}`);
  }
  has(m.action?.default_popup, 'toolbar popup');
  has(m.options_ui?.page, 'options page');
  has(m.storage?.managed_schema, 'managed storage schema');
  const schemaFile = m.storage?.managed_schema && files.get(m.storage.managed_schema);
  if (schemaFile) {
    const schema = JSON.parse(schemaFile.toString('utf8')) as { type?: string; properties?: Record<string, unknown> };
    const keys = Object.keys(schema.properties ?? {}).sort();
    if (schema.type !== 'object' || keys.join() !== [...POLICY_KEYS].sort().join()) problems.push(`managed schema declares ${keys.join(', ')}, the code reads ${[...POLICY_KEYS].sort().join(', ')}`);
  }
  const same = (a: string[] | undefined, b: string[]) => [...(a ?? [])].sort().join() === [...b].sort().join();
  if (!same(m.permissions, EXPECTED_PERMISSIONS)) problems.push(`permissions ${JSON.stringify(m.permissions)}, reviewed: ${JSON.stringify(EXPECTED_PERMISSIONS)}`);
  if (!same(m.host_permissions, EXPECTED_HOST_PERMISSIONS)) problems.push(`host_permissions ${JSON.stringify(m.host_permissions)}, reviewed: ${JSON.stringify(EXPECTED_HOST_PERMISSIONS)}`);
  if (m.optional_permissions?.length) problems.push(`optional_permissions ${JSON.stringify(m.optional_permissions)} not reviewed`);
  for (const js of (m.content_scripts ?? []).flatMap((c) => c.js ?? [])) {
    has(js, 'content script');
    const code = files.get(js)?.toString('utf8') ?? '';
    if (/\bstorage\s*\.\s*(local|sync|session|managed)\b/.test(code)) problems.push(`${js} touches extension storage (the token lives there)`);
  }
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const zipPath = path.join(root, '.output', `${pkg.name}-${pkg.version}-chrome.zip`);
  const files = readZip(readFileSync(zipPath));
  const problems = checkPackage(files, pkg.version);
  console.log(`${path.relative(root, zipPath)}: ${(statSync(zipPath).size / 1024).toFixed(1)} KB, ${files.size} files`);
  for (const [name, data] of files) if (name.endsWith('.js')) console.log(`  ${name}: ${(data.length / 1024).toFixed(1)} KB`);
  for (const p of problems) console.error(`package: ${p}`);
  if (problems.length === 0) console.log('package: manifest, icons, popup, managed schema and permissions as reviewed');
  process.exitCode = problems.length ? 1 : 0;
}
