// Guards HubSpot's own Save on one edit surface (issues 3, 9 and 14): a change of the set of blocked
// brands is not saved without a reason, the reason log is never shortened, and a block editor the
// guard cannot read stops the save (fail closed). InboxSDK's "before send", built the same way:
// capture-phase listeners on the window see every way HubSpot commits pending edits (click,
// Enter/Space on the Save button, Enter in a single-line field of the surface, Ctrl/Cmd+Enter, a
// form submit) before HubSpot's own handlers, decide synchronously from the DOM
// (sidebarGuard.ts), and only when the save must stop call preventDefault +
// stopImmediatePropagation. Every other event, and every save the rules allow, passes untouched
// and without delay.
//
// One controller per surface (surfaces.ts: the record sidebar, the preview panel, the
// all-properties panel); the surface says where its root, rows and Save are. A MutationObserver
// keeps the picture current: what each property showed before its edit began (the baseline of
// "changed"), whether the hooks still match (status guarding or, after a grace period, off with
// the reason), the message beside the reason field, and the page check for support. No extension
// API here: the caller passes the configuration and the callbacks. Everything ends with `signal`.
import { t } from '../i18n';
import { guardStatus, type GuardMode, type GuardStatus } from './guardStatus';
import { checkHooks, type PageCheck } from './pageCheck';
import { closestButtonWithText, findAll, SelectorError, SELECTORS, WATCHED_ATTRIBUTES } from './selectors';
import {
  Baselines,
  decideSave,
  failsClosed,
  findProblem,
  readSurface,
  type GuardedProperties,
  type GuardProblem,
  type SaveDecision,
  type SidebarState,
} from './sidebarGuard';
import { SIDEBAR, type EditSurface } from './surfaces';
import type { Store } from '../store';

/** What the guard needs to know of the portal's settings. */
export interface GuardSettings extends GuardedProperties {
  saveButtonLabels: readonly string[];
}

/** The texts of a surface's status (the sidebar's are shown in the panel as `guard-status`). */
export interface StatusTexts {
  pending: string;
  guarding: string;
  failClosed: string;
  off: string;
}

export interface GuardControllerOptions {
  /** Which surface (default: the record sidebar). */
  surface?: EditSurface;
  /** How long HubSpot may take to render what the guard needs before the status says it is off. */
  graceMs?: number;
  /** The surface is expected on this page (its own page, e.g. asked at every check: a single-page
   *  app changes the URL without a reload), not only once its opener was clicked. */
  expectRoot?: boolean | (() => boolean);
  texts?: StatusTexts;
  /** Called when a save of the surface that edits one of the two properties goes through (may
   *  fire more than once per save: press and click), so the panel can show the new state. */
  onSave?: () => void;
  /** Called with the page check (hooks matched, guard mode) whenever it changes. */
  onCheck?: (check: PageCheck) => void;
}

/** How long HubSpot may take to render what the guard needs before the status says it is off. */
export const GRACE_MS = 4000;
/** How long to wait for the reason field after opening its edit mode. */
const FOCUS_WAIT_MS = 3000;

export function sidebarTexts(): StatusTexts {
  return { pending: t('guardPending'), guarding: t('guardActive'), failClosed: t('guardFailClosed'), off: t('guardInactive') };
}

function setStatus(status: Store<GuardStatus>, next: GuardStatus): void {
  const now = status.get();
  if (now.state !== next.state || now.mode !== next.mode || now.message !== next.message) status.set(next);
}

/** What the message beside HubSpot's surface says for a stopped save. */
function stopMessage(why: Extract<SaveDecision, { verdict: 'stop' }>['why']): string {
  if (why === 'reason-shortened') return t('guardReasonShortenedMessage');
  if (why === 'blocks-unreadable' || why === 'reason-unreadable') return t('guardUnreadableMessage');
  return t('guardMessage');
}

/** Single-line fields, where Enter commits the surface's pending edits as in a form. */
const SINGLE_LINE = new Set(['', 'text', 'search', 'email', 'tel', 'url', 'number', 'date', 'datetime-local', 'time', 'month', 'week', 'password']);
function isSingleLineField(el: Element): boolean {
  return el.tagName === 'INPUT' && SINGLE_LINE.has((el.getAttribute('type') ?? '').toLowerCase());
}

