import type { Brand, HistoryEntry } from '../lib/domain/types';
import { parseBlockValue } from '../lib/domain/blocks';
import { brandLabel } from '../lib/domain/brands';
import { roadOf } from '../lib/domain/ledger';
import { language, t, type MessageKey } from '../lib/i18n';
import { roadName } from '../lib/audit/roadLabel';

const SOURCES = ['CRM_UI', 'INTEGRATION', 'IMPORT', 'WORKFLOW', 'API'] as const;

export function sourceLabel(e: HistoryEntry, userNames: Record<string, string> = {}): string {
  const known = (SOURCES as readonly string[]).includes(e.sourceType);
  // Roads without a text of their own (bulk edit, merge, mobile app, …) by the ledger's road name.
  const source = known ? t(`source${e.sourceType}` as MessageKey) : roadOf(e.sourceType) !== 'other' ? roadName(e.sourceType) : t('sourceOther', e.sourceType || '?');
  if (e.updatedByUserId === undefined) return source;
  return `${source}, ${userNames[String(e.updatedByUserId)] ?? t('historyUser', e.updatedByUserId)}`;
}

/** In the panel's language (HubSpot's), not the browser's: a German panel says "5. Dez. 2026". */
export function formatTimestamp(iso: string, lang: string = language()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'medium', timeStyle: 'short' });
}

export interface HistoryListProps {
  history: HistoryEntry[];
  brands: Brand[];
  userNames?: Record<string, string>;
  /** Whether the ledger finds this change without a reason (it is marked with its road). */
  unexplained?: (e: HistoryEntry) => boolean;
}

export function HistoryList({ history, brands, userNames = {}, unexplained = () => false }: HistoryListProps) {
  if (history.length === 0) return <p className="psg-muted">{t('historyEmpty')}</p>;
  const label = (v: string) => brandLabel(brands, v);
  return (
    <ol className="psg-history">
      {history.map((e, i) => {
        const flagged = unexplained(e);
        return (
          <li
            key={`${e.property}-${e.timestamp}-${i}`}
            data-testid="history-entry"
            data-property={e.property}
            {...(flagged ? { 'data-unexplained': 'true' } : {})}
            className={flagged ? 'psg-unexplained' : undefined}
          >
            <time dateTime={e.timestamp}>{formatTimestamp(e.timestamp)}</time>{' '}
            <span className="psg-muted">({sourceLabel(e, userNames)})</span>
            {flagged ? (
              <>
                {' '}
                <span className="psg-badge psg-badge-warn" data-testid="history-unexplained">
                  <span aria-hidden="true">⚠ </span>
                  {t('ledgerUnexplained', roadName(e.sourceType))}
                </span>
              </>
            ) : null}
            <div>
              <strong>{e.property === 'blocks' ? t('historyBlocks') : t('historyReason')}:</strong>{' '}
              {e.property === 'blocks' ? (
                e.value ? parseBlockValue(e.value).map(label).join(', ') : t('historyCleared')
              ) : (
                <span className="psg-prewrap">{e.value ? lastLine(e.value) : t('historyCleared')}</span>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

/** A reason value is the whole log; its history entry is worth showing by what it added. */
function lastLine(text: string): string {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  return lines[lines.length - 1] ?? text;
}
