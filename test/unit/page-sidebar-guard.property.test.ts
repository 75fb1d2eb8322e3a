// Rules of the sidebar guard that must hold for every input (issue 9), checked with fast-check over
// DOM drawn by the fake HubSpot's own render code (both dated shapes of the record page):
// - a change is a change of the SET of brands: opening the block property, picking and unpicking,
//   in any order, with any brand labels (";" and "," included), is no change; any other set is;
// - the sidebar cannot shorten the reason log: a new reason text that drops or alters a stored
//   entry is stopped; one that keeps the stored text and adds an entry goes through.
import vm from 'node:vm';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { RENDER_LIB } from '../fake-hubspot/pages/render-lib';
import { STRINGS } from '../fake-hubspot/pages/i18n';
import { normalizeText } from '../../lib/page/selectors';
import { Baselines, decideSave, readSidebar } from '../../lib/page/sidebarGuard';

const BLOCKS = 'post_sperre_marken';
const REASON = 'grund_post_sperre';
const PROPS = { blockProperty: BLOCKS, reasonProperty: REASON, saveButtonLabels: ['Speichern'] };
const VARIANTS = ['current', '2026-11-28'] as const;

interface Render {
  section(ctx: unknown, sec: unknown, values: Record<string, string>, view: unknown): string;
}
const context = vm.createContext({});
vm.runInContext(`${RENDER_LIB};\nthis.FakeRender = FakeRender;`, context);
const FakeRender = (context as { FakeRender: Render }).FakeRender;

interface Sidebar {
  variant: (typeof VARIANTS)[number];
  labels: string[];
  blocks: string[];
  reason: string;
  /** Rows in edit mode, with their drafts (blocks: option values). */
  edit?: { blocks?: string[]; reason?: string };
}

/** The left sidebar with the two properties, as the fake HubSpot draws it. */
function draw(s: Sidebar): void {
  const ctx = { cls: {}, strings: STRINGS.de, lang: 'de', portalId: '1', search: '', variant: s.variant };
  const blockProp = {
    name: BLOCKS,
    label: 'Post Sperre Marken',
    type: 'enumeration',
    fieldType: 'checkbox',
    options: s.labels.map((label, i) => ({ value: `v${i}`, label, hidden: false })),
  };
  const reasonProp = { name: REASON, label: 'Grund Post Sperre', type: 'string', fieldType: 'textarea', options: [] };
  const modes: Record<string, string> = {};
  const drafts: Record<string, string> = {};
  if (s.edit?.blocks) {
    modes[BLOCKS] = 'edit';
    drafts[BLOCKS] = s.edit.blocks.join(';');
  }
  if (s.edit?.reason !== undefined) {
    modes[REASON] = 'edit';
    drafts[REASON] = s.edit.reason;
  }
  const values = { [BLOCKS]: s.blocks.join(';'), [REASON]: s.reason };
  const section = FakeRender.section(ctx, { id: 'dsgvo_sperren', title: 'DSGVO Sperren', properties: [blockProp, reasonProp], collapsed: false }, values, { modes, drafts, search: {} });
  document.body.innerHTML = `<div data-test-id="left-sidebar"><div data-card-type="PROPERTIES_V3">${section}</div>${
    Object.keys(modes).length ? '<div><button type="button">Speichern</button></div>' : ''
  }</div>`;
}

/** The way a user goes: the row displays, is clicked into edit mode unchanged, then is changed. */
function walk(s: Sidebar, edited: NonNullable<Sidebar['edit']>, opened: NonNullable<Sidebar['edit']>) {
  const baselines = new Baselines();
  draw(s);
  baselines.observe(readSidebar(document, PROPS));
  draw({ ...s, edit: opened });
  baselines.observe(readSidebar(document, PROPS));
  draw({ ...s, edit: edited });
  const state = readSidebar(document, PROPS);
  baselines.observe(state);
  return decideSave(state, baselines);
}

/** Brand labels as admins write them: letters, digits, spaces, and separators HubSpot uses. */
const label = fc.stringMatching(/^[A-Za-zÄÖÜäöüß0-9][A-Za-zÄÖÜäöüß0-9 ;,.&-]{0,10}[A-Za-zÄÖÜäöüß0-9]$/);
const labels = fc.uniqueArray(label, { minLength: 1, maxLength: 6, selector: (l) => normalizeText(l) });

const catalog = labels.chain((ls) =>
  fc.record({
    labels: fc.constant(ls),
    variant: fc.constantFrom(...VARIANTS),
    before: fc.subarray(ls.map((_, i) => `v${i}`)),
    toggles: fc.array(fc.nat({ max: ls.length - 1 }).map((i) => `v${i}`), { maxLength: 8 }),
  }),
);

function toggle(set: string[], toggles: string[]): string[] {
  const out = new Set(set);
  for (const v of toggles) {
    if (out.has(v)) out.delete(v);
    else out.add(v);
  }
  return [...out];
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('a change is a change of the set of brands', () => {
  it('stops a save without a reason exactly when the picked set differs from the saved one', () => {
    fc.assert(
      fc.property(catalog, ({ labels: ls, variant, before, toggles }) => {
        const after = toggle(before, toggles);
        const s: Sidebar = { variant, labels: ls, blocks: before, reason: 'Brief vom 10.11.' };
        const decision = walk(s, { blocks: after }, { blocks: before });
        expect(decision.verdict).toBe(sameSet(after, before) ? 'allow' : 'stop');
      }),
      { numRuns: 150 },
    );
  });
});

/** Entries of a reason log: words, no "#" (the marker of changes in the tests below). */
const entry = fc.stringMatching(/^[A-Za-z0-9äöü][A-Za-z0-9äöü .:+-]{0,20}$/);
const log = fc.array(entry, { minLength: 1, maxLength: 5 });

describe('the sidebar cannot shorten the reason log', () => {
  it('lets a block change through with the stored text kept and an entry added', () => {
    fc.assert(
      fc.property(fc.constantFrom(...VARIANTS), log, entry, (variant, entries, added) => {
        const stored = entries.join('\n');
        const s: Sidebar = { variant, labels: ['Marke A', 'Marke B'], blocks: ['v0'], reason: stored };
        const decision = walk(s, { blocks: ['v0', 'v1'], reason: `${stored}\n# ${added}` }, { blocks: ['v0'], reason: stored });
        expect(decision.verdict).toBe('allow');
      }),
      { numRuns: 100 },
    );
  });

  it('stops a save whose reason text drops or alters a stored entry, whatever else it adds', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...VARIANTS),
        log,
        entry,
        fc.nat(),
        fc.boolean(),
        fc.boolean(),
        (variant, entries, added, pick, alter, blocksToo) => {
          const i = pick % entries.length;
          const changed = [...entries];
          if (alter) changed[i] = `#${changed[i]}`;
          else changed.splice(i, 1);
          // The new entry is marked at both ends: the stored text (which has no "#") cannot be
          // read as kept below or above it.
          const next = [...changed, `# ${added} #`].join('\n');
          const stored = entries.join('\n');
          const s: Sidebar = { variant, labels: ['Marke A', 'Marke B'], blocks: ['v0'], reason: stored };
          const blocks = blocksToo ? ['v0', 'v1'] : ['v0'];
          const decision = walk(s, { blocks, reason: next }, { blocks: ['v0'], reason: stored });
          expect(decision.verdict).toBe('stop');
        },
      ),
      { numRuns: 100 },
    );
  });
});
