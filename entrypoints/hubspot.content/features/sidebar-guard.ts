// Guards HubSpot's own sidebar Save (issues 3 and 9): a change of the set of blocked brands is not
// saved without a reason, the reason log is never shortened, and a block editor the guard cannot
// read stops the save (fail closed). InboxSDK's "before send", built the same way: capture-phase
// listeners on the window see every way HubSpot commits pending edits (click, Enter/Space on the
// Save button, Enter in a single-line field of the sidebar, Ctrl/Cmd+Enter, a form submit) before
// HubSpot's own handlers, decide synchronously from the DOM (lib/page/sidebarGuard.ts), and only
// when the save must stop call preventDefault + stopImmediatePropagation. Every other event, and
// every save the rules allow, passes untouched and without delay.
//
// A feature of its own (issue 9): it starts on every contact page, whether or not the panel
// mounts, and shares its status with the panel through the page context (pageContext.ts).
//
// A MutationObserver keeps the picture current: what each property showed before its edit
// began (the baseline of "changed"), whether the hooks still match (guard-status active or,
// after a grace period, inactive with the reason), the message beside the reason field, and the
// page check the options page shows for support. Everything ends with `signal`.
import { t } from '../../../lib/i18n';
import type { GuardConfig } from '../../../lib/messaging';
import { callGateway } from '../../../lib/messaging-client';
import { guardStatus, type GuardMode, type GuardStatus } from '../../../lib/page/guardStatus';
import { checkHooks, type PageCheck } from '../../../lib/page/pageCheck';
import { closestButtonWithText, findFirst, SelectorError, SELECTORS } from '../../../lib/page/selectors';
import { Baselines, decideSave, failsClosed, findProblem, readSidebar, type GuardProblem, type SaveDecision, type SidebarState } from '../../../lib/page/sidebarGuard';
import type { HubspotPage } from '../../../lib/page/urls';
import { DEFAULT_BLOCK_PROPERTY, DEFAULT_REASON_PROPERTY, DEFAULT_SAVE_BUTTON_LABELS } from '../../../lib/defaults';
import type { Store } from '../../../lib/store';
import type { Feature } from '../index';

/** The guard on every contact page, independent of the panel. */
export const sidebarGuardFeature: Feature = {
  name: 'sidebar-guard',
  include: (page) => page.kind === 'contact',
  init(page, _ctx, signal, shared) {
    startSidebarGuard(page, shared.guard, signal, {
      onSidebarSave: () => shared.sidebarSaves.set(shared.sidebarSaves.get() + 1),
      onCheck: (check) => void callGateway('reportPageCheck', check, { signal }).catch(() => undefined),
    });
  },
};

/** How long HubSpot may take to render what the guard needs before the status says it is off. */
const GRACE_MS = 4000;
/** How long to wait for the reason field after opening its edit mode. */
const FOCUS_WAIT_MS = 3000;

export interface SidebarGuardOptions {
  /** Skips asking the background (tests). */
  config?: GuardConfig;
  graceMs?: number;
  document?: Document;
  /** Called when a save of HubSpot's sidebar that edits one of the two properties goes through
   *  (may fire more than once per save: press and click), so the panel can show the new state. */
  onSidebarSave?: () => void;
  /** Called with the page check (hooks matched, guard mode) whenever it changes. */
  onCheck?: (check: PageCheck) => void;
}

export function startSidebarGuard(page: HubspotPage, status: Store<GuardStatus>, signal: AbortSignal, options: SidebarGuardOptions = {}): void {
  if (page.kind !== 'contact' || signal.aborted) return;
  setStatus(status, guardStatus('pending', t('guardPending')));
  const fallback: GuardConfig = {
    blockProperty: DEFAULT_BLOCK_PROPERTY,
    reasonProperty: DEFAULT_REASON_PROPERTY,
    saveButtonLabels: [...DEFAULT_SAVE_BUTTON_LABELS],
  };
  const config = options.config
    ? Promise.resolve(options.config)
    : callGateway('getGuardConfig', {}, { signal }).catch((e: unknown) => {
        if (!signal.aborted) console.warn('[Post-Sperre Guard] guard settings unavailable, using the defaults', e);
        return fallback;
      });
  void config.then((c) => {
    if (!signal.aborted) guardSidebar(options.document ?? document, c, status, signal, options.graceMs ?? GRACE_MS, options);
  });
}

function setStatus(status: Store<GuardStatus>, next: GuardStatus): void {
  const now = status.get();
  if (now.state !== next.state || now.mode !== next.mode || now.message !== next.message) status.set(next);
}

/** What the message beside HubSpot's sidebar says for a stopped save. */
function stopMessage(why: Extract<SaveDecision, { verdict: 'stop' }>['why']): string {
  if (why === 'reason-shortened') return t('guardReasonShortenedMessage');
  if (why === 'blocks-unreadable' || why === 'reason-unreadable') return t('guardUnreadableMessage');
  return t('guardMessage');
}

/** Single-line fields, where Enter commits the sidebar's pending edits as in a form. */
const SINGLE_LINE = new Set(['', 'text', 'search', 'email', 'tel', 'url', 'number', 'date', 'datetime-local', 'time', 'month', 'week', 'password']);
function isSingleLineField(el: Element): boolean {
  return el.tagName === 'INPUT' && SINGLE_LINE.has((el.getAttribute('type') ?? '').toLowerCase());
}

