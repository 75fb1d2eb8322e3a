// The one module that knows HubSpot's DOM (docs/hubspot-dom.md says what each hook rests on).
//
// Every hook is a list of alternatives, strongest first: HubSpot's own test attributes
// (`data-test-id`, `data-selenium-test`), then weaker structural ones. Each says when it was
// last seen and why it is there. Class names are generated per HubSpot build: never used here.
// When no alternative matches, callers get a SelectorError naming the hook and say so in the
// panel (practice 4) instead of silently doing nothing.
//
// Sources: public extensions and scripts that read HubSpot's record page (collected 2026-11 and
// 2026-12, not tried on a live portal), among them a record-page extension for card types,
// direct-child rows and the per-row marker. Its lesson, kept below: a bare `data-test-id="{name}"` is ambiguous on that
// page ("deals", "contacts" on the nav; "badge", "dropdown-caret" nested inside a row's value),
// so rows are only trusted as direct children of a properties list.

export interface SelectorAlternative<F extends string = FixturePage> {
  readonly css: string;
  /** Date (YYYY-MM-DD) of the HubSpot page this alternative stands for (last seen or, for an
   *  `assumed` one, the fixture date it was written against). */
  readonly seen: string;
  readonly note?: string;
  /** Where it comes from: public code that reads HubSpot's page (an extension, a user script, a
   *  test suite), or our own assumption (nothing public names that hook; the fake carries it). */
  readonly source?: 'public code' | 'public extension' | 'assumed';
  /**
   * Exactly the fixture pages this alternative matches (and no other), checked in real Chromium
   * by test/e2e/selectors.e2e.ts for German and English. See FixturePage.
   */
  readonly fixtures?: readonly F[];
}
export type Alternatives<F extends string = FixturePage> = readonly SelectorAlternative<F>[];
/** Alternatives of any fixture set (what the finders accept). */
export type AnyAlternatives = readonly SelectorAlternative<string>[];

/**
 * The pages the contract test loads (refined-github style: each selector names where it must
 * match):
 * - `record`: the fake HubSpot's contact record page as of FIXTURE_DATE (test/support/page-fixtures.ts), sidebar in display mode:
 *   the element carrying the mode attribute holds the property's label and its value, the value
 *   in its own element;
 * - `record-edit`: the same after clicking "Post Sperre Marken" and "Grund Post Sperre" (both in
 *   edit mode, a brand search typed, the Save/Cancel bar shown);
 * - `record-2026-11-28`, `record-2026-11-28-edit`: the same pages as the fake drew them on
 *   2026-11-28 (`?variant=2026-11-28`): the label outside the element carrying the mode attribute;
 * - `renamed`, `renamed-edit`: the same with `?variant=renamed`, a synthetic release that renamed
 *   the property hooks (list, rows, mode attribute, controls, tags) and moved the card id to its
 *   older attribute. Only the column, card and header hooks may match there;
 * - `fallbacks`: test/fake-hubspot/fixtures/2026-11-28-fallbacks.html, hand-written, holding the
 *   weaker structures the fallbacks exist for;
 * - `record-2026-12-06-edit`: the edit page with HubSpot's own multi-select as its public 2021
 *   front-end code renders it (`?variant=2026-12-06`): a button anchor holding one UITag per
 *   picked value, the options in a popover under <body> where aria-selected marks the keyboard
 *   highlight only.
 */
export type FixturePage = 'record' | 'record-edit' | 'record-2026-11-28' | 'record-2026-11-28-edit' | 'renamed' | 'renamed-edit' | 'fallbacks' | 'record-2026-12-06-edit';

/** The facts collected 2026-11 from public code; none was checked on a live portal since. */
const SEEN = '2026-11-28';
/** Read again in public code on 2026-12-05: the mode element holds the label too. */
const SEEN_LABEL = '2026-12-05';
/** HubSpot's own multi-select, read in its public 2021 front-end code on 2026-12-06. */
const SEEN_PICKER = '2026-12-06';

const LIST = 'ul[data-selenium-test="profile-properties-list"]';
const LIST_ANY_TAG = '[data-selenium-test="profile-properties-list"]';
const MODE = (mode: 'display' | 'edit' | 'input') => `[data-deferred-property-input-mode="${mode}"]`;

