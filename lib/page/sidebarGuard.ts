// HubSpot's own sidebar Save, seen from the DOM (issue 3): what the two block properties show or
// hold right now, what they held before the edit began, and whether a Save may go through.
//
// Everything here is synchronous and reads the DOM only (no writes, no extension APIs), so the
// guard can decide inside the click or key event that would save, without delaying a save that
// does not touch the blocks. The wiring (listeners, observer, message) is
// entrypoints/hubspot.content/features/sidebar-guard.ts.
//
// Values are compared as the page shows them: option LABELS for the multi-select (the display
// shows labels, so does a chip), text for the reason. A read that cannot be trusted counts as
// "changed" (the user is asked for a reason), never as "unchanged".
import { DEFAULT_SECTION_TITLES } from './anchor';
import {
  findAll,
  findFirst,
  findInside,
  findSaveButton,
  findSectionHeader,
  normalizeText,
  SELECTORS,
} from './selectors';

export interface GuardedProperties {
  /** Internal name of the multi-select block property ("post_sperre_marken"). */
  blockProperty: string;
  /** Internal name of the free-text reason property ("grund_post_sperre"). */
  reasonProperty: string;
  /** Title of the sidebar section holding them (to tell a folded section from a changed layout). */
  sectionTitles?: readonly string[];
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
}

/** Picked brands as the page labels them, in page order. */
export type Labels = readonly string[];

export interface SidebarState {
  block: PropertyState<Labels>;
  reason: PropertyState<string>;
  /** The section holding the properties is folded (its rows are not rendered: nothing to edit). */
  sectionCollapsed: boolean;
}

const ABSENT = { mode: 'absent', row: null, display: null, control: null, field: null, value: null } as const;

/** Reads both properties' rows from the left sidebar (or `root` when HubSpot shows none). */
export function readSidebar(root: ParentNode, props: GuardedProperties): SidebarState {
  const scope = findFirst(root, SELECTORS.leftSidebar)?.element ?? root;
  const block = readProperty(scope, props.blockProperty, readPicked, displayedLabels);
  const reason = readProperty(scope, props.reasonProperty, (control, row) => readText(control, row, props.reasonProperty), displayedText);
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
  readControl: (control: Element, row: Element) => { value: V | null; field: HTMLElement | null },
  readDisplay: (display: Element) => V,
): PropertyState<V> {
  // A property can sit in two cards ("About this contact" and a custom one): the row being
  // edited is the one that counts.
  const rows = findAll(scope, SELECTORS.propertyRow(name));
  if (rows.length === 0) return { ...ABSENT };
  const states = rows.map((row) => readRow(row, name, readControl, readDisplay));
  return states.find((s) => s.mode === 'editing') ?? states.find((s) => s.mode === 'display') ?? states[0]!;
}

function readRow<V>(
  row: Element,
  name: string,
  readControl: (control: Element, row: Element) => { value: V | null; field: HTMLElement | null },
  readDisplay: (display: Element) => V,
): PropertyState<V> {
  const control = findInside(row, SELECTORS.propertyEditControl(name))?.element;
  if (control) {
    const { value, field } = readControl(control, row);
    return { mode: 'editing', row, display: null, control, field, value };
  }
  const display = findInside(row, SELECTORS.propertyDisplay(name))?.element;
  if (display && isHTMLElement(display)) {
    return { mode: 'display', row, display, control: null, field: null, value: readDisplay(display) };
  }
  return { mode: 'unknown', row, display: null, control: null, field: null, value: null };
}

/** HubSpot shows an empty property as "--" (*unverified*, as in the fake). */
const EMPTY_DISPLAY = new Set(['', '--', '—', '-']);

/** The reason as displayed. */
function displayedText(display: Element): string {
  const text = (display.textContent ?? '').trim();
  return EMPTY_DISPLAY.has(text) ? '' : text;
}

/** The block property as displayed: option labels joined by "; " (*unverified*, as in the fake). */
function displayedLabels(display: Element): Labels {
  const text = (display.textContent ?? '').trim();
  return EMPTY_DISPLAY.has(text) ? [] : splitLabels(text, /;/);
}

