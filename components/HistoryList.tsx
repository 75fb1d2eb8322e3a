import type { Brand, HistoryEntry } from '../lib/domain/types';
import { parseBlockValue } from '../lib/domain/blocks';
import { brandLabel } from '../lib/domain/brands';
import { language, t, type MessageKey } from '../lib/i18n';

const SOURCES = ['CRM_UI', 'INTEGRATION', 'IMPORT', 'WORKFLOW', 'API'] as const;

export function sourceLabel(e: HistoryEntry, userNames: Record<string, string> = {}): string {
  const known = (SOURCES as readonly string[]).includes(e.sourceType);
  const source = known ? t(`source${e.sourceType}` as MessageKey) : t('sourceOther', e.sourceType || '?');
  if (e.updatedByUserId === undefined) return source;
  return `${source}, ${userNames[String(e.updatedByUserId)] ?? t('historyUser', e.updatedByUserId)}`;
}

/** In the panel's language (HubSpot's), not the browser's: a German panel says "5. Dez. 2026". */
export function formatTimestamp(iso: string, lang: string = language()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'medium', timeStyle: 'short' });
}

export function HistoryList({ history, brands, userNames = {} }: { history: HistoryEntry[]; brands: Brand[]; userNames?: Record<string, string> }) {
  if (history.length === 0) return <p className="psg-muted">{t('historyEmpty')}</p>;
  const label = (v: string) => brandLabel(brands, v);
  return (
    <ol className="psg-history">
      {history.map((e, i) => (
        <li key={`${e.property}-${e.timestamp}-${i}`} data-testid="history-entry" data-property={e.property}>
          <time dateTime={e.timestamp}>{formatTimestamp(e.timestamp)}</time>{' '}
          <span className="psg-muted">({sourceLabel(e, userNames)})</span>
          <div>
            <strong>{e.property === 'blocks' ? t('historyBlocks') : t('historyReason')}:</strong>{' '}
            {e.property === 'blocks' ? (
              e.value ? parseBlockValue(e.value).map(label).join(', ') : t('historyCleared')
            ) : (
              <span className="psg-prewrap">{e.value ? lastLine(e.value) : t('historyCleared')}</span>
            )}
          </div>
        </li>
      ))}
    </ol>
  );
}

/** A reason value is the whole log; its history entry is worth showing by what it added. */
function lastLine(text: string): string {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  return lines[lines.length - 1] ?? text;
}