const DISPLAY: readonly FixturePage[] = ['record', 'record-2026-11-28'];
const EDIT_CHIPS: readonly FixturePage[] = ['record-edit', 'record-2026-11-28-edit'];
/** HubSpot's own multi-select (UITag tags, options in a popover). */
const PICKER: readonly FixturePage[] = ['record-2026-12-06-edit'];
const EDIT: readonly FixturePage[] = [...EDIT_CHIPS, ...PICKER];
const CURRENT: readonly FixturePage[] = [...DISPLAY, ...EDIT];
const RENAMED: readonly FixturePage[] = ['renamed', 'renamed-edit'];
const ALL_LIVE: readonly FixturePage[] = [...CURRENT, ...RENAMED];

/** Escapes text for use inside a quoted CSS attribute value. */
export function cssEscape(value: string): string {
  const native = (globalThis as { CSS?: { escape?: (v: string) => string } }).CSS?.escape;
  return typeof native === 'function' ? native(value) : cssEscapeFallback(value);
}

/**
 * For runtimes without `CSS.escape` (Node): every character outside [A-Za-z0-9_-] and
 * non-ASCII as a hex escape. Valid inside quoted strings and identifiers alike.
 */
export function cssEscapeFallback(value: string): string {
  let out = '';
  for (const ch of value) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp === 0) out += '\uFFFD';
    else if (/[A-Za-z0-9_-]/.test(ch) || cp >= 0x80) out += ch;
    else out += `\\${cp.toString(16)} `;
  }
  return out;
}

function propertyInput(name: string): string {
  return `[data-selenium-test="property-input-${cssEscape(name)}"]`;
}

function rowSelectors(name: string): [strong: string, anyTag: string, weak: string] {
  const n = cssEscape(name);
  return [
    `${LIST} > span[data-test-id="${n}"]`,
    `${LIST_ANY_TAG} > [data-test-id="${n}"]`,
    `[data-test-id="${n}"]:has(${propertyInput(name)})`,
  ];
}

