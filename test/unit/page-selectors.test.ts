// Selector hooks against small DOM fragments shaped like HubSpot's contact page
// (docs/hubspot-dom.md). Real Chromium checks against fixture pages live in test/e2e.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  closestCard,
  cssEscape,
  cssEscapeFallback,
  findAll,
  findButtonByText,
  findFirst,
  findSectionHeader,
  SelectorError,
  SELECTORS,
  type Alternatives,
} from '../../lib/page/selectors';
import { findPanelAnchor } from '../../lib/page/anchor';
import { LAYOUT_SELECTORS, requireFirst } from './support/page-selectors';

/** One properties row; mode "display" shows the value, "edit" shows a control. */
function row(name: string, mode: 'display' | 'edit' | 'input', inner?: string): string {
  const control =
    inner ??
    (mode === 'display'
      ? `<span data-selenium-test="property-input-${name}">Wert</span><span data-test-id="badge"></span>`
      : `<textarea data-selenium-test="property-input-${name}"></textarea>`);
  return `<span data-test-id="${name}"><label>${name}</label><span data-test-id="hover-content-wrapper"></span>
    <div data-deferred-property-input-root="true" data-deferred-property-input-mode="${mode}">${control}</div></span>`;
}

const PAGE = `
<nav><a data-test-id="contacts" href="#">Kontakte</a><a data-test-id="deals" href="#">Deals</a></nav>
<div data-test-id="left-sidebar">
  <div data-card-type="PROPERTIES_V3" data-card-id="PROPERTIES_V3/0-1/V2" id="about-card">
    <button aria-expanded="true">Über diesen Kontakt</button>
    <ul data-selenium-test="profile-properties-list">
      ${row('email', 'display')}
      ${row('firstname', 'display')}
    </ul>
  </div>
  <div data-card-type="PROPERTIES_V3" data-card-id="4773" id="dsgvo-card">
    <button aria-expanded="true"><svg></svg><span>  DSGVO
      Sperren </span></button>
    <ul data-selenium-test="profile-properties-list">
      ${row('post_sperre_marken', 'display')}
      ${row('grund_post_sperre', 'edit')}
    </ul>
    <div id="save-bar"><button id="cancel">Abbrechen</button><button id="save">Speichern</button></div>
  </div>
</div>
<div data-test-id="middle-pane" id="middle"></div>
<div data-test-id="records-right-sidebar" id="right"></div>`;

beforeEach(() => {
  document.body.innerHTML = PAGE;
});
afterEach(() => {
  document.body.innerHTML = '';
  vi.unstubAllGlobals();
});

const byId = (id: string) => document.getElementById(id);

describe('the registry', () => {
  const sampleName = 'post_sperre_marken';
  const allHooks: [string, Alternatives][] = Object.entries(SELECTORS).map(([name, hook]) => [
    name,
    typeof hook === 'function' ? hook(sampleName) : hook,
  ]);

  it.each(allHooks)('%s: every alternative is valid CSS, dated, and strongest first', (_name, alternatives) => {
    expect(alternatives.length).toBeGreaterThanOrEqual(1);
    for (const alt of alternatives) {
      expect(() => document.querySelectorAll(alt.css)).not.toThrow();
      expect(alt.seen).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(new Date(`${alt.seen}T00:00:00Z`).toISOString().slice(0, 10)).toBe(alt.seen);
      expect(alt.css).not.toMatch(/\.[a-z][\w-]*__|class=/i); // never generated class names
    }
    expect(new Set(alternatives.map((a) => a.css)).size).toBe(alternatives.length);
  });
});

