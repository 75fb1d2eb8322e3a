// The sidebar guard's decision (issue 3) over HubSpot-shaped DOM: fixtures rendered by the fake
// HubSpot's page code (the DOM as of FIXTURE_DATE, German and English, and the synthetic
// "renamed" release), plus hand-written fragments for the weaker selector alternatives.
// Each test walks the way a user does: the row displays, is clicked into edit mode (the guard
// sees the control's first value), then is changed.
import { beforeEach, describe, expect, it } from 'vitest';
import { Pages } from '../fake-hubspot/pages/ui';
import { FakeState } from '../fake-hubspot/state';
import { demoSeed, DEMO_CONTACTS } from '../fake-hubspot/seed';
import type { FixturePage } from '../../lib/page/selectors';
import { FIXTURE_DATES } from '../support/page-fixtures';
import {
  Baselines,
  blocksChanged,
  decideSave,
  displaysAs,
  failsClosed,
  keepsStoredText,
  findProblem,
  readSidebar,
  reasonChanged,
  sameLabels,
  type SidebarState,
} from '../../lib/page/sidebarGuard';

const PROPS = { blockProperty: 'post_sperre_marken', reasonProperty: 'grund_post_sperre', saveButtonLabels: ['Speichern', 'Save'] };
const BLOCKS = 'post_sperre_marken';
const REASON = 'grund_post_sperre';
const pages = new Pages(new FakeState(demoSeed()));

/** Puts the fake's server-rendered record page (its <main>) into the happy-dom document. */
function render(contactId: string, params: Record<string, string> = {}): void {
  const query = new URLSearchParams({ ssr: '1', ...params });
  const html = pages.page(`/contacts/12345678/record/0-1/${contactId}`, query).html!;
  const fixture: FixturePage = params.variant === 'renamed' ? 'renamed' : params.variant === '2026-11-28' ? 'record-2026-11-28' : 'record';
  expect(html).toContain(`data-fixture-date="${FIXTURE_DATES[fixture]}"`);
  document.documentElement.lang = params.hl ?? 'de';
  document.body.innerHTML = /<main id="app"[\s\S]*<\/main>/.exec(html)![0];
}

interface Edit {
  /** Rows in edit mode. */
  edit: string[];
  /** Drafts (the user's input) per property; multi-select: option values joined by ";". */
  drafts?: Record<string, string>;
  search?: Record<string, string>;
  hl?: string;
  variant?: string;
}

function params(e: Edit, withDrafts: boolean): Record<string, string> {
  const p: Record<string, string> = { edit: e.edit.join(',') };
  if (e.hl) p.hl = e.hl;
  if (e.variant) p.variant = e.variant;
  if (withDrafts) {
    for (const [k, v] of Object.entries(e.drafts ?? {})) p[`draft.${k}`] = v;
    for (const [k, v] of Object.entries(e.search ?? {})) p[`search.${k}`] = v;
  }
  return p;
}

/** Display → click into edit mode (unchanged) → the user's changes; returns the last reading. */
function userEdits(contactId: string, e: Edit, baselines = new Baselines()): { state: SidebarState; baselines: Baselines } {
  const base: Record<string, string> = {};
  if (e.hl) base.hl = e.hl;
  if (e.variant) base.variant = e.variant;
  render(contactId, base);
  baselines.observe(readSidebar(document, PROPS));
  render(contactId, params(e, false));
  baselines.observe(readSidebar(document, PROPS));
  render(contactId, params(e, true));
  const state = readSidebar(document, PROPS);
  baselines.observe(state);
  return { state, baselines };
}

function decide(contactId: string, e: Edit) {
  const { state, baselines } = userEdits(contactId, e);
  return decideSave(state, baselines);
}

// Anna Schmidt (101): Marke A, Marke C, with a reason log.
const REASON_101 = '2025-11-12 JB: +Marke A. Brief vom 10.11.2025\n2026-01-05 MK: +Marke C. Anruf der Kundin, keine Werbepost mehr.';

beforeEach(() => {
  document.body.innerHTML = '';
});

