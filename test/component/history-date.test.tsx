import { describe, expect, it } from 'vitest';
import { formatTimestamp } from '../../components/HistoryList';

describe('history dates', () => {
  it('speak the panel\'s language, not the browser\'s', () => {
    const iso = '2026-12-05T10:00:00Z';
    expect(formatTimestamp(iso, 'de')).toMatch(/05\.12\.2026/);
    expect(formatTimestamp(iso, 'en')).toMatch(/Dec/);
    expect(formatTimestamp('kein Datum', 'de')).toBe('kein Datum');
  });
});