describe('column and card hooks', () => {
  it('find the three columns', () => {
    expect(findFirst(document, SELECTORS.leftSidebar)?.element.getAttribute('data-test-id')).toBe('left-sidebar');
    expect(findFirst(document, LAYOUT_SELECTORS.middlePane)?.element).toBe(byId('middle'));
    expect(findFirst(document, LAYOUT_SELECTORS.rightSidebar)?.element).toBe(byId('right'));
  });

  it('fall back to a prefixed column name', () => {
    document.body.innerHTML = `<div data-test-id="records-left-sidebar" id="l"></div><div data-test-id="records-middle-pane" id="m"></div><div data-test-id="right-sidebar" id="r"></div>`;
    const left = findFirst(document, SELECTORS.leftSidebar);
    expect(left?.element).toBe(byId('l'));
    expect(left?.alternative).toBe(SELECTORS.leftSidebar[1]);
    expect(findFirst(document, LAYOUT_SELECTORS.middlePane)?.element).toBe(byId('m'));
    expect(findFirst(document, LAYOUT_SELECTORS.rightSidebar)?.element).toBe(byId('r'));
  });

  it('find every properties card, including admin-built ones with numeric ids', () => {
    expect(findAll(document, SELECTORS.propertiesCard)).toEqual([byId('about-card'), byId('dsgvo-card')]);
  });

  it('do not mix alternatives: without the card type, only cards with a PROPERTIES_V3 id', () => {
    for (const card of document.querySelectorAll('[data-card-type]')) card.removeAttribute('data-card-type');
    expect(findAll(document, SELECTORS.propertiesCard)).toEqual([byId('about-card')]);
  });

  it('fall back to the older card attribute', () => {
    document.body.innerHTML = `<div data-properties-card-id="PROPERTIES_V3/0-1/V2" id="c"></div>`;
    expect(findAll(document, SELECTORS.propertiesCard)).toEqual([byId('c')]);
  });

  it('find both property lists', () => {
    expect(findAll(document, SELECTORS.propertyList)).toHaveLength(2);
    document.body.innerHTML = `<div data-selenium-test="profile-properties-list" id="l"></div>`;
    expect(findAll(document, SELECTORS.propertyList)).toEqual([byId('l')]);
  });
});

describe('property hooks', () => {
  it('find the row of a property as a direct child of a properties list', () => {
    const found = findFirst(document, SELECTORS.propertyRow('post_sperre_marken'));
    expect(found?.element.tagName).toBe('SPAN');
    expect(found?.element.getAttribute('data-test-id')).toBe('post_sperre_marken');
    expect(found?.alternative).toEqual(SELECTORS.propertyRow('post_sperre_marken')[0]);
  });

  it('never take nav items or nested ids for a row ("contacts", "badge")', () => {
    expect(findFirst(document, SELECTORS.propertyRow('contacts'))).toBeNull();
    expect(findFirst(document, SELECTORS.propertyRow('deals'))).toBeNull();
    expect(findFirst(document, SELECTORS.propertyRow('badge'))).toBeNull();
    expect(findFirst(document, SELECTORS.propertyRow('hover-content-wrapper'))).toBeNull();
  });

  it('fall back when the list element changes tag, then when the list hook is gone', () => {
    const name = 'post_sperre_marken';
    const html = (list: string) => `<${list}>${row(name, 'display')}</${list.split(' ')[0]}>`;

    document.body.innerHTML = html('div data-selenium-test="profile-properties-list"');
    let found = findFirst(document, SELECTORS.propertyRow(name));
    expect(found?.alternative).toEqual(SELECTORS.propertyRow(name)[1]);
    expect(found?.element.getAttribute('data-test-id')).toBe(name);

    document.body.innerHTML = html('div');
    found = findFirst(document, SELECTORS.propertyRow(name));
    expect(found?.alternative).toEqual(SELECTORS.propertyRow(name)[2]);
    expect(found?.element.getAttribute('data-test-id')).toBe(name);
    expect(findFirst(document, SELECTORS.propertyDisplay(name))?.alternative).toEqual(SELECTORS.propertyDisplay(name)[2]);
  });

  it('find the displayed value only while the row displays', () => {
    const display = findFirst(document, SELECTORS.propertyDisplay('post_sperre_marken'));
    expect(display?.element.getAttribute('data-deferred-property-input-mode')).toBe('display');
    expect(display?.element.textContent).toBe('Wert');
    expect(findFirst(document, SELECTORS.propertyDisplay('grund_post_sperre'))).toBeNull();
  });

  it('find the edit control only while the row is edited (the display span has the same name)', () => {
    const edit = findFirst(document, SELECTORS.propertyEditControl('grund_post_sperre'));
    expect(edit?.element.tagName).toBe('TEXTAREA');
    expect(edit?.alternative).toEqual(SELECTORS.propertyEditControl('grund_post_sperre')[0]);
    expect(findFirst(document, SELECTORS.propertyEditControl('post_sperre_marken'))).toBeNull();
  });

  it('find the edit control in "input" mode and with the mode on the control itself', () => {
    document.body.innerHTML = `<ul data-selenium-test="profile-properties-list">${row('x', 'input')}</ul>`;
    expect(findFirst(document, SELECTORS.propertyEditControl('x'))?.element.tagName).toBe('TEXTAREA');
    document.body.innerHTML = `<button data-deferred-property-input-mode="edit" data-selenium-test="property-input-x" id="b"></button>`;
    expect(findFirst(document, SELECTORS.propertyEditControl('x'))?.element).toBe(byId('b'));
  });

  it('fall back to the row in edit mode, then to a named form control', () => {
    document.body.innerHTML = `<ul data-selenium-test="profile-properties-list">${row('x', 'edit', '<div role="listbox"></div>')}</ul>`;
    const found = findFirst(document, SELECTORS.propertyEditControl('x'));
    expect(found?.alternative).toEqual(SELECTORS.propertyEditControl('x')[1]);
    expect(found?.element.getAttribute('data-deferred-property-input-mode')).toBe('edit');

    document.body.innerHTML = `<span data-selenium-test="property-input-x">Wert</span><input data-selenium-test="property-input-x" id="i">`;
    const control = findFirst(document, SELECTORS.propertyEditControl('x'));
    expect(control?.element).toBe(byId('i'));
    expect(control?.alternative).toEqual(SELECTORS.propertyEditControl('x')[2]);
  });

  // A `"` is covered by the fallback test below: happy-dom cannot parse CSS.escape's `\"` form
  // (valid CSS, Chromium can), while the fallback's hex escape `\22 ` works in both.
  it.each(['a\\b', 'x] , *', '1st', 'ümlaut name', "it's", 'a\nb'])('escape the property name %j', (name) => {
    document.body.innerHTML = '<ul data-selenium-test="profile-properties-list"><span id="r"></span></ul><span id="decoy" data-test-id="x"></span>';
    byId('r')!.setAttribute('data-test-id', name);
    expect(findFirst(document, SELECTORS.propertyRow(name))?.element).toBe(byId('r'));
  });

  it('work without CSS.escape (fallback escaper)', () => {
    vi.stubGlobal('CSS', undefined);
    const name = 'we"ird]\\name 1';
    expect(cssEscape(name)).toBe(cssEscapeFallback(name));
    document.body.innerHTML = '<ul data-selenium-test="profile-properties-list"><span id="r"></span></ul>';
    byId('r')!.setAttribute('data-test-id', name);
    expect(findFirst(document, SELECTORS.propertyRow(name))?.element).toBe(byId('r'));
    expect(findFirst(document, SELECTORS.propertyRow('we"ird]\\name 2'))).toBeNull();
  });

  it('escape every special character in the fallback', () => {
    expect(cssEscapeFallback('post_sperre-marken1')).toBe('post_sperre-marken1');
    expect(cssEscapeFallback('a"b')).toBe('a\\22 b');
    expect(cssEscapeFallback('a\\b')).toBe('a\\5c b');
    expect(cssEscapeFallback('a\nb')).toBe('a\\a b');
    expect(cssEscapeFallback('ä')).toBe('ä');
  });
});

