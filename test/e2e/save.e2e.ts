// No block is ever lost, end to end: the built extension in Chromium against the fake HubSpot.
// Conflicts, two tabs, another user's write racing ours, a 429 while someone else writes, a value
// that is no option any more, and a static-list removal that fails half way.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { parseReasonLog } from '../../lib/domain/reasonLog';
import { FakeList } from '../fake-hubspot/index';
import { configure, contactUrl, launch, listUrl, PORTAL, type Harness } from './harness';
import { apiWrites, changeBehindTheBack, contactProps, openContact, waitForState } from './support';

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await launch();
  await (await configure(h)).close();
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  h.fake.reset();
  await page?.close();
  page = await h.context.newPage();
});

const blocks = (id: string) => (contactProps(h.fake, id).post_sperre_marken ?? '').split(';').filter(Boolean).sort();
const logOf = (id: string) => contactProps(h.fake, id).grund_post_sperre ?? '';
const toggle = (p: Page, brand: string) => p.locator(`[data-testid="brand-toggle"][data-brand="${brand}"]`);

async function edit(p: Page, id: string) {
  await openContact(p, contactUrl(id));
  await waitForState(p, 'ready');
  await p.getByTestId('edit-blocks').click();
}

describe('a save HubSpot does not take', () => {
  it('500 on every write: the panel says it retries while saving, then a clear error within 30 s; the editor keeps the change', async () => {
    await edit(page, '102');
    await toggle(page, 'marke_a').check();
    await page.getByTestId('reason-input').fill('Brief vom 3.11.');
    h.fake.faults.add({ match: { method: 'PATCH', pathPrefix: '/crm/v3/objects/contacts/102' }, status: 500 });
    const panel = page.getByTestId('postsperre-panel');
    const started = Date.now();
    await page.getByTestId('save-blocks').click();
    // While it waits, the live region says so and the state stays "saving".
    await page.locator('[data-testid="postsperre-panel"][data-state="saving"] [role="status"]', { hasText: 'neuer Versuch' }).first().waitFor({ timeout: 20_000 });
    const error = page.getByTestId('panel-error');
    await error.waitFor({ timeout: 40_000 });
    const seconds = (Date.now() - started) / 1000;
    expect(await error.getAttribute('data-error-kind')).toBe('network');
    expect(await error.innerText()).toContain('Nicht gespeichert');
    expect(await panel.getAttribute('data-state')).toBe('ready');
    expect(await page.getByTestId('reason-input').inputValue()).toBe('Brief vom 3.11.');
    expect(blocks('102')).toEqual([]);
    console.log(`[save.e2e] 500 on every write: error shown after ${seconds.toFixed(1)} s, ${apiWrites(h.fake).length} writes sent`);
  }, 60_000);
});