describe.each(['current', '2026-11-28'])('reading the sidebar (fake HubSpot DOM, variant %s)', (variant) => {
  const v: Record<string, string> = variant === 'current' ? {} : { variant };

  it('reads both rows in display mode from the value\'s own element: labels of the blocks, the reason text', () => {
    render(DEMO_CONTACTS.blockedWithReason, v);
    const s = readSidebar(document, PROPS);
    // The label sits inside the displayed block in the current shape, outside in the older one.
    expect(s.block.display?.textContent?.includes('Post Sperre Marken')).toBe(variant === 'current');
    expect(s.block.mode).toBe('display');
    expect(s.block.value).toEqual(['Marke A', 'Marke C']);
    expect(s.block.text).toBe('Marke A; Marke C');
    expect(s.reason.mode).toBe('display');
    expect(s.reason.value).toBe(REASON_101.replace(/\s+/g, ' '));
    expect(s.block.display?.getAttribute('data-deferred-property-input-mode')).toBe('display');
  });

  it('reads an empty property as nothing ("--"): the block\'s text minus its label', () => {
    render(DEMO_CONTACTS.unblocked, v);
    const s = readSidebar(document, PROPS);
    expect(s.block.value).toEqual([]);
    expect(s.reason.value).toBe('');
  });

  it('opening the blocks and leaving them as they were is no change, then saving another property goes through', () => {
    expect(decide('101', { ...v, edit: [BLOCKS, 'city'], drafts: { city: 'Hamburg' } })).toEqual({ verdict: 'allow', why: 'blocks-unchanged' });
    expect(decide('101', { ...v, edit: [BLOCKS], drafts: { [BLOCKS]: 'marke_a;marke_b;marke_c' } })).toEqual({ verdict: 'stop', why: 'reason-missing' });
  });
});

describe('reading the sidebar (fake HubSpot DOM as of the fixture date)', () => {
  it('reads the controls in edit mode: picked chips, the text area, and where the keyboard goes', () => {
    render(DEMO_CONTACTS.blockedWithReason, { edit: `${BLOCKS},${REASON}`, [`draft.${BLOCKS}`]: 'marke_a;marke_b;marke_c', [`draft.${REASON}`]: 'neu' });
    const s = readSidebar(document, PROPS);
    expect(s.block.mode).toBe('editing');
    expect(s.block.value).toEqual(['Marke A', 'Marke B', 'Marke C']); // chip text without the "×" button
    expect(s.block.field?.getAttribute('type')).toBe('search');
    expect(s.reason.mode).toBe('editing');
    expect(s.reason.value?.trim()).toBe('neu'); // happy-dom keeps the newline after <textarea> a browser drops
    expect(s.reason.field?.tagName).toBe('TEXTAREA');
  });

  it('counts picked options the brand search hides (chips, not the filtered checkboxes)', () => {
    render(DEMO_CONTACTS.blockedWithReason, { edit: BLOCKS, [`search.${BLOCKS}`]: 'kunst' });
    expect(document.querySelectorAll('input[type="checkbox"]:checked')).toHaveLength(0);
    expect(readSidebar(document, PROPS).block.value).toEqual(['Marke A', 'Marke C']);
  });

  it('labels values that are no option any more by their value, like HubSpot shows them', () => {
    render(DEMO_CONTACTS.staleOption, { edit: BLOCKS });
    expect(readSidebar(document, PROPS).block.value).toEqual(['Marke B', 'marke_alt']);
  });

  it('finds no rows in the renamed release, and knows a folded section from a changed layout', () => {
    render(DEMO_CONTACTS.blockedWithReason, { variant: 'renamed' });
    const renamed = readSidebar(document, PROPS);
    expect(renamed.block.mode).toBe('absent');
    expect(renamed.sectionCollapsed).toBe(false);
    expect(findProblem(renamed, document, PROPS, new Baselines())).toBe('rows');

    render(DEMO_CONTACTS.blockedWithReason);
    document.querySelector('[data-fake-section="dsgvo_sperren"] ul')!.remove();
    document.querySelector('[data-fake-section-id="dsgvo_sperren"]')!.setAttribute('aria-expanded', 'false');
    const folded = readSidebar(document, PROPS);
    expect(folded.block.mode).toBe('absent');
    expect(folded.sectionCollapsed).toBe(true);
    expect(findProblem(folded, document, PROPS, new Baselines())).toBeNull();
  });
});

