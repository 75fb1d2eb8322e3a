// Issue 5 end to end: the portal audit on the options page of the built extension, against the
// fake HubSpot's demo portal.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_CONTACTS, DEMO_FLOWS, DEMO_LISTS } from '../fake-hubspot/seed';
import { configure, launch, PORTAL, TOKENS, type Harness } from './harness';
import { apiCalls, seriousViolations } from './support';

let h: Harness;
let page: Page;

const FAMILIES = 'Kunstmeile: kunstmeile_nord, kunstmeile_sued, kunstmeile_ost';

beforeAll(async () => {
  h = await launch();
  await (await configure(h, { families: FAMILIES })).close();
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

function fakeLists() {
  const portal = h.fake.state.portal(PORTAL);
  if (!portal) throw new Error('fake has no demo portal');
  return [...portal.lists.values()];
}

async function runAudit() {
  await page.getByTestId('portal-audit').click();
  await page.locator('[data-testid="portal-audit-section"]:is([data-state="done"], [data-state="error"])').waitFor({ timeout: 60_000 });
}

describe('portal audit on the options page', () => {
  it('fills the table with a row per contact list, each linked, with verdicts, summary and missing reasons', async () => {
    // Slow the first list read down a little, so the progress bar can be seen.
    h.fake.faults.add({ match: { method: 'POST', pathPrefix: '/crm/v3/lists/search' }, delayMs: 1500, times: 1 });
    await page.getByTestId('portal-audit').click();
    // A labelled progress bar while it runs.
    await page.getByRole('progressbar', { name: /^Prüfung läuft: / }).waitFor();
    await page.locator('[data-testid="portal-audit-section"][data-state="done"]').waitFor({ timeout: 60_000 });
    expect(await page.getByRole('progressbar').count()).toBe(0);

    const rows = await page.getByTestId('portal-audit-row').evaluateAll((els) => els.map((e) => [e.getAttribute('data-list-id'), e.getAttribute('data-verdict')] as const));
    const byId = new Map(rows);
    const contactLists = fakeLists().filter((l) => l.objectTypeId === '0-1');
    expect(contactLists.length).toBeGreaterThan(5);
    for (const l of contactLists) expect(byId.has(l.listId), `row for list ${l.listId} ${l.name}`).toBe(true);
    // Lists of other objects may be listed, then as compliant (skipped).
    for (const [id] of rows) expect(fakeLists().some((l) => l.listId === id)).toBe(true);
    expect(byId.get(DEMO_LISTS.compliantDynamic)).toBe('compliant');
    expect(byId.get(DEMO_LISTS.leakingDynamic)).toBe('leaks');
    expect(byId.get(DEMO_LISTS.lookAlikeDynamic)).toBe('leaks');
    expect(byId.get(DEMO_LISTS.manualKunstmeile)).toBe('leaks');
    expect(byId.get(DEMO_LISTS.compliantManual)).toBe('compliant');
    expect(byId.get(DEMO_LISTS.noBrandDynamic)).toBe('leaks');
    if (byId.has(DEMO_LISTS.companies)) {
      expect(byId.get(DEMO_LISTS.companies)).toBe('compliant');
      expect(await page.locator(`[data-testid="portal-audit-row"][data-list-id="${DEMO_LISTS.companies}"]`).innerText()).toContain('kein Kontaktsegment');
    }

    const leaking = page.locator(`[data-testid="portal-audit-row"][data-list-id="${DEMO_LISTS.leakingDynamic}"]`);
    const link = leaking.getByRole('link', { name: 'Frühjahrsmailing Marke A' });
    expect(await link.getAttribute('href')).toBe(`https://app-eu1.hubspot.com/contacts/${PORTAL}/objectLists/${DEMO_LISTS.leakingDynamic}`);
    expect(await leaking.innerText()).toMatch(/aktiv\s+Marke A\s+Sperren werden nicht beachtet\s+1/);

    const missing = await page.getByTestId('portal-audit-missing-reason').evaluateAll((els) => els.map((e) => [e.getAttribute('data-record-id'), e.querySelector('a')?.getAttribute('href')]));
    expect(missing.map(([id]) => id)).toContain(DEMO_CONTACTS.blockedNoReason);
    for (const [id, href] of missing) expect(href).toBe(`https://app-eu1.hubspot.com/contacts/${PORTAL}/record/0-1/${id}`);

    const leakingCount = rows.filter(([, v]) => v === 'leaks').length;
    const summary = await page.getByTestId('portal-audit-summary').innerText();
    expect(summary).toMatch(new RegExp(`^${rows.length} Segmente geprüft, ${leakingCount} mit Befund, \\d+ Anfragen an HubSpot\\.$`));
    // The count is the audit's own requests to HubSpot (the connection test before it is not counted).
    const requests = Number(/(\d+) Anfragen/.exec(summary)![1]);
    expect(requests).toBeGreaterThan(0);
    expect(requests).toBeLessThanOrEqual(apiCalls(h.fake).length);

    // Read only: the audit changes nothing in HubSpot.
    expect(apiCalls(h.fake).filter((r) => ['PUT', 'PATCH', 'DELETE'].includes(r.method)).map((r) => `${r.method} ${r.path}`)).toEqual([]);

    expect(await seriousViolations(page, 'main')).toEqual([]);
  });

  it('downloads the table as CSV: BOM, header, one record per row', async () => {
    await runAudit();
    const rowCount = await page.getByTestId('portal-audit-row').count();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('portal-audit-csv').click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^post-sperre-portal-audit-${PORTAL}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    const bytes = await readFile((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('Segment,Segment-ID,Art,Marken,Ergebnis,Befunde');
    // The workflow rows follow the list rows, in the same columns, typed "Workflow".
    const flowCount = await page.getByTestId('portal-audit-flow-row').count();
    expect(flowCount).toBeGreaterThan(0);
    // Then the ledger's findings (the type column names the finding).
    const ledgerCount = await page.getByTestId('ledger-row').count();
    expect(ledgerCount).toBeGreaterThan(0);
    expect(lines).toHaveLength(rowCount + flowCount + ledgerCount + 2);
    expect(lines.find((l) => l.includes(`,${DEMO_LISTS.leakingDynamic},`))).toBe(`Frühjahrsmailing Marke A,${DEMO_LISTS.leakingDynamic},aktiv,Marke A,Sperren werden nicht beachtet,1`);
    expect(lines.slice(rowCount + 1, rowCount + 1 + flowCount).every((l) => l.split(',')[2] === 'Workflow')).toBe(true);
    expect(lines.slice(rowCount + 1 + flowCount, -1).every((l) => /^Kontakt \d+,\d+,Sperre ohne Grund (gesetzt|aufgehoben),/.test(l))).toBe(true);
    expect(lines.find((l) => l.includes(`,${DEMO_FLOWS.leaking},`))).toBe(`Katalogversand Marke A,${DEMO_FLOWS.leaking},Workflow,Marke A,Sperren werden nicht beachtet,1`);
  });

  it('says so when no token works, with the error kind', async () => {
    await (await configure(h, { token: TOKENS.revoked })).close();
    try {
      await page.reload();
      await runAudit();
      expect(await page.getByTestId('panel-error').getAttribute('data-error-kind')).toBe('auth');
      expect(await page.getByTestId('portal-audit-row').count()).toBe(0);
    } finally {
      await (await configure(h, { families: FAMILIES })).close();
    }
  });
});
