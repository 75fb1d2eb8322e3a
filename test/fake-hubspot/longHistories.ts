// A generated (benchmark) portal whose blocked contacts carry long property histories, for the
// ledger's cost: every blocked contact gets `entries` history entries on the block property and as
// many on the reason log (changes over the years on several roads), and `changed` of them one more
// change after `since` (an import that lifts a brand without a reason). Every earlier change is
// explained by a log entry written with it. The other contacts were
// last modified before `since`. Used by test/unit/ledger-audit-cost.test.ts and `npm run bench`.
import { appendReasonEntry } from '../../lib/domain/reasonLog';
import { BRANDS, bigSeed, DEMO_PORTAL_ID, USERS } from './seed';
import type { FakeHubspot } from './index';
import type { HistoryEntry } from './types';

export interface LongHistoryOptions {
  /** Entries per property (block and reason): 10 make 20 per contact. */
  entries: number;
  /** How many blocked contacts changed after `since`. */
  changed: number;
  /** ISO time: the changes of `changed` contacts come after it, every other change before. */
  since: string;
}

/** bigSeed() options for a portal where every contact is blocked (the ledger's worst case). */
export const allBlockedSeed = (contacts: number) => bigSeed({ contacts, blocked: contacts, lists: 3, maxListSize: Math.min(contacts, 1_000), blockedInList: 10 });

const ROADS = ['CRM_UI', 'IMPORT', 'WORKFLOWS', 'API', 'CRM_UI_BULK_ACTION'] as const;
const DAY = 86_400_000;

/**
 * Rewrites the history of every blocked contact of the fake's portal in place. Returns the ids of
 * the contacts changed after `since`.
 */
export function giveLongHistories(fake: FakeHubspot, opts: LongHistoryOptions, portalId = DEMO_PORTAL_ID): string[] {
  const portal = fake.state.portal(portalId);
  if (!portal) throw new Error(`no portal ${portalId}`);
  const labels = new Map<string, string>(BRANDS.map((b) => [b.value, b.label]));
  const label = (v: string) => labels.get(v) ?? v;
  const before = Date.parse(opts.since) - 400 * DAY;
  const after = new Date(Date.parse(opts.since) + DAY / 2).toISOString();
  const changed: string[] = [];
  for (const c of portal.contacts.values()) {
    const value = c.properties.post_sperre_marken ?? '';
    if (value === '') continue;
    const brands = value.split(';');
    const fewer = brands.slice(0, -1).join(';');
    const block: HistoryEntry[] = [];
    const reason: HistoryEntry[] = [];
    let log = '';
    let previous: string[] = [];
    for (let i = 0; i < opts.entries; i++) {
      const timestamp = new Date(before + i * DAY).toISOString();
      // Alternately every brand and all but the last; the newest entry is the current value.
      const v = (opts.entries - 1 - i) % 2 === 0 ? value : fewer;
      const now = v === '' ? [] : v.split(';');
      const road = ROADS[i % ROADS.length]!;
      block.unshift({ value: v, timestamp, sourceType: road, sourceId: road === 'CRM_UI' ? `userId:${USERS.jonas.id}` : `${road.toLowerCase()}-${i}`, ...(road === 'CRM_UI' ? { updatedByUserId: USERS.jonas.id } : {}) });
      // Each change explained in the product's log format, written with it.
      log = appendReasonEntry(log, { at: timestamp, added: now.filter((b) => !previous.includes(b)).map(label), removed: previous.filter((b) => !now.includes(b)).map(label), reason: `Brief ${i}`, by: 'JB' }, { timeZone: 'UTC' });
      reason.unshift({ value: log, timestamp, sourceType: 'CRM_UI', sourceId: `userId:${USERS.jonas.id}`, updatedByUserId: USERS.jonas.id });
      previous = now;
    }
    c.history.post_sperre_marken = block;
    c.history.grund_post_sperre = reason;
    c.properties.grund_post_sperre = log;
    c.updatedAt = block[0]!.timestamp;
    if (changed.length < opts.changed && brands.length > 1) {
      // An import lifts the last brand, without a word in the log.
      c.properties.post_sperre_marken = fewer;
      block.unshift({ value: fewer, timestamp: after, sourceType: 'IMPORT', sourceId: 'import-4711' });
      c.updatedAt = after;
      changed.push(c.id);
    }
  }
  portal.revision++;
  if (changed.length < opts.changed) throw new Error(`only ${changed.length} contacts could change`);
  return changed;
}
