// The road of a change in the panel's words: "Import", "Massenbearbeitung", … and the phrase the
// ledger notice uses ("durch einen Import"). An unknown sourceType is shown as it is.
import { roadOf, type LedgerRoad } from '../domain/ledger';
import { t, type MessageKey } from '../i18n';

const NAME: Record<Exclude<LedgerRoad, 'other'>, MessageKey> = {
  import: 'ledgerRoadImport',
  'bulk-edit': 'ledgerRoadBulkEdit',
  workflow: 'ledgerRoadWorkflow',
  merge: 'ledgerRoadMerge',
  integration: 'ledgerRoadIntegration',
  mobile: 'ledgerRoadMobile',
  api: 'ledgerRoadApi',
  ui: 'ledgerRoadUi',
};

const VIA: Record<Exclude<LedgerRoad, 'other'>, MessageKey> = {
  import: 'ledgerViaImport',
  'bulk-edit': 'ledgerViaBulkEdit',
  workflow: 'ledgerViaWorkflow',
  merge: 'ledgerViaMerge',
  integration: 'ledgerViaIntegration',
  mobile: 'ledgerViaMobile',
  api: 'ledgerViaApi',
  ui: 'ledgerViaUi',
};

/** "Import", "Massenbearbeitung", …; an unknown sourceType as it is ("?" when empty). */
export function roadName(sourceType: string): string {
  const road = roadOf(sourceType);
  return road === 'other' ? sourceType || '?' : t(NAME[road]);
}

/** "durch einen Import", "über die API", …, for a sentence. */
export function roadPhrase(sourceType: string): string {
  const road = roadOf(sourceType);
  return road === 'other' ? t('ledgerViaOther', sourceType || '?') : t(VIA[road]);
}
