// Selector contract: every alternative in lib/page/selectors.ts matches exactly the fixture pages
// it names, in real Chromium (not happy-dom, whose selector engine differs), in German and
// English HubSpot. The pages: the fake HubSpot's record page as of FIXTURE_DATE (display mode,
// and with the block properties in edit mode), the same as the fake drew it on 2026-11-28
// (`?variant=2026-11-28`, label outside the mode element), the same with `?variant=renamed` (a
// synthetic release: only the alternatives that name it may match there), the edit page with
// HubSpot's own multi-select (`?variant=2026-12-06`: UITag tags, options in a popover), and the
// hand-written fallbacks fixture. No extension here: the module's CSS strings are evaluated in the page.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startFakeHubspot, type FakeHubspot } from '../fake-hubspot/index';
import {
  SELECTORS,
  SURFACE_SELECTORS,
  type Alternatives,
  type AnyAlternatives,
  type FixturePage,
  type SelectorAlternative,
  type SurfaceFixture,
} from '../../lib/page/selectors';
import { FIXTURE_DATES, FIXTURE_PAGES, SURFACE_FIXTURES } from '../support/page-fixtures';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import { CHROMIUM, PORTAL } from './harness';

const BLOCKS = 'post_sperre_marken';
const REASON = 'grund_post_sperre';
const LANGS = ['de', 'en'] as const;
type Lang = (typeof LANGS)[number];
const FALLBACKS = path.resolve(import.meta.dirname, `../fake-hubspot/fixtures/${FIXTURE_DATES.fallbacks}-fallbacks.html`);

/** Which property names a parametrized hook is sampled with (the reason's text field only for the reason). */
const SAMPLES: Record<string, string[]> = {
  propertyRow: [BLOCKS, REASON],
  propertyDisplay: [BLOCKS, REASON],
  propertyValue: [BLOCKS, REASON],
  propertyEditControl: [BLOCKS, REASON],
  propertyTextInput: [REASON],
};

interface Case {
  hook: string;
  index: number;
  alternative: SelectorAlternative;
}

const CASES: Case[] = Object.entries(SELECTORS).flatMap(([name, hook]) => {
  const sets: [string, Alternatives][] =
    typeof hook === 'function' ? (SAMPLES[name] ?? [BLOCKS]).map((n) => [`${name}(${n})`, hook(n)]) : [[name, hook]];
  return sets.flatMap(([label, alternatives]) => alternatives.map((alternative, index) => ({ hook: label, index, alternative })));
});

/** The hooks of HubSpot's other edit surfaces, sampled with the block property. */
const SURFACE_CASES = Object.entries(SURFACE_SELECTORS).flatMap(([name, hook]) => {
  const alternatives: AnyAlternatives = typeof hook === 'function' ? hook(BLOCKS) : hook;
  const label = typeof hook === 'function' ? `${name}(${BLOCKS})` : name;
  return alternatives.map((alternative, index) => ({ hook: label, index, alternative: alternative as SelectorAlternative<SurfaceFixture> }));
});

/** Opens one surface fixture page in the fake HubSpot, driven by the fake's own attributes. */
async function openSurface(page: Page, lang: Lang, fixture: SurfaceFixture): Promise<void> {
  const q = `?hl=${lang}`;
  const ready = () => page.locator('#app[data-fake-state="ready"]').waitFor();
  const contacts = `${fake.httpUrl}/contacts/${PORTAL}/objects/0-1/views/all/list${q}`;
  switch (fixture) {
    case 'record':
      await page.goto(`${fake.httpUrl}/contacts/${PORTAL}/record/0-1/101${q}`);
      return ready();
    case 'contacts-index':
      await page.goto(contacts);
      return ready();
    case 'preview':
      await page.goto(contacts);
      await ready();
      await page.locator('[data-fake-preview="101"]').click();
      return page.locator('[data-fake-surface="preview"]').waitFor();
    case 'segment-preview':
      await page.goto(`${fake.httpUrl}/contacts/${PORTAL}/objectLists/1001${q}`);
      await ready();
      await page.locator('[data-fake-preview]').first().click();
      return page.locator('[data-fake-surface="preview"]').waitFor();
    case 'all-properties':
      await page.goto(`${fake.httpUrl}/contacts/${PORTAL}/record/0-1/101${q}`);
      await ready();
      await page.locator('[data-fake-all-properties-modal]').click();
      return page.locator('[data-fake-surface="all-properties"]').waitFor();
    case 'all-properties-page':
      await page.goto(`${fake.httpUrl}/contacts/${PORTAL}/contact/101/properties${q}`);
      await ready();
      return page.locator('[data-fake-surface="all-properties"]').waitFor();
    case 'bulk-edit':
      await page.goto(contacts);
      await ready();
      await page.locator('[data-fake-select][value="101"]').check();
      await page.locator('[data-fake-bulk-edit]').click();
      await page.locator('[data-fake-bulk-select]').click();
      await page.locator(`[data-fake-bulk-option][data-option-value="${BLOCKS}"]`).click();
      return page.locator(`[data-fake-surface="bulk-edit"] [data-selenium-test="property-input-${BLOCKS}"]`).waitFor();
  }
}

/** lang → surface fixture → css → number of matching elements. */
const surfaceCounts = new Map<string, Map<SurfaceFixture, Map<string, number>>>();

let fake: FakeHubspot;
let browser: Browser;
/** lang → fixture → css → number of matching elements. */
const counts = new Map<string, Map<FixturePage, Map<string, number>>>();
/** lang → fixture → labels of the buttons in the left column. */
const buttons = new Map<string, Map<FixturePage, string[]>>();
const fixtureDates = new Map<string, string | null>();

