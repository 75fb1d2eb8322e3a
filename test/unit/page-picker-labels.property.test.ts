// HubSpot's own block picker, read as its public 2021 front-end code renders it (issue 14): every
// picked value is a tag whose text is the option's LABEL. Where the tags carry no hook and nothing
// stands between them ("Marke AMarke C"), the guard reads them by the property's known option
// labels. The rule, for every set of labels (prefixes of each other included, "Marke A" /
// "Marke AB") and every picked subset: the reading is exactly the picked set, or, only when
// another set of labels makes the very same text, unreadable (the guard fails closed). Never a
// wrong set. The DOM is drawn by the fake HubSpot's own render code (variant 2026-12-06, bare tags).
import vm from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RENDER_LIB } from '../fake-hubspot/pages/render-lib';
import { STRINGS } from '../fake-hubspot/pages/i18n';
import { normalizeText } from '../../lib/page/selectors';
import { labelsFromText, readSidebar, sameLabels, type GuardedProperties } from '../../lib/page/sidebarGuard';

const BLOCKS = 'post_sperre_marken';
const REASON = 'grund_post_sperre';

interface Render {
  section(ctx: unknown, sec: unknown, values: Record<string, string>, view: unknown): string;
}
const context = vm.createContext({});
vm.runInContext(`${RENDER_LIB};\nthis.FakeRender = FakeRender;`, context);
const FakeRender = (context as { FakeRender: Render }).FakeRender;

/** The sidebar with the block picker open, HubSpot's picker with bare tags, `picked` in this order. */
function draw(labels: readonly string[], picked: readonly string[], bareTags = true): void {
  const ctx = { cls: {}, strings: STRINGS.de, lang: 'de', portalId: '1', search: '', variant: '2026-12-06', bareTags };
  const prop = { name: BLOCKS, label: 'Post Sperre Marken', type: 'enumeration', fieldType: 'checkbox', options: labels.map((label, i) => ({ value: `v${i}`, label, hidden: false })) };
  const values = picked.map((l) => `v${labels.indexOf(l)}`).join(';');
  const html = FakeRender.section(ctx, { id: 'dsgvo_sperren', title: 'DSGVO Sperren', properties: [prop], collapsed: false }, { [BLOCKS]: values }, { modes: { [BLOCKS]: 'edit' }, drafts: { [BLOCKS]: values }, search: {} });
  document.body.innerHTML = `<div data-test-id="left-sidebar"><div data-card-type="PROPERTIES_V3">${html}</div></div>`;
}

function read(known?: readonly string[]) {
  const props: GuardedProperties = { blockProperty: BLOCKS, reasonProperty: REASON, ...(known ? { blockOptionLabels: known } : {}) };
  return readSidebar(document, props).block;
}

/** Every order of every subset of `labels` whose tags, run together, show `text`. */
function setsShowing(labels: readonly string[], text: string): string[][] {
  const target = normalizeText(text);
  const out: string[][] = [];
  const go = (rest: string, used: string[]) => {
    if (rest === '') out.push([...used]);
    for (const l of labels) {
      const key = normalizeText(l);
      if (!used.includes(l) && rest.startsWith(key)) go(rest.slice(key.length), [...used, l]);
    }
  };
  go(target, []);
  return out;
}

/** Labels as brand names go, many of them the start of another ("Marke A", "Marke AB"). */
const label = fc.tuple(fc.constantFrom('Marke ', 'M', ''), fc.stringMatching(/^[ABCÄ]{1,3}$/)).map(([p, s]) => p + s);
const labels = fc.uniqueArray(label, { minLength: 1, maxLength: 6, selector: (l) => normalizeText(l) });
const scenario = labels.chain((ls) => fc.tuple(fc.constant(ls), fc.shuffledSubarray(ls)));

/** The rule: the picked set, or unreadable exactly when another set shows the same text. */
function readsRight(ls: readonly string[], picked: readonly string[], known?: readonly string[]): boolean {
  draw(ls, picked);
  const block = read(known);
  if (block.mode !== 'editing') return false;
  if (picked.length === 0) return block.value === null; // an empty anchor: cannot tell "none" from "cannot see"
  const text = picked.join('');
  const ambiguous = setsShowing(ls, text).some((s) => !sameLabels(s, picked));
  return block.value === null ? ambiguous : sameLabels(block.value, picked);
}

describe("HubSpot's picker read by the known option labels", () => {
  it('recovers the picked set from tags without hooks or separators, or says it cannot', () => {
    fc.assert(fc.property(scenario, ([ls, picked]) => readsRight(ls, picked, ls)), { numRuns: 300 });
  });

  it('fails on the old reading (the control text split at ";" and ",")', () => {
    expect(() => fc.assert(fc.property(scenario, ([ls, picked]) => readsRight(ls, picked, undefined)), { numRuns: 300 })).toThrow(/Counterexample/);
  });

  it('reads the tags by their hook (UITag) without any known labels, and never by aria-selected', () => {
    draw(['Marke A', 'Marke B', 'Marke C'], ['Marke A', 'Marke C'], false);
    expect(document.querySelectorAll('[data-component-name="UITag"]')).toHaveLength(2);
    expect(read().value).toEqual(['Marke A', 'Marke C']);
  });

  it('reads "Marke AMarke C" as Marke A and Marke C, "Marke ABMarke A" with the prefix label', () => {
    expect(labelsFromText('Marke AMarke C', ['Marke A', 'Marke B', 'Marke C'])).toEqual(['Marke A', 'Marke C']);
    expect(labelsFromText('Marke ABMarke A', ['Marke A', 'Marke AB'])?.slice().sort()).toEqual(['Marke A', 'Marke AB']);
    expect(labelsFromText('Marke A; Marke C', ['Marke A', 'Marke C'])).toEqual(['Marke A', 'Marke C']);
    expect(labelsFromText('AB', ['A', 'B', 'AB'])).toBeNull(); // {A, B} or {AB}: unreadable
    expect(labelsFromText('Marke X', ['Marke A'])).toBeNull(); // a value that is no option
  });
});
