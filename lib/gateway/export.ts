// The clean export and the check behind the held HubSpot export, for the segment page (issue 15).
// Plain functions over the session; the engines are lib/export. The file is made in the service
// worker and handed to the panel, which downloads it (docs/export.md "Download").
import { runExport } from '../export/engine';
import { checkSegmentExport, type HeldExportCheck } from '../export/hold';
import { DEFAULT_EXPORT_COLUMNS, isPropertyName, type CsvDialect, type ExportReceipt } from '../export/mailing';
import type { Progress } from '../audit/types';
import { GatewayError } from '../hubspot/errors';
import { brandsFor, choiceForPage, setupFor } from './audit';
import { listChoiceKey } from './brandChoices';
import type { GatewaySession } from './session';

/** Address columns offered besides the defaults (HubSpot default contact properties). */
const MORE_COLUMNS = ['state', 'email'] as const;

export interface ExportColumnChoice {
  name: string;
  /** HubSpot's label of the property (its name when unknown). */
  label: string;
  checked: boolean;
}

export interface ExportSetup {
  columns: ExportColumnChoice[];
  dialect: CsvDialect;
  /** The short name the receipt will name ('' until given). */
  author: string;
}

export interface ExportFile {
  csv: string;
  receipt: ExportReceipt;
  receiptText: string;
  fileName: string;
}

/** The columns to offer (defaults, a few more, and any remembered), each checked as remembered. */
export async function exportSetupForPage(session: GatewaySession, args: { portalId: string }): Promise<ExportSetup> {
  const { settings } = await session.checkPortal(args.portalId);
  const labels = await session.propertyLabels();
  const prefs = settings.exportPrefs[args.portalId];
  const chosen = prefs?.columns ?? [...DEFAULT_EXPORT_COLUMNS];
  const names = [...new Set([...DEFAULT_EXPORT_COLUMNS, ...MORE_COLUMNS, ...chosen])];
  // Where HubSpot told us its properties, only those it has (a remembered column may be gone).
  const known = Object.keys(labels).length > 0;
  return {
    columns: names.filter((n) => !known || labels[n] !== undefined).map((name) => ({ name, label: labels[name] ?? name, checked: chosen.includes(name) })),
    dialect: prefs?.dialect ?? 'excel',
    author: settings.userName,
  };
}

/** What the panel asks for (checked against the port contract by the router). */
export interface ExportRequest {
  portalId: string;
  listId: string;
  columns: string[];
  dialect: CsvDialect;
  brands?: string[] | undefined;
}

/** Makes the file and the receipt; remembers the columns and the format for the portal. */
export async function exportForPage(session: GatewaySession, args: ExportRequest, progress?: (p: Progress) => void): Promise<ExportFile> {
  const { t } = session.tr;
  const bad = args.columns.find((c) => !isPropertyName(c));
  if (bad !== undefined) throw new GatewayError('invalid-response', t('exportBadColumn', bad));
  const { settings } = await session.checkPortal(args.portalId);
  // The receipt names who made the file.
  const by = settings.userName.trim();
  if (!by) throw new GatewayError('not-configured', session.tr.t('exportAuthorNeeded'), { reason: 'author' });
  await rememberPrefs(session, args.portalId, args.columns, args.dialect);
  const setup = await setupFor(session, progress, false);
  const result = await runExport(session.api, {
    ...setup,
    listId: args.listId,
    ...brandsFor(await choiceForPage(session, listChoiceKey(args.portalId, args.listId)), args.brands),
    columns: args.columns,
    dialect: args.dialect,
    by,
  });
  return { csv: result.csv, receipt: result.receipt, receiptText: result.receiptText, fileName: result.fileName };
}

async function rememberPrefs(session: GatewaySession, portalId: string, columns: string[], dialect: CsvDialect): Promise<void> {
  // Fresh settings: the session's copy may be older than another tab's change.
  const current = await session.env.loadSettings();
  await session.env.storeSettings({ ...current, exportPrefs: { ...current.exportPrefs, [portalId]: { columns: [...new Set(columns)], dialect } } });
}

/** How many members HubSpot's own export would send although blocked for the segment's brands. */
export async function checkExportForPage(session: GatewaySession, args: { portalId: string; listId: string }, progress?: (p: Progress) => void): Promise<HeldExportCheck> {
  await session.checkPortal(args.portalId);
  const setup = await setupFor(session, progress, false);
  return checkSegmentExport(session.api, { ...setup, listId: args.listId, ...brandsFor(await choiceForPage(session, listChoiceKey(args.portalId, args.listId)), undefined) });
}