/** Starts guarding one surface of `doc`; sets `status` as it goes. Ends with `signal`. */
export function guardSurface(doc: Document, config: GuardSettings, status: Store<GuardStatus>, signal: AbortSignal, options: GuardControllerOptions = {}): void {
  if (signal.aborted) return;
  const surface = options.surface ?? SIDEBAR;
  const texts = options.texts ?? sidebarTexts();
  const graceMs = options.graceMs ?? GRACE_MS;
  const { onSave, onCheck } = options;
  const win = doc.defaultView ?? window;
  const props = { ...config };
  const baselines = new Baselines();
  const message = new GuardMessage(doc, surface.id);
  const startedAt = Date.now();
  let everGuarded = false;
  let problemSince: number | null = null;
  let reported: GuardProblem | null = null;
  let recheck: ReturnType<typeof setTimeout> | undefined;
  let focusPending: number | null = null; // deadline for focusing the reason field once it is editable
  /** The surface was asked for (its page, or a click on its opener) and should be shown. */
  const pageExpects = (): boolean => (typeof options.expectRoot === 'function' ? options.expectRoot() : !!options.expectRoot);
  let openerClicked = false;
  let openedAt = startedAt;

  setStatus(status, guardStatus('pending', texts.pending));

  const rootNow = (): ParentNode | null => surface.root(doc);

  /** Reads the surface and feeds the baselines: the only way the guard looks at the page. */
  const read = (): SidebarState => {
    const state = readSurface(rootNow() ?? doc.createDocumentFragment(), props, surface.row, surface.display);
    baselines.observe(state);
    return state;
  };

  let lastCheck = '';
  const report = (mode: GuardMode, problem: GuardProblem | null) => {
    if (!onCheck) return;
    const check: PageCheck = {
      at: new Date().toISOString(),
      host: doc.location?.hostname ?? '',
      lang: doc.documentElement.lang,
      guard: { mode, problem },
      hooks: checkHooks(doc, props),
    };
    const key = JSON.stringify({ ...check, at: '' });
    if (key === lastCheck) return;
    lastCheck = key;
    onCheck(check);
  };

  const problemOf = (state: SidebarState): GuardProblem | null => {
    const root = rootNow();
    if (!root) return pageExpects() || openerClicked ? 'root' : null; // not shown: nothing to guard, and nothing wrong
    if (!surface.rowsRequired && state.block.mode === 'absent' && state.reason.mode === 'absent') {
      // Not shown here (fine), unless no row of the surface is recognised at all.
      return surface.anyRow && findAll(root, surface.anyRow).length === 0 ? 'rows' : null;
    }
    return findProblem(state, doc, props, baselines, (labels) => (root ? surface.saveButton(doc, root, labels) : null));
  };

  const updateStatus = (state: SidebarState) => {
    const problem = problemOf(state);
    if (!problem) {
      everGuarded = true;
      problemSince = null;
      reported = null;
      clearTimeout(recheck);
      const closed = failsClosed(state);
      setStatus(status, closed ? guardStatus('fail-closed', texts.failClosed) : guardStatus('guarding', texts.guarding));
      report(closed ? 'fail-closed' : 'guarding', null);
      return;
    }
    const now = Date.now();
    // At the start (or the surface's opening) the page gets the whole grace period to render;
    // later each new problem does.
    problemSince ??= everGuarded ? Math.max(now, openedAt) : Math.max(startedAt, openedAt);
    const due = problemSince + graceMs;
    if (now < due) {
      clearTimeout(recheck);
      recheck = setTimeout(refresh, due - now + 10);
      return;
    }
    if (reported !== problem) {
      reported = problem;
      console.warn(`[Post-Sperre Guard] HubSpot ${surface.id} not guarded:`, describeProblem(problem, props, surface));
    }
    setStatus(status, guardStatus('off', texts.off));
    report('off', problem);
  };

  /** After every change of the page (and on timers): baselines, status, message, pending focus. */
  function refresh() {
    if (signal.aborted) return;
    const state = read();
    if (openerClicked && rootNow()) openerClicked = false; // it opened
    updateStatus(state);
    if (message.shown) {
      const decision = decideSave(state, baselines);
      if (decision.verdict === 'allow' || (state.block.mode !== 'editing' && state.reason.mode !== 'editing')) message.hide();
      else message.place(state, stopMessage(decision.why));
    }
    if (focusPending !== null) {
      if (Date.now() > focusPending) focusPending = null;
      else if (state.reason.mode === 'editing' && state.reason.field) {
        focusPending = null;
        focusField(state.reason.field);
      }
    }
  }

  /** Decides for one save attempt; stops it (and says why, when `notify`) if it must wait for a reason. */
  const guard = (e: Event, notify: boolean): void => {
    const state = read();
    const decision = decideSave(state, baselines);
    if (decision.verdict === 'allow') {
      if (state.block.mode === 'editing' || state.reason.mode === 'editing') onSave?.();
      return;
    }
    e.preventDefault();
    e.stopImmediatePropagation();
    if (notify) stopped(state, decision.why);
  };

  /** The save was stopped: show the message, and for a missing reason open and focus its field. */
  const stopped = (state: SidebarState, why: Extract<SaveDecision, { verdict: 'stop' }>['why']) => {
    if (why === 'blocks-unreadable' || why === 'reason-unreadable') {
      // Nothing to fill in here: the message sends the user to the panel.
    } else if (state.reason.mode === 'editing' && state.reason.field) {
      focusField(state.reason.field);
    } else if (state.reason.mode === 'display' && state.reason.display) {
      focusPending = Date.now() + FOCUS_WAIT_MS;
      state.reason.display.click(); // what a user does to edit it; HubSpot renders the control
    }
    const now = read();
    message.show(now, stopMessage(why));
    refresh();
  };

  /** The scope whose Save and fields commit this surface: the save bar's column for the sidebar. */
  const scopeNow = (): Element | null => surface.eventScope(doc);

  /** The surface's Save button an event happened on, if any. */
  const saveButtonOf = (e: Event): HTMLElement | null => {
    const target = targetOf(e);
    if (!target) return null;
    const button = closestButtonWithText(target, config.saveButtonLabels);
    if (!button) return null;
    return scopeNow()?.contains(button) ? button : null;
  };

  const inSurface = (e: Event): boolean => {
    const target = targetOf(e);
    return !!target && !!scopeNow()?.contains(target);
  };

  const listen = { capture: true, signal };
  // Some UI kits act on press or release: hold those back too (silently) while a save must wait.
  for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup'] as const) {
    win.addEventListener(type, (e) => {
      if (saveButtonOf(e)) guard(e, false);
    }, listen);
  }
  win.addEventListener('click', (e) => {
    if (saveButtonOf(e)) guard(e, true);
    else if (surface.opener && openerOf(e, surface)) {
      openerClicked = true;
      openedAt = Date.now();
      problemSince = null;
      queueMicrotask(refresh);
    }
  }, listen);
  win.addEventListener('keydown', (e) => {
    if (e.isComposing) return;
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      if (saveButtonOf(e) || inSurface(e)) guard(e, true);
    } else if ((e.key === 'Enter' || e.key === ' ') && saveButtonOf(e)) {
      guard(e, true);
    } else if (e.key === 'Enter' && inSurface(e)) {
      // Enter in a single-line field of the surface commits every pending edit, the blocks too.
      const target = targetOf(e);
      if (target && isSingleLineField(target)) guard(e, true);
    }
  }, listen);
  win.addEventListener('keyup', (e) => {
    if (e.key === ' ' && saveButtonOf(e)) guard(e, false); // a button's Space activation fires on release
  }, listen);
  win.addEventListener('submit', (e) => {
    if (inSurface(e)) guard(e, true);
  }, listen);
  // Typing a reason: the message goes as soon as the save would go through.
  for (const type of ['input', 'change'] as const) {
    win.addEventListener(type, () => {
      if (message.shown) refresh();
    }, { capture: true, passive: true, signal });
  }

  const observer = new MutationObserver((records) => {
    if (records.every((r) => message.owns(r.target))) return;
    refresh();
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: [...WATCHED_ATTRIBUTES] });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    clearTimeout(recheck);
    message.hide();
  }, { once: true });
  refresh();
}

