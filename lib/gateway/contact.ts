// The contact journeys of the gateway: viewing a contact and saving a block change (docs/architecture.md).
// Plain functions over a HubSpot API object and stored settings: run in the service worker,
// tested in Node against the fake HubSpot.
import { brandCatalog, parseBlockValue, serializeBlockSet } from '../domain/blocks';
import { familiesFromSettings } from '../domain/brands';
import { applyIntent, sameChange, type BlockIntent } from '../domain/intent';
import { historyEntriesOf } from '../domain/ledger';
import { sameSet, type BlockState } from '../domain/lostUpdate';
import { validateReason } from '../domain/reasonLog';
import { ContactWrite, PlanRefused } from '../domain/writeRepair';
import type { Brand, BlockChange, HistoryEntry } from '../domain/types';
import { isAbortError, systemClock } from '../hubspot/clock';
import { GatewayError, toErrorData } from '../hubspot/errors';
import { propertySettingsUrl } from '../page/urls';
import type { ContactView, SaveOutcome } from '../messaging';
import type { GatewaySession } from './session';

/** Newest first, whatever order HubSpot sends (its order is *unverified*). */
export function mergeHistory(...lists: HistoryEntry[][]): HistoryEntry[] {
  return lists.flat().sort((a, b) => Date.parse(b.timestamp) - Date.parse(a.timestamp));
}

export async function getContactView(session: GatewaySession, portalId: string, contactId: string): Promise<ContactView> {
  const { t } = session.tr;
  const { settings } = await session.checkPortal(portalId);
  const definition = await session.blockProperty();
  const contact = await session.api.getContact(contactId, {
    properties: [settings.blockProperty, settings.reasonProperty],
    withHistory: true,
    ...session.opts,
  });
  if (!contact) throw new GatewayError('invalid-response', t('errorContactNotFound', contactId), { status: 404 });
  // Names only as far as known: a view never waits for them (the panel asks getUserNames).
  const names = await session.cachedUserNames();
  const blocked = parseBlockValue(contact.properties[settings.blockProperty]);
  const brands = brandCatalog(definition.options, blocked);
  const history = mergeHistory(
    historyEntriesOf('blocks', contact.propertiesWithHistory?.[settings.blockProperty]),
    historyEntriesOf('reason', contact.propertiesWithHistory?.[settings.reasonProperty]),
  );
  return {
    portalId,
    contactId,
    brands,
    blocked,
    reasonText: contact.properties[settings.reasonProperty] ?? '',
    history,
    userNames: Object.fromEntries(history.flatMap((h) => (h.updatedByUserId !== undefined && names[String(h.updatedByUserId)] ? [[String(h.updatedByUserId), names[String(h.updatedByUserId)]!]] : []))),
    families: familiesFromSettings(settings.families, brands).families,
    blockProperty: settings.blockProperty,
    reasonProperty: settings.reasonProperty,
    blockPropertyLabel: definition.label,
    reasonPropertyLabel: session.connection?.reasonPropertyLabel ?? settings.reasonProperty,
    ...(session.connection ? { blockPropertySettingsUrl: propertySettingsUrl(session.connection.uiDomain, portalId, settings.blockProperty) } : {}),
  };
}

function labelsOf(catalog: Brand[], values: string[]): string[] {
  return values.map((v) => catalog.find((b) => b.value === v)?.label ?? v);
}

/** At most this many writes for one save: retries after a failure and repairs after a racing write together. */
export const MAX_WRITES_PER_SAVE = 6;

/** How long to wait before the next attempt after a failed write (the limiter also holds every call back after a 429). */
function writeRetryWaitMs(e: GatewayError, attempt: number, now: number): number {
  const at = e.detail.retryAt ? Date.parse(e.detail.retryAt) : NaN;
  if (Number.isFinite(at)) return Math.max(1000, at - now);
  return Math.min(16_000, 1000 * 2 ** (attempt - 1));
}

/** A write failure after which another attempt may succeed: the answer was lost or HubSpot asked us to wait. */
function worthRetrying(e: unknown): e is GatewayError {
  if (!(e instanceof GatewayError)) return false;
  if (e.kind === 'network') return true; // timeout, 5xx, connection lost: the write may or may not have landed
  return e.kind === 'rate-limit' && e.detail.policyName !== 'DAILY';
}