export const SELECTORS = {
  /** The record page's left column (properties cards, "DSGVO Sperren", the Save/Cancel bar). */
  leftSidebar: [
    { css: '[data-test-id="left-sidebar"]', seen: SEEN, source: 'public code', fixtures: ALL_LIVE },
    {
      css: '[data-test-id$="left-sidebar"]',
      seen: SEEN,
      note: 'renamed with a prefix, as the right column already is ("records-right-sidebar")',
      fixtures: [...ALL_LIVE, 'fallbacks'],
    },
  ],
  /** Any card holding a properties list: HubSpot's "About this contact" and every admin-built card. */
  propertiesCard: [
    {
      css: '[data-card-type="PROPERTIES_V3"]',
      seen: SEEN,
      source: 'public extension',
      note: 'card type: admin-built cards have numeric data-card-id, so the type is what all share',
      fixtures: CURRENT,
    },
    {
      css: '[data-card-id^="PROPERTIES_V3/"]',
      seen: SEEN,
      source: 'public code',
      note: 'PROPERTIES_V3/0-1/V2 (the default card only)',
      fixtures: CURRENT,
    },
    {
      css: '[data-properties-card-id]',
      seen: SEEN,
      source: 'public extension',
      note: 'older attribute reported by a public extension',
      fixtures: [...RENAMED, 'fallbacks'],
    },
  ],
  propertyList: [
    { css: LIST, seen: SEEN, source: 'public code', fixtures: CURRENT },
    { css: LIST_ANY_TAG, seen: SEEN, note: 'element changed from <ul>', fixtures: [...CURRENT, 'fallbacks'] },
  ],
  /** One property's row inside a properties list. */
  propertyRow: (name: string): Alternatives => {
    const [strong, anyTag, weak] = rowSelectors(name);
    return [
      { css: strong, seen: SEEN, source: 'public code', fixtures: CURRENT },
      { css: anyTag, seen: SEEN, note: 'row or list element changed tag', fixtures: [...CURRENT, 'fallbacks'] },
      {
        css: weak,
        seen: SEEN,
        note: 'list hook gone: a row named after the property that holds its own named control',
        fixtures: [...CURRENT, 'fallbacks'],
      },
    ];
  },
  /** The row's value while it is displayed (not being edited); clicking it opens edit mode. */
  propertyDisplay: (name: string): Alternatives => {
    const [strong, anyTag, weak] = rowSelectors(name);
    return [
      { css: `${strong} ${MODE('display')}`, seen: SEEN, source: 'public code', fixtures: DISPLAY },
      { css: `${anyTag} ${MODE('display')}`, seen: SEEN, note: 'row or list element changed tag', fixtures: [...DISPLAY, 'fallbacks'] },
      { css: `${weak} ${MODE('display')}`, seen: SEEN, note: 'list hook gone', fixtures: [...DISPLAY, 'fallbacks'] },
    ];
  },
  /**
   * The displayed value's own element, inside the displayed block. Never read the block's whole
   * text: it holds the property's label too. An empty value ("--") has no such element; then the
   * reader takes the block's text minus its label's (propertyDisplayLabel).
   */
  propertyValue: (name: string): Alternatives => [
    {
      css: `${MODE('display')} ${propertyInput(name)}`,
      seen: SEEN_LABEL,
      source: 'public code',
      note: 'property-input-{name} names the value while displaying, the control while editing',
      fixtures: [...DISPLAY, 'fallbacks'],
    },
  ],
  /** The property's label inside the displayed block (subtracted from the block's text). */
  propertyDisplayLabel: [
    {
      css: `${MODE('display')} label`,
      seen: SEEN_LABEL,
      source: 'public code',
      note: 'a user script reads a property as "the block\'s text minus its label\'s"',
      fixtures: ['record', 'record-edit', ...PICKER],
    },
  ],
  /**
   * The row's control while it is being edited. `property-input-{name}` alone is not enough: the
   * same attribute sits on the value span while the row only displays.
   */
  propertyEditControl: (name: string): Alternatives => {
    const input = propertyInput(name);
    const [strong, anyTag] = rowSelectors(name);
    const editing = [MODE('edit'), MODE('input')];
    return [
      {
        css: editing.flatMap((mode) => [`${mode} ${input}`, `${mode}${input}`]).join(', '),
        seen: SEEN,
        source: 'public extension',
        note: 'the named control inside (or on) an element in edit or input mode ("input" for dropdowns)',
        fixtures: EDIT,
      },
      {
        css: [strong, anyTag].flatMap((row) => editing.map((mode) => `${row} ${mode}`)).join(', '),
        seen: SEEN,
        note: 'named control gone: the row part in edit or input mode',
        fixtures: [...EDIT, 'fallbacks'],
      },
      {
        css: ['input', 'textarea', 'select', 'button', '[role="button"]', '[role="combobox"]', '[role="group"]', '[contenteditable="true"]']
          .map((tag) => `${tag}${input}`)
          .join(', '),
        seen: SEEN,
        note: "mode attribute gone: the named element when it is a control (a public extension saw a <button> for dropdowns; HubSpot's own select anchor is a div role=button)",
        fixtures: [...EDIT, 'fallbacks'],
      },
    ];
  },
  /**
   * The free-text field of a property being edited (the reason): the named control itself when
   * it is a textarea or input, else a text field inside it. Search it from the edit control.
   */
  propertyTextInput: (name: string): Alternatives => {
    const input = propertyInput(name);
    return [
      {
        css: `textarea${input}, input${input}`,
        seen: SEEN,
        source: 'public code',
        note: 'the control is the field (property-input-{name} is the control while editing)',
        fixtures: EDIT,
      },
      {
        css: `${input} textarea, ${input} input:not([type]), ${input} input[type="text"], ${input} [contenteditable="true"], ${input} [role="textbox"]`,
        seen: SEEN,
        note: 'the named control wraps the field',
        fixtures: ['fallbacks'],
      },
      {
        css: `${MODE('edit')} textarea, ${MODE('input')} textarea, ${MODE('edit')} [role="textbox"]`,
        seen: SEEN,
        note: 'named control gone: a text area in the part being edited (search from the row)',
        fixtures: [...EDIT, 'fallbacks'],
      },
    ];
  },
  /**
   * The options picked in a multi-select (checkbox) control being edited, e.g. "Post Sperre
   * Marken". Search them from the edit control. Chips first: a search-as-you-type list may render
   * only the options that match the search, so its checkboxes can miss picked ones.
   */
  multiSelectSelected: [
    {
      css: '[data-component-name="UITag"]',
      seen: SEEN_PICKER,
      source: 'public code',
      note: "HubSpot's own select (2021 front-end code, PropertyInputEnumMulti → UISelect multi): one UITag per picked value, its text the option's label",
      fixtures: PICKER,
    },
    {
      css: '[data-test-id="multiselect-tag"]',
      seen: SEEN,
      source: 'assumed',
      note: 'one chip per picked option (assumed hook: nothing public names it)',
      fixtures: EDIT_CHIPS,
    },
    {
      css: '[role="menuitemcheckbox"][aria-checked="true"], [role="checkbox"][aria-checked="true"]',
      seen: SEEN_PICKER,
      note: 'ARIA: checked items of a menu or group (only those rendered). Never aria-selected: HubSpot moves it with the keyboard highlight',
      fixtures: ['fallbacks'],
    },
    {
      css: 'input[type="checkbox"]:checked',
      seen: SEEN,
      note: 'checked native checkboxes (only those rendered)',
      fixtures: [...EDIT, 'renamed-edit', 'fallbacks'],
    },
  ],
  /**
   * Where HubSpot's sidebar Save/Cancel bar appears after an edit. The bar has no hook of its own
   * known): the Save button is found inside this scope by its label (settings
   * `saveButtonLabels`, "Speichern"/"Save"), see findSaveButton. Never the whole page: the middle
   * pane has Save buttons of its own (notes, tasks).
   */
  saveBarScope: [
    { css: '[data-test-id="left-sidebar"]', seen: SEEN, source: 'public code', note: 'the bar is part of the left column', fixtures: ALL_LIVE },
    { css: '[data-test-id$="left-sidebar"]', seen: SEEN, note: 'column renamed with a prefix', fixtures: [...ALL_LIVE, 'fallbacks'] },
  ],
  /**
   * Card and section headers. No stable hook is known: these are candidates, and
   * findSectionHeader picks the one whose text is the section title (e.g. "DSGVO Sperren").
   */
  sectionHeader: [
    {
      css: '[data-card-type] button[aria-expanded], [data-card-id] button[aria-expanded]',
      seen: SEEN,
      note: 'collapsible card header ("DSGVO Sperren" is folded by default, per the wiki page)',
      fixtures: CURRENT,
    },
    { css: '[role="heading"], h1, h2, h3, h4, h5, h6', seen: SEEN, note: 'heading semantics', fixtures: [...ALL_LIVE, 'fallbacks'] },
    { css: 'button[aria-expanded]', seen: SEEN, note: 'any disclosure toggle', fixtures: [...ALL_LIVE, 'fallbacks'] },
  ],
} as const satisfies Record<string, Alternatives | ((name: string) => Alternatives)>;

