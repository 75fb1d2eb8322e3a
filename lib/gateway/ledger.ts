// Resolving ledger findings (docs/saving.md, "Restoring and confirming a ledger finding"): a block
// lifted without a reason is set again ("restore") or the change is confirmed with a reason
// ("confirm"). Both go through the save path (writeBlockChange: intent, re-read, race repair) and
// write a log entry that names the write (lib/domain/ledger.ts), so the finding is gone on the next
// read. Plain functions over the session: the contact panel and the options page call the same.
import { parseBlockValue } from '../domain/blocks';
import { NO_INTENT } from '../domain/intent';
import { findingKey, ledgerReasonText, type LedgerAction, type LedgerFinding, type LedgerFindingKind } from '../domain/ledger';
import { validateReason } from '../domain/reasonLog';
import { ledgerOfView } from '../contactLedger';
import type { Progress } from '../audit/types';
import { GatewayError, toErrorData, type GatewayErrorData } from '../hubspot/errors';
import { language, translator, type Translator } from '../i18n';
import { getContactView, writeBlockChange, type SaveDeps } from './contact';
import type { GatewaySession } from './session';

export interface LedgerResolveItem {
  contactId: string;
  /** The finding as the ledger reported it (panel or options page). */
  finding: LedgerFinding;
  /** `restore` only for `lifted-without-reason`. */
  action: LedgerAction;
}

export interface LedgerResolveArgs {
  portalId: string;
  items: LedgerResolveItem[];
  /** The user's reason, one for every item. */
  reason: string;
}

/** What a resolution did: the block set again; already set again by someone (only the log entry
 *  written); the change confirmed; nothing, because a log entry had resolved the finding meanwhile. */
export type LedgerResolveOutcome = 'restored' | 'moot' | 'confirmed' | 'already-resolved';

export type LedgerResolveResult =
  | { contactId: string; brand: string | null; kind: LedgerFindingKind; ok: true; outcome: LedgerResolveOutcome; kept?: number }
  | { contactId: string; brand: string | null; kind: LedgerFindingKind; ok: false; error: GatewayErrorData };

export interface ResolveDeps extends SaveDeps {
  /** A session for one item; its writes run to their end even when the caller goes away. */
  openSession: () => Promise<GatewaySession>;
  /** Runs one contact's work after every write queued before it for that contact (the gateway's
   *  per-contact queue); default: at once. */
  runForContact?: <T>(contactId: string, task: () => Promise<T>) => Promise<T>;
  /** The caller's signal: checked between items (a write already started is finished). */
  signal?: AbortSignal;
  progress?: (p: Progress) => void;
  /** The caller's language (default: the process's). */
  tr?: Translator;
}

/**
 * Resolves each item in turn, one write at a time per contact. The reason is checked once, before
 * anything is read; a failure of one item is reported in its result and the next item goes on.
 * Cancelling (the signal) stops before the next item and rejects with an AbortError.
 */
export async function resolveLedgerFindings(args: LedgerResolveArgs, deps: ResolveDeps): Promise<LedgerResolveResult[]> {
  const tr = deps.tr ?? translator(language());
  const { t } = tr;
  const reason = validateReason(args.reason);
  if (!reason.ok) throw new GatewayError('invalid-request', reason.error === 'too-long' ? t('reasonTooLong') : t('errorReasonRequired'));
  const run = deps.runForContact ?? (<T>(_contactId: string, task: () => Promise<T>) => task());
  const results: LedgerResolveResult[] = [];
  const total = args.items.length;
  for (const [i, item] of args.items.entries()) {
    if (deps.signal?.aborted) throw new DOMException('Aborted', 'AbortError');
    deps.progress?.({ done: i, total, label: t('ledgerProgress', i, total) });
    const head = { contactId: item.contactId, brand: item.finding.brand, kind: item.finding.kind };
    try {
      const done = await run(item.contactId, async () => resolveOne(await deps.openSession(), args.portalId, item, reason.reason, deps));
      results.push({ ...head, ok: true, ...done });
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') throw e;
      results.push({ ...head, ok: false, error: toErrorData(e, tr.t) });
    }
  }
  deps.progress?.({ done: total, total, label: t('ledgerProgress', total, total) });
  return results;
}

async function resolveOne(
  session: GatewaySession,
  portalId: string,
  item: LedgerResolveItem,
  reason: string,
  deps: SaveDeps,
): Promise<{ outcome: LedgerResolveOutcome; kept?: number }> {
  const { t } = session.tr;
  // The reason log names a person (HubSpot's own history names only the private app).
  if (!session.settings.userName.trim()) throw new GatewayError('not-configured', t('errorNoAuthor'));
  const { contactId, action } = item;
  if (item.finding.contactId !== contactId) throw new GatewayError('invalid-request', t('errorUnexpected', `finding of ${item.finding.contactId} for ${contactId}`));
  if (action === 'restore' && item.finding.kind !== 'lifted-without-reason') throw new GatewayError('invalid-request', t('ledgerErrorNotRestorable'));

  // The finding as HubSpot's history shows it now: resolved meanwhile (another tab, a colleague)
  // means nothing to write.
  const view = await getContactView(session, portalId, contactId);
  const finding = ledgerOfView(view).findings.find((f) => findingKey(f) === findingKey(item.finding));
  if (!finding) return { outcome: 'already-resolved' };
  const label = finding.brand === null ? undefined : (view.brands.find((b) => b.value === finding.brand)?.label ?? finding.brand);
  const text = ledgerReasonText(finding, action, reason, label === undefined ? {} : { label });
  // The user's reason and the ledger's reference together stay within one entry's limit.
  if (!validateReason(text).ok) throw new GatewayError('invalid-request', t('reasonTooLong'));

  if (action === 'confirm') {
    const saved = await writeBlockChange(session, portalId, contactId, { intent: NO_INTENT, reason: text, expected: null, alwaysLog: true }, deps);
    return { outcome: 'confirmed', ...(saved.kept.length ? { kept: saved.kept.length } : {}) };
  }

  const brand = finding.brand!;
  if (!view.blocked.includes(brand)) {
    // Set again and lifted again since: that later lift is someone's change, not ours to undo.
    const later = view.history.find((h) => h.property === 'blocks' && Date.parse(h.timestamp) > Date.parse(finding.at) && parseBlockValue(h.value).includes(brand));
    if (later) {
      throw new GatewayError('conflict', t('ledgerErrorChangedSince', label ?? brand, dateText(later.timestamp, session.tr.lang)), { brands: [brand] });
    }
  }
  // Blocked again meanwhile (before or during this write): the brand is moot, only the log entry is written.
  const saved = await writeBlockChange(session, portalId, contactId, { intent: { add: [brand], remove: [] }, reason: text, expected: null, alwaysLog: true }, deps);
  return { outcome: saved.moot.includes(brand) ? 'moot' : 'restored', ...(saved.kept.length ? { kept: saved.kept.length } : {}) };
}

function dateText(iso: string, lang: string): string {
  return new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'medium', timeStyle: 'short' });
}