export interface SaveDeps {
  now?: () => Date;
  /** Waits between attempts (tests run them on a virtual clock). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Told before each wait ("HubSpot antwortet nicht, neuer Versuch …"). */
  onWait?: (ms: number) => void;
}

/** One write of the save path, as the editor and the ledger ask for it. */
export interface BlockWrite {
  /** The brands to block and to lift; every other brand keeps whatever HubSpot holds. */
  intent: BlockIntent;
  /** The entry's reason text, already validated (validateReason) or built from a validated one. */
  reason: string;
  /** The change the user was shown: a fresh read that would change anything else is refused
   *  (conflict). null: whatever of the intent is still to do; the rest is moot. */
  expected: BlockIntent | null;
  /** Append the log entry even when the intent changes no brand: a log-only change (confirming a
   *  ledger finding), or a restore whose brand someone else has set again meanwhile. */
  alwaysLog?: boolean;
}

/**
 * Saves the user's toggles (the editor): validates the reason, refuses an empty change, then
 * writes through writeBlockChange.
 */
export async function saveBlockChange(
  session: GatewaySession,
  portalId: string,
  contactId: string,
  change: BlockChange,
  expected: BlockIntent,
  deps: SaveDeps = {},
): Promise<SaveOutcome> {
  const { t } = session.tr;
  const reason = validateReason(change.reason);
  if (!reason.ok) throw new GatewayError('invalid-request', t('errorReasonRequired'));
  const intent: BlockIntent = { add: change.add, remove: change.remove.filter((b) => !change.add.includes(b)) };
  if (intent.add.length + intent.remove.length === 0 || expected.add.length + expected.remove.length === 0) {
    throw new GatewayError('invalid-request', t('errorEmptyChange'));
  }
  return writeBlockChange(session, portalId, contactId, { intent, reason: reason.reason, expected }, deps);
}

/**
 * Writes a block change with its log entry. Never changes a brand outside the intent, never drops a log line:
 * 1. re-reads the contact and applies the intent to the fresh value; refuses (conflict) when that
 *    would change something else than the editor showed (`expected`);
 * 2. writes once (the http layer never repeats it); after a lost answer or a 429 it waits and reads
 *    again before anything else is sent: never a body computed before the wait;
 * 3. reads back with history (the view) and looks for a write that landed between our read and our
 *    write (HubSpot has no precondition on writes). If one did, their blocks and log lines are
 *    written back beside ours, and checked again, a bounded number of times.
 * Callers run writes of one contact one after another (handlers.ts), so our own tabs never race.
 */