type Variant = 'current' | '2026-11-28' | 'renamed' | '2026-12-06';
function variantOf(fixture: FixturePage): Variant {
  if (fixture.startsWith('renamed')) return 'renamed';
  if (fixture.startsWith('record-2026-11-28')) return '2026-11-28';
  if (fixture.startsWith('record-2026-12-06')) return '2026-12-06';
  return 'current';
}

async function openRecord(page: Page, lang: Lang, variant: Variant, edit: boolean) {
  const q = new URLSearchParams({ hl: lang });
  if (variant !== 'current') q.set('variant', variant);
  await page.goto(`${fake.httpUrl}/contacts/${PORTAL}/record/0-1/101?${q}`);
  await page.locator('#app[data-fake-state="ready"]').waitFor();
  if (!edit) return;
  // The fake's own attributes (data-fake-*) drive it the same in every variant.
  await page.locator(`[data-fake-edit-trigger][data-fake-property="${BLOCKS}"]`).click();
  await page.locator('[data-fake-search]').fill('marke');
  await page.locator(`[data-fake-edit-trigger][data-fake-property="${REASON}"]`).click();
  await page.locator('[data-fake="save-bar"]').waitFor();
}

async function measure(page: Page): Promise<{ counts: Map<string, number>; buttons: string[]; date: string | null }> {
  const css = [...new Set(CASES.map((c) => c.alternative.css))];
  const result = await page.evaluate((list) => {
    const n: Record<string, number> = {};
    for (const s of list) n[s] = document.querySelectorAll(s).length;
    const left = document.querySelector('[data-test-id$="left-sidebar"]');
    const labels = left ? Array.from(left.querySelectorAll('button')).map((b) => (b.textContent ?? '').trim()) : [];
    return { n, labels, date: document.body.getAttribute('data-fixture-date') };
  }, css);
  return { counts: new Map(Object.entries(result.n)), buttons: result.labels, date: result.date };
}

beforeAll(async () => {
  fake = await startFakeHubspot({ quiet: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage();
  for (const lang of LANGS) {
    const perFixture = new Map<FixturePage, Map<string, number>>();
    const perButtons = new Map<FixturePage, string[]>();
    for (const fixture of FIXTURE_PAGES) {
      if (fixture === 'fallbacks') await page.setContent(readFileSync(FALLBACKS, 'utf8'));
      else await openRecord(page, lang, variantOf(fixture), fixture.endsWith('-edit'));
      const m = await measure(page);
      perFixture.set(fixture, m.counts);
      perButtons.set(fixture, m.buttons);
      fixtureDates.set(`${lang}:${fixture}`, m.date);
    }
    counts.set(lang, perFixture);
    buttons.set(lang, perButtons);
    const perSurface = new Map<SurfaceFixture, Map<string, number>>();
    for (const fixture of SURFACE_FIXTURES) {
      await openSurface(page, lang, fixture);
      const css = [...new Set(SURFACE_CASES.map((c) => c.alternative.css))];
      const n = await page.evaluate((list) => Object.fromEntries(list.map((q) => [q, document.querySelectorAll(q).length])), css);
      perSurface.set(fixture, new Map(Object.entries(n)));
    }
    surfaceCounts.set(lang, perSurface);
  }
  await page.close();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await fake?.close();
});

describe('fixture pages', () => {
  it('each stands for the HubSpot DOM date it names', () => {
    for (const [key, date] of fixtureDates) expect(date, key).toBe(FIXTURE_DATES[key.split(':')[1] as FixturePage]);
  });

  it("show HubSpot's Save and Cancel in the left column only while editing, labelled per language", () => {
    const labels = (lang: Lang, f: FixturePage) => buttons.get(lang)!.get(f)!;
    expect(labels('de', 'record-edit')).toEqual(expect.arrayContaining(['Speichern', 'Abbrechen']));
    expect(labels('en', 'record-edit')).toEqual(expect.arrayContaining(['Save', 'Cancel']));
    expect(labels('en', 'renamed-edit')).toEqual(expect.arrayContaining(['Save', 'Cancel']));
    for (const lang of LANGS) {
      expect(labels(lang, 'record')).not.toContain('Speichern');
      expect(labels(lang, 'record')).not.toContain('Save');
      // The default labels of the settings cover both languages.
      expect(DEFAULT_SETTINGS.saveButtonLabels.some((l) => labels(lang, 'record-edit').includes(l))).toBe(true);
    }
  });
});

describe.each(LANGS)('selectors in %s HubSpot', (lang) => {
  it.each(CASES.map((c) => [`${c.hook}[${c.index}]`, c] as const))('%s matches exactly its fixtures', (_label, c) => {
    expect(c.alternative.fixtures, 'every alternative names its fixtures').toBeDefined();
    const matched = FIXTURE_PAGES.filter((f) => (counts.get(lang)!.get(f)!.get(c.alternative.css) ?? 0) > 0);
    const declared = FIXTURE_PAGES.filter((f) => c.alternative.fixtures!.includes(f));
    expect(matched).toEqual(declared);
  });
});

describe.each(LANGS)("the other edit surfaces' hooks in %s HubSpot", (lang) => {
  it.each(SURFACE_CASES.map((c) => [`${c.hook}[${c.index}]`, c] as const))('%s matches exactly its fixtures', (_label, c) => {
    const matched = SURFACE_FIXTURES.filter((f) => (surfaceCounts.get(lang)!.get(f)!.get(c.alternative.css) ?? 0) > 0);
    const declared = SURFACE_FIXTURES.filter((f) => c.alternative.fixtures!.includes(f));
    expect(matched).toEqual(declared);
  });
});