describe('findFirst / findAll / requireFirst', () => {
  const alts: Alternatives = [
    { css: '#nothing', seen: '2026-11-28' },
    { css: '[data-card-type]', seen: '2026-11-28' },
  ];

  it('report which alternative matched', () => {
    expect(findFirst(document, alts)).toEqual({ element: byId('about-card'), alternative: alts[1] });
    expect(findAll(document, alts)).toHaveLength(2);
  });

  it('search only inside the given root', () => {
    expect(findFirst(byId('dsgvo-card')!, SELECTORS.propertyRow('email'))).toBeNull();
    expect(findFirst(byId('about-card')!, SELECTORS.propertyRow('email'))).not.toBeNull();
  });

  it('skip an alternative this browser cannot parse', () => {
    const broken: Alternatives = [{ css: '[data-x="', seen: '2026-11-28' }, ...alts];
    expect(findFirst(document, broken)?.alternative).toBe(alts[1]);
    expect(findAll(document, broken)).toHaveLength(2);
  });

  it('give nothing when no alternative matches', () => {
    expect(findFirst(document, [alts[0]!])).toBeNull();
    expect(findAll(document, [alts[0]!])).toEqual([]);
    expect(findAll(document, [])).toEqual([]);
  });

  it('requireFirst returns the match', () => {
    expect(requireFirst(document, 'leftSidebar', SELECTORS.leftSidebar).element.getAttribute('data-test-id')).toBe(
      'left-sidebar',
    );
  });

  it('requireFirst throws a SelectorError naming the hook and what was tried', () => {
    document.body.innerHTML = '<div></div>';
    const alternatives = SELECTORS.propertyRow('post_sperre_marken');
    let error: unknown;
    try {
      requireFirst(document, 'propertyRow(post_sperre_marken)', alternatives);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SelectorError);
    expect(error).toBeInstanceOf(Error);
    const selectorError = error as SelectorError;
    expect(selectorError.name).toBe('SelectorError');
    expect(selectorError.hook).toBe('propertyRow(post_sperre_marken)');
    expect(selectorError.message).toContain('propertyRow(post_sperre_marken)');
    expect(selectorError.tried).toEqual(alternatives.map((a) => a.css));
  });
});

