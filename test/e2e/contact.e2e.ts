// Issue 2 end to end: the built extension in Chromium against the fake HubSpot over HTTPS with
// HubSpot's real host names.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { configure, contactUrl, launch, TOKENS, type Harness } from './harness';
import { apiCalls, apiWrites, blockOptions, changeBehindTheBack, contactProps, openContact, seriousViolations, waitForState } from './support';

let h: Harness;
let page: Page;

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


describe('options page', () => {
  it('saves the token and reports portal, region and the brand count', async () => {
    const p = await configure(h);
    const status = p.getByTestId('connection-status');
    await expect.poll(() => status.getAttribute('data-state')).toBe('ok');
    const text = await status.innerText();
    expect(text).toContain('12345678');
    expect(text).toContain(`${blockOptions(h.fake).length} Marken`);
    expect(await seriousViolations(p, 'main')).toEqual([]);
    await p.close();
  });

  it('names the missing scopes of a token', async () => {
    const p = await configure(h, { token: TOKENS.missingScopes });
    const status = p.getByTestId('connection-status');
    await expect.poll(() => status.getAttribute('data-state')).toBe('error');
    expect(await status.innerText()).toContain('crm.objects.contacts.write');
    await p.close();
    await (await configure(h)).close();
  });

  it('says so when the token is revoked', async () => {
    const p = await configure(h, { token: TOKENS.revoked });
    const status = p.getByTestId('connection-status');
    await expect.poll(() => status.getAttribute('data-state')).toBe('error');
    expect(await status.locator('[data-error-kind]').getAttribute('data-error-kind')).toBe('auth');
    await p.close();
    await (await configure(h)).close();
  });
});

