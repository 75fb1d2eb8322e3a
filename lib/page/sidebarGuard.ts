// HubSpot's own sidebar Save, seen from the DOM (issue 3): what the two block properties show or
// hold right now, what they held before the edit began, and whether a Save may go through.
//
// Everything here is synchronous and reads the DOM only (no writes, no extension APIs), so the
// guard can decide inside the click or key event that would save, without delaying a save that
// does not touch the blocks. The wiring (listeners, observer, message) is lib/page/guardController.ts;
// which of HubSpot's edit surfaces it reads (the record sidebar, the preview panel, the all-properties
// panel) is lib/page/surfaces.ts.
//
// Values are read from their own elements, never from a whole row: the element carrying HubSpot's
// mode attribute holds the property's label as well as its value (docs/hubspot-dom.md). They are
// compared as the page shows them: option LABELS for the multi-select (the display shows labels,
// so does a chip), compared as a SET; text for the reason. A read that cannot be trusted counts as
// "changed" (the user is asked for a reason), never as "unchanged"; a block editor whose picked
// brands cannot be read at all stops the save (fail closed) and sends the user to the panel.
import { DEFAULT_SECTION_TITLES } from './anchor';
import {
  findAll,
  findFirst,
  findInside,
  findSaveButton,
  findSectionHeader,
  isHTMLElement,
  normalizeText,
  NOT_LABEL_TEXT,
  PICKER_FOCUS_FIELD,
  PICKER_PARTS,
  SELECTORS,
  type AnyAlternatives,
} from './selectors';

export interface GuardedProperties {
  /** Internal name of the multi-select block property ("post_sperre_marken"). */
  blockProperty: string;
  /** Internal name of the free-text reason property ("grund_post_sperre"). */
  reasonProperty: string;
  /** Title of the sidebar section holding them (to tell a folded section from a changed layout). */
  sectionTitles?: readonly string[];
  /**
   * The labels of the block property's options (hidden ones too), as HubSpot shows them: a picker
   * whose tags carry no hook is read by matching these in its text. Unknown: [] or absent.
   */
  blockOptionLabels?: readonly string[];
}

/** absent: no row found; unknown: a row, but neither its displayed value nor an edit control. */
export type PropertyMode = 'absent' | 'display' | 'editing' | 'unknown';

export interface PropertyState<V> {
  mode: PropertyMode;
  row: Element | null;
  /** While displaying: the value, which opens edit mode when clicked. */
  display: HTMLElement | null;
  /** While editing: the control. */
  control: Element | null;
  /** While editing: where the keyboard belongs (text field, search box, first checkbox). */
  field: HTMLElement | null;
  /** The displayed value (display) or the control's current value (editing); null if unreadable. */
  value: V | null;
  /** While displaying: the value's text as shown (whitespace collapsed), '' for an empty value. */
  text: string | null;
}

/** Picked brands as the page labels them, in page order. */
export type Labels = readonly string[];

export interface SidebarState {
  block: PropertyState<Labels>;
  reason: PropertyState<string>;
  /** The section holding the properties is folded (its rows are not rendered: nothing to edit). */
  sectionCollapsed: boolean;
}

const ABSENT = { mode: 'absent', row: null, display: null, control: null, field: null, value: null, text: null } as const;

/** Reads both properties' rows from the left sidebar (or `root` when HubSpot shows none). */
export function readSidebar(root: ParentNode, props: GuardedProperties): SidebarState {
  const scope = findFirst(root, SELECTORS.leftSidebar)?.element ?? root;
  return readSurface(scope, props, SELECTORS.propertyRow);
}

/**
 * Reads both properties' rows inside `scope`, one edit surface of HubSpot (the sidebar, the
 * preview panel, the all-properties panel), whose rows `rowHook` finds.
 */
export function readSurface(
  scope: ParentNode,
  props: GuardedProperties,
  rowHook: (name: string) => AnyAlternatives,
  displayHook?: (name: string) => AnyAlternatives,
): SidebarState {
  const hooks = { row: rowHook, display: displayHook };
  const block = readProperty(scope, props.blockProperty, hooks, (control) => readPicked(control, props.blockOptionLabels ?? []), (text) => (text === '' ? [] : splitLabels(text, /;/)));
  const reason = readProperty(scope, props.reasonProperty, hooks, (control, row) => readText(control, row, props.reasonProperty), (text) => text);
  let sectionCollapsed = false;
  if (block.mode === 'absent' || reason.mode === 'absent') {
    const header = findSectionHeader(scope, props.sectionTitles ?? DEFAULT_SECTION_TITLES);
    sectionCollapsed = header?.element.getAttribute('aria-expanded') === 'false' || !!header?.element.querySelector('[aria-expanded="false"]');
  }
  return { block, reason, sectionCollapsed };
}

