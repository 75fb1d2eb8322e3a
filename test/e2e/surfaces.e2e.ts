// Issue 14 end to end: HubSpot's other edit surfaces are guarded like its sidebar. The built
// extension in Chromium, the fake HubSpot over HTTPS with HubSpot's host names: the record preview
// panel (from the contacts index and from a segment's records), the all-properties page, and bulk
// edit from the contacts index. What counts is what reaches HubSpot: the fake logs its own UI's
// saves as kind 'ui' (PATCH /api/fake-ui/contacts/{id}, POST /api/fake-ui/bulk-edit) and writes
// the property history with HubSpot's sourceType.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { configure, launch, PORTAL, type Harness } from './harness';
import { contactProps, tabStatusAnswers } from './support';

const BLOCKS = 'post_sperre_marken';
const REASON = 'grund_post_sperre';
const HOST = 'https://app-eu1.hubspot.com';
const CONTACTS = `${HOST}/contacts/${PORTAL}/objects/0-1/views/all/list`;
const MESSAGE_DE = 'Bitte einen Grund für die Änderung der Post-Sperre angeben';

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

const uiSaves = () => h.fake.requests.filter((r) => r.kind === 'ui' && r.method !== 'GET');
const history = (id: string, name: string) => h.fake.state.portal(PORTAL)!.contacts.get(id)!.history[name] ?? [];
const message = (p: Page, surface: string) => p.locator(`[data-testid="guard-message"][data-surface="${surface}"]`);

/** The surfaces a tab's answer lists, as { surface: state }. */
async function surfacesOf(kind: string): Promise<Record<string, string>> {
  const answer = (await tabStatusAnswers(h.context, h.extensionId)).find((a) => (a as { page?: string }).page === kind) as { surfaces?: { surface: string; state: string }[] } | undefined;
  return Object.fromEntries((answer?.surfaces ?? []).map((s) => [s.surface, s.state]));
}

/** In a panel: open the brands, tick a brand, and save with HubSpot's button (by mouse, or by
 *  keyboard: Enter on the focused button). */
async function changeBrandAndSave(panel: Locator, brand: string, by: 'mouse' | 'keyboard' = 'mouse'): Promise<void> {
  await panel.locator(`[data-fake-edit-trigger][data-fake-property="${BLOCKS}"]`).click();
  await panel.locator(`[data-fake-option][value="${brand}"]`).check();
  const save = panel.getByRole('button', { name: 'Speichern', exact: true });
  if (by === 'mouse') await save.click();
  else await save.press('Enter');
}

/** The same panel: the guard opened the reason; add an entry below the log, and save again. */
async function addReasonAndSave(panel: Locator, entry: string): Promise<void> {
  const field = panel.locator(`textarea[data-selenium-test="property-input-${REASON}"]`);
  await field.waitFor();
  await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
  await field.fill(`${await field.inputValue()}\n${entry}`);
  await panel.getByRole('button', { name: 'Speichern', exact: true }).click();
}

