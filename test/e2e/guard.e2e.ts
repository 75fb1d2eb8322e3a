// Issue 3 end to end: HubSpot's own sidebar Save is guarded. The built extension in Chromium,
// the fake HubSpot over HTTPS with HubSpot's host names; the user edits "Post Sperre Marken" in
// HubSpot's sidebar (not in the panel) and saves the ways HubSpot allows. What counts is what
// reaches HubSpot: the fake logs its own UI's saves as kind 'ui', PATCH /api/fake-ui/contacts/{id}.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { configure, contactUrl, launch, type Harness } from './harness';
import { apiWrites, contactProps, waitForState } from './support';

const BLOCKS = 'post_sperre_marken';
const REASON = 'grund_post_sperre';
const MESSAGE_DE = 'Bitte einen Grund für die Änderung der Post-Sperre angeben';
const MESSAGE_EN = 'Please give a reason for changing the postal block';
const INACTIVE_DE = 'HubSpots Layout hat sich geändert: Die Seitenleiste ist nicht geschützt, bitte Sperren in diesem Feld bearbeiten.';

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

/** HubSpot's own sidebar saves of a contact (not the panel's API writes). */
function uiSaves(contactId?: string) {
  return h.fake.requests.filter((r) => r.kind === 'ui' && r.method === 'PATCH' && (!contactId || r.path === `/api/fake-ui/contacts/${contactId}`));
}
function sentProperties(i = 0): Record<string, string> {
  return (uiSaves()[i]!.body as { properties: Record<string, string> }).properties;
}

const guardStatus = (p: Page) => p.getByTestId('guard-status');
const row = (p: Page, name: string) => p.locator(`[data-selenium-test="profile-properties-list"] > [data-test-id="${name}"]`);
const valueOf = (p: Page, name: string) => row(p, name).locator('[data-deferred-property-input-mode="display"]');
// The edit control: the same data-selenium-test sits on the displayed value (docs/hubspot.md).
const control = (p: Page, name: string) => row(p, name).locator(`[data-deferred-property-input-mode="edit"] [data-selenium-test="property-input-${name}"]`);
const reasonField = (p: Page) => p.locator(`textarea[data-selenium-test="property-input-${REASON}"]`);
const saveButton = (p: Page, label = 'Speichern') => p.locator('[data-test-id="left-sidebar"]').getByRole('button', { name: label, exact: true });
const message = (p: Page) => p.getByTestId('guard-message');

async function openGuarded(p: Page, url: string): Promise<void> {
  await p.goto(url);
  await expect.poll(() => guardStatus(p).getAttribute('data-state'), { timeout: 10_000 }).toBe('active');
}

/** Like a user: click the brands into edit mode, search, tick or untick one. */
async function pickBrand(p: Page, label: string, on = true): Promise<void> {
  if ((await control(p, BLOCKS).count()) === 0) await valueOf(p, BLOCKS).click();
  const search = control(p, BLOCKS).getByRole('searchbox');
  await search.fill(label.toLowerCase());
  const box = control(p, BLOCKS).getByRole('checkbox', { name: label, exact: true });
  if (on) await box.check();
  else await box.uncheck();
}

/** The reason field, opened by a click on its value when needed, with `text` appended. */
async function appendReason(p: Page, text: string): Promise<void> {
  if ((await reasonField(p).count()) === 0) await valueOf(p, REASON).click();
  await reasonField(p).click();
  await p.keyboard.press('Control+End');
  await p.keyboard.type(text);
}

async function pickedChips(p: Page): Promise<string[]> {
  return (await control(p, BLOCKS).locator('[data-test-id="multiselect-tag"]').allInnerTexts()).map((t) => t.replace('×', '').trim());
}

async function expectStopped(p: Page, text = MESSAGE_DE): Promise<void> {
  await message(p).waitFor();
  expect(await message(p).innerText()).toBe(text);
  expect(uiSaves()).toHaveLength(0);
  // HubSpot keeps the edit: nothing was thrown away.
  expect(await control(p, BLOCKS).count()).toBe(1);
}

async function focused(p: Page): Promise<string | null> {
  return p.evaluate(() => document.activeElement?.getAttribute('data-selenium-test') ?? null);
}

async function isFocused(l: Locator): Promise<boolean> {
  return l.evaluate((el) => el === document.activeElement);
}