describe('contact panel', () => {
  it('shows every brand, blocked or not, as the fake holds them, with reason and history', async () => {
    const panel = await openContact(page, contactUrl('101'));
    await waitForState(page, 'ready');
    expect(await panel.getAttribute('data-contact-id')).toBe('101');
    const blocked = (contactProps(h.fake, '101').post_sperre_marken ?? '').split(';');
    const rows = page.getByTestId('brand-row');
    const seen = await rows.evaluateAll((els) => els.map((e) => [e.getAttribute('data-brand'), e.getAttribute('data-blocked')]));
    const expected = blockOptions(h.fake).map((o) => [o.value, String(blocked.includes(o.value))]);
    expect(seen.sort()).toEqual(expected.sort());
    await expect.poll(() => page.getByTestId('history-entry').count()).toBeGreaterThan(0);
    // Who: HubSpot's history names users by id; the panel shows their names.
    expect(await page.getByTestId('history-entry').first().innerText()).toContain('Mara Keller');
    expect(await panel.innerText()).toContain('Brief vom 10.11.2025');
    expect(await page.getByTestId('postsperre-panel').count()).toBe(1);
    expect(await seriousViolations(page, 'post-sperre-guard')).toEqual([]);
  });

  it('renders an HTML-like brand label as text', async () => {
    await openContact(page, contactUrl('101'));
    await waitForState(page, 'ready');
    const html = blockOptions(h.fake).find((o) => o.label.includes('<'));
    expect(html).toBeDefined();
    const row = page.locator(`[data-testid="brand-row"][data-brand="${html!.value}"]`);
    expect(await row.innerText()).toContain(html!.label);
    expect(await row.locator('b').count()).toBe(0);
  });

  it('refuses a change without a reason and sends nothing', async () => {
    await openContact(page, contactUrl('102'));
    await waitForState(page, 'ready');
    await page.getByTestId('edit-blocks').click();
    await page.getByTestId('brand-search').fill('marke b');
    await page.locator('[data-testid="brand-toggle"][data-brand="marke_b"]').check();
    await page.getByTestId('save-blocks').click();
    await page.getByTestId('reason-error').waitFor();
    await page.getByTestId('reason-input').fill('   ');
    await page.getByTestId('save-blocks').click();
    await page.getByTestId('reason-error').waitFor();
    expect(await page.getByTestId('reason-error').innerText()).toContain('Grund');
    expect(apiWrites(h.fake)).toHaveLength(0);
    // The open editor, with its error showing, is accessible too.
    expect(await seriousViolations(page, 'post-sperre-guard')).toEqual([]);
  });

  it('saves with a reason: one PATCH with the new set, the old reason text kept', async () => {
    const before = contactProps(h.fake, '101').grund_post_sperre ?? '';
    await openContact(page, contactUrl('101'));
    await waitForState(page, 'ready');
    await page.getByTestId('edit-blocks').click();
    await page.getByTestId('family-toggle').first().check();
    await page.getByTestId('reason-input').fill('Widerspruch per Brief vom 20.11.');
    await page.getByTestId('save-blocks').click();
    await waitForState(page, 'saved');
    const patches = apiWrites(h.fake);
    expect(patches).toHaveLength(1);
    const sent = (patches[0]!.body as { properties: Record<string, string> }).properties;
    expect(sent.post_sperre_marken!.split(';').sort()).toEqual(['kunstmeile_nord', 'kunstmeile_ost', 'kunstmeile_sued', 'marke_a', 'marke_c']);
    expect(sent.grund_post_sperre!.startsWith(before)).toBe(true);
    expect(sent.grund_post_sperre).toContain('Widerspruch per Brief vom 20.11.');
    expect(sent.grund_post_sperre).toContain('(E2E)');
    expect(await page.locator('[data-testid="brand-row"][data-brand="kunstmeile_sued"]').getAttribute('data-blocked')).toBe('true');
  });

  it('keeps a block someone else set between load and save', async () => {
    await openContact(page, contactUrl('102'));
    await waitForState(page, 'ready');
    await page.getByTestId('edit-blocks').click();
    await changeBehindTheBack(h.fake, '102', { post_sperre_marken: 'marke_c', grund_post_sperre: 'Kollegin: Anruf' });
    await page.locator('[data-testid="brand-toggle"][data-brand="marke_a"]').check();
    await page.getByTestId('reason-input').fill('Kunde widerspricht');
    await page.getByTestId('save-blocks').click();
    await waitForState(page, 'saved');
    expect(contactProps(h.fake, '102').post_sperre_marken!.split(';').sort()).toEqual(['marke_a', 'marke_c']);
    expect(contactProps(h.fake, '102').grund_post_sperre!.startsWith('Kollegin: Anruf')).toBe(true);
  });

  it('refuses a real conflict on the same brand and writes nothing', async () => {
    await openContact(page, contactUrl('102'));
    await waitForState(page, 'ready');
    await page.getByTestId('edit-blocks').click();
    await changeBehindTheBack(h.fake, '102', { post_sperre_marken: 'marke_a', grund_post_sperre: 'Kollegin' });
    await page.locator('[data-testid="brand-toggle"][data-brand="marke_a"]').check();
    await page.getByTestId('reason-input').fill('Kunde widerspricht');
    await page.getByTestId('save-blocks').click();
    const error = page.getByTestId('panel-error');
    await error.waitFor();
    expect(await error.getAttribute('data-error-kind')).toBe('conflict');
    expect(apiWrites(h.fake)).toHaveLength(0);
  });

  it('follows in-app navigation to another contact', async () => {
    await openContact(page, contactUrl('101'));
    await waitForState(page, 'ready');
    await page.getByRole('link', { name: /Nächster Kontakt/ }).click();
    await expect.poll(() => page.getByTestId('postsperre-panel').getAttribute('data-contact-id')).toBe('102');
    await waitForState(page, 'ready');
    expect(await page.getByTestId('postsperre-panel').count()).toBe(1);
    expect(await page.locator('[data-testid="brand-row"][data-blocked="true"]').count()).toBe(0);
  });

  it('another view of the same contact (a record tab, a hash) keeps the open editor and what was typed', async () => {
    await openContact(page, contactUrl('101'));
    await waitForState(page, 'ready');
    await page.getByTestId('edit-blocks').click();
    await page.getByTestId('reason-input').fill('Widerspruch am Telefon');
    h.fake.requests.length = 0;
    await page.evaluate(() => history.pushState({}, '', `${location.pathname}/view/2?tab=activity#notes`));
    await page.evaluate(() => history.pushState({}, '', `${location.pathname}#about`));
    await page.waitForTimeout(300);
    await expect.poll(() => page.getByTestId('reason-input').inputValue()).toBe('Widerspruch am Telefon');
    expect(apiCalls(h.fake)).toHaveLength(0);
  });

  it("HubSpot's page cannot tell the extension is installed by fetching its files, while the panel speaks from them", async () => {
    await openContact(page, contactUrl('101'));
    await waitForState(page, 'ready');
    const reachable = await page.evaluate(async (id) => {
      try {
        return (await fetch(`chrome-extension://${id}/i18n/de.json`)).ok;
      } catch {
        return false;
      }
    }, h.extensionId);
    expect(reachable).toBe(false);
    await expect.poll(() => page.getByTestId('edit-blocks').textContent()).toBe('Sperren bearbeiten');
  });

  it('a repeat view costs one request', async () => {
    await openContact(page, contactUrl('103'));
    await waitForState(page, 'ready');
    h.fake.requests.length = 0;
    await page.reload();
    await waitForState(page, 'ready');
    expect(apiCalls(h.fake).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /crm/v3/objects/contacts/103']);
  });

  it("shows nothing of another portal's page", async () => {
    await openContact(page, contactUrl('201', 'app-eu1.hubspot.com', '87654321'));
    await waitForState(page, 'error');
    expect(await page.getByTestId('panel-error').getAttribute('data-error-kind')).toBe('portal-mismatch');
    expect(await page.getByTestId('brand-row').count()).toBe(0);
    expect(apiCalls(h.fake).filter((r) => r.path.includes('/objects/contacts/'))).toHaveLength(0);
  });

  it('rides out two 5xx answers: says it is retrying, then shows the contact', async () => {
    await openContact(page, contactUrl('103'));
    await waitForState(page, 'ready');
    h.fake.faults.add({ match: { method: 'GET', pathPrefix: '/crm/v3/objects/contacts/103' }, status: 503, times: 2 });
    h.fake.requests.length = 0;
    await page.reload();
    await waitForState(page, 'ready');
    const gets = apiCalls(h.fake).filter((r) => r.path === '/crm/v3/objects/contacts/103');
    expect(gets.map((r) => r.status)).toEqual([503, 503, 200]);
    expect(await page.locator('[data-testid="brand-row"][data-blocked="true"]').count()).toBe(3);
  });

  it('says invalid-response, naming the call, when HubSpot answers garbage', async () => {
    await openContact(page, contactUrl('103'));
    await waitForState(page, 'ready');
    h.fake.faults.add({ match: { method: 'GET', pathPrefix: '/crm/v3/objects/contacts/103' }, malformed: true, times: 1 });
    await page.reload();
    await waitForState(page, 'error');
    const error = page.getByTestId('panel-error');
    expect(await error.getAttribute('data-error-kind')).toBe('invalid-response');
    expect(await error.innerText()).toContain('/crm/v3/objects/contacts/103');
    // "Erneut versuchen" reads again and recovers.
    await error.getByRole('button', { name: /Erneut versuchen/ }).click();
    await waitForState(page, 'ready');
  });

  it('a 429 with the DAILY policy ends as rate-limit at once, without retries', async () => {
    h.fake.faults.add({ match: { method: 'GET', pathPrefix: '/crm/v3/objects/contacts/104' }, rateLimit: 'DAILY', times: 1 });
    await openContact(page, contactUrl('104'));
    await waitForState(page, 'error');
    expect(await page.getByTestId('panel-error').getAttribute('data-error-kind')).toBe('rate-limit');
    expect(apiCalls(h.fake).filter((r) => r.path === '/crm/v3/objects/contacts/104')).toHaveLength(1);
  });

  it('says auth when the token was revoked', async () => {
    await (await configure(h, { token: TOKENS.revoked })).close();
    try {
      await openContact(page, contactUrl('101', 'app.hubspot.com'));
      await waitForState(page, 'error');
      expect(await page.getByTestId('panel-error').getAttribute('data-error-kind')).toBe('auth');
    } finally {
      await (await configure(h)).close();
    }
  });
});