describe('the record preview panel', () => {
  it('from the contacts index: a block change without reason is stopped, with a reason it is saved (CRM_UI), the log kept', async () => {
    await page.goto(CONTACTS);
    await page.locator('[data-fake="contacts-index"] tbody tr').first().waitFor();
    await page.locator('[data-fake-record-id="101"] [data-selenium-test="table-preview-click-button"]').click();
    const panel = page.locator('[data-selenium-test="preview-sidebar"]');
    await panel.waitFor();
    await expect.poll(() => surfacesOf('contact-index')).toEqual({ preview: 'guarded', 'bulk-edit': 'guarded' });

    const logBefore = contactProps(h.fake, '101')[REASON]!;
    await changeBrandAndSave(panel, 'marke_b');
    await expect.poll(() => message(page, 'preview').textContent()).toBe(MESSAGE_DE);
    expect(uiSaves()).toEqual([]);

    await addReasonAndSave(panel, '07.12.2026: Brief, Marke B gesperrt (E2E)');
    await expect.poll(() => uiSaves().length).toBe(1);
    await expect.poll(() => contactProps(h.fake, '101')[BLOCKS]).toBe('marke_a;marke_b;marke_c');
    const log = contactProps(h.fake, '101')[REASON]!;
    expect(log.startsWith(logBefore)).toBe(true);
    expect(log).toContain('Marke B gesperrt (E2E)');
    expect(history('101', BLOCKS)[0]).toMatchObject({ value: 'marke_a;marke_b;marke_c', sourceType: 'CRM_UI' });
    await expect.poll(() => message(page, 'preview').count()).toBe(0);
  });

  it('never shortens the reason log', async () => {
    await page.goto(CONTACTS);
    await page.locator('[data-fake-record-id="101"] [data-selenium-test="table-preview-click-button"]').click();
    const panel = page.locator('[data-selenium-test="preview-sidebar"]');
    await panel.locator(`[data-fake-edit-trigger][data-fake-property="${REASON}"]`).click();
    await panel.locator(`textarea[data-selenium-test="property-input-${REASON}"]`).fill('Alles neu');
    await panel.getByRole('button', { name: 'Speichern', exact: true }).click();
    await expect.poll(() => message(page, 'preview').textContent()).toMatch(/^Der bisherige Grund muss erhalten bleiben/);
    expect(uiSaves()).toEqual([]);
  });

  it("from a segment's records: guarded the same way", async () => {
    await page.goto(`${HOST}/contacts/${PORTAL}/objectLists/1001`);
    const opener = page.locator('[data-fake="members"] [data-selenium-test="table-preview-click-button"]').first();
    await opener.waitFor();
    const id = await opener.getAttribute('data-fake-preview');
    await opener.click();
    const panel = page.locator('[data-selenium-test="preview-sidebar"]');
    await panel.waitFor();
    const blocked = contactProps(h.fake, id!)[BLOCKS] ?? '';
    // By keyboard: the segment page's floating audit panel covers the drawer's lower right corner.
    await changeBrandAndSave(panel, blocked.includes('marke_c') ? 'marke_b' : 'marke_c', 'keyboard');
    await expect.poll(() => message(page, 'preview').textContent()).toBe(MESSAGE_DE);
    expect(uiSaves()).toEqual([]);
    expect(await surfacesOf('list')).toMatchObject({ preview: 'guarded' });
  });
});

describe('the all-properties page', () => {
  it('stops a block change without a reason, saves one with a reason (CRM_UI), keeps the log', async () => {
    await page.goto(`${HOST}/contacts/${PORTAL}/contact/101/properties`);
    const panel = page.locator('[data-test-id="all-properties-panel"]');
    await panel.waitFor();
    await expect.poll(() => surfacesOf('contact')).toMatchObject({ 'all-properties': 'guarded' });
    const logBefore = contactProps(h.fake, '101')[REASON]!;
    await changeBrandAndSave(panel, 'marke_b');
    await expect.poll(() => message(page, 'all-properties').textContent()).toBe(MESSAGE_DE);
    expect(uiSaves()).toEqual([]);
    await addReasonAndSave(panel, '07.12.2026: Anruf, Marke B gesperrt (E2E)');
    await expect.poll(() => contactProps(h.fake, '101')[BLOCKS]).toBe('marke_a;marke_b;marke_c');
    expect(contactProps(h.fake, '101')[REASON]!.startsWith(logBefore)).toBe(true);
    expect(history('101', REASON)[0]).toMatchObject({ sourceType: 'CRM_UI' });
  });
});

