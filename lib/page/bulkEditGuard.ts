// HubSpot's bulk edit, stopped for the two block properties (issue 14). One value for many contacts
// replaces each contact's blocks (or adds the same brands to all of them) without a reason, and
// overwrites every contact's reason log with one text: neither may happen. HubSpot's dialog
// (2021 BulkEditDialog) shows the chosen property's input, named property-input-{name}, as the
// record does; while it names the block or the reason property, the dialog's confirm is stopped
// (capture-phase listeners, as for the sidebar's Save) and a message beside it says why and what
// to do instead, from the moment the property is chosen. Bulk edit of any other property is not touched.
import { guardStatus, type GuardMode, type GuardStatus } from './guardStatus';
import { findFirst, SURFACE_SELECTORS, WATCHED_ATTRIBUTES, type AnyAlternatives } from './selectors';
import type { Store } from '../store';

export interface BulkEditTexts {
  pending: string;
  guarding: string;
  off: string;
  /** Why the confirm was stopped and what to do instead. */
  stopped: string;
}

export interface BulkEditSettings {
  blockProperty: string;
  reasonProperty: string;
}

/** The bulk edit dialog now open, or null. */
export function bulkEditDialog(doc: ParentNode): Element | null {
  return findFirst(doc, SURFACE_SELECTORS.bulkEditDialog)?.element ?? null;
}

/** Which of the two properties the open dialog is about to write, or null (another one, or none chosen). */
export function guardedChoice(dialog: Element, config: BulkEditSettings): string | null {
  for (const name of [config.blockProperty, config.reasonProperty]) {
    if (findFirst(dialog.ownerDocument, SURFACE_SELECTORS.bulkEditPropertyInput(name))?.element) return name;
  }
  return null;
}

function closestOf(target: Element, alternatives: AnyAlternatives): Element | null {
  for (const a of alternatives) {
    try {
      const hit = target.closest(a.css);
      if (hit) return hit;
    } catch {
      // a selector this browser cannot parse counts as "not found"
    }
  }
  return null;
}

/** Starts guarding HubSpot's bulk edit in `doc`; sets `status`; ends with `signal`. */
export function guardBulkEdit(doc: Document, config: BulkEditSettings, status: Store<GuardStatus>, signal: AbortSignal, options: { graceMs: number; texts: BulkEditTexts }): void {
  if (signal.aborted) return;
  const { graceMs, texts } = options;
  const win = doc.defaultView ?? window;
  let message: HTMLElement | null = null;
  let openedAt: number | null = null; // the opener was clicked: the dialog should come
  let timer: ReturnType<typeof setTimeout> | undefined;

  const set = (mode: GuardMode, text: string) => {
    const now = status.get();
    if (now.mode !== mode || now.message !== text) status.set(guardStatus(mode, text));
  };
  set('pending', texts.pending);

  const hideMessage = () => {
    message?.remove();
    message = null;
  };

  const showMessage = (dialog: Element, confirm: Element) => {
    if (!message) {
      message = doc.createElement('div');
      message.setAttribute('data-testid', 'guard-message');
      message.setAttribute('data-surface', 'bulk-edit');
      message.setAttribute('role', 'alert');
      message.style.cssText = 'display:block;margin:8px 0;padding:8px 10px;border-left:3px solid #c0392b;background:#fdecea;color:#8e1b10;font:600 13px/1.4 "Lexend Deca", Helvetica, Arial, sans-serif';
    }
    if (message.textContent !== texts.stopped) message.textContent = texts.stopped;
    // Beside the dialog's buttons, inside the dialog (its focus trap and its reading order).
    const bar = confirm.parentElement && dialog.contains(confirm.parentElement) && confirm.parentElement !== dialog ? confirm.parentElement : confirm;
    if (bar.previousElementSibling !== message) bar.before(message);
  };

  const refresh = () => {
    if (signal.aborted) return;
    const dialog = bulkEditDialog(doc);
    if (dialog) openedAt = null;
    const confirm = dialog ? findFirst(dialog, SURFACE_SELECTORS.bulkEditConfirm)?.element : null;
    // Said as soon as one of the two is chosen, before anyone types a value for all those contacts.
    if (dialog && confirm && guardedChoice(dialog, config)) showMessage(dialog, confirm);
    else if (message) hideMessage();
    const confirmMissing = !!dialog && !confirm;
    const waiting = openedAt !== null && !dialog;
    if (!confirmMissing && !waiting) {
      clearTimeout(timer);
      set('guarding', texts.guarding);
      return;
    }
    const since = openedAt ?? Date.now();
    const due = since + graceMs;
    if (Date.now() < due) {
      clearTimeout(timer);
      timer = setTimeout(refresh, due - Date.now() + 10);
      return;
    }
    console.warn('[Post-Sperre Guard] HubSpot bulk edit not guarded:', confirmMissing ? 'no confirm button in the dialog' : 'the dialog did not open as expected');
    set('off', texts.off);
  };

  const confirmOf = (e: Event): { dialog: Element; confirm: Element } | null => {
    const target = targetOf(e);
    if (!target) return null;
    const confirm = closestOf(target, SURFACE_SELECTORS.bulkEditConfirm);
    const dialog = confirm ? bulkEditDialog(doc) : null;
    return confirm && dialog?.contains(confirm) ? { dialog, confirm } : null;
  };

  const guard = (e: Event, notify: boolean, hit: { dialog: Element; confirm: Element } | null) => {
    if (!hit || !guardedChoice(hit.dialog, config)) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    if (notify) showMessage(hit.dialog, hit.confirm);
  };

  const listen = { capture: true, signal };
  for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup'] as const) {
    win.addEventListener(type, (e) => guard(e, false, confirmOf(e)), listen);
  }
  win.addEventListener('click', (e) => {
    const hit = confirmOf(e);
    if (hit) return guard(e, true, hit);
    const target = targetOf(e);
    if (target && closestOf(target, SURFACE_SELECTORS.bulkEditOpener)) {
      openedAt = Date.now();
      queueMicrotask(refresh);
    }
  }, listen);
  win.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') guard(e, true, confirmOf(e));
  }, listen);
  win.addEventListener('keyup', (e) => {
    if (e.key === ' ') guard(e, false, confirmOf(e));
  }, listen);
  win.addEventListener('submit', (e) => {
    const dialog = bulkEditDialog(doc);
    const target = targetOf(e);
    if (!dialog || !target || !dialog.contains(target)) return;
    const confirm = findFirst(dialog, SURFACE_SELECTORS.bulkEditConfirm)?.element ?? target;
    guard(e, true, { dialog, confirm });
  }, listen);

  const observer = new MutationObserver((records) => {
    if (message && records.every((r) => message!.contains(r.target))) return;
    refresh();
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: [...WATCHED_ATTRIBUTES, 'id'] });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    clearTimeout(timer);
    hideMessage();
  }, { once: true });
  refresh();
}

function targetOf(e: Event): Element | null {
  const first = e.composedPath()[0] ?? e.target;
  return first && typeof (first as Element).closest === 'function' ? (first as Element) : null;
}