describe('decideSave: a change of the blocks needs a changed, non-blank reason in the same save', () => {
  it('stops a new block when the reason is not being edited', () => {
    expect(decide('101', { edit: [BLOCKS], drafts: { [BLOCKS]: 'marke_a;marke_b;marke_c' } })).toEqual({ verdict: 'stop', why: 'reason-missing' });
  });

  it('stops it when the reason field is open but unchanged', () => {
    expect(decide('101', { edit: [BLOCKS, REASON], drafts: { [BLOCKS]: 'marke_a;marke_b;marke_c' } })).toEqual({ verdict: 'stop', why: 'reason-unchanged' });
  });

  it('stops it with a blank reason (emptied, or spaces only)', () => {
    for (const blank of ['', '   ', '\n\t ']) {
      expect(decide(DEMO_CONTACTS.unblocked, { edit: [BLOCKS, REASON], drafts: { [BLOCKS]: 'marke_b', [REASON]: blank } })).toEqual({ verdict: 'stop', why: 'reason-blank' });
      // With a stored log, emptying the field would drop it: that is stopped first.
      expect(decide('101', { edit: [BLOCKS, REASON], drafts: { [BLOCKS]: 'marke_a;marke_b;marke_c', [REASON]: blank } })).toEqual({ verdict: 'stop', why: 'reason-shortened' });
    }
  });

  it('allows it with a reason added to the log', () => {
    const reason = `${REASON_101}\n2026-11-28 MK: +Marke B. Brief vom 27.11.`;
    expect(decide('101', { edit: [BLOCKS, REASON], drafts: { [BLOCKS]: 'marke_a;marke_b;marke_c', [REASON]: reason } })).toEqual({ verdict: 'allow', why: 'reason-given' });
  });

  it('does not count whitespace alone as a new reason', () => {
    expect(decide('101', { edit: [BLOCKS, REASON], drafts: { [BLOCKS]: 'marke_b', [REASON]: `${REASON_101}  \n ` } })).toEqual({ verdict: 'stop', why: 'reason-unchanged' });
  });

  it('stops lifting a block without a reason (removing a brand is a change too)', () => {
    expect(decide('101', { edit: [BLOCKS], drafts: { [BLOCKS]: 'marke_c' } })).toEqual({ verdict: 'stop', why: 'reason-missing' });
    expect(decide('101', { edit: [BLOCKS], drafts: { [BLOCKS]: '' } })).toEqual({ verdict: 'stop', why: 'reason-missing' });
    expect(decide('101', { edit: [BLOCKS, REASON], drafts: { [BLOCKS]: '', [REASON]: `${REASON_101}\nWiderruf aufgehoben, Kundin wünscht Katalog` } })).toEqual({ verdict: 'allow', why: 'reason-given' });
  });

  it('allows a save that only edits another property, or opens the blocks without changing them', () => {
    expect(decide('101', { edit: ['city'], drafts: { city: 'Hamburg' } })).toEqual({ verdict: 'allow', why: 'blocks-not-edited' });
    expect(decide('101', { edit: [BLOCKS, 'city'], drafts: { city: 'Hamburg' } })).toEqual({ verdict: 'allow', why: 'blocks-unchanged' });
  });

  it('allows blocks edited back to the saved value (any order)', () => {
    expect(decide('101', { edit: [BLOCKS], drafts: { [BLOCKS]: 'marke_c;marke_a' } })).toEqual({ verdict: 'allow', why: 'blocks-unchanged' });
  });

  it('allows only the reason being edited (no blocks involved), as long as the log keeps its entries', () => {
    expect(decide('101', { edit: [REASON], drafts: { [REASON]: `${REASON_101}\nNachtrag` } })).toEqual({ verdict: 'allow', why: 'blocks-not-edited' });
    expect(decide('101', { edit: [REASON], drafts: { [REASON]: `Neu oben\n${REASON_101}` } })).toEqual({ verdict: 'allow', why: 'blocks-not-edited' });
  });

  it('stops a save that shortens or alters the stored log, whatever else it changes', () => {
    const firstGone = REASON_101.split('\n').slice(1).join('\n');
    expect(decide('101', { edit: [REASON], drafts: { [REASON]: '' } })).toEqual({ verdict: 'stop', why: 'reason-shortened' });
    expect(decide('101', { edit: [REASON], drafts: { [REASON]: `${firstGone}\nNeu` } })).toEqual({ verdict: 'stop', why: 'reason-shortened' });
    expect(decide('101', { edit: [BLOCKS, REASON], drafts: { [BLOCKS]: 'marke_b', [REASON]: 'Nur noch dieser Grund' } })).toEqual({ verdict: 'stop', why: 'reason-shortened' });
    expect(decide('101', { edit: [REASON, 'city'], drafts: { city: 'Kiel', [REASON]: REASON_101.replace('Brief', 'Mail') } })).toEqual({ verdict: 'stop', why: 'reason-shortened' });
    expect(keepsStoredText('a  b\nc', { displayed: null, initial: 'a b c' })).toBe(true);
    expect(keepsStoredText('anything', { displayed: null, initial: null })).toBe(true);
  });

  it('asks a reason for a first block on a contact without one, and accepts one', () => {
    expect(decide(DEMO_CONTACTS.unblocked, { edit: [BLOCKS], drafts: { [BLOCKS]: 'marke_b' } })).toEqual({ verdict: 'stop', why: 'reason-missing' });
    expect(decide(DEMO_CONTACTS.unblocked, { edit: [BLOCKS, REASON], drafts: { [BLOCKS]: 'marke_b', [REASON]: 'Anruf' } })).toEqual({ verdict: 'allow', why: 'reason-given' });
  });

  it('works the same on the English page', () => {
    expect(decide('101', { hl: 'en', edit: [BLOCKS], drafts: { [BLOCKS]: 'marke_a;marke_b;marke_c' } })).toEqual({ verdict: 'stop', why: 'reason-missing' });
    expect(decide('101', { hl: 'en', edit: [BLOCKS, REASON], drafts: { [BLOCKS]: 'marke_a;marke_b;marke_c', [REASON]: `${REASON_101}\nCall` } })).toEqual({ verdict: 'allow', why: 'reason-given' });
  });

  it('cannot see anything in the renamed release: it lets HubSpot save (and the status says so)', () => {
    expect(decide('101', { variant: 'renamed', edit: [BLOCKS], drafts: { [BLOCKS]: 'marke_b' } })).toEqual({ verdict: 'allow', why: 'blocks-not-edited' });
  });
});

