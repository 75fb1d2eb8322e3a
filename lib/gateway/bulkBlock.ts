// "Sperren aus Datei": what a mail house sends back (objections, Robinson-list matches, returns)
// blocked for the chosen brands, each contact with its own log entry (docs/domain.md rule 11,
// docs/bulk-block.md). Plain functions over the HubSpot API: the command line (cli/block.ts) and
// the options page (through the gateway, with the background's write queue) run the same code.
//
// - resolve: the file's values → contacts (batch read by id, 100 per request; by e-mail the CRM
//   search with `email IN`, 100 addresses per request, so that an address on several contacts is
//   found) → matched, not found, ambiguous, already blocked for every chosen brand;
// - run: batches of 100: (re-)read, plan each contact (only ADD the chosen brands: nothing is ever
//   lifted here), one batch update, read back with history (50 per request), repair a write that
//   landed between our read and our write exactly as the panel's save does (writeRepair.ts),
//   again while something is owed. A batch HubSpot refuses as a whole (400, e.g. INVALID_OPTION:
//   a contact holds a value that is no option any more) is written contact by contact, so only
//   the refused contacts fail. Cancel stops between batches: a batch sent is finished.
// A run started again does only what is left: contacts already blocked for every brand are skipped.
import { brandCatalog, parseBlockValue, serializeBlockSet, type BlockOption } from '../domain/blocks';
import type { BlockState } from '../domain/lostUpdate';
import { validateReason } from '../domain/reasonLog';
import type { HistoryEntry } from '../domain/types';
import { ContactWrite, PlanRefused } from '../domain/writeRepair';
import { keyOf, previewSummary, type BulkBy, type BulkPreview, type BulkPreviewArgs, type BulkPreviewSummary, type BulkProgress, type BulkRunArgs, type BulkRunResult, type FileValue } from '../domain/bulkFile';
import type { Contact, HubspotApi } from '../hubspot/api';
import { BATCH_UPDATE_MAX } from '../hubspot/api';
import { systemClock } from '../hubspot/clock';
import { GatewayError, isGatewayError } from '../hubspot/errors';
import { language, translator, type Translator } from '../i18n';
import { historyEntriesOf } from '../domain/ledger';
import { mergeHistory, MAX_WRITES_PER_SAVE } from './contact';
import type { GatewaySession } from './session';

export interface BulkSetup {
  blockProperty: string;
  reasonProperty: string;
  /** Options of the block property (labels for the log entry; a value outside them is refused). */
  options: readonly BlockOption[];
  blockPropertyLabel: string;
  /** Option values to block. */
  brands: string[];
  reason: string;
  /** Short name in the log entry. */
  author: string;
  /** The language of the run's messages (a gateway call's caller's); default the process's. */
  tr?: Translator;
}

const processTranslator = (): Translator => translator(language());

export interface BulkRunDeps {
  /** Stops the run between batches. */
  signal?: AbortSignal;
  onProgress?: (p: BulkProgress) => void;
  /** Holds these contacts' write queue while `task` runs (the background's queue: one write at a time per contact). */
  lock?: <T>(ids: readonly string[], task: () => Promise<T>) => Promise<T>;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  onWait?: (ms: number) => void;
  /** Contacts per batch (default and at most 100; tests use fewer to interleave batches). */
  batchSize?: number;
}

export const BULK_BATCH = BATCH_UPDATE_MAX;
/** Values per `email IN` search (HubSpot documents no limit for IN; 100 is assumed safe). */
const EMAIL_SEARCH_CHUNK = 100;

// ---- the file ---------------------------------------------------------------------------------

/** The reason, checked as the panel checks it. @throws GatewayError */
export function checkedReason(reason: string, { t }: Translator = processTranslator()): string {
  const r = validateReason(reason);
  if (!r.ok) throw new GatewayError('invalid-response', r.error === 'empty' ? t('errorReasonRequired') : t('bulkBlockReasonTooLong'));
  return r.reason;
}

/** The brands, checked against the property's options. @throws GatewayError */
export function checkedBrands(brands: readonly string[], options: readonly BlockOption[], propertyLabel: string, { t }: Translator = processTranslator()): string[] {
  const unique = [...new Set(brands.map((b) => b.trim()).filter(Boolean))];
  if (unique.length === 0) throw new GatewayError('invalid-response', t('bulkBlockNoBrand'));
  const known = new Set(options.map((o) => o.value));
  const unknown = unique.filter((b) => !known.has(b));
  if (unknown.length) throw new GatewayError('invalid-response', t('errorUnknownBrand', unknown.join(', '), propertyLabel));
  return unique;
}

