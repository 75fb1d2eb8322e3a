import { describe, expect, it } from 'vitest';
import { parseSettings, DEFAULT_SETTINGS } from '../../lib/settings';
describe('settings', () => {
  it('falls back to defaults field by field', () => {
    const s = parseSettings({ apiHost: 'evil.example.com', blockProperty: 'x' });
    expect(s.apiHost).toBe(DEFAULT_SETTINGS.apiHost);
    expect(s.blockProperty).toBe('x');
  });
});