export async function writeBlockChange(
  session: GatewaySession,
  portalId: string,
  contactId: string,
  request: BlockWrite,
  deps: SaveDeps = {},
): Promise<SaveOutcome> {
  const { t } = session.tr;
  const now = deps.now ?? (() => new Date());
  const sleep = deps.sleep ?? ((ms: number, signal?: AbortSignal) => systemClock.sleep(ms, signal));
  const { intent, expected } = request;
  const always = request.alwaysLog === true;
  if (intent.add.some((b) => intent.remove.includes(b))) throw new GatewayError('invalid-request', t('errorEmptyChange'));
  if (!always && intent.add.length + intent.remove.length === 0) throw new GatewayError('invalid-request', t('errorEmptyChange'));
  const { settings } = await session.checkPortal(portalId);
  const definition = await session.blockProperty();
  const options = new Set(definition.options.map((o) => o.value));
  const unknown = intent.add.filter((v) => !options.has(v));
  if (unknown.length) throw new GatewayError('invalid-request', t('errorUnknownBrand', unknown.join(', '), definition.label));
  const props = [settings.blockProperty, settings.reasonProperty];
  const catalogFor = (blocks: string[]) => brandCatalog(definition.options, blocks);

  let read: BlockState = await (async () => {
    const c = await session.api.getContact(contactId, { properties: props, withHistory: false, ...session.opts });
    if (!c) throw new GatewayError('invalid-response', t('errorContactNotFound', contactId), { status: 404 });
    return { blocks: parseBlockValue(c.properties[settings.blockProperty]), reason: c.properties[settings.reasonProperty] ?? '' };
  })();
  const firstPlan = applyIntent(read.blocks, intent);
  if (expected && !sameChange(firstPlan, expected)) {
    const differs = (b: string) => expected.add.includes(b) !== firstPlan.added.includes(b) || expected.remove.includes(b) !== firstPlan.removed.includes(b);
    const changed = [...intent.add, ...intent.remove].filter(differs);
    throw new GatewayError('conflict', t('errorConflict', labelsOf(catalogFor(read.blocks), changed).join(', ')), { brands: changed });
  }

  // What the save owes besides the intent (others' block changes it overwrote, every log line
  // seen) and whether our entry landed: planned and repaired as every contact write is (writeRepair.ts).
  const contactWrite = new ContactWrite(
    {
      intent,
      options,
      labelOf: (v) => labelsOf(catalogFor([v]), [v])[0]!,
      reason: request.reason,
      by: settings.userName.trim() || '?',
      now,
      alwaysLog: always,
    },
    read,
  );
  /** Plans on `current`; says a refused plan (a value that is no option any more, a full log) in the panel's words. */
  const planned = <T>(plan: () => T): T => {
    try {
      return plan();
    } catch (e) {
      if (!(e instanceof PlanRefused)) throw e;
      const r = e.refusal;
      if (r.kind === 'stale-option') {
        // HubSpot rejects a write that keeps a value which is no option any more: say so before sending.
        throw new GatewayError('invalid-response', t('unknownBrandsKept', r.values.join(', '), definition.label), {
          reason: 'validation',
          brands: r.values,
          property: settings.blockProperty,
        });
      }
      throw new GatewayError('invalid-response', t('errorReasonLogFull'), { reason: 'log-full' });
    }
  };

  let written = planned(() => contactWrite.sending(read));
  let failed: GatewayError | undefined;
  for (let attempt = 1; ; attempt++) {
    // HubSpot kept failing (the last failure says how), or others kept writing at the same moment.
    if (attempt > MAX_WRITES_PER_SAVE) throw failed ?? new GatewayError('conflict', t('errorSaveUnsettled'));
    failed = undefined;
    try {
      // Blocks that stay as read are not sent: a log-only write cannot overwrite a block change
      // that lands meanwhile, nor fail on a value that is no option any more.
      const blocks = sameSet(written.blocks, read.blocks) ? {} : { [settings.blockProperty]: serializeBlockSet(written.blocks, catalogFor(written.blocks)) };
      await session.api.updateContact(contactId, { ...blocks, [settings.reasonProperty]: written.reason }, session.opts);
    } catch (e) {
      if (!worthRetrying(e)) throw e;
      failed = e;
      const wait = writeRetryWaitMs(e, attempt, Date.now());
      deps.onWait?.(wait);
      await sleep(wait, session.signal);
    }

    let view: ContactView;
    try {
      view = await getContactView(session, portalId, contactId);
    } catch (e) {
      if (isAbortError(e) || failed) throw e; // after a failed write we cannot tell whether it landed: say so
      return outcome(null, e);
    }
    // Our write in HubSpot? Someone else's that ours replaced (written back next)?
    contactWrite.afterWrite(view.history, failed !== undefined);
    const current: BlockState = { blocks: view.blocked, reason: view.reasonText };
    if (planned(() => contactWrite.settled(current))) return outcome(view);
    read = current;
    written = planned(() => contactWrite.sending(current));
  }

  function outcome(view: ContactView | null, refreshError?: unknown): SaveOutcome {
    const landed = contactWrite.landed;
    const done = landed ? [...landed.added, ...landed.removed] : [];
    return {
      view,
      moot: [...intent.add, ...intent.remove].filter((b) => !done.includes(b)),
      kept: contactWrite.kept.map((by) => ({ by, at: by.timestamp })),
      ...(landed ? {} : { nothingToDo: true }),
      ...(contactWrite.unverified ? { unverified: true } : {}),
      ...(refreshError !== undefined ? { refreshError: toErrorData(refreshError, t) } : {}),
    };
  }
}
