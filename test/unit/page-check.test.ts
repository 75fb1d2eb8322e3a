// The diagnosis for support (issue 9): which of HubSpot's hooks matched on a contact page, by
// which dated alternative, as text without personal data.
import { describe, expect, it } from 'vitest';
import { checkHooks, formatPageCheck, type PageCheck } from '../../lib/page/pageCheck';
import { Pages } from '../fake-hubspot/pages/ui';
import { FakeState } from '../fake-hubspot/state';
import { demoSeed } from '../fake-hubspot/seed';

const PROPS = { blockProperty: 'post_sperre_marken', reasonProperty: 'grund_post_sperre' };
const pages = new Pages(new FakeState(demoSeed()));

function draw(params: Record<string, string>): void {
  const html = pages.page('/contacts/12345678/record/0-1/101', new URLSearchParams({ ssr: '1', ...params })).html!;
  document.body.innerHTML = /<main id="app"[\s\S]*<\/main>/.exec(html)![0];
}

const matched = (hook: string) => checkHooks(document, PROPS).find((h) => h.hook === hook)?.matched ?? null;

describe('checkHooks', () => {
  it('names the alternative that matched on each dated record page, and none where nothing does', () => {
    draw({});
    expect(matched('propertyValue(post_sperre_marken)')).toMatchObject({ index: 0, of: 1, seen: '2026-12-05' });
    expect(matched('propertyDisplayLabel')).toMatchObject({ index: 0 });
    expect(matched('propertyEditControl(post_sperre_marken)')).toBeNull(); // nothing is being edited
    draw({ variant: '2026-11-28' });
    expect(matched('propertyDisplayLabel')).toBeNull(); // the label sat outside the block then
    expect(matched('propertyRow(post_sperre_marken)')).toMatchObject({ index: 0 });
    draw({ variant: 'renamed' });
    expect(matched('propertyRow(post_sperre_marken)')).toBeNull();
    expect(matched('propertiesCard')).toMatchObject({ index: 2 });
  });
});

describe('formatPageCheck', () => {
  it('is text for a ticket: version, host, guard, one line per hook, and no personal data', () => {
    draw({});
    const check: PageCheck = { at: '2026-12-05T08:00:00.000Z', host: 'app-eu1.hubspot.com', lang: 'de', guard: { mode: 'guarding', problem: null }, hooks: checkHooks(document, PROPS) };
    const text = formatPageCheck(check, '1.2.3');
    expect(text.split('\n').slice(0, 3)).toEqual(['Post-Sperre Guard 1.2.3', 'checked 2026-12-05T08:00:00.000Z on app-eu1.hubspot.com (HubSpot language de)', 'guard: guarding']);
    expect(text).toContain('  propertyValue(post_sperre_marken): 1/1 seen 2026-12-05, public code: [data-deferred-property-input-mode="display"] [data-selenium-test="property-input-post_sperre_marken"]');
    expect(text).toContain('  propertyEditControl(post_sperre_marken): none matched');
    expect(text).not.toMatch(/Anna|Schmidt|Marke A|12345678|\b101\b/);
  });
});