/**
 * The pages of HubSpot's other edit surfaces the contract test loads (test/e2e/surfaces.e2e.ts,
 * German and English): the record page (`record`, none of these may match there but the
 * all-properties opener's page), the contacts index (`contacts-index`), the same with the record
 * preview panel open (`preview`), a segment's records with the preview open (`segment-preview`),
 * the record page with "All properties" open as a modal (`all-properties`), the 2021 page of its
 * own (`all-properties-page`), and the contacts index with the bulk edit dialog open on the block
 * property (`bulk-edit`).
 */
export type SurfaceFixture = 'record' | 'contacts-index' | 'preview' | 'segment-preview' | 'all-properties' | 'all-properties-page' | 'bulk-edit';

export interface SurfaceAlternative extends SelectorAlternative<SurfaceFixture> {
  readonly fixtures: readonly SurfaceFixture[];
}

/** HubSpot's 2021 front-end code (a public copy) and a public record-page extension, read 2026-12-06. */
const SEEN_SURFACES = '2026-12-06';
const BULK_DIALOG = '[role="dialog"]:has(#bulk-edit-property-select)';

/** Hooks of HubSpot's other edit surfaces (docs/hubspot-dom.md, "Other edit surfaces"). */
export const SURFACE_SELECTORS = {
  /** The row's "Preview" button of a table of records (contacts index, a segment's records). */
  previewOpener: [
    {
      css: '[data-selenium-test="table-preview-click-button"]',
      seen: SEEN_SURFACES,
      source: 'public code',
      note: "HubSpot's 2021 PreviewClickButton",
      fixtures: ['contacts-index', 'preview', 'segment-preview', 'bulk-edit'],
    },
  ],
  /** The record preview panel (opened without a URL change). */
  previewPanel: [
    { css: '[data-selenium-test="preview-sidebar"]', seen: SEEN_SURFACES, source: 'assumed', note: 'nothing public names its root', fixtures: ['preview', 'segment-preview'] },
    {
      css: '[role="dialog"]:has(ul[data-selenium-test="profile-properties-list"])',
      seen: SEEN_SURFACES,
      note: 'structural: a dialog holding a properties list as the record sidebar draws it',
      fixtures: ['preview', 'segment-preview'],
    },
  ],
  /** Any property row of the preview panel (the sidebar's rows): none in an open panel means its rows are not recognised. */
  previewAnyRow: [
    {
      css: 'ul[data-selenium-test="profile-properties-list"] > span[data-test-id]',
      seen: SEEN_SURFACES,
      source: 'public code',
      note: "the sidebar's rows (direct children of the properties list); searched inside the panel",
      fixtures: ['record', 'preview', 'segment-preview', 'all-properties'],
    },
  ],
  /** "View all properties": the modal of newer HubSpot, and the panel of the 2021 page. */
  allPropertiesPanel: [
    { css: '[data-test-id="all-properties-panel"]', seen: SEEN_SURFACES, source: 'public extension', fixtures: ['all-properties', 'all-properties-page'] },
  ],
  /** One property's row in the all-properties panel: the row's own test id names the property. */
  allPropertiesRow: (name: string): readonly SurfaceAlternative[] => [
    {
      css: `[data-test-id="all-properties-panel"] [data-test-id="property-input-${cssEscape(name)}"]`,
      seen: SEEN_SURFACES,
      source: 'public extension',
      note: 'the row is the prefixed node itself (no list, no per-row marker)',
      fixtures: ['all-properties', 'all-properties-page'],
    },
  ],
  /**
   * A property's displayed block inside a row of a surface whose rows are not the sidebar's (the
   * all-properties panel): the element carrying the mode attribute, as in the sidebar.
   */
  surfaceRowDisplay: (_name: string): readonly SurfaceAlternative[] => [
    {
      css: '[data-deferred-property-input-mode="display"]',
      seen: SEEN_SURFACES,
      source: 'assumed',
      note: 'the same property block as in the record sidebar (nothing public shows the panel row\'s inside)',
      fixtures: ['record', 'preview', 'segment-preview', 'all-properties', 'all-properties-page'],
    },
  ],
  /** Any property row of the all-properties panel: none in an open panel means its rows are not recognised. */
  allPropertiesAnyRow: [
    {
      css: '[data-test-id="all-properties-panel"] [data-test-id^="property-input-"]',
      seen: SEEN_SURFACES,
      source: 'public extension',
      fixtures: ['all-properties', 'all-properties-page'],
    },
  ],
  /** The bulk action "Edit" of the contacts index. */
  bulkEditOpener: [
    { css: '[data-selenium-test="bulk-action-edit"]', seen: SEEN_SURFACES, source: 'public code', note: "HubSpot's 2021 bulk actions", fixtures: ['contacts-index', 'preview', 'bulk-edit'] },
  ],
  /** The bulk edit dialog: the dialog that holds the property select. */
  bulkEditDialog: [{ css: BULK_DIALOG, seen: SEEN_SURFACES, source: 'public code', note: 'BulkEditDialog: select id bulk-edit-property-select', fixtures: ['bulk-edit'] }],
  /** The chosen property's input in the bulk edit dialog (property-input-{name}, as on the record). */
  bulkEditPropertyInput: (name: string): readonly SurfaceAlternative[] => [
    { css: `${BULK_DIALOG} [data-selenium-test="property-input-${cssEscape(name)}"]`, seen: SEEN_SURFACES, source: 'public code', fixtures: ['bulk-edit'] },
  ],
  /** The dialog's confirm button. */
  bulkEditConfirm: [
    { css: `${BULK_DIALOG} [data-selenium-test="base-dialog-confirm-btn"]`, seen: SEEN_SURFACES, source: 'public code', fixtures: ['bulk-edit'] },
    { css: `${BULK_DIALOG} [data-confirm-button="accept"]`, seen: SEEN_SURFACES, source: 'public code', fixtures: ['bulk-edit'] },
  ],
} as const satisfies Record<string, readonly SurfaceAlternative[] | ((name: string) => readonly SurfaceAlternative[])>;

