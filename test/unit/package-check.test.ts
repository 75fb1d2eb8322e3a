import { describe, expect, it } from 'vitest';
import { deflateRawSync } from 'node:zlib';
import { checkPackage, EXPECTED_HOST_PERMISSIONS, readZip } from '../../scripts/check-package';
import { POLICY_KEYS } from '../../lib/policy';

function png(size: number): Buffer {
  const b = Buffer.alloc(24);
  b.writeUInt32BE(0x89504e47, 0);
  b.writeUInt32BE(size, 16);
  b.writeUInt32BE(size, 20);
  return b;
}

function goodFiles(manifest: Record<string, unknown> = {}) {
  const m = {
    version: '1.0.0',
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' },
    action: { default_popup: 'popup.html' },
    options_ui: { page: 'options.html' },
    storage: { managed_schema: 'managed_schema.json' },
    permissions: ['storage'],
    host_permissions: EXPECTED_HOST_PERMISSIONS,
    content_scripts: [{ js: ['content-scripts/hubspot.js'] }],
    ...manifest,
  };
  const schema = { type: 'object', properties: Object.fromEntries(POLICY_KEYS.map((k) => [k, { type: 'string' }])) };
  return new Map<string, Buffer>([
    ['manifest.json', Buffer.from(JSON.stringify(m))],
    ...[16, 32, 48, 128].map((s) => [`icon/${s}.png`, png(s)] as [string, Buffer]),
    ['popup.html', Buffer.from('<html>')],
    ['options.html', Buffer.from('<html>')],
    ['managed_schema.json', Buffer.from(JSON.stringify(schema))],
    ['content-scripts/hubspot.js', Buffer.from('chrome.runtime.connect()')],
  ]);
}

describe('store package check', () => {
  it('passes a complete package', () => {
    expect(checkPackage(goodFiles(), '1.0.0')).toEqual([]);
  });

  it('names a new permission, a missing icon, a wrong icon size, a stale version and storage access in the content script', () => {
    const files = goodFiles({ permissions: ['storage', 'tabs'] });
    files.delete('icon/48.png');
    files.set('icon/16.png', png(32));
    files.set('content-scripts/hubspot.js', Buffer.from('chrome.storage.local.get("settings")'));
    const problems = checkPackage(files, '1.0.1');
    expect(problems.join('\n')).toMatch(/version/);
    expect(problems.join('\n')).toMatch(/permissions \["storage","tabs"\]/);
    expect(problems.join('\n')).toMatch(/icon 48/);
    expect(problems.join('\n')).toMatch(/icon 16: icon\/16.png is 32×32/);
    expect(problems.join('\n')).toMatch(/touches extension storage/);
  });

  it('reads stored and deflated zip entries', () => {
    // A minimal archive with one deflated entry, written by hand.
    const data = Buffer.from('{"a":1}');
    const packed = deflateRawSync(data);
    const name = Buffer.from('m.json');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(0, 42);
    const cdAt = local.length + name.length + packed.length;
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(1, 8);
    end.writeUInt16LE(1, 10);
    end.writeUInt32LE(central.length + name.length, 12);
    end.writeUInt32LE(cdAt, 16);
    const zip = Buffer.concat([local, name, packed, central, name, end]);
    expect(readZip(zip).get('m.json')?.toString()).toBe('{"a":1}');
  });
});
