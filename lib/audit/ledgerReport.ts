// The ledger section of a portal audit in words and rows: one source for the command line's table
// and CSV and the options page's table and download, so all of them say the same.
import type { LedgerFinding, LedgerFindingKind } from '../domain/ledger';
import { t, type MessageKey } from '../i18n';
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