describe('bulk edit from the contacts index', () => {
  async function openBulkEdit(): Promise<Locator> {
    await page.goto(CONTACTS);
    await page.locator('[data-fake-select][value="101"]').check();
    await page.locator('[data-fake-select][value="102"]').check();
    await page.locator('[data-selenium-test="bulk-action-edit"]').click();
    const dialog = page.locator('[data-fake="bulk-edit-dialog"]');
    await dialog.waitFor();
    return dialog;
  }
  async function choose(dialog: Locator, property: string): Promise<void> {
    await dialog.locator('#bulk-edit-property-select').click();
    await dialog.locator(`[data-option-value="${property}"]`).click();
  }

  it('is stopped for the block property, with a message saying why and what instead', async () => {
    const dialog = await openBulkEdit();
    const before = contactProps(h.fake, '102')[BLOCKS];
    await choose(dialog, BLOCKS);
    await dialog.getByLabel('Marke B').check();
    await dialog.locator('[data-selenium-test="base-dialog-confirm-btn"]').click();
    const m = message(page, 'bulk-edit');
    await expect.poll(() => m.textContent()).toMatch(/^Sammelbearbeitung der Post-Sperre ist gesperrt/);
    expect(await m.textContent()).toContain('Sperren aus Datei');
    expect(await m.getAttribute('role')).toBe('alert');
    expect(uiSaves()).toEqual([]);
    expect(contactProps(h.fake, '102')[BLOCKS]).toBe(before);
    // The reason log too.
    await choose(dialog, REASON);
    await dialog.locator(`textarea[data-selenium-test="property-input-${REASON}"]`).fill('Sammelgrund');
    await dialog.locator('[data-selenium-test="base-dialog-confirm-btn"]').press('Enter');
    await expect.poll(() => m.count()).toBe(1);
    expect(uiSaves()).toEqual([]);
  });

  it('of any other property is untouched (CRM_UI_BULK_ACTION)', async () => {
    const dialog = await openBulkEdit();
    await choose(dialog, 'city');
    await dialog.locator('[data-selenium-test="property-input-city"]').fill('Kiel');
    await dialog.locator('[data-selenium-test="base-dialog-confirm-btn"]').click();
    await expect.poll(() => uiSaves().length).toBe(1);
    await expect.poll(() => [contactProps(h.fake, '101').city, contactProps(h.fake, '102').city]).toEqual(['Kiel', 'Kiel']);
    expect(history('102', 'city')[0]).toMatchObject({ value: 'Kiel', sourceType: 'CRM_UI_BULK_ACTION' });
    expect(await message(page, 'bulk-edit').count()).toBe(0);
  });
});

describe("HubSpot's own block picker (tags without hook or separator)", () => {
  it('opened and left unchanged, it never stops an honest save of another field; a change still needs a reason', async () => {
    const res = await fetch(`${h.fake.httpUrl}/__fake/ui`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ bareTags: true }) });
    expect(res.ok).toBe(true);
    await page.goto(`${HOST}/contacts/${PORTAL}/record/0-1/101?variant=2026-12-06`);
    await page.locator('[data-testid="guard-status"][data-state="active"]').waitFor();
    const sidebar = page.locator('[data-test-id="left-sidebar"]');
    await sidebar.locator(`[data-fake-edit-trigger][data-fake-property="${BLOCKS}"]`).click();
    const anchor = sidebar.locator(`[data-deferred-property-input-mode="edit"] [data-selenium-test="property-input-${BLOCKS}"]`);
    expect(await anchor.textContent()).toBe('Marke A×Marke C×'); // no hook, no separator
    await sidebar.locator('[data-fake-edit-trigger][data-fake-property="city"]').click();
    await sidebar.locator('input[data-selenium-test="property-input-city"]').fill('Kiel');
    await sidebar.getByRole('button', { name: 'Speichern', exact: true }).click();
    await expect.poll(() => contactProps(h.fake, '101').city).toBe('Kiel');
    expect(uiSaves()).toHaveLength(1);
    expect(await page.getByTestId('guard-message').count()).toBe(0);

    // A brand added in that picker (its options in the popover under <body>) is a change.
    await sidebar.locator(`[data-fake-edit-trigger][data-fake-property="${BLOCKS}"]`).click();
    await page.locator('[data-fake="picker-popover"] [data-fake-option][value="marke_b"]').check();
    await sidebar.getByRole('button', { name: 'Speichern', exact: true }).click();
    await expect.poll(() => page.getByTestId('guard-message').getAttribute('data-surface')).toBe('sidebar');
    expect(uiSaves()).toHaveLength(1);
  });
});

describe('the toolbar popup', () => {
  it('lists the surfaces of a contact page: the sidebar and all properties', async () => {
    await page.goto(`${HOST}/contacts/${PORTAL}/record/0-1/101`);
    await page.locator('[data-testid="guard-status"][data-state="active"]').waitFor();
    await expect.poll(() => surfacesOf('contact')).toEqual({ sidebar: 'guarded', 'all-properties': 'guarded' });
  });
});