function readProperty<V>(
  scope: ParentNode,
  name: string,
  hooks: RowHooks,
  readControl: (control: Element, row: Element) => { value: V | null; field: HTMLElement | null },
  readDisplay: (text: string) => V,
): PropertyState<V> {
  // A property can sit in two cards ("About this contact" and a custom one): the row being
  // edited is the one that counts.
  const rows = findAll(scope, hooks.row(name));
  if (rows.length === 0) return { ...ABSENT };
  const states = rows.map((row) => readRow(row, name, hooks, readControl, readDisplay));
  return states.find((s) => s.mode === 'editing') ?? states.find((s) => s.mode === 'display') ?? states[0]!;
}

/** How a surface's rows are found, and (where the sidebar's row hooks do not fit) its displayed value. */
interface RowHooks {
  row: (name: string) => AnyAlternatives;
  display?: ((name: string) => AnyAlternatives) | undefined;
}

function readRow<V>(
  row: Element,
  name: string,
  hooks: RowHooks,
  readControl: (control: Element, row: Element) => { value: V | null; field: HTMLElement | null },
  readDisplay: (text: string) => V,
): PropertyState<V> {
  const control = findInside(row, SELECTORS.propertyEditControl(name))?.element;
  if (control) {
    const { value, field } = readControl(control, row);
    return { mode: 'editing', row, display: null, control, field, value, text: null };
  }
  const display = (findInside(row, SELECTORS.propertyDisplay(name)) ?? (hooks.display ? findInside(row, hooks.display(name)) : null))?.element;
  if (display && isHTMLElement(display)) {
    const text = displayedValueText(display, name);
    return { mode: 'display', row, display, control: null, field: null, value: readDisplay(text), text };
  }
  return { mode: 'unknown', row, display: null, control: null, field: null, value: null, text: null };
}

/** HubSpot shows an empty property as "--" (*unverified*, as in the fake). */
const EMPTY_DISPLAY = new Set(['', '--', '—', '-']);

/**
 * The displayed value's text: its own element when there is one, else the displayed block's text
 * minus its label's (an empty value has no element of its own). Whitespace collapsed, '' if empty.
 */
export function displayedValueText(display: Element, name: string): string {
  const own = findInside(display, SELECTORS.propertyValue(name))?.element;
  let text: string;
  if (own) {
    text = own.textContent ?? '';
  } else {
    const labels = new Set(findAllInside(display, SELECTORS.propertyDisplayLabel));
    text = textWithout(display, labels);
  }
  const collapsed = collapse(text);
  return EMPTY_DISPLAY.has(collapsed) ? '' : collapsed;
}

/** Text of `el` without the text of the given descendants. */
function textWithout(el: Node, skip: ReadonlySet<Element>): string {
  let out = '';
  for (const node of Array.from(el.childNodes)) {
    if (node.nodeType === 3) out += node.textContent ?? '';
    else if (node.nodeType === 1 && !skip.has(node as Element)) out += ` ${textWithout(node, skip)} `;
  }
  return out;
}

function findAllInside(container: Element, alternatives: typeof SELECTORS.propertyDisplayLabel): Element[] {
  for (const alternative of alternatives) {
    const found = Array.from(container.querySelectorAll(alternative.css)).filter((el) => container.contains(el));
    if (found.length > 0) return found;
  }
  return [];
}

function readPicked(control: Element, known: readonly string[]): { value: Labels | null; field: HTMLElement | null } {
  const field = firstHTMLElement(control, PICKER_FOCUS_FIELD);
  const picked = findAll(control, SELECTORS.multiSelectSelected);
  if (picked.length > 0) return { value: uniqueLabels(picked.map(labelOf)), field };
  // Nothing picked (options or chips are there, none picked), or a control that only shows its
  // value as text (a dropdown button). An empty control with neither is unreadable: its options
  // may live in a popover elsewhere, so "nothing picked" cannot be told from "cannot see".
  const hasOptions = control.querySelector(PICKER_PARTS);
  if (hasOptions) return { value: [], field };
  // The control's own text, without a label the block may hold around it: tags without a hook
  // run their labels together ("Marke AMarke C"), so with the option labels known they are read
  // by matching those; a text no set of them makes (or more than one set) is unreadable.
  const text = ownText(control, true).trim();
  if (text === '') return { value: null, field };
  const focus = field ?? (isHTMLElement(control) ? control : null);
  if (EMPTY_DISPLAY.has(text)) return { value: [], field: focus };
  if (known.length > 0) return { value: labelsFromText(text, known), field: focus };
  return { value: splitLabels(text, /[;,]/), field: focus };
}

