// HubSpot's own export of a segment, held when it would send blocked contacts (issue 15, docs/export.md
// "HubSpot's export held"). HubSpot's export dialog (2021 code, ExportDialog.js) is a modal marked
// `data-selenium-test="export-dialog"` with `ExportDialog-submit-button` and `ExportDialog-cancel-button`.
// When such a dialog opens on a segment page, the segment is checked at once; its submit is stopped
// in the capture phase (before HubSpot's React handlers) until the answer says the segment is clean.
// A leaking segment's export waits beside a notice (light DOM) that offers the clean export and lets
// HubSpot's export go on only after a trusted click on a confirmation naming the number. A dialog
// that looks like an export but lacks these hooks is reported `inactive`: never a silent pass.
// Plain DOM and callbacks: no React, no extension API (the feature file wires them).

/** Hooks of HubSpot's export dialog (2021 code; docs/hubspot-dom.md "Export dialog"). */
export const EXPORT_DIALOG = '[data-selenium-test="export-dialog"]';
export const EXPORT_SUBMIT = '[data-selenium-test="ExportDialog-submit-button"]';
export const EXPORT_CANCEL = '[data-selenium-test="ExportDialog-cancel-button"]';
/** A dialog whose heading names an export, for spotting a changed dialog (then: inactive). */
const EXPORT_HEADING = /\bexport|exportieren/i;

export interface SegmentCheck {
  /** Members blocked for the segment's brands. */
  blocked: number;
  brands: string[];
}

export interface ExportHoldTexts {
  title: string;
  checking: string;
  /** The notice's sentence for a count and the brands' labels. */
  leaking: (blocked: number, brands: string) => string;
  failed: (message: string) => string;
  clean: string;
  proceed: (blocked: number) => string;
  /** The way on when the check failed (the count is unknown). */
  proceedUnchecked: string;
  inactive: string;
}

export interface ExportHoldOptions {
  doc: Document;
  /** How many members are blocked for which brands (the gateway); rejects on failure. */
  check: () => Promise<SegmentCheck>;
  brandLabel: (value: string) => string;
  /** Opens the product's clean export. */
  onClean: () => void;
  texts: ExportHoldTexts;
  /** Guard state changes: `active` while a known dialog is watched, `inactive` for an unknown one. */
  onStatus?: (state: 'active' | 'inactive' | 'idle') => void;
  /** Tests only: accept script-made clicks on the notice's buttons. */
  acceptUntrusted?: boolean;
}

type CheckState = { kind: 'checking'; promise: Promise<SegmentCheck> } | { kind: 'done'; result: SegmentCheck } | { kind: 'failed'; message: string };

const isElement = (x: unknown): x is Element => typeof x === 'object' && x !== null && (x as Node).nodeType === 1;

function targetOf(e: Event): Element | null {
  const path = e.composedPath();
  const first = path[0];
  return isElement(first) ? first : isElement(e.target) ? e.target : null;
}

