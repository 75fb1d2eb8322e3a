// What the panel says after a save, besides "Gespeichert.": a simultaneous change it kept, toggles
// someone else had already made, a view it could not reload, a save that finished while away.
import type { LedgerResolveResult } from '../lib/gateway/ledger';
import type { FinishedSave, SaveOutcome } from '../lib/messaging';
import { t } from '../lib/i18n';
import { formatTimestamp, sourceLabel } from './HistoryList';

export function saveOutcomeNotes(o: SaveOutcome, label: (value: string) => string, userNames: Record<string, string> = {}): string[] {
  const notes: string[] = [];
  for (const k of o.kept) notes.push(t('saveKept', sourceLabel(k.by, userNames), formatTimestamp(k.at)));
  const moot = o.moot.map(label).join(', ');
  if (o.nothingToDo) notes.push(t('saveNothingToDo', moot));
  else if (o.moot.length) notes.push(t('saveMoot', moot));
  if (o.refreshError) notes.push(t('savedNotRefreshed', o.refreshError.message));
  if (o.unverified) notes.push(t('saveUnverified'));
  return notes;
}

export function finishedSaveNote(f: FinishedSave): string {
  return f.ok ? t('saveFinishedLater', formatTimestamp(f.at)) : t('saveFailedLater', formatTimestamp(f.at), f.message ?? '');
}

/** What the panel says after a ledger finding was restored or confirmed (a failure is shown as an error). */
export function ledgerOutcomeNote(r: Extract<LedgerResolveResult, { ok: true }>, label: (value: string) => string): string {
  const brand = r.brand === null ? '' : label(r.brand);
  const note =
    r.outcome === 'restored'
      ? t('ledgerDoneRestored', brand)
      : r.outcome === 'moot'
        ? t('ledgerDoneMoot', brand)
        : r.outcome === 'confirmed'
          ? t('ledgerDoneConfirmed')
          : t('ledgerDoneAlready');
  return r.kept ? `${note} ${t('ledgerDoneKept')}` : note;
}