// ---- resolve ----------------------------------------------------------------------------------

function stateOf(setup: Pick<BulkSetup, 'blockProperty' | 'reasonProperty'>, c: Contact): BlockState {
  return { blocks: parseBlockValue(c.properties[setup.blockProperty]), reason: c.properties[setup.reasonProperty] ?? '' };
}

const blockedForAll = (state: BlockState, brands: readonly string[]) => brands.every((b) => state.blocks.includes(b));

/** Finds the contacts the file names. Reads only. */
export async function resolveBulk(api: HubspotApi, setup: BulkSetup, by: BulkBy, values: readonly FileValue[], o: { signal?: AbortSignal } = {}): Promise<BulkPreview> {
  const props = [setup.blockProperty, setup.reasonProperty];
  const found = new Map<string, Contact[]>(); // key → contacts
  if (by === 'id') {
    const ids = values.map((v) => v.value).filter((v) => /^\d+$/.test(v));
    for (const c of await api.getContacts(ids, props, o)) found.set(c.id, [c]);
  } else {
    const keys = values.map((v) => keyOf(v.value, 'email'));
    for (let i = 0; i < keys.length; i += EMAIL_SEARCH_CHUNK) {
      const chunk = keys.slice(i, i + EMAIL_SEARCH_CHUNK);
      let after: string | undefined;
      for (;;) {
        const page = await api.searchContacts(
          { filterGroups: [{ filters: [{ propertyName: 'email', operator: 'IN', values: chunk }] }], properties: ['email', ...props], limit: 200, ...(after ? { after } : {}) },
          o,
        );
        for (const c of page.results) {
          const key = (c.properties.email ?? '').toLowerCase();
          const list = found.get(key) ?? [];
          if (!list.some((x) => x.id === c.id)) list.push(c);
          found.set(key, list);
        }
        after = page.paging?.next?.after;
        if (!after || page.results.length === 0) break;
      }
    }
  }
  const preview: BulkPreview = { matched: [], notFound: [], ambiguous: [], alreadyBlocked: [] };
  const matchedIds = new Set<string>();
  for (const v of values) {
    const hits = found.get(keyOf(v.value, by)) ?? [];
    if (hits.length === 0) preview.notFound.push(v.value);
    else if (hits.length > 1) preview.ambiguous.push({ value: v.value, ids: hits.map((c) => c.id).sort((a, b) => Number(a) - Number(b)) });
    else {
      const c = hits[0]!;
      if (matchedIds.has(c.id)) continue; // two values of the file name one contact: written once
      matchedIds.add(c.id);
      const state = stateOf(setup, c);
      preview.matched.push({ id: c.id, value: v.value, state });
      if (blockedForAll(state, setup.brands)) preview.alreadyBlocked.push(c.id);
    }
  }
  return preview;
}

// ---- run --------------------------------------------------------------------------------------

/** A write failure after which another attempt may succeed (as the panel's save decides). */
function worthRetrying(e: unknown): e is GatewayError {
  if (!isGatewayError(e)) return false;
  if (e.kind === 'network') return true;
  return e.kind === 'rate-limit' && e.detail.policyName !== 'DAILY';
}

function retryWaitMs(e: GatewayError, attempt: number): number {
  const at = e.detail.retryAt ? Date.parse(e.detail.retryAt) : NaN;
  if (Number.isFinite(at)) return Math.max(1000, at - Date.now());
  return Math.min(16_000, 1000 * 2 ** (attempt - 1));
}

/** HubSpot refused the write itself (400): trying again does not help. */
function refusedByHubspot(e: unknown): e is GatewayError {
  return isGatewayError(e) && e.detail.status === 400;
}

/** HubSpot's own words for a refused write. */
function hubspotWords(e: GatewayError): string {
  return e.detail.hubspotMessage ?? e.message;
}

function refusalText(e: PlanRefused, setup: BulkSetup): string {
  const { t } = setup.tr ?? processTranslator();
  return e.refusal.kind === 'stale-option' ? t('unknownBrandsKept', e.refusal.values.join(', '), setup.blockPropertyLabel) : t('errorReasonLogFull');
}

/**
 * Blocks the brands on the targets, batch by batch. `state`, when given, is what was read just
 * before (the command line reads and writes in one go); without it each batch is read first.
 * Nothing is skipped on a given state alone: a contact it shows blocked for every brand is read again.
 */