describe('a brand change without a reason', () => {
  it('is stopped however HubSpot would save it: click, Enter and Space on Save, Ctrl/Cmd+Enter in the form', async () => {
    await openGuarded(page, contactUrl('101'));
    expect(await guardStatus(page).innerText()).toContain('geschützt');
    await pickBrand(page, 'Marke B');

    await saveButton(page).click();
    await expectStopped(page);
    // The message sits beside the reason field, which was opened and has the keyboard.
    expect(await focused(page)).toBe(`property-input-${REASON}`);
    expect(await message(page).evaluate((el) => el.previousElementSibling?.getAttribute('data-test-id'))).toBe(REASON);
    await page.screenshot({ path: 'artifacts/guard-stopped-de.png' });

    await saveButton(page).focus();
    await page.keyboard.press('Enter');
    await saveButton(page).focus();
    await page.keyboard.press(' ');
    await control(page, BLOCKS).getByRole('searchbox').focus();
    await page.keyboard.press('Control+Enter');
    await reasonField(page).focus();
    await page.keyboard.press('Meta+Enter');
    await page.waitForTimeout(300);
    await expectStopped(page);
    expect(await page.getByTestId('guard-message').count()).toBe(1);
    expect(await pickedChips(page)).toEqual(['Marke A', 'Marke B', 'Marke C']);

    // With a reason the same Save goes through: one PATCH with both properties.
    const before = contactProps(h.fake, '101').grund_post_sperre!;
    await appendReason(page, '\n2026-11-28 E2E: +Marke B. Brief vom 27.11.');
    await expect.poll(() => message(page).count()).toBe(0);
    await saveButton(page).click();
    await expect.poll(() => uiSaves().length).toBe(1);
    const sent = sentProperties();
    expect(Object.keys(sent).sort()).toEqual([REASON, BLOCKS]);
    expect(sent[BLOCKS]!.split(';').sort()).toEqual(['marke_a', 'marke_b', 'marke_c']);
    expect(sent[REASON]).toBe(`${before}\n2026-11-28 E2E: +Marke B. Brief vom 27.11.`);
    await valueOf(page, BLOCKS).waitFor();
    expect(await valueOf(page, BLOCKS).innerText()).toBe('Marke A; Marke B; Marke C');
    expect(await message(page).count()).toBe(0);
    expect(apiWrites(h.fake)).toHaveLength(0); // HubSpot saved it, not the panel
    // The panel re-reads after HubSpot's own save and shows the new block.
    await expect.poll(() => page.locator('[data-testid="brand-row"][data-brand="marke_b"]').getAttribute('data-blocked'), { timeout: 10_000 }).toBe('true');
  });

  it('is stopped with a blank reason, and Cancel discards the edit as in HubSpot', async () => {
    await openGuarded(page, contactUrl('102', 'app.hubspot.com'));
    await pickBrand(page, 'Marke A');
    await valueOf(page, REASON).click(); // "--": no reason yet
    await reasonField(page).fill('   ');
    await reasonField(page).press('Control+Enter');
    await expectStopped(page);
    expect(await isFocused(reasonField(page))).toBe(true);
    await page.locator('[data-test-id="left-sidebar"]').getByRole('button', { name: 'Abbrechen', exact: true }).click();
    await valueOf(page, BLOCKS).waitFor();
    expect(await message(page).count()).toBe(0);
    expect(uiSaves()).toHaveLength(0);
    expect(contactProps(h.fake, '102')[BLOCKS] ?? '').toBe('');
  });

  it('lifting a block needs a reason too', async () => {
    await openGuarded(page, contactUrl('101'));
    await pickBrand(page, 'Marke A', false);
    expect(await pickedChips(page)).toEqual(['Marke C']);
    await saveButton(page).click();
    await expectStopped(page);
    await appendReason(page, '\n2026-11-28 E2E: -Marke A. Kundin wünscht wieder Post.');
    await reasonField(page).press('Control+Enter'); // the keyboard save goes through now
    await expect.poll(() => uiSaves().length).toBe(1);
    expect(sentProperties()[BLOCKS]).toBe('marke_c');
  });
});