/** HubSpot's page no longer has what a hook looks for (InboxSDK style). */
export class SelectorError extends Error {
  override readonly name = 'SelectorError';
  constructor(
    /** Hook name, e.g. "propertyRow(post_sperre_marken)". */
    readonly hook: string,
    /** The CSS of every alternative tried, strongest first. */
    readonly tried: readonly string[],
  ) {
    super(`HubSpot page does not match hook "${hook}" (tried: ${tried.join(' | ')})`);
  }
}

export interface Found {
  element: Element;
  alternative: SelectorAlternative<string>;
}

/** The first element of the strongest alternative that matches, and which alternative it was. */
export function findFirst(root: ParentNode, alternatives: AnyAlternatives): Found | null {
  for (const alternative of alternatives) {
    const element = query(root, alternative.css);
    if (element) return { element, alternative };
  }
  return null;
}

/**
 * Every element of the strongest alternative that matches anything (alternatives are not
 * mixed: a weaker one might also catch elements the stronger one rightly leaves out).
 */
export function findAll(root: ParentNode, alternatives: AnyAlternatives): Element[] {
  for (const alternative of alternatives) {
    const elements = queryAll(root, alternative.css);
    if (elements.length > 0) return elements;
  }
  return [];
}

/**
 * HubSpot's Save (or Cancel…) button, which has no stable hook: a visible, enabled button whose
 * trimmed text (whitespace collapsed) equals one of `labels`, case-insensitively. First in
 * document order.
 */
