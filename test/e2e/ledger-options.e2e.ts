// Issue 14 on the options page, end to end: imports lift blocks of several contacts without a
// reason; the portal audit's ledger section lists every such change with its road, and the user
// restores them all at once (one reason, a confirmation naming the count, progress) through the
// same write path as the contact panel. Nothing is lifted, every log keeps its lines.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { configure, launch, PORTAL, type Harness } from './harness';
import { contactProps, seriousViolations } from './support';

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
  await page.goto(h.optionsUrl);
});

const blocks = (id: string) => (contactProps(h.fake, id).post_sperre_marken ?? '').split(';').filter(Boolean).sort();
const logOf = (id: string) => contactProps(h.fake, id).grund_post_sperre ?? '';

/** The fake's import road: the cell replaces the block property, no reason. */
async function importBlocks(id: string, value: string) {
  const res = await fetch(`${h.fake.httpUrl}/__fake/contacts/${id}/road`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ road: 'import', properties: { post_sperre_marken: value }, sourceId: 'import-990', at: new Date(Date.now() - 10 * 60_000).toISOString() }),
  });
  if (!res.ok) throw new Error(`fake refused the import: ${res.status} ${await res.text()}`);
}

async function runAudit() {
  await page.getByTestId('portal-audit').click();
  await page.locator('[data-testid="portal-audit-ledger"][data-state="done"]').waitFor({ timeout: 90_000 });
}

const row = (contactId: string, brand: string) => page.locator(`[data-testid="ledger-row"][data-contact-id="${contactId}"][data-brand="${brand}"]`);

describe('the ledger on the options page', () => {
  it('lists the lifts by road and restores several contacts at once; nothing lifted, no log line lost', async () => {
    // Three contacts lose a brand to one import.
    await importBlocks('101', 'marke_a'); // lifts marke_c
    await importBlocks('111', 'marke_a;marke_b'); // lifts galerie_west
    await importBlocks('103', 'kunstmeile_nord;kunstmeile_sued'); // lifts kunstmeile_ost
    const logsBefore = Object.fromEntries(['101', '111', '103', '131'].map((id) => [id, logOf(id)]));

    await runAudit();
    const section = page.getByTestId('portal-audit-ledger');
    const portal = h.fake.state.portal(PORTAL)!;
    const holding = [...portal.contacts.values()].filter((c) => (c.properties.post_sperre_marken ?? '') !== '' || (c.properties.grund_post_sperre ?? '') !== '').length;
    expect(await section.getAttribute('data-examined')).toBe(String(holding));
    for (const [id, brand] of [['101', 'marke_c'], ['111', 'galerie_west'], ['103', 'kunstmeile_ost']] as const) {
      const r = row(id, brand);
      expect(await r.getAttribute('data-kind')).toBe('lifted-without-reason');
      expect(await r.innerText()).toMatch(/durch einen Import ohne Grund aufgehoben[\s\S]*Import \(import-990\)/);
      expect(await r.getByRole('link', { name: `Kontakt ${id}` }).getAttribute('href')).toBe(`https://app-eu1.hubspot.com/contacts/${PORTAL}/record/0-1/${id}`);
    }
    // The demo's own import (contact 131) is listed too.
    expect(await page.locator('[data-testid="ledger-row"][data-contact-id="131"][data-kind="lifted-without-reason"]').count()).toBe(2);
    expect(await seriousViolations(page, '[data-testid="portal-audit-ledger"]')).toEqual([]);

    // Select the three new lifts, restore them with one reason.
    for (const [id, brand] of [['101', 'marke_c'], ['111', 'galerie_west'], ['103', 'kunstmeile_ost']] as const) await row(id, brand).getByTestId('ledger-select').check();
    await page.getByTestId('ledger-restore-selected').click();
    const confirmation = page.getByTestId('ledger-confirmation');
    expect(await confirmation.getAttribute('data-count')).toBe('3');
    expect(await confirmation.innerText()).toContain('3 Sperren wiederherstellen?');
    await page.getByTestId('ledger-reason-input').fill('Import 990 hat Sperren gelöscht');
    h.fake.requests.length = 0;
    await page.getByTestId('ledger-submit').click();
    const done = page.getByTestId('ledger-resolve-done');
    await done.waitFor({ timeout: 60_000 });
    expect(await done.getAttribute('data-resolved')).toBe('3');
    expect(await done.getAttribute('data-failed')).toBe('0');

    expect(blocks('101')).toEqual(['marke_a', 'marke_c']);
    expect(blocks('111')).toEqual(['galerie_west', 'marke_a', 'marke_b']);
    expect(blocks('103')).toEqual(['kunstmeile_nord', 'kunstmeile_ost', 'kunstmeile_sued']);
    // 131 was not selected: untouched.
    expect(logOf('131')).toBe(logsBefore['131']);
    for (const id of ['101', '111', '103']) {
      // The log keeps every line and gains one naming the restore.
      expect(logOf(id).startsWith(logsBefore[id]!)).toBe(true);
      expect(logOf(id).slice(logsBefore[id]!.length)).toContain('Import 990 hat Sperren gelöscht');
      expect(await row(id, { '101': 'marke_c', '111': 'galerie_west', '103': 'kunstmeile_ost' }[id]!).getAttribute('data-resolved')).toBe('true');
    }
    // Only the three contacts were written, each once.
    const patches = h.fake.requests.filter((r) => r.kind === 'api' && r.method === 'PATCH').map((r) => r.path);
    expect(patches.sort()).toEqual(['/crm/v3/objects/contacts/101', '/crm/v3/objects/contacts/103', '/crm/v3/objects/contacts/111']);

    // A new audit finds none of them any more.
    await runAudit();
    for (const [id, brand] of [['101', 'marke_c'], ['111', 'galerie_west'], ['103', 'kunstmeile_ost']] as const) expect(await row(id, brand).count()).toBe(0);
    expect(await page.locator('[data-testid="ledger-row"][data-contact-id="131"]').count()).toBe(2);
  }, 180_000);
});
