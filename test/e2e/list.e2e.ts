// Issue 4 end to end: the list audit panel of the built extension on the fake HubSpot's list
// pages, with the one-click fix, checked against the fake's lists afterwards.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_LISTS } from '../fake-hubspot/seed';
import { configure, launch, listUrl, PORTAL, TOKENS, type Harness } from './harness';
import { apiCalls, seriousViolations } from './support';

let h: Harness;
let page: Page;

const PANEL = '[data-testid="list-audit-panel"]';

beforeAll(async () => {
  h = await launch();
  const options = await configure(h, { families: 'Kunstmeile: kunstmeile_nord, kunstmeile_sued, kunstmeile_ost' });
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

function fakeList(listId: string) {
  const portal = h.fake.state.portal(PORTAL);
  const list = portal?.lists.get(listId);
  if (!portal || !list) throw new Error(`fake has no list ${listId}`);
  return { list, members: () => portal.memberIds(list).map(String) };
}

/** List writes the extension sent (filter updates, membership removals). */
function listWrites() {
  return apiCalls(h.fake).filter((r) => r.method === 'PUT' || r.method === 'POST' || r.method === 'PATCH' || r.method === 'DELETE').filter((r) => /update-list-filters|memberships\/remove|memberships\/add/.test(r.path));
}

async function openList(listId: string, verdict?: string) {
  await page.goto(listUrl(listId));
  const panel = page.locator(PANEL);
  await panel.waitFor();
  if (verdict) await page.locator(`${PANEL}[data-verdict="${verdict}"]`).waitFor();
  return panel;
}

async function verdictOf() {
  await page.locator(`${PANEL}:not([data-verdict="checking"])`).waitFor();
  return page.locator(PANEL).getAttribute('data-verdict');
}


describe('list panel', () => {
  it('says a compliant active list is compliant, for the brand in its name, and changes nothing', async () => {
    const panel = await openList(DEMO_LISTS.compliantDynamic);
    expect(await verdictOf()).toBe('compliant');
    expect(await panel.getAttribute('data-list-id')).toBe(DEMO_LISTS.compliantDynamic);
    expect(await page.getByTestId('list-brand').evaluateAll((els) => els.map((e) => e.getAttribute('data-brand')))).toEqual(['marke_a']);
    const text = await panel.innerText();
    expect(text).toContain('Dieses Segment schließt alle gesperrten Kontakte aus.');
    expect(text).toContain('aus dem Segmentnamen erkannt');
    expect(await page.getByTestId('leak').count()).toBe(0);
    expect(await page.getByTestId('fix-leaks').count()).toBe(0);
    expect(listWrites()).toHaveLength(0);
    expect(await page.locator(PANEL).count()).toBe(1);
  });

  it('fixes a leaking active list with one click after confirmation: the filter in HubSpot changes and the re-audit is compliant', async () => {
    const panel = await openList(DEMO_LISTS.leakingDynamic);
    expect(await verdictOf()).toBe('leaks');
    const leak = page.getByTestId('leak');
    expect(await leak.count()).toBe(1);
    expect(await leak.getAttribute('data-kind')).toBe('filter-branch');
    expect(await leak.getAttribute('data-branch')).toBe('1');
    expect(await leak.getAttribute('data-brand')).toBe('marke_a');
    // People count from 1: the Switzerland branch (index 1) is "Zweig 2".
    expect(await leak.innerText()).toMatch(/^Zweig 2 \(.*Schweiz.*\): Kontakte mit Post-Sperre für Marke A kommen durch/);
    expect(fakeList(DEMO_LISTS.leakingDynamic).members()).toContain('111');

    await page.getByTestId('fix-leaks').click();
    const confirm = page.getByTestId('fix-confirm');
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain('Zweig 2: Bedingung „Post Sperre Marken ist keiner von Marke A“ wird ergänzt.');
    // Focus is on the confirmation; nothing was sent yet.
    expect(await page.evaluate(() => document.querySelector('post-sperre-guard-list')?.shadowRoot?.activeElement?.textContent)).toBe('Diese Änderung wird an HubSpot gesendet:');
    expect(listWrites()).toHaveLength(0);
    expect(await seriousViolations(page, 'post-sperre-guard-list')).toEqual([]);

    await page.getByRole('button', { name: 'Jetzt in HubSpot ändern' }).click();
    await page.locator(`${PANEL}[data-verdict="compliant"]`).waitFor();
    const writes = listWrites();
    expect(writes.map((w) => w.method + ' ' + w.path.replace(/\/crm\/lists\/\d{4}-\d{2}\//, '/crm/v3/lists/'))).toEqual([`PUT /crm/v3/lists/${DEMO_LISTS.leakingDynamic}/update-list-filters`]);
    // The fake's list now excludes marke_a in the Switzerland branch; 111 (blocked, in Basel) is out.
    const branch1 = fakeList(DEMO_LISTS.leakingDynamic).list.filterBranch?.filterBranches?.[1];
    expect(JSON.stringify(branch1)).toMatch(/"property":"post_sperre_marken".*"operator":"IS_NONE_OF".*"values":\["marke_a"\]/);
    expect(fakeList(DEMO_LISTS.leakingDynamic).members()).not.toContain('111');
    expect(await page.getByTestId('leak').count()).toBe(0);
    expect(await panel.innerText()).toContain('Das Segment wurde in HubSpot geändert');
    expect(await panel.innerText()).toContain('aus dem Segmentnamen erkannt');
  });

  it('removes the blocked members of a static list after confirmation, showing them first', async () => {
    const { members } = fakeList(DEMO_LISTS.manualKunstmeile);
    expect(members()).toEqual(['102', '109', '110', '113', '114', '117', '121']);
    const panel = await openList(DEMO_LISTS.manualKunstmeile);
    expect(await verdictOf()).toBe('leaks');
    const leaks = await page.getByTestId('leak').evaluateAll((els) => els.map((e) => [e.getAttribute('data-kind'), e.getAttribute('data-record-id'), e.getAttribute('data-brand')]));
    expect(leaks.sort()).toEqual([
      ['member', '109', 'kunstmeile_nord'],
      ['member', '110', 'kunstmeile_sued'],
    ]);
    const first = page.locator('[data-testid="leak"][data-record-id="109"]');
    expect(await first.innerText()).toBe('Kontakt Ines Koch ist gesperrt für Kunstmeile Nord und ist Mitglied des Segments.');
    expect(await first.getByRole('link').getAttribute('href')).toBe(`https://app-eu1.hubspot.com/contacts/${PORTAL}/record/0-1/109`);

    await page.getByTestId('fix-leaks').click();
    const confirm = page.getByTestId('fix-confirm');
    await confirm.waitFor();
    expect(await confirm.locator('[data-record-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-record-id')).sort())).toEqual(['109', '110']);
    expect(await confirm.innerText()).toContain('Ines Koch');
    expect(members()).toHaveLength(7);

    await page.getByTestId('confirm-fix').click();
    await page.locator(`${PANEL}[data-verdict="compliant"]`).waitFor();
    expect(members()).toEqual(['102', '113', '114', '117', '121']);
    const writes = listWrites();
    expect(writes).toHaveLength(1);
    expect(writes[0]!.path).toMatch(new RegExp(`/lists/${DEMO_LISTS.manualKunstmeile}/memberships/remove$`));
    expect((writes[0]!.body as string[]).map(String).sort()).toEqual(['109', '110']);
    expect(await panel.innerText()).toContain('Das Segment wurde in HubSpot geändert');
  });

  it('warns before a fix that would leave a look-alike branch empty', async () => {
    await openList(DEMO_LISTS.lookAlikeDynamic, 'leaks');
    await page.getByTestId('fix-leaks').click();
    await page.getByTestId('fix-confirm').waitFor();
    const warning = page.getByTestId('fix-empties-branch');
    expect(await warning.count()).toBe(1);
    expect(await warning.innerText()).toContain('Zweig 1');
    // On a list whose fixed branch keeps its contacts there is no such warning.
    await openList(DEMO_LISTS.leakingDynamic, 'leaks');
    await page.getByTestId('fix-leaks').click();
    await page.getByTestId('fix-confirm').waitFor();
    expect(await page.getByTestId('fix-empties-branch').count()).toBe(0);
    expect(listWrites()).toHaveLength(0);
  });

  it('cancel sends nothing', async () => {
    await openList(DEMO_LISTS.manualKunstmeile, 'leaks');
    await page.getByTestId('fix-leaks').click();
    await page.getByTestId('fix-confirm').waitFor();
    await page.getByTestId('cancel-fix').click();
    expect(await page.getByTestId('fix-confirm').count()).toBe(0);
    expect(listWrites()).toHaveLength(0);
    expect(fakeList(DEMO_LISTS.manualKunstmeile).members()).toHaveLength(7);
  });

  it('shows progress while a static list is read', async () => {
    // Slow every answer of HubSpot down, so the progress can be seen (which calls a static list
    // needs depends on the engine's choice between paging members and batch-reading memberships).
    const slow = h.fake.faults.add({ match: { host: 'api.hubapi.com' }, delayMs: 400, times: 30 });
    try {
      await page.goto(listUrl(DEMO_LISTS.snapshot));
      const bar = page.locator(`${PANEL}[data-verdict="checking"] progress`);
      await bar.waitFor({ timeout: 15_000 });
      expect(await bar.getAttribute('aria-labelledby')).toBeTruthy();
      expect(await verdictOf()).toMatch(/^(compliant|leaks)$/);
      expect(await page.locator(`${PANEL} progress`).count()).toBe(0);
    } finally {
      h.fake.faults.remove(slow.id);
    }
  });

  it('lets the user choose the brands, remembers them, and "Automatisch erkennen" goes back', async () => {
    await openList(DEMO_LISTS.noBrandDynamic);
    expect(await verdictOf()).toBe('leaks');
    expect(await page.locator(PANEL).innerText()).toContain('alle Marken, strengste Prüfung');
    expect(await page.getByTestId('list-brand').count()).toBeGreaterThan(1);

    await page.getByTestId('list-brands-change').click();
    const search = page.getByTestId('list-brand-search');
    await expect.poll(() => search.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    // Typed keys stay in the panel (HubSpot's shortcuts must not see them).
    await page.evaluate(() => {
      (window as unknown as { hostKeys: number }).hostKeys = 0;
      document.addEventListener('keydown', () => (window as unknown as { hostKeys: number }).hostKeys++);
    });
    // Clear every brand, then search and pick the first match with Enter, then apply.
    const checked = page.locator('[data-testid="list-brand-toggle"]:checked');
    while ((await checked.count()) > 0) await checked.first().uncheck();
    await search.focus();
    await page.keyboard.type('marke c');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => (window as unknown as { hostKeys: number }).hostKeys)).toBe(0);
    await page.getByTestId('list-brands-apply').click();
    await page.locator(`${PANEL}:not([data-verdict="checking"]) [data-testid="list-brand"]`).first().waitFor();
    await expect.poll(() => page.getByTestId('list-brand').evaluateAll((els) => els.map((e) => e.getAttribute('data-brand')))).toEqual(['marke_c']);
    expect(await page.locator(PANEL).innerText()).toContain('von Ihnen gewählt');
    expect(await page.locator('[data-testid="leak"]').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-brand')))])).toEqual(['marke_c']);

    // Remembered for this list.
    await page.reload();
    await page.locator(`${PANEL}:not([data-verdict="checking"])`).waitFor();
    expect(await page.getByTestId('list-brand').evaluateAll((els) => els.map((e) => e.getAttribute('data-brand')))).toEqual(['marke_c']);

    await page.getByTestId('list-brands-change').click();
    await page.getByTestId('list-brands-reset').click();
    await expect.poll(() => page.getByTestId('list-brand').count()).toBeGreaterThan(1);
    expect(await page.locator(PANEL).innerText()).toContain('alle Marken, strengste Prüfung');
  });

  it('notes a list of companies and counts it compliant', async () => {
    const panel = await openList(DEMO_LISTS.companies);
    expect(await verdictOf()).toBe('compliant');
    expect(await panel.innerText()).toContain('Kein Kontaktsegment');
  });

  it('follows in-app navigation from list to list, one panel at a time', async () => {
    await page.goto(`https://app-eu1.hubspot.com/contacts/${PORTAL}/objectLists/views/all`);
    await page.locator('[data-fake="lists"]').waitFor();
    expect(await page.locator(PANEL).count()).toBe(0);
    await page.getByRole('link', { name: 'Frühjahrsmailing Marke A' }).click();
    await expect.poll(() => page.locator(PANEL).getAttribute('data-list-id')).toBe(DEMO_LISTS.leakingDynamic);
    expect(await verdictOf()).toBe('leaks');
    await page.goBack();
    await expect.poll(() => page.locator(PANEL).count()).toBe(0);
    await page.getByRole('link', { name: 'Herbstkatalog Marke A' }).click();
    await expect.poll(() => page.locator(PANEL).getAttribute('data-list-id')).toBe(DEMO_LISTS.compliantDynamic);
    expect(await verdictOf()).toBe('compliant');
    expect(await page.locator(PANEL).count()).toBe(1);
  });

  it('has no serious accessibility violations with findings shown', async () => {
    await openList(DEMO_LISTS.manualKunstmeile, 'leaks');
    expect(await seriousViolations(page, 'post-sperre-guard-list')).toEqual([]);
    await page.getByTestId('list-brands-change').click();
    expect(await seriousViolations(page, 'post-sperre-guard-list')).toEqual([]);
  });

  it('explains a token without crm.lists.write instead of fixing, and writes nothing', async () => {
    await (await configure(h, { token: TOKENS.missingScopes })).close();
    try {
      await openList(DEMO_LISTS.leakingDynamic);
      expect(await verdictOf()).toBe('leaks');
      await page.getByTestId('fix-leaks').click();
      const confirmOrError = page.locator('[data-testid="fix-confirm"], [data-testid="panel-error"]').first();
      await confirmOrError.waitFor();
      // The plan may be shown (planning reads only); sending it must fail with the scope message.
      if ((await confirmOrError.getAttribute('data-testid')) === 'fix-confirm') await page.getByTestId('confirm-fix').click();
      const error = page.getByTestId('panel-error');
      await error.waitFor();
      expect(await error.getAttribute('data-error-kind')).toBe('scope');
      expect(await page.locator(PANEL).innerText()).toContain('crm.lists.write');
      expect(await page.locator(PANEL).getAttribute('data-verdict')).toBe('leaks');
      expect(listWrites().filter((w) => w.status < 400)).toHaveLength(0);
      expect(JSON.stringify(fakeList(DEMO_LISTS.leakingDynamic).list.filterBranch?.filterBranches?.[1])).not.toContain('IS_NONE_OF');
      expect(fakeList(DEMO_LISTS.leakingDynamic).members()).toContain('111');
    } finally {
      await (await configure(h, { families: 'Kunstmeile: kunstmeile_nord, kunstmeile_sued, kunstmeile_ost' })).close();
    }
  });

  it('says auth when the token was revoked', async () => {
    await (await configure(h, { token: TOKENS.revoked })).close();
    try {
      await openList(DEMO_LISTS.compliantDynamic);
      expect(await verdictOf()).toBe('error');
      expect(await page.getByTestId('panel-error').getAttribute('data-error-kind')).toBe('auth');
    } finally {
      await (await configure(h, { families: 'Kunstmeile: kunstmeile_nord, kunstmeile_sued, kunstmeile_ost' })).close();
    }
  });
});