describe('baselines: what "changed" is measured against', () => {
  it('a row first seen already in edit mode has no baseline: any value counts as changed', () => {
    render('101', { edit: BLOCKS });
    const baselines = new Baselines();
    const state = readSidebar(document, PROPS);
    baselines.observe(state);
    expect(baselines.block.displayed).toBeNull();
    expect(baselines.block.initial).toBeNull();
    expect(decideSave(state, baselines)).toEqual({ verdict: 'stop', why: 'reason-missing' });
  });

  it('keeps the baseline while HubSpot re-renders the control (or the row vanishes for a moment)', () => {
    const { baselines } = userEdits('101', { edit: [BLOCKS], drafts: { [BLOCKS]: 'marke_b' } });
    document.body.innerHTML = '<div data-test-id="left-sidebar"></div>';
    baselines.observe(readSidebar(document, PROPS));
    render('101', { edit: BLOCKS, [`draft.${BLOCKS}`]: 'marke_c;marke_a' });
    const state = readSidebar(document, PROPS);
    baselines.observe(state);
    expect(baselines.block.initial).toEqual(['Marke A', 'Marke C']);
    expect(decideSave(state, baselines).verdict).toBe('allow');
  });

  it('a new edit session starts from what the row displays after a save', () => {
    const { baselines } = userEdits('101', { edit: [BLOCKS], drafts: { [BLOCKS]: 'marke_b' } });
    render(DEMO_CONTACTS.staleOption); // displays "Marke B; marke_alt" now
    baselines.observe(readSidebar(document, PROPS));
    expect(baselines.block.displayed).toEqual(['Marke B', 'marke_alt']);
    expect(baselines.block.initial).toBeNull();
  });

  it('any baseline that disagrees makes it a change (a wrong read asks for a reason, never skips one)', () => {
    expect(blocksChanged(['A'], { displayed: ['A'], initial: ['A'] })).toBe(false);
    expect(blocksChanged(['A'], { displayed: ['A'], initial: [] })).toBe(true);
    expect(blocksChanged(['A'], { displayed: null, initial: null })).toBe(true);
    expect(blocksChanged(['a ', 'B'], { displayed: ['b', 'A'], initial: null })).toBe(false);
    expect(reasonChanged('x', { displayed: 'x', initial: null })).toBe(false);
    expect(reasonChanged('y', { displayed: 'x', initial: 'y' })).toBe(false);
    expect(reasonChanged('y', { displayed: null, initial: null })).toBe(true);
    expect(sameLabels(['A', 'A'], ['A'])).toBe(true);
    // The displayed text is compared as text: labels may hold the separator.
    expect(blocksChanged(['A; Süd', 'B'], { displayed: null, displayedText: 'B; A; Süd', initial: null })).toBe(false);
    expect(blocksChanged(['A', 'Süd', 'B'], { displayed: null, displayedText: 'A; Süd; B', initial: ['A; Süd', 'B'] })).toBe(true);
    expect(displaysAs(['Marke A', 'Marke'], 'Marke; Marke A')).toBe(true);
    expect(displaysAs(['Marke A'], 'Marke A; Marke C')).toBe(false);
    expect(displaysAs([], '')).toBe(true);
  });
});