function readPicked(control: Element): { value: Labels | null; field: HTMLElement | null } {
  const field = firstHTMLElement(control, 'input[type="search"], input:not([type]), input[type="text"], input[type="checkbox"], [role="combobox"]');
  const picked = findAll(control, SELECTORS.multiSelectSelected);
  if (picked.length > 0) return { value: uniqueLabels(picked.map(labelOf)), field };
  // Nothing picked (options or chips are there, none picked), or a control that only shows its
  // value as text (a dropdown button). An empty control with neither is unreadable: its options
  // may live in a popover elsewhere, so "nothing picked" cannot be told from "cannot see".
  const hasOptions = control.querySelector('input[type="checkbox"], [role="option"], [role="menuitemcheckbox"], [role="checkbox"], [data-test-id="multiselect-tag"]');
  if (hasOptions) return { value: [], field };
  const text = ownText(control).trim();
  if (text === '') return { value: null, field };
  return { value: EMPTY_DISPLAY.has(text) ? [] : splitLabels(text, /[;,]/), field: field ?? (isHTMLElement(control) ? control : null) };
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

/** Text of an element without the text of buttons inside it (a chip's "remove ×"). */
function ownText(el: Element): string {
  let out = '';
  for (const node of Array.from(el.childNodes)) {
    if (node.nodeType === 3) out += node.textContent ?? '';
    else if (node.nodeType === 1) {
      const child = node as Element;
      if (child.matches('button, [role="button"], [aria-hidden="true"], input, svg')) continue;
      out += ownText(child);
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

function isHTMLElement(el: Element): el is HTMLElement {
  return 'focus' in el && 'click' in el;
}

// -------------------------------------------------------------------------------------------
// What the properties held before this edit

/** A property's value before the edit: as last displayed, and as the control first showed it. */
export interface Baseline<V> {
  displayed: V | null;
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
  initial: V | null = null;
  private last: 'display' | 'editing' | null = null;

  observe(p: PropertyState<V>): void {
    if (p.mode === 'display') {
      this.displayed = p.value;
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
  | { verdict: 'allow'; why: 'blocks-not-edited' | 'blocks-unchanged' | 'reason-given' | 'unreadable' }
  | { verdict: 'stop'; why: 'reason-missing' | 'reason-blank' | 'reason-unchanged' };

/**
 * May HubSpot's sidebar Save go through? Only a save that changes the block property needs a
 * reason: the reason property in edit mode, changed, not blank (docs/domain.md rule 2; lifting a block
 * is a change too). Anything else is HubSpot's business. When the block control cannot be read
 * at all the guard cannot judge: "unreadable" lets the save through and the status says the
 * sidebar is not guarded.
 */
export function decideSave(state: SidebarState, baseline: { block: Baseline<Labels>; reason: Baseline<string> }): SaveDecision {
  const { block, reason } = state;
  if (block.mode !== 'editing') return { verdict: 'allow', why: 'blocks-not-edited' };
  if (block.value === null) return { verdict: 'allow', why: 'unreadable' };
  if (!blocksChanged(block.value, baseline.block)) return { verdict: 'allow', why: 'blocks-unchanged' };
  if (reason.mode !== 'editing') return { verdict: 'stop', why: 'reason-missing' };
  if (reason.value === null) return { verdict: 'allow', why: 'unreadable' };
  if (reason.value.trim() === '') return { verdict: 'stop', why: 'reason-blank' };
  if (!reasonChanged(reason.value, baseline.reason)) return { verdict: 'stop', why: 'reason-unchanged' };
  return { verdict: 'allow', why: 'reason-given' };
}

/** Changed unless it equals every known baseline; no baseline at all counts as changed. */
export function blocksChanged(value: Labels, baseline: Baseline<Labels>): boolean {
  const known = [baseline.displayed, baseline.initial].filter((b): b is Labels => b !== null);
  if (known.length === 0) return true;
  return known.some((b) => !sameLabels(b, value));
}

/** A new reason differs from every known earlier text (whitespace does not count). */
export function reasonChanged(value: string, baseline: Baseline<string>): boolean {
  const known = [baseline.displayed, baseline.initial].filter((b): b is string => b !== null);
  const now = collapse(value);
  return known.every((b) => collapse(b) !== now);
}

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
 * rows: the properties' rows are not there (and their section is not simply folded);
 * mode: a row shows neither its value nor an edit control;
 * unreadable: an edit control whose value cannot be read;
 * save-button: the blocks were changed but no Save is in the sidebar.
 */
export type GuardProblem = 'rows' | 'mode' | 'unreadable' | 'save-button';

export function findProblem(state: SidebarState, root: ParentNode, props: GuardedProperties & { saveButtonLabels: readonly string[] }, baseline: { block: Baseline<Labels> }): GuardProblem | null {
  const { block, reason } = state;
  if (block.mode === 'absent' && reason.mode === 'absent') return state.sectionCollapsed ? null : 'rows';
  if (block.mode === 'absent' || reason.mode === 'absent') return 'rows';
  if (block.mode === 'unknown' || reason.mode === 'unknown') return 'mode';
  if ((block.mode === 'editing' && block.value === null) || (reason.mode === 'editing' && reason.value === null)) return 'unreadable';
  if (block.mode === 'editing' && block.value !== null && blocksChanged(block.value, baseline.block)) {
    if (!findSaveButton(root, props.saveButtonLabels).button) return 'save-button';
  }
  return null;
}