export function findButtonByText(root: ParentNode, labels: readonly string[]): HTMLElement | null {
  const wanted = new Set(labels.map(normalizeText).filter((l) => l !== ''));
  if (wanted.size === 0) return null;
  for (const el of queryAll(root, BUTTON)) {
    if (!isHTMLElement(el)) continue;
    if (!wanted.has(normalizeText(buttonText(el)))) continue;
    if (isDisabled(el) || !isVisible(el)) continue;
    return el;
  }
  return null;
}

const BUTTON = 'button, [role="button"], input[type="submit"], input[type="button"]';

function buttonText(el: Element): string {
  return el.tagName === 'INPUT' ? (el as HTMLInputElement).value : (el.textContent ?? '');
}

/**
 * The button (or button-like element) an event target sits in, when its label is one of `labels`
 * (same matching as findButtonByText; visibility is not checked: it was just used).
 */
export function closestButtonWithText(target: Element, labels: readonly string[]): HTMLElement | null {
  const button = target.closest(BUTTON);
  if (!button || !isHTMLElement(button)) return null;
  const wanted = new Set(labels.map(normalizeText).filter((l) => l !== ''));
  return wanted.has(normalizeText(buttonText(button))) ? button : null;
}

/**
 * HubSpot's sidebar Save after an edit: a button labelled with one of `labels` inside the
 * save-bar scope (the left column), or null. `scope` says whether the column itself was found.
 */
export function findSaveButton(root: ParentNode, labels: readonly string[]): { button: HTMLElement | null; scope: Element | null } {
  const scope = findFirst(root, SELECTORS.saveBarScope)?.element ?? null;
  return { scope, button: scope ? findButtonByText(scope, labels) : null };
}

/**
 * The first element inside `container` (or `container` itself) matching the strongest
 * alternative that matches there. Alternatives may name ancestors of `container` (a row's
 * list): they are matched against the whole document, as the CSS spec's scoped
 * querySelector does and some DOM implementations (happy-dom) do not.
 */
export function findInside(container: Element, alternatives: AnyAlternatives): Found | null {
  const root = container.getRootNode() as ParentNode;
  for (const alternative of alternatives) {
    for (const element of queryAll(root, alternative.css)) {
      if (container === element || container.contains(element)) return { element, alternative };
    }
  }
  return null;
}