export async function runBulkBlock(api: HubspotApi, setup: BulkSetup, targets: readonly { id: string; state?: BlockState }[], deps: BulkRunDeps = {}): Promise<BulkRunResult> {
  const { t } = setup.tr ?? processTranslator();
  const now = deps.now ?? (() => new Date());
  const sleep = deps.sleep ?? ((ms: number) => systemClock.sleep(ms));
  const lock = deps.lock ?? (<T>(_ids: readonly string[], task: () => Promise<T>) => task());
  const props = [setup.blockProperty, setup.reasonProperty];
  const options = new Set(setup.options.map((o) => o.value));
  const labelOf = (value: string) => brandCatalog(setup.options, [value]).find((b) => b.value === value)?.label ?? value;
  const result: BulkRunResult = { written: [], failed: [], alreadyBlocked: [], notDone: [], cancelled: false, racesRepaired: 0 };
  const unique = [...new Map(targets.map((x) => [x.id, x])).values()];
  const total = unique.length;
  let done = 0;
  const write = (id: string, blocks: string[], reason: string) => ({
    id,
    properties: { [setup.blockProperty]: serializeBlockSet(blocks, brandCatalog(setup.options, blocks)), [setup.reasonProperty]: reason },
  });

  const size = Math.max(1, Math.min(BULK_BATCH, deps.batchSize ?? BULK_BATCH));
  for (let start = 0; start < unique.length; start += size) {
    const batch = unique.slice(start, start + size);
    if (deps.signal?.aborted) {
      result.cancelled = true;
      result.notDone.push(...unique.slice(start).map((x) => x.id));
      break;
    }
    try {
      await lock(
        batch.map((x) => x.id),
        async () => {
          // What HubSpot holds now: given (just read) or read here. A given state may be a little
          // behind (the search index lags writes): a write planned on it is checked by the repair
          // below like any racing write, but a contact it shows blocked for every brand is read
          // again before it is skipped (someone may have lifted a brand a moment ago).
          const current = new Map<string, BlockState>();
          const trusted = (x: { state?: BlockState }) => x.state !== undefined && !blockedForAll(x.state, setup.brands);
          const unread = batch.filter((x) => !trusted(x)).map((x) => x.id);
          for (const x of batch) if (trusted(x)) current.set(x.id, x.state!);
          if (unread.length) for (const c of await api.getContacts(unread, props)) current.set(c.id, stateOf(setup, c));
          const writes = new Map<string, ContactWrite>();
          for (const { id } of batch) {
            const state = current.get(id);
            if (!state) result.failed.push({ id, error: t('errorContactNotFound', id) });
            else if (blockedForAll(state, setup.brands)) result.alreadyBlocked.push(id);
            else writes.set(id, new ContactWrite({ intent: { add: setup.brands, remove: [] }, options, labelOf, reason: setup.reason, by: setup.author, now }, state));
          }
          const fail = (id: string, error: string) => {
            writes.delete(id);
            result.failed.push({ id, error });
          };

          for (let attempt = 1; writes.size > 0; attempt++) {
            // Plan every contact still owed something on what HubSpot holds now.
            const sends: { id: string; properties: Record<string, string> }[] = [];
            for (const [id, w] of [...writes]) {
              const state = current.get(id)!;
              try {
                if (w.settled(state)) {
                  writes.delete(id);
                  if (w.landed) result.written.push(id);
                  else result.alreadyBlocked.push(id); // someone else blocked every brand meanwhile
                  result.racesRepaired += w.kept.length;
                  continue;
                }
                const next = w.sending(state);
                sends.push(write(id, next.blocks, next.reason));
              } catch (e) {
                if (!(e instanceof PlanRefused)) throw e;
                fail(id, refusalText(e, setup));
              }
            }
            if (sends.length === 0) break;
            if (attempt > MAX_WRITES_PER_SAVE) {
              // HubSpot kept failing, or others kept writing at the same moment.
              for (const s of sends) fail(s.id, t('errorSaveUnsettled'));
              break;
            }

            const uncertain = new Set<string>(); // sent, answer lost: may or may not have landed
            try {
              await api.updateContactsBatch(sends);
            } catch (e) {
              if (refusedByHubspot(e) && sends.length > 1) {
                // One contact makes HubSpot refuse the whole batch (e.g. INVALID_OPTION): each alone.
                for (const s of sends) {
                  try {
                    await api.updateContact(s.id, s.properties);
                  } catch (e1) {
                    if (refusedByHubspot(e1)) fail(s.id, hubspotWords(e1));
                    else if (worthRetrying(e1)) uncertain.add(s.id);
                    else throw e1;
                  }
                }
              } else if (refusedByHubspot(e)) {
                fail(sends[0]!.id, hubspotWords(e));
              } else if (worthRetrying(e)) {
                for (const s of sends) uncertain.add(s.id);
                const wait = retryWaitMs(e, attempt);
                deps.onWait?.(wait);
                await sleep(wait);
              } else throw e;
            }

            // Read back with history: did ours land, did it replace someone else's write?
            const sent = sends.map((s) => s.id).filter((id) => writes.has(id));
            if (sent.length === 0) continue;
            const views = await api.getContacts(sent, props, { withHistory: props });
            const byId = new Map(views.map((c) => [c.id, c]));
            for (const id of sent) {
              const c = byId.get(id);
              if (!c) {
                fail(id, t('errorContactNotFound', id));
                continue;
              }
              current.set(id, stateOf(setup, c));
              writes.get(id)!.afterWrite(historyOfContact(setup, c), uncertain.has(id));
            }
          }
        },
      );
    } catch (e) {
      // Auth, scope, the daily limit …: the run stops; what is written stays written and is said.
      const settled = new Set([...result.written, ...result.alreadyBlocked, ...result.failed.map((f) => f.id)]);
      result.notDone.push(...unique.slice(start).map((x) => x.id).filter((id) => !settled.has(id)));
      result.error = isGatewayError(e) ? { kind: e.kind, message: e.message } : { kind: 'invalid-response', message: t('errorUnexpected', e instanceof Error ? e.message : String(e)) };
      break;
    }
    done += batch.length;
    deps.onProgress?.({ done, total });
  }
  // In the order of the file.
  const order = new Map(unique.map((x, i) => [x.id, i]));
  const byOrder = (a: string, b: string) => (order.get(a) ?? 0) - (order.get(b) ?? 0);
  result.written.sort(byOrder);
  result.alreadyBlocked.sort(byOrder);
  result.failed.sort((a, b) => byOrder(a.id, b.id));
  return result;
}