function openerOf(e: Event, surface: EditSurface): boolean {
  const target = targetOf(e);
  return !!target && !!surface.opener?.some((a) => {
    try {
      return !!target.closest(a.css);
    } catch {
      return false;
    }
  });
}

function targetOf(e: Event): Element | null {
  const first = e.composedPath()[0] ?? e.target;
  return first && typeof (first as Element).closest === 'function' ? (first as Element) : null;
}

function focusField(field: HTMLElement): void {
  field.focus();
  // Caret at the end: the reason is a log, a new entry goes below the old ones.
  if (field.tagName === 'TEXTAREA' || (field.tagName === 'INPUT' && (field as HTMLInputElement).type === 'text')) {
    const input = field as HTMLTextAreaElement | HTMLInputElement;
    const end = input.value.length;
    input.setSelectionRange(end, end);
  }
}

function describeProblem(problem: GuardProblem, props: GuardSettings, surface: EditSurface): SelectorError | string {
  switch (problem) {
    case 'root':
      return `${surface.id} was opened but none of its hooks matched`;
    case 'rows':
      return new SelectorError(`propertyRow(${props.blockProperty}, ${props.reasonProperty})`, surface.row(props.blockProperty).map((a) => a.css));
    case 'mode':
      return new SelectorError('propertyDisplay / propertyEditControl', [...SELECTORS.propertyDisplay(props.blockProperty), ...SELECTORS.propertyEditControl(props.blockProperty)].map((a) => a.css));
    case 'unreadable':
      return new SelectorError('propertyTextInput', SELECTORS.propertyTextInput(props.reasonProperty).map((a) => a.css));
    case 'save-button':
      return `no button labelled ${props.saveButtonLabels.join(' / ')} in the ${surface.id} after the blocks were changed`;
  }
}