describe('saves that do not change the blocks', () => {
  it('go through untouched: another property only, or the blocks opened and left as they were', async () => {
    await openGuarded(page, contactUrl('101'));
    await valueOf(page, 'city').click();
    await row(page, 'city').locator('input').fill('Hamburg');
    await saveButton(page).click();
    await expect.poll(() => uiSaves().length).toBe(1);
    expect(sentProperties()).toEqual({ city: 'Hamburg' });
    expect(await message(page).count()).toBe(0);

    // Blocks ticked and unticked again (back to the saved value), plus another property.
    await pickBrand(page, 'Marke B');
    await pickBrand(page, 'Marke B', false);
    await valueOf(page, 'city').click();
    await row(page, 'city').locator('input').fill('Bremen');
    await saveButton(page).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => uiSaves().length).toBe(2);
    expect(sentProperties(1)).toEqual({ city: 'Bremen' });
    expect(await message(page).count()).toBe(0);
    expect(contactProps(h.fake, '101')[BLOCKS]).toBe('marke_a;marke_c');
  });
});

describe('when HubSpot renamed its hooks', () => {
  it('says the sidebar is not guarded, leaves HubSpot alone, and the panel still edits via the API', async () => {
    await page.goto(`${contactUrl('101')}?variant=renamed`);
    await guardStatus(page).waitFor();
    expect(await guardStatus(page).getAttribute('data-state')).toBe('inactive'); // while it looks: "setting up"
    await expect.poll(() => guardStatus(page).innerText(), { timeout: 15_000 }).toBe(INACTIVE_DE);
    expect(await guardStatus(page).getAttribute('data-state')).toBe('inactive');

    // HubSpot's own Save works as before (the guard cannot see it, and says so).
    await page.locator(`[data-fake-edit-trigger][data-fake-property="${BLOCKS}"]`).click();
    await page.locator('[data-fake-search]').fill('marke b');
    await page.getByRole('checkbox', { name: 'Marke B', exact: true }).check();
    await saveButton(page).click();
    await expect.poll(() => uiSaves().length).toBe(1);
    expect(await message(page).count()).toBe(0);

    await waitForState(page, 'ready');
    await guardStatus(page).scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'artifacts/guard-inactive-de.png' });
    await page.getByTestId('edit-blocks').click();
    await page.locator('[data-testid="brand-toggle"][data-brand="galerie_west"]').check();
    await page.getByTestId('reason-input').fill('Widerspruch per E-Mail');
    await page.getByTestId('save-blocks').click();
    await waitForState(page, 'saved');
    expect(apiWrites(h.fake)).toHaveLength(1);
    expect(contactProps(h.fake, '101')[BLOCKS]!.split(';')).toContain('galerie_west');
    expect(await guardStatus(page).getAttribute('data-state')).toBe('inactive');
  });
});

describe('in-app navigation', () => {
  it('ends the old guard and guards the next contact', async () => {
    await openGuarded(page, contactUrl('101', 'app-na2.hubspot.com'));
    await page.getByRole('link', { name: /Nächster Kontakt/ }).click();
    await expect.poll(() => page.getByTestId('postsperre-panel').getAttribute('data-contact-id')).toBe('102');
    await expect.poll(() => guardStatus(page).getAttribute('data-state'), { timeout: 10_000 }).toBe('active');
    expect(await page.getByTestId('guard-status').count()).toBe(1);

    await pickBrand(page, 'Galerie West');
    await saveButton(page).click();
    await expectStopped(page);
    expect(await message(page).count()).toBe(1); // one guard, one message
    await appendReason(page, 'Anruf 28.11.');
    await saveButton(page).click();
    await expect.poll(() => uiSaves('102').length).toBe(1);
    expect(uiSaves()).toHaveLength(1);
    expect(sentProperties()).toEqual({ [BLOCKS]: 'galerie_west', [REASON]: 'Anruf 28.11.' });
  });
});

describe('English HubSpot', () => {
  it('guards "Save" and speaks English', async () => {
    await openGuarded(page, `${contactUrl('103', 'app-eu1.hubspot.com')}?hl=en`);
    expect(await guardStatus(page).innerText()).toBe("HubSpot's sidebar Save is guarded.");
    await pickBrand(page, 'Marke C');
    await saveButton(page, 'Save').click();
    await expectStopped(page, MESSAGE_EN);
    expect(await focused(page)).toBe(`property-input-${REASON}`);
    await page.screenshot({ path: 'artifacts/guard-stopped-en.png' });
    await appendReason(page, '\n2026-11-28 E2E: +Marke C (phone call)');
    await saveButton(page, 'Save').click();
    await expect.poll(() => uiSaves().length).toBe(1);
    expect(sentProperties()[BLOCKS]!.split(';')).toContain('marke_c');
  });
});