/**
 * The header of a card or section whose text is one of `titles` (trimmed, whitespace
 * collapsed, case-insensitive), e.g. "DSGVO Sperren"; strongest alternative first.
 */
export function findSectionHeader(root: ParentNode, titles: string | readonly string[]): Found | null {
  const wanted = new Set((typeof titles === 'string' ? [titles] : titles).map(normalizeText));
  wanted.delete('');
  if (wanted.size === 0) return null;
  for (const alternative of SELECTORS.sectionHeader) {
    for (const element of queryAll(root, alternative.css)) {
      if (wanted.has(normalizeText(element.textContent ?? ''))) return { element, alternative };
    }
  }
  return null;
}

/** What counts as a card (or section) around a row: the card hooks above, or a <section>. */
export const CARD_CONTAINER = '[data-card-type], [data-card-id], [data-properties-card-id], section';

/** The card (or section) an element sits in, or null. */
export function closestCard(element: Element): Element | null {
  return element.closest(CARD_CONTAINER);
}

/**
 * Where the keyboard belongs in a multi-select being edited: its search box, a text field, the
 * first checkbox, a combobox. Searched inside the edit control.
 */
export const PICKER_FOCUS_FIELD = 'input[type="search"], input:not([type]), input[type="text"], input[type="checkbox"], [role="combobox"]';

/**
 * A multi-select control that shows its options (checkboxes, ARIA options) or its chips: when one
 * of these is inside and nothing is picked, the picked set is empty (rather than unreadable).
 * Presence only: `aria-selected` is never read as "picked" (HubSpot's own select moves it with the
 * keyboard highlight).
 */
export const PICKER_PARTS = 'input[type="checkbox"], [role="option"], [role="menuitemcheckbox"], [role="checkbox"], [data-test-id="multiselect-tag"], [data-component-name="UITag"]';

/**
 * Parts of a control whose text is no picked label: buttons (a chip's close "×"), hidden
 * decorations, inputs, icons, and an option list rendered inside the control.
 */
export const NOT_LABEL_TEXT = 'button, [role="button"], [aria-hidden="true"], input, svg, [role="listbox"], [role="option"]';

/**
 * The attributes whose change can turn a property between display and edit, open or fold a
 * section, or rename a hook: the guard re-reads the page when one of them changes.
 */
export const WATCHED_ATTRIBUTES = ['data-deferred-property-input-mode', 'aria-expanded', 'aria-selected', 'aria-checked', 'hidden', 'disabled', 'data-test-id', 'data-selenium-test', 'data-component-name'];

/** Whitespace collapsed, trimmed, lower case: how labels are compared. */
export function normalizeText(s: string): string {
  return s.replace(/\s+/g, ' ').trim().toLowerCase();
}

function query(root: ParentNode, css: string): Element | null {
  try {
    return root.querySelector(css);
  } catch {
    return null; // a selector this browser cannot parse counts as "not found"
  }
}

function queryAll(root: ParentNode, css: string): Element[] {
  try {
    return Array.from(root.querySelectorAll(css));
  } catch {
    return [];
  }
}

/** An HTML element (not SVG or MathML), across realms. */
export function isHTMLElement(el: Element): el is HTMLElement {
  return 'hidden' in el && 'focus' in el && 'click' in el;
}

function isDisabled(el: HTMLElement): boolean {
  if (el.getAttribute('aria-disabled') === 'true') return true;
  if ('disabled' in el && (el as HTMLButtonElement).disabled) return true;
  // A disabled fieldset disables its controls (except inside its first legend).
  const fieldset = el.closest('fieldset[disabled]');
  if (fieldset) {
    const legend = fieldset.querySelector(':scope > legend');
    if (!legend || !legend.contains(el)) return true;
  }
  return false;
}

function isVisible(el: HTMLElement): boolean {
  const view = el.ownerDocument.defaultView;
  const style = view?.getComputedStyle(el);
  if (style && (style.visibility === 'hidden' || style.visibility === 'collapse')) return false;
  for (let node: Element | null = el; node; node = node.parentElement) {
    if (node.hasAttribute('hidden') || node.hasAttribute('inert')) return false;
    if (view && view.getComputedStyle(node).display === 'none') return false;
  }
  return true;
}