/** Starts watching; everything stops with `signal`. */
export function startExportHold(opts: ExportHoldOptions, signal: AbortSignal): void {
  const { doc } = opts;
  const win = doc.defaultView;
  if (!win) return;
  let check: CheckState | null = null;
  let dialog: Element | null = null;
  /** The user confirmed: the next submit of this dialog goes through. */
  let passOnce = false;
  let notice: HTMLElement | null = null;
  let status: 'active' | 'inactive' | 'idle' = 'idle';

  const setStatus = (s: typeof status) => {
    if (s === status) return;
    status = s;
    opts.onStatus?.(s);
  };

  const startCheck = () => {
    const promise = opts.check();
    const mine: CheckState = { kind: 'checking', promise };
    check = mine;
    promise.then(
      (result) => {
        if (check === mine) check = { kind: 'done', result };
      },
      (e: unknown) => {
        if (check === mine) check = { kind: 'failed', message: e instanceof Error ? e.message : String(e) };
      },
    );
  };

  const removeNotice = () => {
    notice?.remove();
    notice = null;
  };

  const trusted = (e: Event) => e.isTrusted || opts.acceptUntrusted === true;

  const showNotice = (content: { text: string; blocked?: number; brands?: string[]; proceed?: boolean; state: string }) => {
    const proceedLabel = content.blocked !== undefined ? opts.texts.proceed(content.blocked) : opts.texts.proceedUnchecked;
    removeNotice();
    if (!dialog) return;
    const box = doc.createElement('div');
    // `export-hold` only for an export actually held for blocked contacts; the other notices
    // (checking, a failed check, a dialog we do not know) have their own hook.
    box.setAttribute('data-testid', content.state === 'held' ? 'export-hold' : 'export-guard-notice');
    box.setAttribute('data-state', content.state);
    if (content.blocked !== undefined) box.setAttribute('data-blocked', String(content.blocked));
    if (content.brands) box.setAttribute('data-brands', content.brands.join(','));
    box.setAttribute('role', 'alert');
    box.setAttribute('style', 'position:relative;z-index:2147483000;margin:8px auto;max-width:560px;padding:12px 14px;border:2px solid #b83c14;border-radius:4px;background:#fff5f0;color:#33475b;font:14px/1.4 sans-serif;box-shadow:0 2px 8px rgba(0,0,0,.2)');
    const title = doc.createElement('strong');
    title.textContent = opts.texts.title;
    const text = doc.createElement('p');
    text.style.margin = '6px 0';
    text.textContent = content.text;
    box.append(title, text);
    const actions = doc.createElement('div');
    actions.style.display = 'flex';
    actions.style.gap = '8px';
    actions.style.flexWrap = 'wrap';
    const clean = doc.createElement('button');
    clean.type = 'button';
    clean.setAttribute('data-testid', 'export-hold-clean');
    clean.textContent = opts.texts.clean;
    clean.setAttribute('style', 'font:inherit;padding:5px 12px;border-radius:3px;border:1px solid #b83c14;background:#b83c14;color:#fff;cursor:pointer');
    clean.addEventListener('click', (e) => {
      if (!trusted(e)) return;
      // HubSpot's dialog covers the page: close it (its own Cancel), then open ours.
      dialog?.querySelector<HTMLElement>(EXPORT_CANCEL)?.click();
      opts.onClean();
    });
    actions.append(clean);
    if (content.proceed) {
      const proceed = doc.createElement('button');
      proceed.type = 'button';
      proceed.setAttribute('data-testid', 'export-hold-proceed');
      proceed.textContent = proceedLabel;
      proceed.setAttribute('style', 'font:inherit;padding:5px 12px;border-radius:3px;border:1px solid #cbd6e2;background:#f5f8fa;color:#33475b;cursor:pointer');
      proceed.addEventListener('click', (e) => {
        // Only a person's own click confirms; a script on the page cannot.
        if (!trusted(e)) return;
        const submit = dialog?.querySelector<HTMLElement>(EXPORT_SUBMIT);
        removeNotice();
        if (!submit) return;
        passOnce = true;
        submit.click();
      });
      actions.append(proceed);
    }
    box.append(actions);
    // Beside the dialog: right after it (inside HubSpot's overlay when there is one).
    dialog.after(box);
    notice = box;
  };

  const describe = (result: SegmentCheck) => opts.texts.leaking(result.blocked, result.brands.map(opts.brandLabel).join(', '));

  /** Stops the submit; shows what is known and, once known, what to do. */
  const hold = (e: Event) => {
    e.preventDefault();
    e.stopImmediatePropagation();
    const current = check;
    if (!current) return;
    if (current.kind === 'failed') {
      // The count is unknown: HubSpot's export goes on only on a confirmation that says so.
      showNotice({ text: opts.texts.failed(current.message), state: 'error', proceed: true });
      return;
    }
    if (current.kind === 'done') {
      showNotice({ text: describe(current.result), blocked: current.result.blocked, brands: current.result.brands, proceed: true, state: 'held' });
      return;
    }
    showNotice({ text: opts.texts.checking, state: 'checking' });
    const submit = dialog?.querySelector<HTMLElement>(EXPORT_SUBMIT);
    current.promise.then(
      (result) => {
        if (signal.aborted || !dialog?.isConnected) return;
        if (result.blocked === 0) {
          // Clean after all: the export the user asked for goes on.
          removeNotice();
          passOnce = true;
          submit?.click();
        } else {
          showNotice({ text: describe(result), blocked: result.blocked, brands: result.brands, proceed: true, state: 'held' });
        }
      },
      (err: unknown) => {
        if (!signal.aborted && dialog?.isConnected) showNotice({ text: opts.texts.failed(err instanceof Error ? err.message : String(err)), state: 'error', proceed: true });
      },
    );
  };

  const submitOf = (e: Event): Element | null => {
    const target = targetOf(e);
    const button = target?.closest(EXPORT_SUBMIT) ?? null;
    return button && dialog && dialog.contains(button) ? button : null;
  };

  const onActivate = (e: Event) => {
    if (!submitOf(e)) return;
    if (passOnce) {
      if (e.type === 'click') passOnce = false;
      return;
    }
    if (check?.kind === 'done' && check.result.blocked === 0) return; // a compliant segment: untouched
    hold(e);
  };

  const options = { capture: true, signal };
  win.addEventListener('click', onActivate, options);
  win.addEventListener('keydown', (e) => {
    if ((e.key === 'Enter' || e.key === ' ') && submitOf(e) && !passOnce && !(check?.kind === 'done' && check.result.blocked === 0)) hold(e);
  }, options);
  win.addEventListener('submit', (e) => {
    const target = targetOf(e);
    if (!dialog || !target || !dialog.contains(target) || passOnce) return;
    if (check?.kind === 'done' && check.result.blocked === 0) return;
    hold(e);
  }, options);

  /** Finds the export dialog (or a dialog that looks like one but lacks the hooks). */
  const scan = () => {
    const known = doc.querySelector(EXPORT_DIALOG);
    if (known) {
      if (known !== dialog) {
        dialog = known;
        passOnce = false;
        removeNotice();
        startCheck();
      }
      // A changed dialog without its submit hook cannot be guarded: say so.
      setStatus(known.querySelector(EXPORT_SUBMIT) ? 'active' : 'inactive');
      if (status === 'inactive') showInactive(known);
      return;
    }
    if (dialog) {
      dialog = null;
      check = null;
      passOnce = false;
      removeNotice();
    }
    const lookalike = [...doc.querySelectorAll('[role="dialog"]')].find((d) => !d.closest('[data-testid="export-hold"],[data-testid="export-guard-notice"]') && EXPORT_HEADING.test(d.querySelector('h1,h2,h3,header')?.textContent ?? ''));
    if (lookalike) {
      setStatus('inactive');
      showInactive(lookalike);
    } else {
      if (notice?.getAttribute('data-state') === 'inactive') removeNotice();
      setStatus('idle');
    }
  };

  const showInactive = (near: Element) => {
    if (notice?.getAttribute('data-state') === 'inactive' && notice.previousElementSibling === near) return;
    const keep = dialog;
    dialog = near;
    showNotice({ text: opts.texts.inactive, state: 'inactive' });
    dialog = keep;
  };

  const observer = new MutationObserver((records) => {
    if (notice && records.every((r) => notice?.contains(r.target))) return;
    scan();
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    removeNotice();
  }, { once: true });
  scan();
}