function guardSidebar(
  doc: Document,
  config: GuardConfig,
  status: Store<GuardStatus>,
  signal: AbortSignal,
  graceMs: number,
  hooks: Pick<SidebarGuardOptions, 'onSidebarSave' | 'onCheck'>,
): void {
  const { onSidebarSave, onCheck } = hooks;
  const win = doc.defaultView ?? window;
  const props = { ...config };
  const baselines = new Baselines();
  const message = new GuardMessage(doc);
  const startedAt = Date.now();
  let everGuarded = false;
  let problemSince: number | null = null;
  let reported: GuardProblem | null = null;
  let recheck: ReturnType<typeof setTimeout> | undefined;
  let focusPending: number | null = null; // deadline for focusing the reason field once it is editable

  /** Reads the sidebar and feeds the baselines: the only way the guard looks at the page. */
  const read = (): SidebarState => {
    const state = readSidebar(doc, props);
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

  const updateStatus = (state: SidebarState) => {
    const problem = findProblem(state, doc, props, baselines);
    if (!problem) {
      everGuarded = true;
      problemSince = null;
      reported = null;
      clearTimeout(recheck);
      const closed = failsClosed(state);
      setStatus(status, closed ? guardStatus('fail-closed', t('guardFailClosed')) : guardStatus('guarding', t('guardActive')));
      report(closed ? 'fail-closed' : 'guarding', null);
      return;
    }
    const now = Date.now();
    // At the start the page gets the whole grace period to render; later each new problem does.
    problemSince ??= everGuarded ? now : startedAt;
    const due = problemSince + graceMs;
    if (now < due) {
      clearTimeout(recheck);
      recheck = setTimeout(refresh, due - now + 10);
      return;
    }
    if (reported !== problem) {
      reported = problem;
      console.warn('[Post-Sperre Guard] HubSpot sidebar not guarded:', describeProblem(problem, props));
    }
    setStatus(status, guardStatus('off', t('guardInactive')));
    report('off', problem);
  };

  /** After every change of the page (and on timers): baselines, status, message, pending focus. */
  function refresh() {
    if (signal.aborted) return;
    const state = read();
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
      if (state.block.mode === 'editing' || state.reason.mode === 'editing') onSidebarSave?.();
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

  /** The sidebar's Save button an event happened on, if any. */
  const saveButtonOf = (e: Event): HTMLElement | null => {
    const target = targetOf(e);
    if (!target) return null;
    const button = closestButtonWithText(target, config.saveButtonLabels);
    if (!button) return null;
    const scope = findFirst(doc, SELECTORS.saveBarScope)?.element;
    return scope?.contains(button) ? button : null;
  };

  const inSidebar = (e: Event): boolean => {
    const target = targetOf(e);
    const scope = findFirst(doc, SELECTORS.saveBarScope)?.element;
    return !!target && !!scope?.contains(target);
  };

  const options = { capture: true, signal };
  // Some UI kits act on press or release: hold those back too (silently) while a save must wait.
  for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup'] as const) {
    win.addEventListener(type, (e) => {
      if (saveButtonOf(e)) guard(e, false);
    }, options);
  }
  win.addEventListener('click', (e) => {
    if (saveButtonOf(e)) guard(e, true);
  }, options);
  win.addEventListener('keydown', (e) => {
    if (e.isComposing) return;
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      if (saveButtonOf(e) || inSidebar(e)) guard(e, true);
    } else if ((e.key === 'Enter' || e.key === ' ') && saveButtonOf(e)) {
      guard(e, true);
    } else if (e.key === 'Enter' && inSidebar(e)) {
      // Enter in a single-line field of the sidebar commits every pending edit, the blocks too.
      const target = targetOf(e);
      if (target && isSingleLineField(target)) guard(e, true);
    }
  }, options);
  win.addEventListener('keyup', (e) => {
    if (e.key === ' ' && saveButtonOf(e)) guard(e, false); // a button's Space activation fires on release
  }, options);
  win.addEventListener('submit', (e) => {
    if (inSidebar(e)) guard(e, true);
  }, options);
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
  observer.observe(doc.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['data-deferred-property-input-mode', 'aria-expanded', 'aria-selected', 'aria-checked', 'hidden', 'disabled', 'data-test-id', 'data-selenium-test'],
  });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    clearTimeout(recheck);
    message.hide();
  }, { once: true });
  refresh();
}

function targetOf(e: Event): Element | null {
  const first = e.composedPath()[0] ?? e.target;
  return first instanceof Element ? first : null;
}

function focusField(field: HTMLElement): void {
  field.focus();
  // Caret at the end: the reason is a log, a new entry goes below the old ones.
  if (field instanceof HTMLTextAreaElement || (field instanceof HTMLInputElement && field.type === 'text')) {
    const end = field.value.length;
    field.setSelectionRange(end, end);
  }
}

function describeProblem(problem: GuardProblem, props: GuardConfig): SelectorError | string {
  switch (problem) {
    case 'rows':
      return new SelectorError(`propertyRow(${props.blockProperty}, ${props.reasonProperty})`, SELECTORS.propertyRow(props.blockProperty).map((a) => a.css));
    case 'mode':
      return new SelectorError('propertyDisplay / propertyEditControl', [...SELECTORS.propertyDisplay(props.blockProperty), ...SELECTORS.propertyEditControl(props.blockProperty)].map((a) => a.css));
    case 'unreadable':
      return new SelectorError('propertyTextInput', SELECTORS.propertyTextInput(props.reasonProperty).map((a) => a.css));
    case 'save-button':
      return `no button labelled ${props.saveButtonLabels.join(' / ')} in ${SELECTORS.saveBarScope.map((a) => a.css).join(' | ')} after the blocks were changed`;
  }
}

/** The message beside HubSpot's reason field (light DOM: it belongs to HubSpot's sidebar). */
class GuardMessage {
  private el: HTMLElement | null = null;
  shown = false;

  constructor(private readonly doc: Document) {}

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
    if (!anchor) return;
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