describe('findProblem: when the guard must say it is off', () => {
  it('is fine while guarding, in display and in edit mode', () => {
    const { state, baselines } = userEdits('101', { edit: [BLOCKS, REASON], drafts: { [BLOCKS]: 'marke_b' } });
    expect(findProblem(state, document, PROPS, baselines)).toBeNull();
  });

  it('misses the Save button after the blocks were changed', () => {
    const { state, baselines } = userEdits('101', { edit: [BLOCKS], drafts: { [BLOCKS]: 'marke_b' } });
    document.querySelector('[data-fake="save-bar"]')!.remove();
    expect(findProblem(state, document, PROPS, baselines)).toBe('save-button');
    expect(findProblem(state, document, { ...PROPS, saveButtonLabels: ['Sichern'] }, baselines)).toBe('save-button');
  });

  it('misses a row whose mode it cannot tell, and a control it cannot read', () => {
    document.body.innerHTML = `<div data-test-id="left-sidebar"><ul data-selenium-test="profile-properties-list">
      <span data-test-id="post_sperre_marken"><div data-deferred-property-input-mode="display">Marke A</div></span>
      <span data-test-id="grund_post_sperre"><div data-property-mode="display">Grund</div></span></ul></div>`;
    expect(findProblem(readSidebar(document, PROPS), document, PROPS, new Baselines())).toBe('mode');

    document.body.innerHTML = `<div data-test-id="left-sidebar"><ul data-selenium-test="profile-properties-list">
      <span data-test-id="post_sperre_marken"><div data-deferred-property-input-mode="display">Marke A</div></span>
      <span data-test-id="grund_post_sperre"><div data-deferred-property-input-mode="edit"><div data-selenium-test="property-input-grund_post_sperre"></div></div></span></ul></div>`;
    const s = readSidebar(document, PROPS);
    expect(s.reason.mode).toBe('editing');
    expect(s.reason.value).toBeNull();
    expect(findProblem(s, document, PROPS, new Baselines())).toBe('unreadable');
    expect(failsClosed(s)).toBe(false); // the blocks are not being edited
  });

  it('misses one of the two rows', () => {
    render('101');
    document.querySelector('[data-test-id="grund_post_sperre"]')!.remove();
    expect(findProblem(readSidebar(document, PROPS), document, PROPS, new Baselines())).toBe('rows');
  });
});

