import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { applyPolicy, omitLocked, parsePolicy, POLICY_KEYS, withoutPolicy } from '../../lib/policy';
import { DEFAULT_SETTINGS } from '../../lib/settings';

describe('Chrome policy (storage.managed)', () => {
  it('declares in the manifest schema exactly the keys the code reads', () => {
    const schema = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../public/managed_schema.json'), 'utf8')) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties).sort()).toEqual([...POLICY_KEYS].sort());
  });

  it('reads each key on its own: a bad value is ignored, the others lock', () => {
    const p = parsePolicy({ apiHost: 'evil.example.com', blockProperty: 'marken', token: 'pat-eu1-x', managedBy: 'IT', allowedPortalId: '12345678', unknownKey: 1 });
    expect(p.locked).toEqual(['blockProperty', 'allowedPortalId', 'token']);
    expect(p.invalid).toEqual(['apiHost']);
    expect(p.managedBy).toBe('IT');
    expect(parsePolicy(undefined).locked).toEqual([]);
  });

  it('policy values win over stored ones, and are never written back to storage.local', () => {
    const stored = { ...DEFAULT_SETTINGS, token: 'mine', blockProperty: 'own_prop', userName: 'MK' };
    const policy = parsePolicy({ token: 'from-it', blockProperty: 'it_prop' });
    const effective = applyPolicy(stored, policy);
    expect(effective).toMatchObject({ token: 'from-it', blockProperty: 'it_prop', userName: 'MK' });
    const toStore = withoutPolicy({ ...effective, userName: 'AB' }, stored, policy);
    expect(toStore).toMatchObject({ token: 'mine', blockProperty: 'own_prop', userName: 'AB' });
  });

  it('drops what a caller asks to change on locked keys', () => {
    const policy = parsePolicy({ reasonProperty: 'grund' });
    expect(omitLocked({ reasonProperty: 'other', userName: 'MK' }, policy)).toEqual({ userName: 'MK' });
  });
});