/** The message beside HubSpot's reason field (light DOM: it belongs to HubSpot's surface). */
export class GuardMessage {
  private el: HTMLElement | null = null;
  shown = false;

  constructor(
    private readonly doc: Document,
    private readonly surface: string,
  ) {}

  owns(node: Node): boolean {
    return !!this.el && (node === this.el || this.el.contains(node));
  }

  show(state: SidebarState, text: string): void {
    this.shown = true;
    this.place(state, text);
  }

  /** Right after the reason's row (after the block row when HubSpot shows no reason row). */
  place(state: SidebarState, text: string): void {
    const anchor = state.reason.row ?? state.block.row;
    if (anchor) this.placeAfter(anchor, text);
  }

  /** Right after `anchor`, as a list item inside a list. */
  placeAfter(anchor: Element, text: string): void {
    this.shown = true;
    const tag = anchor.parentElement && /^(UL|OL)$/.test(anchor.parentElement.tagName) ? 'li' : 'div';
    if (!this.el || this.el.tagName.toLowerCase() !== tag) {
      this.el?.remove();
      this.el = this.create(tag);
    }
    if (this.el.textContent !== text) this.el.textContent = text;
    if (anchor.nextElementSibling !== this.el) anchor.after(this.el);
  }

  hide(): void {
    this.shown = false;
    this.el?.remove();
  }

  private create(tag: 'li' | 'div'): HTMLElement {
    const el = this.doc.createElement(tag);
    el.setAttribute('data-testid', 'guard-message');
    el.setAttribute('data-surface', this.surface);
    el.setAttribute('role', 'alert');
    // HubSpot's generated classes are off limits, so inline styles (contrast ≥ 4.5:1).
    el.style.cssText = [
      'display:block',
      'list-style:none',
      'margin:4px 0 10px',
      'padding:6px 10px',
      'border-left:3px solid #c0392b',
      'background:#fdecea',
      'color:#8e1b10',
      'font:600 13px/1.4 "Lexend Deca", Helvetica, Arial, sans-serif',
    ].join(';');
    return el;
  }
}
