// Issue 15 end to end: the clean export from the segment panel of the built extension (the file and
// the receipt as the browser downloads them), and HubSpot's own export of a segment held when it
// would send blocked contacts, untouched when it would not.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { DEMO_LISTS } from '../fake-hubspot/seed';
import { configure, launch, listUrl, PORTAL, type Harness } from './harness';
import { seriousViolations } from './support';

let h: Harness;
let page: Page;

const PANEL = '[data-testid="list-audit-panel"]';

beforeAll(async () => {
  h = await launch();
  const options = await configure(h, { userName: 'JB', families: 'Kunstmeile: kunstmeile_nord, kunstmeile_sued, kunstmeile_ost' });
  await options.close();
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  h.fake.reset();
  await page?.close();
  page = await h.context.newPage();
});

async function openList(listId: string) {
  await page.goto(listUrl(listId));
  await page.locator(`${PANEL}:not([data-verdict="checking"])`).waitFor();
}

async function text(d: Download): Promise<Buffer> {
  const path = await d.path();
  return readFile(path);
}

describe('clean export from the segment panel', () => {
  it('downloads the members minus the blocked, with chosen columns and a receipt matching the file', async () => {
    await openList(DEMO_LISTS.manualKunstmeile);
    await page.getByTestId('export-open').click();
    const columns = page.getByTestId('export-columns');
    await columns.waitFor();
    expect(await columns.locator('[data-property="zip"]').isChecked()).toBe(true);
    await columns.locator('[data-property="salutation"]').uncheck();
    await columns.locator('[data-property="company"]').uncheck();
    await page.getByTestId('export-dialect').selectOption('plain');
    expect(await seriousViolations(page, 'post-sperre-guard-list')).toEqual([]);

    const downloads: Download[] = [];
    page.on('download', (d) => downloads.push(d));
    await page.getByTestId('export-start').click();
    const done = page.getByTestId('export-done');
    await done.waitFor({ timeout: 30_000 });
    await expect.poll(() => downloads.length, { timeout: 15_000 }).toBe(2);

    const csvDownload = downloads.find((d) => d.suggestedFilename().endsWith('.csv'))!;
    const receiptDownload = downloads.find((d) => d.suggestedFilename().endsWith('.receipt.json'))!;
    expect(receiptDownload.suggestedFilename()).toBe(`${csvDownload.suggestedFilename()}.receipt.json`);
    const bytes = await text(csvDownload);
    const lines = bytes.toString('utf8').split('\r\n');
    expect(lines[0]).toBe('hs_object_id,firstname,lastname,address,zip,city,country');
    const ids = lines.slice(1, -1).map((l) => l.split(',')[0]);
    const list = h.fake.state.portal(PORTAL)!.lists.get(DEMO_LISTS.manualKunstmeile)!;
    const members = list.staticMembers().map(String);
    expect(ids).toEqual(members.filter((id) => id !== '109' && id !== '110'));

    const receipt = JSON.parse((await text(receiptDownload)).toString('utf8'));
    expect(receipt).toMatchObject({ listId: DEMO_LISTS.manualKunstmeile, by: 'JB', members: members.length, exported: ids.length });
    expect(receipt.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(await done.getAttribute('data-members')).toBe(String(members.length));
    expect(await done.getAttribute('data-exported')).toBe(String(ids.length));
    expect(await done.getAttribute('data-excluded')).toBe('2');
    expect(JSON.parse(await page.getByTestId('export-receipt').innerText())).toEqual(receipt);

    // The choice is remembered for the portal.
    await page.reload();
    await page.locator(`${PANEL}:not([data-verdict="checking"])`).waitFor();
    await page.getByTestId('export-open').click();
    await page.getByTestId('export-columns').waitFor();
    expect(await page.getByTestId('export-columns').locator('[data-property="salutation"]').isChecked()).toBe(false);
    expect(await page.getByTestId('export-dialect').inputValue()).toBe('plain');
  }, 90_000);

  it('a click from a script does not start it; cancel stops it with nothing downloaded', async () => {
    await openList(DEMO_LISTS.leakingDynamic);
    await page.getByTestId('export-open').click();
    await page.getByTestId('export-start').waitFor();
    const downloads: Download[] = [];
    page.on('download', (d) => downloads.push(d));
    await page.getByTestId('export-start').evaluate((b) => (b as HTMLButtonElement).click());
    expect(await page.getByTestId('export-progress').count()).toBe(0);

    // Slow HubSpot down, start, cancel while it runs.
    h.fake.faults.add({ match: { pathPrefix: '/crm/v3/lists/' }, delayMs: 1500 });
    await page.getByTestId('export-start').click();
    await page.getByTestId('export-progress').waitFor();
    await page.getByTestId('export-cancel').click();
    await page.getByTestId('export-start').waitFor();
    expect(await page.getByTestId('export-done').count()).toBe(0);
    expect(downloads).toHaveLength(0);
  }, 60_000);
});

describe('HubSpot’s own export of a segment', () => {
  const exports = () => h.fake.state.uiExports.length;

  async function openHubspotExport(listId: string) {
    await openList(listId);
    await page.locator('[data-test-id="segment-export-button"]').click();
    await page.locator('[data-selenium-test="export-dialog"]').waitFor();
  }

  it('of a leaking segment is held beside the dialog, and goes on only after the confirmation naming the number', async () => {
    await openHubspotExport(DEMO_LISTS.manualKunstmeile);
    await page.locator('[data-selenium-test="ExportDialog-submit-button"]').click();
    const hold = page.getByTestId('export-hold');
    await hold.waitFor();
    expect(await hold.getAttribute('data-blocked')).toBe('2');
    expect((await hold.getAttribute('data-brands'))!.split(',').sort()).toEqual(['kunstmeile_nord', 'kunstmeile_ost', 'kunstmeile_sued']);
    const proceed = page.getByTestId('export-hold-proceed');
    expect(await proceed.innerText()).toBe('2 gesperrte Kontakte trotzdem exportieren');
    expect(exports()).toBe(0);
    // A script's click is no confirmation.
    await proceed.evaluate((b) => (b as HTMLButtonElement).click());
    expect(await hold.isVisible()).toBe(true);
    expect(exports()).toBe(0);
    await proceed.click();
    await expect.poll(exports, { timeout: 10_000 }).toBe(1);
    expect(h.fake.state.uiExports[0]).toMatchObject({ listId: DEMO_LISTS.manualKunstmeile });
  }, 60_000);

  it('“Sauber exportieren” closes HubSpot’s dialog and opens the clean export', async () => {
    await openHubspotExport(DEMO_LISTS.manualKunstmeile);
    await page.locator('[data-selenium-test="ExportDialog-submit-button"]').click();
    await page.getByTestId('export-hold-clean').click();
    await page.getByTestId('export-columns').waitFor();
    expect(await page.locator('[data-selenium-test="export-dialog"]').count()).toBe(0);
    expect(exports()).toBe(0);
  }, 60_000);

  it('of a compliant segment is untouched', async () => {
    await openHubspotExport(DEMO_LISTS.compliantDynamic);
    await page.locator('[data-selenium-test="ExportDialog-submit-button"]').click();
    await expect.poll(exports, { timeout: 10_000 }).toBe(1);
    await page.locator('[data-selenium="floating-alert"]').waitFor();
    expect(await page.getByTestId('export-hold').count()).toBe(0);
  }, 60_000);
});
