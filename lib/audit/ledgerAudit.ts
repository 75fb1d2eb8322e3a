// The ledger section of the portal audit (docs/domain.md rule 10), for the command line and the
// options page: every contact that holds a block or a reason log is read with the history of both
// properties, and the ledger (lib/domain/ledger.ts) names each change made without a reason.
//
// Which contacts:
//   - full run: the portal audit's own search for blocked contacts, widened by a second filter
//     group (reason HAS_PROPERTY), so the ledger adds no search request of its own;
//   - since a date: one search with `lastmodifieddate GTE <since>` in both filter groups.
//   Both page by hs_object_id ranges beyond HubSpot's 10,000-result cap (api.searchAllContacts).
// Then the batch read with history, 50 contacts per request (HubSpot's limit with history).
//
// Cost: a full run over N such contacts adds N/50 requests to the portal audit (whose search it
// shares; alone it would be N/200 + N/50); a run since a date costs changed/200 + changed/50.
import { ledgerFindings, ledgerInputOf, type LedgerFinding } from '../domain/ledger';
import type { Contact } from '../hubspot/api';
import { byId } from './blockedIndex';
import type { AuditRun, AuditSetup } from './listAudit';

export type { LedgerFinding } from '../domain/ledger';

export interface LedgerAudit {
  /** Contacts read with their history. */
  examined: number;
  /** The start of the window (ISO), or null for every contact. */
  since: string | null;
  findings: LedgerFinding[];
}

export interface LedgerAuditOptions {
  /** Only contacts modified since then (ISO time, see parseSince); null or absent: all of them. */
  since?: string | null;
}

/** The ledger of one contact read with the history of both properties. */
export function contactLedger(contact: Contact, setup: Pick<AuditSetup, 'blockProperty' | 'reasonProperty' | 'catalog'>): LedgerFinding[] {
  return ledgerFindings(ledgerInputOf(contact, { blockProperty: setup.blockProperty, reasonProperty: setup.reasonProperty ?? '' }, setup.catalog));
}

/**
 * `2026-12-01` (midnight UTC) or an ISO date-time with its zone (`2026-12-01T02:30:00Z`,
 * `…+01:00`) → the instant as an ISO string; anything else (no zone, no such day) → null.
 */
export function parseSince(text: string): string | null {
  const s = text.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/.exec(s);
  if (!m) return null;
  const [, y, mo, d, h] = m;
  // A day that does not exist (2026-02-30) would roll over in Date.
  const day = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (day.getUTCFullYear() !== Number(y) || day.getUTCMonth() !== Number(mo) - 1 || day.getUTCDate() !== Number(d)) return null;
  const ms = Date.parse(h === undefined ? `${y}-${mo}-${d}T00:00:00Z` : s);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/** The contacts to examine: the portal audit's blocked-or-logged search, or one since a date. */
async function contactIds(run: AuditRun, since: string | null): Promise<string[]> {
  const progress = run.setup.onProgress;
  const label = run.setup.tr.t('ledgerAuditProgressSearch');
  progress?.({ done: 0, total: null, label });
  if (since === null) {
    await run.blocked.load({ ...run.call, onPage: (done, total) => progress?.({ done, total, label }) });
    return run.blocked.blockedOrLogged();
  }
  const reason = run.setup.reasonProperty;
  // Dates in search filters as epoch milliseconds (docs/hubspot.md "Contacts").
  const modified = { propertyName: 'lastmodifieddate', operator: 'GTE', value: String(Date.parse(since)) };
  const groups = [{ filters: [{ propertyName: run.setup.blockProperty, operator: 'HAS_PROPERTY' }, modified] }];
  if (reason) groups.push({ filters: [{ propertyName: reason, operator: 'HAS_PROPERTY' }, modified] });
  const found = await run.api.searchAllContacts(groups, ['hs_object_id'], (p) => progress?.({ done: p.fetched, total: p.total, label }), run.call);
  return [...new Set(found.map((c) => c.id))].sort(byId);
}

/** Runs the ledger over the portal's blocked or logged contacts (or those modified since `since`). */
export async function auditLedger(run: AuditRun, opts: LedgerAuditOptions = {}): Promise<LedgerAudit> {
  const since = opts.since ?? null;
  const blockProperty = run.setup.blockProperty;
  const reasonProperty = run.setup.reasonProperty;
  const ids = await contactIds(run, since);
  run.setup.signal?.throwIfAborted();
  const properties = reasonProperty ? [blockProperty, reasonProperty] : [blockProperty];
  const progress = run.setup.onProgress;
  const label = run.setup.tr.t('ledgerAuditProgressRead');
  progress?.({ done: 0, total: ids.length, label });
  const contacts = await run.api.getContacts(ids, properties, {
    ...run.call,
    withHistory: properties,
    onChunk: (done, total) => progress?.({ done, total, label }),
  });
  contacts.sort((a, b) => byId(a.id, b.id));
  const findings: LedgerFinding[] = [];
  for (const c of contacts) findings.push(...contactLedger(c, run.setup));
  return { examined: contacts.length, since, findings };
}
