// The ledger and the save path's race repair: a write of ours replaced one that landed between our
// read and our write (HubSpot has no precondition), and our next write put its log lines back.
// That shortened nothing for good; any other shortening stays a finding.
import { describe, expect, it } from 'vitest';
import { readLedger } from '../../lib/domain/ledger';
import type { HistoryEntry } from '../../lib/domain/types';

const APP = { sourceType: 'INTEGRATION', sourceId: '4711001' };
const reason = (timestamp: string, value: string, source: Partial<HistoryEntry> = APP): HistoryEntry => ({ property: 'reason', value, timestamp, sourceType: '', ...source });
const OLD = 'Alte Notiz';
const THEIRS = 'JB: +Marke B, Brief';
const OURS = '[2026-12-06 10:57 +00:00] Grund: Bestätigt (MK)';

function shortened(history: HistoryEntry[]): string[] {
  return readLedger({ contactId: '101', history }).findings.filter((f) => f.kind === 'log-shortened').map((f) => f.at);
}

describe('a log shortened by the race repair', () => {
  const base = [reason('2026-12-06T10:00:00.000Z', OLD, { sourceType: 'CRM_UI', updatedByUserId: 1 }), reason('2026-12-06T10:57:43.338Z', `${OLD}\n${THEIRS}`, { sourceType: 'CRM_UI', updatedByUserId: 2 })];
  const ourWrite = reason('2026-12-06T10:57:43.346Z', `${OLD}\n${OURS}`);

  it('is no finding when our next write, moments later, puts every dropped line back', () => {
    expect(shortened([...base, ourWrite, reason('2026-12-06T10:57:43.361Z', `${OLD}\n${OURS}\n${THEIRS}`)])).toEqual([]);
  });

  it('stays a finding when the lines never come back, come back by another road, or much later', () => {
    expect(shortened([...base, ourWrite])).toEqual(['2026-12-06T10:57:43.346Z']);
    expect(shortened([...base, ourWrite, reason('2026-12-06T10:57:44.000Z', `${OLD}\n${OURS}\n${THEIRS}`, { sourceType: 'CRM_UI', updatedByUserId: 2 })])).toEqual(['2026-12-06T10:57:43.346Z']);
    expect(shortened([...base, ourWrite, reason('2026-12-06T11:30:00.000Z', `${OLD}\n${OURS}\n${THEIRS}`)])).toEqual(['2026-12-06T10:57:43.346Z']);
    // Their line back but an older one dropped: that next write is the shortening now.
    expect(shortened([...base, ourWrite, reason('2026-12-06T10:57:43.361Z', `${OURS}\n${THEIRS}`)])).toEqual(['2026-12-06T10:57:43.361Z']);
  });
});