describe('findButtonByText', () => {
  it('finds HubSpot\'s Save by its German or English label', () => {
    expect(findButtonByText(document, ['Speichern', 'Save'])).toBe(byId('save'));
    document.body.innerHTML = '<button id="s"> <span>Save</span>\n</button>';
    expect(findButtonByText(document, ['Speichern', 'Save'])).toBe(byId('s'));
  });

  it('matches the whole text, case-insensitively', () => {
    document.body.innerHTML =
      '<button>Save changes</button><button>Speichern und schließen</button><button>Unsaved</button><button id="s">SPEICHERN</button>';
    expect(findButtonByText(document, ['Speichern', 'Save'])).toBe(byId('s'));
  });

  it('ignores hidden and disabled buttons', () => {
    document.body.innerHTML = `
      <button style="display:none">Speichern</button>
      <div style="display: none"><button>Speichern</button></div>
      <div hidden><button>Speichern</button></div>
      <button hidden>Speichern</button>
      <button style="visibility:hidden">Speichern</button>
      <div inert><button>Speichern</button></div>
      <button disabled>Speichern</button>
      <button aria-disabled="true">Speichern</button>
      <fieldset disabled><button>Speichern</button></fieldset>
      <div role="button" aria-disabled="true">Speichern</div>`;
    expect(findButtonByText(document, ['Speichern'])).toBeNull();
    document.body.insertAdjacentHTML('beforeend', '<div role="button" id="ok">Speichern</div>');
    expect(findButtonByText(document, ['Speichern'])).toBe(byId('ok'));
  });

  it('finds submit inputs by their value', () => {
    document.body.innerHTML = '<input type="submit" value="Save" id="i">';
    expect(findButtonByText(document, ['save'])).toBe(byId('i'));
  });

  it('searches only inside the root and needs a label', () => {
    expect(findButtonByText(byId('about-card')!, ['Speichern'])).toBeNull();
    expect(findButtonByText(document, [])).toBeNull();
    expect(findButtonByText(document, ['  '])).toBeNull();
  });
});

describe('findSectionHeader', () => {
  it('finds "DSGVO Sperren" by its text (whitespace collapsed, any case)', () => {
    const found = findSectionHeader(document, 'DSGVO Sperren');
    expect(found?.element.closest('#dsgvo-card')).not.toBeNull();
    expect(found?.alternative).toBe(SELECTORS.sectionHeader[0]);
    expect(findSectionHeader(document, ['dsgvo sperren'])?.element).toBe(found?.element);
    expect(closestCard(found!.element)).toBe(byId('dsgvo-card'));
  });

  it('matches the whole title only', () => {
    expect(findSectionHeader(document, 'DSGVO')).toBeNull();
    expect(findSectionHeader(document, '')).toBeNull();
  });

  it('falls back to plain headings', () => {
    document.body.innerHTML = '<section id="s"><h3>DSGVO Sperren</h3></section>';
    const found = findSectionHeader(document, 'DSGVO Sperren');
    expect(found?.element.tagName).toBe('H3');
    expect(found?.alternative).toBe(SELECTORS.sectionHeader[1]);
    expect(closestCard(found!.element)).toBe(byId('s'));
  });
});

describe('findPanelAnchor', () => {
  it('docks after the card of the "DSGVO Sperren" section', () => {
    expect(findPanelAnchor(document)).toEqual({ after: byId('dsgvo-card'), via: 'section-title' });
  });

  it('falls back to the card holding the block property', () => {
    byId('dsgvo-card')!.querySelector('button')!.textContent = 'Datenschutz';
    expect(findPanelAnchor(document)).toEqual({ after: byId('dsgvo-card'), via: 'property-row' });
    expect(findPanelAnchor(document, { blockProperty: 'email' })).toEqual({ after: byId('about-card'), via: 'property-row' });
    expect(findPanelAnchor(document, { sectionTitles: ['Datenschutz'] })).toEqual({
      after: byId('dsgvo-card'),
      via: 'section-title',
    });
  });

  it('gives null until HubSpot has rendered the section', () => {
    document.body.innerHTML = '<div data-test-id="left-sidebar"></div>';
    expect(findPanelAnchor(document)).toBeNull();
  });
});
