import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { applyPolicy, ManagedPolicySchema, omitLocked, parsePolicy, POLICY_KEYS, withoutPolicy } from '../../lib/policy';
import { DEFAULT_SETTINGS, PostalScopeSchema } from '../../lib/settings';

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

  it('sets the postal scope with the settings\' own schema: locked, on top of the stored one, never stored', () => {
    expect(ManagedPolicySchema.shape.postalScope).toBe(PostalScopeSchema);
    const own = { folders: ['Meine'], namePatterns: [], listIds: ['1'], flowIds: [] };
    const stored = { ...DEFAULT_SETTINGS, postalScope: own };
    const policy = parsePolicy({ postalScope: { folders: ['Postmailings'], flowIds: ['7001'] }, managedBy: 'IT' });
    expect(policy.locked).toEqual(['postalScope']);
    // Parts the policy leaves out are empty, as in the settings.
    const effective = applyPolicy(stored, policy);
    expect(effective.postalScope).toEqual({ folders: ['Postmailings'], namePatterns: [], listIds: [], flowIds: ['7001'] });
    expect(withoutPolicy({ ...effective, userName: 'AB' }, stored, policy).postalScope).toEqual(own);
    expect(omitLocked({ postalScope: own, userName: 'AB' }, policy)).toEqual({ userName: 'AB' });
  });

  it('ignores a postal scope that does not parse, and keeps the user\'s own', () => {
    for (const bad of [{ listIds: ['12a'] }, { folders: 'Postmailings' }, ['Postmailings'], 'Postmailings']) {
      const policy = parsePolicy({ postalScope: bad, blockProperty: 'it_prop' });
      expect(policy.invalid).toEqual(['postalScope']);
      expect(policy.locked).toEqual(['blockProperty']);
      expect(applyPolicy(DEFAULT_SETTINGS, policy).postalScope).toEqual(DEFAULT_SETTINGS.postalScope);
    }
  });

  it('declares the postal scope in Chrome\'s schema format with a title and description', () => {
    const schema = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../public/managed_schema.json'), 'utf8')) as { properties: Record<string, { title?: string; description?: string; type: string; properties?: Record<string, { type: string; items?: { type: string } }> }> };
    for (const [key, value] of Object.entries(schema.properties)) expect([key, !!value.title && !!value.description]).toEqual([key, true]);
    const scope = schema.properties['postalScope']!;
    expect(scope.type).toBe('object');
    expect(Object.keys(scope.properties!).sort()).toEqual(Object.keys(PostalScopeSchema.shape).sort());
    for (const part of Object.values(scope.properties!)) expect(part).toEqual({ type: 'array', items: { type: 'string' } });
  });
});
