// The ledger section of a portal audit in words and rows: one source for the command line's table
// and CSV, the options page's table and download and the contact panel's notices, so all of them say the same.
import type { LedgerFinding, LedgerFindingKind } from '../domain/ledger';
import { language, t, type MessageKey } from '../i18n';
import { roadPhrase } from './roadLabel';
import type { LedgerAudit } from './ledgerAudit';

const KIND_TEXT: Record<LedgerFindingKind, MessageKey> = {
  'lifted-without-reason': 'ledgerAuditKindLifted',
  'set-without-reason': 'ledgerAuditKindSet',
  'log-shortened': 'ledgerAuditKindLogShortened',
  'history-incomplete': 'ledgerAuditKindHistoryIncomplete',
};

export function ledgerKindText(kind: string): string {
  const key = KIND_TEXT[kind as LedgerFindingKind];
  return key ? t(key) : kind;
}

/** `2026-12-06T10:04:05.123Z` → `2026-12-06 10:04 UTC` (the same in every language and zone). */
export function ledgerTime(at: string): string {
  const ms = Date.parse(at);
  return Number.isFinite(ms) ? `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC` : at;
}

/** The road of a write: HubSpot's sourceType, with its sourceId when there is one. */
export function ledgerRoad(f: Pick<LedgerFinding, 'sourceType' | 'sourceId'>): string {
  const type = f.sourceType || '?';
  return f.sourceId ? `${type} (${f.sourceId})` : type;
}

export interface LedgerRow {
  contactId: string;
  /** The brand's label ('' for the kinds without a brand). */
  brand: string;
  kind: string;
  kindText: string;
  at: string;
  road: string;
  by: string;
}

export function ledgerRow(f: LedgerFinding, label: (value: string) => string): LedgerRow {
  return {
    contactId: f.contactId,
    brand: f.brand === null ? '' : label(f.brand),
    kind: f.kind,
    kindText: ledgerKindText(f.kind),
    at: ledgerTime(f.at),
    road: ledgerRoad(f),
    by: f.by ?? '',
  };
}

/** Column titles in the order of ledgerRowCells. */
export function ledgerColumns(): string[] {
  return [t('ledgerAuditColContact'), t('ledgerAuditColBrand'), t('ledgerAuditColKind'), t('ledgerAuditColAt'), t('ledgerAuditColRoad'), t('ledgerAuditColBy')];
}

export function ledgerRowCells(r: LedgerRow): string[] {
  return [r.contactId, r.brand, r.kindText, r.at, r.road, r.by];
}

/** "Block history: contacts with a block or a reason examined: 120; changes without a reason: 3." */
export function ledgerSummary(ledger: LedgerAudit): string {
  return ledger.since === null
    ? t('ledgerAuditSummaryAll', ledger.examined, ledger.findings.length)
    : t('ledgerAuditSummarySince', ledger.examined, ledgerTime(ledger.since), ledger.findings.length);
}

/** "03.12.2026" (German) or "03/12/2026" (English): the day of the write, in the UI language. */
export function formatDay(iso: string, lang: string = language()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString(lang === 'en' ? 'en-GB' : 'de-DE', { day: '2-digit', month: '2-digit', year: 'numeric' });
}

/** A finding as one sentence (the contact panel's notice, the options page's download). */
export function findingText(f: LedgerFinding, brandLabel: string): string {
  const day = formatDay(f.at);
  switch (f.kind) {
    case 'lifted-without-reason':
      return t('ledgerLifted', brandLabel, day, roadPhrase(f.sourceType));
    case 'set-without-reason':
      return t('ledgerSet', brandLabel, day, roadPhrase(f.sourceType));
    case 'log-shortened':
      return t('ledgerLogShortened', day, roadPhrase(f.sourceType));
    case 'history-incomplete':
      return t('ledgerHistoryIncomplete', day);
  }
}
