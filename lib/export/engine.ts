// The clean export's engine, one for the command line and the segment panel: reads a segment from
// HubSpot and makes the file and its receipt (mailing.ts). Requests (docs/export.md "Cost"):
//   1 list + the blocked contacts (a search, 200 per page) + the members (250 per page) + the
//   exported members' columns (200 per search request, `hs_object_id IN`) + the blocked contacts again.
// The blocked set is read twice, at the start and at the end, and every read member's own block
// value is looked at too: a contact blocked while the export runs is still left out.
import type { CallOptions, HubspotApi, HubspotList } from '../hubspot/api';
import { GatewayError } from '../hubspot/errors';
import { parseBlockValue } from '../domain/blocks';
import { BlockedIndex } from '../audit/blockedIndex';
import { CONTACT_OBJECT_TYPE, callOptions, listBrands, listNotFound, type AuditSetup } from '../audit/listAudit';
import type { BrandSource } from '../audit/types';
import {
  buildReceipt,
  exportColumns,
  exportCsv,
  exportFileName,
  exportRecords,
  receiptText,
  selectRecipients,
  sha256Hex,
  type BlockedMember,
  type CsvDialect,
  type ExportReceipt,
} from './mailing';

export interface ExportOptions extends AuditSetup {
  listId: string;
  /** Brands of the mailing instead of the list's detected ones (a choice or an argument). */
  brandsOverride?: readonly string[];
  brandSource?: Extract<BrandSource, 'chosen' | 'argument'>;
  /** Address columns (the record id comes first anyway). */
  columns: readonly string[];
  dialect: CsvDialect;
  /** Short name of who makes the file. */
  by: string;
  /** The time the receipt names (default now). */
  now?: () => Date;
}

export interface ExportResult {
  /** The file's text (its bytes: UTF-8 of this). */
  csv: string;
  receipt: ExportReceipt;
  /** The receipt as written beside the file. */
  receiptText: string;
  /** A name for the file (the panel's download). */
  fileName: string;
  brandSource: BrandSource;
  /** How the columns were read: a search by id, or (HubSpot refused that) the batch read. */
  readVia: 'search' | 'batch-read';
}

async function blockedFor(api: HubspotApi, blockProperty: string, brands: readonly string[], call: CallOptions): Promise<BlockedMember[]> {
  // A fresh index each time: the second reading must not reuse the first's answer.
  const index = new BlockedIndex(api, { blockProperty });
  await index.load(call);
  return index.blockedFor(brands);
}

async function memberIds(api: HubspotApi, list: HubspotList, call: CallOptions, onPage: (done: number) => void): Promise<string[]> {
  const ids: string[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await api.getListMemberships(list.listId, after, call);
    for (const m of page.results) ids.push(m.recordId);
    onPage(ids.length);
    const next = page.paging?.next?.after;
    if (next === undefined || next === after || page.results.length === 0) break;
    after = next;
  }
  return ids;
}

/** Makes the file and the receipt for one segment. Throws on any API error (nothing half made). */
export async function runExport(api: HubspotApi, opts: ExportOptions): Promise<ExportResult> {
  const call = callOptions(opts);
  const progress = (label: string, done = 0, total: number | null = null) => opts.onProgress?.({ done, total, label });

  progress(opts.tr.t('exportProgressList'));
  const list = await api.getList(opts.listId, call);
  if (!list) throw listNotFound(opts.listId, opts.tr.t);
  if (list.objectTypeId !== CONTACT_OBJECT_TYPE) throw new GatewayError('invalid-response', opts.tr.t('exportNotContacts', list.name));
  const { brands, brandSource } = listBrands(list.name, opts, opts.brandsOverride, opts.brandSource);
  const columns = exportColumns(opts.columns);

  progress(opts.tr.t('exportProgressBlocked'));
  const before = await blockedFor(api, opts.blockProperty, brands, call);

  const size = list.size ?? null;
  progress(opts.tr.t('exportProgressMembers'), 0, size);
  const members = await memberIds(api, list, call, (done) => progress(opts.tr.t('exportProgressMembers'), done, size !== null ? Math.max(size, done) : null));

  // Only the members not (yet) known as blocked are read; the block property too (read-time check).
  const first = selectRecipients(members, before, brands);
  progress(opts.tr.t('exportProgressColumns'), 0, first.exported.length);
  const { contacts, via } = await api.readContacts(first.exported, [...columns.slice(1), opts.blockProperty], {
    ...call,
    onChunk: (done, total) => progress(opts.tr.t('exportProgressColumns'), done, total),
  });
  const values = new Map(contacts.map((c) => [c.id, c.properties]));
  const atRead: BlockedMember[] = contacts.map((c) => ({ id: c.id, brands: parseBlockValue(c.properties[opts.blockProperty]) }));

  progress(opts.tr.t('exportProgressRecheck'));
  const after = await blockedFor(api, opts.blockProperty, brands, call);

  const selection = selectRecipients(members, [...before, ...atRead, ...after], brands);
  // A member that no longer exists (deleted or merged since the membership was read) is not written.
  const written = selection.exported.filter((id) => values.has(id));
  const csv = exportCsv(exportRecords(written, columns, (id) => values.get(id)), opts.dialect);
  const at = (opts.now ?? (() => new Date()))();
  const receipt = buildReceipt({
    listId: list.listId,
    name: list.name,
    brands,
    at: at.toISOString(),
    by: opts.by,
    members: selection.members.length,
    excluded: selection.excluded,
    exported: written.length,
    sha256: await sha256Hex(csv),
  });
  return { csv, receipt, receiptText: receiptText(receipt), fileName: exportFileName(list.name, list.listId, at), brandSource, readVia: via };
}