/** Search steps before labelsFromText gives up (counts as unreadable: the guard fails closed). */
const LABEL_SEARCH_LIMIT = 20_000;

/**
 * The one set of `known` labels whose texts, each once, in some order, make up `text` (case and
 * whitespace do not count; spaces, ";" or "," may stand between two labels). Null when no set
 * does, or more than one does (labels "A", "B", "AB" and the text "AB"): the picker cannot be
 * read then, and the guard fails closed rather than guess. A label that is the start of another
 * ("Marke A", "Marke AB") is no problem: every way through the text is tried.
 */
export function labelsFromText(text: string, known: readonly string[]): Labels | null {
  const target = normalizeText(text);
  const byKey = new Map<string, string>();
  for (const label of known) {
    const key = normalizeText(label);
    if (key !== '' && !byKey.has(key)) byKey.set(key, label.trim());
  }
  const keys = [...byKey.keys()];
  if (target === '') return [];
  const found = new Set<string>();
  let solution: string[] | null = null;
  let steps = 0;
  let tooLong = false;
  const used = new Set<string>();
  const dead = new Set<string>(); // (position, used set) pairs known to lead nowhere new
  const walk = (pos: number, order: string[]): boolean => {
    if (++steps > LABEL_SEARCH_LIMIT) {
      tooLong = true;
      return true;
    }
    let at = pos;
    if (order.length > 0) while (at < target.length && /[\s;,]/.test(target[at]!)) at++;
    if (at === target.length) {
      const id = [...order].sort().join('\u0000');
      if (!found.has(id)) {
        found.add(id);
        solution = [...order];
      }
      return found.size > 1;
    }
    const memo = `${at}|${[...used].sort().join('\u0000')}`;
    if (dead.has(memo)) return false;
    const before = found.size;
    for (const key of keys) {
      if (used.has(key) || !target.startsWith(key, at)) continue;
      used.add(key);
      order.push(key);
      const stop = walk(at + key.length, order);
      order.pop();
      used.delete(key);
      if (stop) return true;
    }
    if (found.size === before) dead.add(memo);
    return false;
  };
  walk(0, []);
  if (tooLong || found.size !== 1 || !solution) return null;
  return (solution as string[]).map((key) => byKey.get(key)!);
}

function readText(control: Element, row: Element, name: string): { value: string | null; field: HTMLElement | null } {
  const found = findInside(control, SELECTORS.propertyTextInput(name)) ?? findInside(row, SELECTORS.propertyTextInput(name));
  const field = found?.element;
  if (!field || !isHTMLElement(field)) return { value: null, field: null };
  if (field.tagName === 'TEXTAREA' || field.tagName === 'INPUT') return { value: (field as HTMLTextAreaElement | HTMLInputElement).value, field };
  return { value: field.textContent ?? '', field };
}