describe('saving blocks under concurrency', () => {
  it('a second Save after a conflict lifts nothing: the colleague\'s block stays', async () => {
    await edit(page, '102');
    await toggle(page, 'marke_a').check();
    await page.getByTestId('reason-input').fill('Brief vom 3.11.');
    // Meanwhile a colleague blocks Marke A and Marke B.
    await changeBehindTheBack(h.fake, '102', { post_sperre_marken: 'marke_a;marke_b', grund_post_sperre: 'Kollegin: +A +B' });
    await page.getByTestId('save-blocks').click();
    expect(await page.getByTestId('panel-error').getAttribute('data-error-kind')).toBe('conflict');
    // The editor stays open, shows the new state with the user's toggle, and says it was done already.
    await page.getByTestId('moot-brands').waitFor();
    expect(await toggle(page, 'marke_b').isChecked()).toBe(true);
    expect(await page.getByTestId('change-summary').innerText()).toContain('Noch keine Änderung');
    await page.getByTestId('save-blocks').click();
    expect(blocks('102')).toEqual(['marke_a', 'marke_b']);
    expect(apiWrites(h.fake)).toHaveLength(0);
    expect(await page.getByTestId('reason-input').inputValue()).toBe('Brief vom 3.11.');
  });

  it('two tabs saving different brands at once: both land, each with its own log entry', async () => {
    const other = await h.context.newPage();
    try {
      await edit(page, '102');
      await edit(other, '102');
      await toggle(page, 'marke_a').check();
      await page.getByTestId('reason-input').fill('Tab eins');
      await toggle(other, 'marke_b').check();
      await other.getByTestId('reason-input').fill('Tab zwei');
      await Promise.all([page.getByTestId('save-blocks').click(), other.getByTestId('save-blocks').click()]);
      await waitForState(page, 'saved');
      await waitForState(other, 'saved');
      expect(blocks('102')).toEqual(['marke_a', 'marke_b']);
      expect(parseReasonLog(logOf('102')).entries.map((e) => e.reason).sort()).toEqual(['Tab eins', 'Tab zwei']);
    } finally {
      await other.close();
    }
  });

  it("another user's write racing our PATCH survives, and the panel names it", async () => {
    await edit(page, '101');
    await toggle(page, 'galerie_west').check();
    await page.getByTestId('reason-input').fill('Anruf');
    // HubSpot applies a colleague's edit just before our write arrives (nothing in the API prevents it).
    h.fake.faults.add({
      match: { method: 'PATCH', pathPrefix: '/crm/v3/objects/contacts/101' },
      times: 1,
      interleave: { addTokens: { post_sperre_marken: ['marke_b'] }, appendLines: { grund_post_sperre: 'JB: +Marke B, Brief' }, userId: 23456 },
    });
    await page.getByTestId('save-blocks').click();
    await waitForState(page, 'saved');
    expect(blocks('101')).toEqual(['galerie_west', 'marke_a', 'marke_b', 'marke_c']);
    expect(logOf('101').split('\n').filter((l) => l === 'JB: +Marke B, Brief')).toHaveLength(1);
    expect(await page.getByTestId('save-notice').innerText()).toContain('Jonas Brandt');
    expect(await page.locator('[data-testid="brand-row"][data-brand="marke_b"]').getAttribute('data-blocked')).toBe('true');
  });

  it('a 429 on our write while another change lands: the other change survives, ours is written once', async () => {
    await edit(page, '102');
    await toggle(page, 'marke_c').check();
    await page.getByTestId('reason-input').fill('Widerspruch');
    h.fake.faults.add({
      match: { method: 'PATCH', pathPrefix: '/crm/v3/objects/contacts/102' },
      times: 1,
      rateLimit: 'TEN_SECONDLY_ROLLING',
      // The colleague's edit lands while we are told to wait.
      interleave: { addTokens: { post_sperre_marken: ['marke_a'] }, appendLines: { grund_post_sperre: 'AD: +Marke A' } },
    });
    await page.getByTestId('save-blocks').click();
    await page.locator('[data-testid="postsperre-panel"][data-state="saved"]').waitFor({ timeout: 30_000 });
    expect(blocks('102')).toEqual(['marke_a', 'marke_c']);
    expect(logOf('102')).toContain('AD: +Marke A');
    expect(parseReasonLog(logOf('102')).entries.filter((e) => e.reason === 'Widerspruch')).toHaveLength(1);
    expect(apiWrites(h.fake).map((r) => r.status)).toEqual([429, 200]);
  });

  it('a value that is no option any more: named, with the way out and a link; lifting it still works', async () => {
    await edit(page, '105');
    await toggle(page, 'marke_a').check();
    await page.getByTestId('reason-input').fill('Brief');
    const note = page.getByTestId('stale-brand-note');
    await note.waitFor();
    expect(await note.innerText()).toContain('marke_alt');
    expect(await page.getByTestId('property-settings-link').getAttribute('href')).toBe(
      `https://app-eu1.hubspot.com/property-settings/${PORTAL}/properties?type=0-1&property=post_sperre_marken&action=edit`,
    );
    await page.getByTestId('save-blocks').click();
    await page.getByTestId('panel-error').waitFor();
    expect(apiWrites(h.fake)).toHaveLength(0);
    expect(await page.getByTestId('reason-input').inputValue()).toBe('Brief');
    // Lifting the removed value (with the reason already typed) saves.
    await toggle(page, 'marke_alt').uncheck();
    await page.getByTestId('save-blocks').click();
    await waitForState(page, 'saved');
    expect(blocks('105')).toEqual(['marke_a', 'marke_b']);
  });

  it('leaving the page in-app does not abandon a save already sent: the outcome is shown on coming back', async () => {
    await edit(page, '101');
    await toggle(page, 'galerie_west').check();
    await page.getByTestId('reason-input').fill('Abschied');
    h.fake.faults.add({ match: { method: 'PATCH', pathPrefix: '/crm/v3/objects/contacts/101' }, times: 1, delayMs: 1500 });
    await page.getByTestId('save-blocks').click();
    await page.getByRole('link', { name: /Nächster Kontakt/ }).click();
    await expect.poll(() => page.getByTestId('postsperre-panel').getAttribute('data-contact-id')).toBe('102');
    await expect.poll(() => blocks('101'), { timeout: 10_000 }).toContain('galerie_west');
    await page.goBack();
    await expect.poll(() => page.getByTestId('postsperre-panel').getAttribute('data-contact-id')).toBe('101');
    await waitForState(page, 'ready');
    expect(await page.getByTestId('save-notice').innerText()).toContain('abgeschlossen');
    expect(await page.locator('[data-testid="brand-row"][data-brand="galerie_west"]').getAttribute('data-blocked')).toBe('true');
  });

  it('a script in the page cannot press Save: an untrusted click writes nothing', async () => {
    await edit(page, '102');
    await toggle(page, 'marke_a').check();
    await page.getByTestId('reason-input').fill('Skript');
    await page.getByTestId('save-blocks').evaluate((b) => (b as HTMLButtonElement).click());
    await page.waitForTimeout(500);
    expect(apiWrites(h.fake)).toHaveLength(0);
    await page.getByTestId('save-blocks').click();
    await waitForState(page, 'saved');
    expect(apiWrites(h.fake)).toHaveLength(1);
  });
});

