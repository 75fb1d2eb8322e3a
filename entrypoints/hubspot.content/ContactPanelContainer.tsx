import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { ContactPanel, type PanelState } from '../../components/ContactPanel';
import { finishedSaveNote, ledgerOutcomeNote, saveOutcomeNotes } from '../../components/saveNotes';
import type { BlockIntent } from '../../lib/domain/intent';
import type { LedgerAction, LedgerFinding } from '../../lib/domain/ledger';
import type { BlockChange } from '../../lib/domain/types';
import type { GatewayErrorData } from '../../lib/hubspot/errors';
import { language, t } from '../../lib/i18n';
import type { ContactView } from '../../lib/messaging';
import { callGateway, isAbortError, toErrorData } from '../../lib/messaging-client';
import type { GuardStatus } from '../../lib/page/guardStatus';
import type { Store } from '../../lib/store';
import type { EarlyRead } from './pageContext';
import { useLatest } from './useLatest';

const SIDEBAR_SAVE_SETTLE_MS = 1500;

function labelOf(view: ContactView | null, value: string): string {
  return view?.brands.find((b) => b.value === value)?.label ?? value;
}


/** Loads and saves one contact's blocks through the background gateway. */
export function ContactPanelContainer({
  portalId,
  contactId,
  signal,
  guard,
  sidebarSaves,
  early,
}: {
  portalId: string;
  contactId: string;
  signal: AbortSignal;
  guard: Store<GuardStatus>;
  sidebarSaves?: Store<number>;
  /** The read started with the page: the first load takes its answer instead of asking again. */
  early?: EarlyRead | null;
}) {
  const [state, setState] = useState<PanelState>('loading');
  const [view, setView] = useState<ContactView | null>(null);
  const [error, setError] = useState<GatewayErrorData | null>(null);
  const [notice, setNotice] = useState<string | undefined>();
  const [saveNotes, setSaveNotes] = useState<string[]>([]);
  const guardStatus = useSyncExternalStore(guard.subscribe, guard.get);
  const [names, setNames] = useState<Record<string, string>>({});
  const [author, setAuthor] = useState<string | undefined>();
  const askedNames = useRef(false);
  // Only the newest read may change the panel (a reload overtakes an older one).
  const latestLoad = useLatest();
  const earlyRead = useRef(early ?? null);

  const onProgress = useCallback((p: { label: string }) => setNotice(p.label), []);

  const load = useCallback(
    async (keepError = false) => {
      const isLatest = latestLoad();
      setState('loading');
      if (!keepError) setError(null);
      try {
        const pending = earlyRead.current;
        earlyRead.current = null;
        const offNotice = pending?.notice.subscribe((label) => setNotice(label));
        const ask = () => callGateway('getContactView', { portalId, contactId }, { signal, onProgress });
        const v = await (pending
          ? pending.view.finally(() => offNotice?.()).catch((e: unknown) => {
              // The early read's message may be in another language than the page: ask again.
              if (!isAbortError(e) && pending.lang !== language()) return ask();
              throw e;
            })
          : ask());
        if (!isLatest()) return;
        setView(v);
        if (v.finishedSave) setSaveNotes([finishedSaveNote(v.finishedSave)]);
        setState('ready');
      } catch (e) {
        if (isAbortError(e) || !isLatest()) return;
        setView(null);
        setError(toErrorData(e));
        setState('error');
      } finally {
        if (isLatest()) setNotice(undefined);
      }
    },
    [latestLoad, portalId, contactId, signal, onProgress],
  );

  useEffect(() => {
    void load();
  }, [load]);

  // Who the reason log will name; asked in the panel before the first save.
  useEffect(() => {
    callGateway('getAuthor', {}, { signal }).then((a) => setAuthor(a.userName), () => undefined);
  }, [signal]);

  const onSetAuthor = useCallback(
    async (userName: string) => {
      try {
        setAuthor((await callGateway('setAuthor', { userName }, { signal })).userName);
        return true;
      } catch {
        return false;
      }
    },
    [signal],
  );

  // The history names users by id; ask once per page for names the view did not already know.
  useEffect(() => {
    if (!view || askedNames.current) return;
    const unnamed = view.history.some((h) => h.updatedByUserId !== undefined && !view.userNames[String(h.updatedByUserId)]);
    if (!unnamed) return;
    askedNames.current = true;
    callGateway('getUserNames', { portalId }, { signal }).then(setNames, () => undefined);
  }, [view, portalId, signal]);

  // After HubSpot's own sidebar saved the blocks or the reason, show HubSpot's new state. The
  // sidebar's request is still on its way when its Save is pressed: read once it has had time.
  useEffect(() => {
    if (!sidebarSaves) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = sidebarSaves.subscribe(() => {
      clearTimeout(timer);
      timer = setTimeout(() => void load(), SIDEBAR_SAVE_SETTLE_MS);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [sidebarSaves, load]);

  const onSave = useCallback(
    async (change: BlockChange, expected: BlockIntent, saveId: string): Promise<boolean> => {
      setState('saving');
      setError(null);
      setSaveNotes([]);
      try {
        // Leaving the page closes this call, not the save: the background finishes it and tells the
        // outcome on the next view of this contact.
        const outcome = await callGateway('saveBlockChange', { portalId, contactId, change, expected, saveId }, { signal, onProgress });
        if (outcome.view) setView(outcome.view);
        setSaveNotes(saveOutcomeNotes(outcome, (v) => labelOf(outcome.view ?? view, v), { ...names, ...outcome.view?.userNames }));
        setState('saved');
        return true;
      } catch (e) {
        if (isAbortError(e) || signal.aborted) return false;
        const err = toErrorData(e);
        setState('ready');
        setError(err);
        // After a conflict, show what is in HubSpot now; the editor keeps the user's toggles and reason.
        if (err.kind === 'conflict') {
          try {
            const v = await callGateway('getContactView', { portalId, contactId }, { signal });
            setView(v);
          } catch {
            /* the conflict message already tells the user what to do */
          }
        }
        return false;
      } finally {
        setNotice(undefined);
      }
    },
    [portalId, contactId, signal, onProgress, view, names],
  );

  // Restore or confirm a change the ledger found: one item through the same queue as saves; then
  // the view is read again, and the finding is gone from it.
  const onResolveLedger = useCallback(
    async (finding: LedgerFinding, action: LedgerAction, reason: string): Promise<boolean> => {
      setState('saving');
      setError(null);
      setSaveNotes([]);
      try {
        const [result] = await callGateway(
          'resolveLedgerFindings',
          { portalId, items: [{ contactId, finding, action }], reason },
          { signal, onProgress: (p) => p.total === null && setNotice(p.label) },
        );
        if (!result) return false;
        if (!result.ok) {
          setError(result.error);
          setState('ready');
          return false;
        }
        try {
          const v = await callGateway('getContactView', { portalId, contactId }, { signal });
          setView(v);
          setSaveNotes([ledgerOutcomeNote(result, (b) => labelOf(v, b))]);
        } catch (e) {
          if (isAbortError(e)) return true;
          setSaveNotes([ledgerOutcomeNote(result, (b) => labelOf(view, b)), t('savedNotRefreshed', toErrorData(e).message)]);
        }
        setState('saved');
        return true;
      } catch (e) {
        if (isAbortError(e) || signal.aborted) return false;
        setError(toErrorData(e));
        setState('ready');
        return false;
      } finally {
        setNotice(undefined);
      }
    },
    [portalId, contactId, signal, view],
  );

  return (
    <ContactPanel
      contactId={contactId}
      state={state}
      view={view && { ...view, userNames: { ...names, ...view.userNames } }}
      error={error}
      notice={notice}
      saveNotes={saveNotes}
      guard={guardStatus}
      onSave={onSave}
      onReload={() => void load()}
      onOpenOptions={() => void callGateway('openOptions', {}).catch(() => undefined)}
      author={author}
      onSetAuthor={onSetAuthor}
      onResolveLedger={onResolveLedger}
    />
  );
}
