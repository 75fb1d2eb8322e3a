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
import type { Translator } from '../i18n';
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

/**
 * A save that cannot land says so within this time of the user's click (issue 16): the retries
 * after failed writes fit inside it, and a request still running when it passes is abandoned. A
 * write that may have landed is recognised on the next read (its log line), so giving up loses
 * nothing.
 */
export const SAVE_DEADLINE_MS = 30_000;

/** Kept back before the deadline for the last write and its read-back: no retry wait eats into it. */
const LAST_ATTEMPT_MS = 5_000;

/** A wait shorter than this is no retry worth making (Chromium's own backoff after failures, docs/toolchain.md). */
const MIN_RETRY_WAIT_MS = 1_000;

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

/** The signal a save's requests carry: it fires when the save's deadline passes (real timer). */
export function saveDeadlineSignal(msLeft: number): AbortSignal {
  return AbortSignal.timeout(Math.max(0, Math.floor(msLeft))); // it takes whole milliseconds only
}

/** The deadline's abort (AbortSignal.timeout's reason), as opposed to a caller's cancellation. */
function deadlineFired(signal: AbortSignal): boolean {
  return signal.aborted && (signal.reason as { name?: unknown } | undefined)?.name === 'TimeoutError';
}

/** The save gave up: HubSpot did not take the change in time. Says how long, how often, and HubSpot's last words. */
function gaveUp(tr: Translator, last: GatewayError | undefined, writes: number, elapsedMs: number): GatewayError {
  const { t } = tr;
  const seconds = Math.max(1, Math.round(elapsedMs / 1000));
  const said = last?.message ?? t('saveRetryNoAnswer');
  return new GatewayError('network', t('saveRetryGaveUp', seconds, writes, said), {
    ...(last?.detail ?? {}),
    reason: 'deadline',
    ...(last?.detail.status !== undefined ? { status: last.detail.status } : {}),
  });
}

export interface SaveDeps {
  now?: () => Date;
  /** Waits between attempts (tests run them on a virtual clock). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Monotonic milliseconds on the clock `sleep` runs on (default: the system's). */
  monotonic?: () => number;
  /** When the save must have ended, on the `monotonic` clock (default: SAVE_DEADLINE_MS from now).
   *  The caller sets it at the user's click, so time spent queued behind another save counts. */
  deadlineAt?: number;
  /** Told before each wait, with the words for the panel ("HubSpot antwortet nicht, neuer Versuch in 4 s …"). */
  onWait?: (ms: number, label: string) => void;
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

/** What a running write has tried so far (for the message when it gives up). */
interface WriteTries {
  writes: number;
  failed?: GatewayError;
  clickedAt: number;
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
  const monotonic = deps.monotonic ?? (() => systemClock.now());
  const deadlineAt = deps.deadlineAt ?? monotonic() + SAVE_DEADLINE_MS;
  const tries: WriteTries = { writes: 0, clickedAt: deadlineAt - SAVE_DEADLINE_MS };
  try {
    return await write(session, portalId, contactId, request, { ...deps, monotonic, deadlineAt }, tries);
  } catch (e) {
    // The deadline abandoned a request or a wait: the save gave up, it was not cancelled.
    if (isAbortError(e) && deadlineFired(session.signal)) throw gaveUp(session.tr, tries.failed, tries.writes, monotonic() - tries.clickedAt);
    throw e;
  }
}

async function write(
  session: GatewaySession,
  portalId: string,
  contactId: string,
  request: BlockWrite,
  deps: SaveDeps & { monotonic: () => number; deadlineAt: number },
  tries: WriteTries,
): Promise<SaveOutcome> {
  const { monotonic, deadlineAt } = deps;
  const elapsed = () => monotonic() - tries.clickedAt;
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
  /** The last write failed and no retry fits (attempts used up, or the deadline too close). */
  let lastTry = false;
  for (let attempt = 1; ; attempt++) {
    // HubSpot kept failing (say how long, how often, and its last words), or others kept writing at the same moment.
    if (failed && (lastTry || attempt > MAX_WRITES_PER_SAVE)) throw gaveUp(session.tr, failed, attempt - 1, elapsed());
    if (attempt > MAX_WRITES_PER_SAVE) throw new GatewayError('conflict', t('errorSaveUnsettled'));
    failed = undefined;
    tries.writes = attempt;
    try {
      // Blocks that stay as read are not sent: a log-only write cannot overwrite a block change
      // that lands meanwhile, nor fail on a value that is no option any more.
      const blocks = sameSet(written.blocks, read.blocks) ? {} : { [settings.blockProperty]: serializeBlockSet(written.blocks, catalogFor(written.blocks)) };
      await session.api.updateContact(contactId, { ...blocks, [settings.reasonProperty]: written.reason }, session.opts);
    } catch (e) {
      if (!worthRetrying(e)) throw e;
      failed = e;
      tries.failed = e;
      // The next attempt and its read-back must fit before the deadline. A 429's window is waited
      // out whole (the limiter holds every call back anyway); a 5xx's backoff is shortened to fit.
      const room = deadlineAt - LAST_ATTEMPT_MS - monotonic();
      const wanted = writeRetryWaitMs(e, attempt, Date.now());
      const wait = e.kind === 'rate-limit' ? wanted : Math.min(wanted, room);
      lastTry = attempt >= MAX_WRITES_PER_SAVE || wait > room || wait < MIN_RETRY_WAIT_MS;
      // A 429 refused the write (nothing landed), and reading now would queue behind its window.
      if (lastTry && e.kind === 'rate-limit') throw gaveUp(session.tr, e, attempt, elapsed());
      if (!lastTry) {
        const seconds = Math.ceil(wait / 1000);
        deps.onWait?.(wait, e.kind === 'rate-limit' ? t('saveRetryRateLimit', seconds, attempt + 1, MAX_WRITES_PER_SAVE) : t('saveRetryWaiting', seconds, attempt + 1, MAX_WRITES_PER_SAVE));
        await sleep(wait, session.signal);
      }
    }

    let view: ContactView;
    try {
      // Also after the last failed write: it may have landed all the same (then the save succeeded).
      view = await getContactView(session, portalId, contactId);
    } catch (e) {
      if (isAbortError(e)) throw e;
      if (failed) throw gaveUp(session.tr, failed, attempt, elapsed()); // we cannot tell whether it landed: say so
      return outcome(null, e);
    }
    // Our write in HubSpot? Someone else's that ours replaced (written back next)?
    if (contactWrite.afterWrite(view.history, failed !== undefined)) {
      // It landed although its answer failed: the save goes on as after a success.
      failed = undefined;
      lastTry = false;
    }
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