describe('weaker structures (hand-written, standing for possible HubSpot changes)', () => {
  const sidebar = (rows: string) => `<div data-test-id="left-sidebar"><ul data-selenium-test="profile-properties-list">${rows}</ul>
    <div><button>Abbrechen</button><button>Speichern</button></div></div>`;
  const reasonRow = (inner: string) => `<span data-test-id="grund_post_sperre"><div data-deferred-property-input-mode="edit">${inner}</div></span>`;

  it('reads checked ARIA items when there are no chips, never aria-selected (the keyboard highlight in HubSpot\'s select)', () => {
    document.body.innerHTML = sidebar(`<span data-test-id="post_sperre_marken"><div data-deferred-property-input-mode="edit"><div data-selenium-test="property-input-post_sperre_marken">
      <div role="listbox"><div role="option" aria-selected="true">Marke A</div><div role="option" aria-selected="false">Marke B</div><div role="option" aria-selected="false">Marke C</div></div>
    </div></div></span>${reasonRow('<textarea data-selenium-test="property-input-grund_post_sperre">x</textarea>')}`);
    expect(readSidebar(document, PROPS).block.value).toEqual([]);
    document.body.innerHTML = sidebar(`<span data-test-id="post_sperre_marken"><div data-deferred-property-input-mode="edit"><div data-selenium-test="property-input-post_sperre_marken">
      <div role="group"><div role="checkbox" aria-checked="true">Marke A</div><div role="checkbox" aria-checked="false">Marke B</div><div role="checkbox" aria-checked="true" aria-label="Marke C"><span>✓</span> Marke C</div></div>
    </div></div></span>${reasonRow('<textarea data-selenium-test="property-input-grund_post_sperre">x</textarea>')}`);
    expect(readSidebar(document, PROPS).block.value).toEqual(['Marke A', 'Marke C']);
  });

  it('reads checked checkboxes by their label, and nothing picked as empty', () => {
    const row = (checked: string) => `<span data-test-id="post_sperre_marken"><div data-deferred-property-input-mode="edit"><div data-selenium-test="property-input-post_sperre_marken">
      <label><input type="checkbox" value="marke_a" ${checked}> Marke A</label><input type="checkbox" id="b" value="marke_b"><label for="b">Marke B</label></div></div></span>`;
    document.body.innerHTML = sidebar(row('checked') + reasonRow(''));
    expect(readSidebar(document, PROPS).block.value).toEqual(['Marke A']);
    document.body.innerHTML = sidebar(row('') + reasonRow(''));
    expect(readSidebar(document, PROPS).block.value).toEqual([]);
  });

  it('reads a dropdown button that shows its value as text (seen on a live portal for dropdowns)', () => {
    document.body.innerHTML = sidebar(`<span data-test-id="post_sperre_marken"><div data-deferred-property-input-mode="input">
      <button data-selenium-test="property-input-post_sperre_marken">Marke A, Marke C</button></div></span>${reasonRow('')}`);
    const s = readSidebar(document, PROPS);
    expect(s.block.mode).toBe('editing');
    expect(s.block.value).toEqual(['Marke A', 'Marke C']);
    expect(s.block.field?.tagName).toBe('BUTTON');
  });

  it('reads a reason field wrapped by the named control, or a rich-text box', () => {
    document.body.innerHTML = sidebar(reasonRow('<div data-selenium-test="property-input-grund_post_sperre"><textarea>Brief</textarea></div>'));
    expect(readSidebar(document, PROPS).reason.value).toBe('Brief');
    document.body.innerHTML = sidebar(reasonRow('<div data-selenium-test="property-input-grund_post_sperre"><div contenteditable="true">Anruf</div></div>'));
    expect(readSidebar(document, PROPS).reason.value).toBe('Anruf');
    document.body.innerHTML = sidebar(reasonRow('<textarea>Ohne Namen</textarea>'));
    expect(readSidebar(document, PROPS).reason.value).toBe('Ohne Namen');
  });

  it('finds rows without the list hook (weakest row alternative)', () => {
    document.body.innerHTML = `<div data-test-id="left-sidebar"><div>
      <span data-test-id="post_sperre_marken"><div data-deferred-property-input-mode="display"><span data-selenium-test="property-input-post_sperre_marken">Marke A</span></div></span>
      <span data-test-id="grund_post_sperre"><div data-deferred-property-input-mode="display"><span data-selenium-test="property-input-grund_post_sperre">Brief</span></div></span></div></div>`;
    const s = readSidebar(document, PROPS);
    expect([s.block.mode, s.reason.mode]).toEqual(['display', 'display']);
    expect(s.block.value).toEqual(['Marke A']);
  });
});

describe('a property shown in two cards', () => {
  it('reads the row being edited', () => {
    render('101', { edit: BLOCKS, [`draft.${BLOCKS}`]: 'marke_b' });
    // An admin-built card showing the same property first, in display mode.
    const list = document.querySelector('[data-selenium-test="profile-properties-list"]')!;
    list.insertAdjacentHTML('afterbegin', '<span data-test-id="post_sperre_marken"><div data-deferred-property-input-mode="display"><span data-selenium-test="property-input-post_sperre_marken">Marke A; Marke C</span></div></span>');
    const s = readSidebar(document, PROPS);
    expect(s.block.mode).toBe('editing');
    expect(s.block.value).toEqual(['Marke B']);
  });
});

describe('a picker whose options live elsewhere (a popover outside the row)', () => {
  it('is unreadable, not "nothing picked": the guard fails closed instead of waving a change through', () => {
    document.body.innerHTML = `<div data-test-id="left-sidebar"><ul data-selenium-test="profile-properties-list">
      <span data-test-id="post_sperre_marken"><div data-deferred-property-input-mode="edit"><div data-selenium-test="property-input-post_sperre_marken" role="group"></div></div></span>
      <span data-test-id="grund_post_sperre"><div data-deferred-property-input-mode="display">--</div></span></ul></div>`;
    const s = readSidebar(document, PROPS);
    expect(s.block).toMatchObject({ mode: 'editing', value: null });
    expect(decideSave(s, new Baselines())).toEqual({ verdict: 'stop', why: 'blocks-unreadable' });
    expect(failsClosed(s)).toBe(true);
    expect(findProblem(s, document, PROPS, new Baselines())).toBeNull();
  });
});