function historyOfContact(setup: Pick<BulkSetup, 'blockProperty' | 'reasonProperty'>, c: Contact): HistoryEntry[] {
  return mergeHistory(historyEntriesOf('blocks', c.propertiesWithHistory?.[setup.blockProperty]), historyEntriesOf('reason', c.propertiesWithHistory?.[setup.reasonProperty]));
}


// ---- for the options page (through the gateway) ------------------------------------------------

/** The setup of a bulk block for the stored settings: the token's portal (and the policy's pin),
 *  the block property, the brands and reason checked, the author of this browser profile. */
export async function bulkSetupFor(session: GatewaySession, brands: readonly string[], reason: string): Promise<BulkSetup> {
  const { tr } = session;
  const connection = await session.portal();
  const { settings } = await session.checkPortal(connection.portalId);
  // The log names a person (HubSpot's own history names only the private app).
  const author = settings.userName.trim();
  if (!author) throw new GatewayError('not-configured', tr.t('errorNoAuthor'));
  const definition = await session.blockProperty();
  return {
    blockProperty: settings.blockProperty,
    reasonProperty: settings.reasonProperty,
    options: definition.options,
    blockPropertyLabel: definition.label,
    brands: checkedBrands(brands, definition.options, definition.label, tr),
    reason: checkedReason(reason, tr),
    author,
    tr,
  };
}

/** Reads only: which contacts the file names (no contact's blocks or log go back to the page). */
export async function previewBulkForOptions(session: GatewaySession, args: BulkPreviewArgs): Promise<BulkPreviewSummary> {
  const setup = await bulkSetupFor(session, args.brands, args.reason);
  return previewSummary(await resolveBulk(session.api, setup, args.by, args.values, session.opts));
}

/** Writes: each batch read again (the preview may be minutes old) under the contacts' write queue. */
export async function runBulkForOptions(
  session: GatewaySession,
  args: BulkRunArgs,
  deps: Pick<BulkRunDeps, 'lock' | 'signal' | 'onProgress' | 'onWait' | 'sleep'>,
): Promise<BulkRunResult> {
  const setup = await bulkSetupFor(session, args.brands, args.reason);
  return runBulkBlock(session.api, setup, args.ids.map((id) => ({ id })), deps);
}