/** Labels from one line of text ("Marke A; Marke C"; a dropdown may use commas). */
function splitLabels(text: string, separator: RegExp): Labels {
  return text
    .split(separator)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function labelOf(el: Element): string {
  if (el.tagName === 'INPUT') {
    const input = el as HTMLInputElement;
    const label = input.labels?.[0] ?? input.closest('label');
    const text = label ? ownText(label) : '';
    return text.trim() || input.getAttribute('aria-label') || input.value;
  }
  return el.getAttribute('aria-label') || ownText(el).trim();
}

/** Text of an element without the text of buttons inside it (a chip's "remove ×"), and
 *  without labels when `skipLabels`. */
function ownText(el: Element, skipLabels = false): string {
  let out = '';
  for (const node of Array.from(el.childNodes)) {
    if (node.nodeType === 3) out += node.textContent ?? '';
    else if (node.nodeType === 1) {
      const child = node as Element;
      if (child.matches(NOT_LABEL_TEXT)) continue;
      if (skipLabels && child.matches('label')) continue;
      out += ownText(child, skipLabels);
    }
  }
  return out.replace(/\s+/g, ' ');
}

function uniqueLabels(labels: string[]): Labels {
  const seen = new Set<string>();
  return labels.filter((l) => {
    const key = normalizeText(l);
    if (key === '' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function firstHTMLElement(root: Element, css: string): HTMLElement | null {
  const el = root.querySelector(css);
  return el && isHTMLElement(el) ? el : null;
}

// -------------------------------------------------------------------------------------------
// What the properties held before this edit

/** A property's value before the edit: as last displayed, and as the control first showed it. */
export interface Baseline<V> {
  displayed: V | null;
  /** The displayed value's text (for the blocks: labels joined as HubSpot shows them). */
  displayedText?: string | null;
  initial: V | null;
}

/**
 * Remembers, per property, the value shown while it displayed and the control's first value after
 * it switched from display to edit mode (before the user could touch it). Feed it every reading.
 * A row first seen already in edit mode gets no baseline: its value may hold the user's changes.
 */
export class Baselines {
  readonly block = new PropertyBaseline<Labels>();
  readonly reason = new PropertyBaseline<string>();

  observe(state: SidebarState): void {
    this.block.observe(state.block);
    this.reason.observe(state.reason);
  }
}

export class PropertyBaseline<V> implements Baseline<V> {
  displayed: V | null = null;
  displayedText: string | null = null;
  initial: V | null = null;
  private last: 'display' | 'editing' | null = null;

  observe(p: PropertyState<V>): void {
    if (p.mode === 'display') {
      this.displayed = p.value;
      this.displayedText = p.text;
      this.initial = null;
      this.last = 'display';
    } else if (p.mode === 'editing') {
      if (this.last === 'display') this.initial = p.value;
      this.last = 'editing';
    }
    // absent (folded, re-rendering) and unknown: keep what was known
  }
}

// -------------------------------------------------------------------------------------------
// The decision

export type SaveDecision =
  | { verdict: 'allow'; why: 'blocks-not-edited' | 'blocks-unchanged' | 'reason-given' }
  | { verdict: 'stop'; why: 'reason-missing' | 'reason-blank' | 'reason-unchanged' | 'reason-shortened' | 'blocks-unreadable' | 'reason-unreadable' };

/**
 * May HubSpot's sidebar Save go through?
 * - The reason log is never shortened: while the reason is being edited, its new text must keep
 *   the stored text (earlier entries neither deleted nor altered; whitespace does not count),
 *   whatever else the save changes.
 * - Only a save that changes the SET of blocked brands needs a reason: the reason property in edit
 *   mode, changed, not blank (lifting a block is a change too). Anything else is HubSpot's business.
 * - Fail closed: while the block property is being edited and its picked brands cannot be read,
 *   the guard cannot tell a change from none, so the save stops (the panel works via the API).
 */
export function decideSave(state: SidebarState, baseline: { block: Baseline<Labels>; reason: Baseline<string> }): SaveDecision {
  const { block, reason } = state;
  if (reason.mode === 'editing' && reason.value !== null && !keepsStoredText(reason.value, baseline.reason)) {
    return { verdict: 'stop', why: 'reason-shortened' };
  }
  if (block.mode !== 'editing') return { verdict: 'allow', why: 'blocks-not-edited' };
  if (block.value === null) return { verdict: 'stop', why: 'blocks-unreadable' };
  if (!blocksChanged(block.value, baseline.block)) return { verdict: 'allow', why: 'blocks-unchanged' };
  if (reason.mode !== 'editing') return { verdict: 'stop', why: 'reason-missing' };
  if (reason.value === null) return { verdict: 'stop', why: 'reason-unreadable' };
  if (reason.value.trim() === '') return { verdict: 'stop', why: 'reason-blank' };
  if (!reasonChanged(reason.value, baseline.reason)) return { verdict: 'stop', why: 'reason-unchanged' };
  return { verdict: 'allow', why: 'reason-given' };
}

/**
 * Changed unless the set of labels equals every known baseline: the control's first reading, and
 * what the row displayed (compared with its text, so a label holding "; " is no problem). No
 * baseline at all counts as changed.
 */
export function blocksChanged(value: Labels, baseline: Baseline<Labels>): boolean {
  const text = baseline.displayedText ?? null;
  const known: boolean[] = [];
  if (text !== null) known.push(displaysAs(value, text));
  else if (baseline.displayed !== null) known.push(sameLabels(baseline.displayed, value));
  if (baseline.initial !== null) known.push(sameLabels(baseline.initial, value));
  if (known.length === 0) return true;
  return known.some((same) => !same);
}

/**
 * Whether a set of labels, in some order, joined by ";" (spaces around it do not count), is the
 * displayed text: how HubSpot shows a multi-checkbox value.
 */
export function displaysAs(labels: Labels, text: string): boolean {
  const wanted = [...new Set(labels.map(normalizeText))].filter((l) => l !== '');
  const target = normalizeText(text);
  if (wanted.length === 0) return target === '';
  // Longest first: a label that is the start of another is tried last.
  wanted.sort((a, b) => b.length - a.length);
  const used = new Array<boolean>(wanted.length).fill(false);
  const from = (pos: number, left: number): boolean => {
    if (left === 0) return pos === target.length;
    for (let i = 0; i < wanted.length; i++) {
      if (used[i] || !target.startsWith(wanted[i]!, pos)) continue;
      let next = pos + wanted[i]!.length;
      if (left > 1) {
        const sep = /^ ?; ?/.exec(target.slice(next));
        if (!sep) continue;
        next += sep[0].length;
      }
      used[i] = true;
      if (from(next, left - 1)) return true;
      used[i] = false;
    }
    return false;
  };
  return from(0, wanted.length);
}

/** A new reason differs from every known earlier text (whitespace does not count). */
export function reasonChanged(value: string, baseline: Baseline<string>): boolean {
  const known = [baseline.displayed, baseline.initial].filter((b): b is string => b !== null);
  const now = collapse(value);
  return known.every((b) => collapse(b) !== now);
}

/**
 * The stored reason text is still there, unchanged, at the start or the end of the new text (a
 * new entry goes below or above the log); whitespace does not count. Checked against every known
 * baseline (as displayed, and as the control first showed it): a wrong read stops a save, it never
 * lets the log shrink. Unknown stored text: nothing to compare, kept.
 */
export function keepsStoredText(value: string, baseline: Baseline<string>): boolean {
  const now = collapse(value);
  return [baseline.displayed, baseline.initial].every((stored) => {
    if (stored === null) return true;
    const before = collapse(stored);
    return before === '' || now.startsWith(before) || now.endsWith(before);
  });
}

/** The same SET of labels (order, case, repeated spaces and duplicates do not count). */
export function sameLabels(a: Labels, b: Labels): boolean {
  const sa = new Set(a.map(normalizeText));
  const sb = new Set(b.map(normalizeText));
  if (sa.size !== sb.size) return false;
  for (const x of sa) if (!sb.has(x)) return false;
  return true;
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

// -------------------------------------------------------------------------------------------
// Can the guard see what it needs?

/**
 * The block property is being edited but the guard cannot read what it needs to judge a save
 * (the picked brands, or the reason beside them): every Save of the sidebar stops until the edit
 * ends, and the status says so. Saves without the block property are not touched.
 */
export function failsClosed(state: SidebarState): boolean {
  const { block, reason } = state;
  return block.mode === 'editing' && (block.value === null || (reason.mode === 'editing' && reason.value === null));
}

/**
 * rows: the properties' rows are not there (and their section is not simply folded);
 * mode: a row shows neither its value nor an edit control;
 * unreadable: the reason is being edited (the blocks are not) and its text cannot be read;
 * save-button: the blocks were changed but no Save is in the sidebar;
 * root: a surface opened on demand (the preview panel) was asked for but none of its hooks matched.
 * A block editor that cannot be read is no problem of this kind: the guard fails closed then
 * (failsClosed), it is not off.
 */
export type GuardProblem = 'root' | 'rows' | 'mode' | 'unreadable' | 'save-button';

export function findProblem(
  state: SidebarState,
  root: ParentNode,
  props: GuardedProperties & { saveButtonLabels: readonly string[] },
  baseline: { block: Baseline<Labels> },
  saveButton: (labels: readonly string[]) => HTMLElement | null = (labels) => findSaveButton(root, labels).button,
): GuardProblem | null {
  const { block, reason } = state;
  if (block.mode === 'absent' && reason.mode === 'absent') return state.sectionCollapsed ? null : 'rows';
  if (block.mode === 'absent' || reason.mode === 'absent') return 'rows';
  if (block.mode === 'unknown' || reason.mode === 'unknown') return 'mode';
  if (failsClosed(state)) return null;
  if (reason.mode === 'editing' && reason.value === null) return 'unreadable';
  if (block.mode === 'editing' && block.value !== null && blocksChanged(block.value, baseline.block)) {
    if (!saveButton(props.saveButtonLabels)) return 'save-button';
  }
  return null;
}
