// No block disappears unseen, end to end: the built extension in Chromium against the fake HubSpot.
// An import lifts blocks without a reason; the contact panel names it with its road, and the user
// restores one block and confirms the other lift, while a colleague's edit races the restore.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { parseReasonLog } from '../../lib/domain/reasonLog';
import { DEMO_CONTACTS } from '../fake-hubspot/index';
import { configure, contactUrl, launch, type Harness } from './harness';
import { apiWrites, blocksOf, openContact, reasonLogOf, seriousViolations, waitForState } from './support';

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

const blocks = (id: string) => blocksOf(h.fake, id);
const logOf = (id: string) => reasonLogOf(h.fake, id);
const notice = (p: Page, kind: string, brand: string) => p.locator(`[data-testid="ledger-notice"][data-kind="${kind}"][data-brand="${brand}"]`);

/** The fake's import road: an import file whose cell replaces the block property (no reason). */
async function importBlocks(id: string, value: string) {
  const res = await fetch(`${h.fake.httpUrl}/__fake/contacts/${id}/road`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ road: 'import', properties: { post_sperre_marken: value }, sourceId: 'import-955', at: new Date(Date.now() - 15 * 60_000).toISOString() }),
  });
  if (!res.ok) throw new Error(`fake refused the import: ${res.status} ${await res.text()}`);
}

async function resolve(p: Page, n: ReturnType<typeof notice>, action: 'restore' | 'confirm', reason: string) {
  await n.getByTestId(action === 'restore' ? 'ledger-restore' : 'ledger-confirm').click();
  const input = p.getByTestId('ledger-reason-input');
  await input.waitFor();
  expect(await input.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
  await input.fill(reason);
  await p.getByTestId('ledger-submit').click();
  await waitForState(p, 'saved');
}

describe('a block an import lifted', () => {
  it('restore sets it again through the save path; a colleague edit racing it survives; the finding is gone', async () => {
    await importBlocks('101', 'marke_a'); // lifts Marke C
    await openContact(page, contactUrl('101'));
    await waitForState(page, 'ready');
    const lifted = notice(page, 'lifted-without-reason', 'marke_c');
    await lifted.waitFor();
    expect(await lifted.getAttribute('data-source-type')).toBe('IMPORT');
    expect(await lifted.innerText()).toMatch(/Marke C wurde am \d\d\.\d\d\.\d{4} durch einen Import ohne Grund aufgehoben/);
    expect(await page.locator('[data-testid="history-entry"][data-unexplained="true"]').count()).toBe(1);
    expect(await page.locator('[data-testid="history-entry"][data-unexplained="true"]').innerText()).toContain('Import');

    // A colleague's edit lands just before our write (nothing in HubSpot's API prevents it).
    h.fake.faults.add({
      match: { method: 'PATCH', pathPrefix: '/crm/v3/objects/contacts/101' },
      times: 1,
      interleave: { addTokens: { post_sperre_marken: ['marke_b'] }, appendLines: { grund_post_sperre: 'JB: +Marke B, Brief' }, userId: 23456 },
    });
    await resolve(page, lifted, 'restore', 'Kundin hat nicht widerrufen');
    expect(blocks('101')).toEqual(['marke_a', 'marke_b', 'marke_c']);
    expect(logOf('101').split('\n').filter((l) => l === 'JB: +Marke B, Brief')).toHaveLength(1);
    const entry = parseReasonLog(logOf('101')).entries.find((e) => e.reason.includes('Kundin hat nicht widerrufen'));
    expect(entry).toMatchObject({ added: ['Marke C'], by: 'E2E' });
    expect(entry!.reason).toContain('import-955');
    expect(await page.getByTestId('save-notice').innerText()).toContain('wiederhergestellt');
    expect(await page.getByTestId('ledger-notice').count()).toBe(0);
    expect(await page.locator('[data-testid="brand-row"][data-brand="marke_c"]').getAttribute('data-blocked')).toBe('true');
  });
});

describe('the demo contact whose blocks an import lifted', () => {
  it('shows both lifts; restore one, confirm the other: nothing else changes and no finding is left', async () => {
    const id = DEMO_CONTACTS.liftedByImport;
    await openContact(page, contactUrl(id));
    await waitForState(page, 'ready');
    await page.getByTestId('ledger-notice').first().waitFor();
    const kinds = await page.getByTestId('ledger-notice').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-kind')}:${e.getAttribute('data-brand')}:${e.getAttribute('data-at')}`));
    expect(kinds.sort()).toEqual(['lifted-without-reason:marke_a:2026-12-03T09:00:00.000Z', 'lifted-without-reason:marke_c:2026-12-03T09:00:00.000Z']);
    expect(await seriousViolations(page, 'post-sperre-guard')).toEqual([]);

    await resolve(page, notice(page, 'lifted-without-reason', 'marke_a'), 'restore', 'Widerspruch liegt vor');
    await notice(page, 'lifted-without-reason', 'marke_a').waitFor({ state: 'detached' });
    expect(blocks(id)).toEqual(['galerie_west', 'marke_a']);

    const writesBefore = apiWrites(h.fake).length;
    await resolve(page, notice(page, 'lifted-without-reason', 'marke_c'), 'confirm', 'Widerruf der Kundin vom 2.12.');
    await page.getByTestId('ledger-notice').first().waitFor({ state: 'detached' });
    expect(blocks(id)).toEqual(['galerie_west', 'marke_a']);
    expect(apiWrites(h.fake)).toHaveLength(writesBefore + 1);
    expect(Object.keys((apiWrites(h.fake).at(-1)!.body as { properties: object }).properties)).toEqual(['grund_post_sperre']);
    expect(await page.locator('[data-testid="history-entry"][data-unexplained="true"]').count()).toBe(0);
  });
});