describe('a static-list removal failing half way', () => {
  it('says how many members were removed and audits the list again', async () => {
    const portal = h.fake.state.portal(PORTAL)!;
    const ids = Array.from({ length: 300 }, (_, i) => String(600_000 + i));
    for (const id of ids) portal.contacts.add({ id, createdAt: '2026-01-01T00:00:00.000Z', properties: { firstname: `K${id}`, post_sperre_marken: 'marke_a' } });
    portal.lists.set('9101', new FakeList({ listId: '9101', name: 'Katalog Marke A', processingType: 'MANUAL', objectTypeId: '0-1', createdAt: '2026-01-01T00:00:00.000Z', memberIds: ids.map(Number) }));
    h.fake.faults.add({ match: { method: 'PUT', pathPrefix: '/crm/v3/lists/9101/memberships/remove' }, skip: 1, status: 500 });
    await page.goto(listUrl('9101'));
    const panel = page.locator('[data-testid="list-audit-panel"][data-verdict="leaks"]');
    await panel.waitFor({ timeout: 30_000 });
    await page.getByTestId('fix-leaks').click();
    await page.getByTestId('confirm-fix').click();
    const note = page.getByTestId('fix-note');
    await note.waitFor({ timeout: 30_000 });
    expect(await note.innerText()).toMatch(/^250 von 300 Kontakten wurden aus der Liste entfernt/);
    expect(await page.locator('[data-testid="list-audit-panel"]').getAttribute('data-verdict')).toBe('leaks');
    expect(await page.locator('[data-testid="leak"][data-kind="member"]').count()).toBe(50);
    expect(portal.lists.get('9101')!.staticMembers()).toHaveLength(50);
  });
});
