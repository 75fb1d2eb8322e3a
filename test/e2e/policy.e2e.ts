// Deployed by IT: Chrome policy sets the token and the settings. Nobody types a token; the
// options page shows the values locked with who set them; the reason log still names a person,
// asked in the panel before the first save. Also: the options page opens once after install,
// and the toolbar popup shows the connection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactUrl, launch, PORTAL, TOKENS, unpackedExtensionId, writeExtensionPolicy, type Harness } from './harness';
import { apiWrites, contactProps, openContact, seriousViolations, waitForState } from './support';

let h: Harness;
let removePolicy: () => void = () => undefined;

beforeAll(async () => {
  removePolicy = writeExtensionPolicy({
    token: TOKENS.valid,
    apiHost: 'api-eu1.hubapi.com',
    blockProperty: 'post_sperre_marken',
    reasonProperty: 'grund_post_sperre',
    families: [{ name: 'Kunstmeile', brands: ['kunstmeile_nord', 'kunstmeile_sued'] }],
    allowedPortalId: PORTAL,
    postalScope: { folders: ['Postmailings'] },
    managedBy: 'IT-Service Musterfirma',
  });
  h = await launch();
});
afterAll(async () => {
  await h?.close();
  removePolicy();
});

describe('deployed by policy', () => {
  it('runs under the id the policy names, and opened the options page once after install', async () => {
    expect(h.extensionId).toBe(unpackedExtensionId());
    await expect.poll(() => h.context.pages().some((p) => p.url() === h.optionsUrl), { timeout: 10_000 }).toBe(true);
  });

  it('shows the policy values locked on the options page, with who set them', async () => {
    const page = await h.context.newPage();
    // The policy reaches the extension shortly after start: reload until it shows.
    await expect
      .poll(
        async () => {
          await page.goto(h.optionsUrl);
          await page.getByTestId('save-settings').waitFor();
          return page.getByTestId('policy-lock').count();
        },
        { timeout: 20_000, interval: 1000 },
      )
      .toBeGreaterThan(0);
    const fields = await page.getByTestId('policy-lock').evaluateAll((els) => els.map((e) => e.getAttribute('data-field')));
    expect(fields.sort()).toEqual(['allowedPortalId', 'apiHost', 'blockProperty', 'families', 'postalScope', 'reasonProperty', 'token']);
    expect(await page.getByTestId('policy-lock').first().innerText()).toContain('IT-Service Musterfirma');
    expect(await page.getByTestId('token-input').isDisabled()).toBe(true);
    expect(await page.getByTestId('remove-token').count()).toBe(0);
    expect(await seriousViolations(page, 'main')).toEqual([]);
    await page.screenshot({ path: 'artifacts/options-policy.png' });
    // Saving the rest still tests the connection with the policy's token.
    await page.getByTestId('save-settings').click();
    await expect.poll(() => page.getByTestId('connection-status').getAttribute('data-state')).toBe('ok');
    await page.close();
  });

  it('the postal scope set by policy is read-only on the options page, and the portal audit applies it', async () => {
    const page = await h.context.newPage();
    await page.goto(h.optionsUrl);
    const scope = page.getByTestId('postal-scope');
    await scope.waitFor();
    expect(await scope.getAttribute('data-locked')).toBe('true');
    expect(await page.getByTestId('scope-folders').isDisabled()).toBe(true);
    expect(await page.getByTestId('scope-folders').inputValue()).toBe('Postmailings');
    expect(await scope.getByTestId('policy-lock').innerText()).toContain('IT-Service Musterfirma');
    await page.getByTestId('portal-audit').click();
    await page.locator('[data-testid="portal-audit-section"][data-state="done"]').waitFor({ timeout: 60_000 });
    const out = page.getByTestId('portal-audit-out-of-scope');
    expect([await out.getAttribute('data-lists'), await out.getAttribute('data-workflows')]).toEqual(['5', '4']); // 7003, 7004, 7006, 7008
    await page.close();
  });

  it('the panel works without anyone typing a token, and asks for the short name before the first save', async () => {
    const page = await h.context.newPage();
    await openContact(page, contactUrl('102'));
    await waitForState(page, 'ready');
    await page.getByTestId('edit-blocks').click();
    await page.getByTestId('author-prompt').waitFor();
    await page.getByTestId('brand-search').fill('marke b');
    await page.locator('[data-testid="brand-toggle"][data-brand="marke_b"]').check();
    await page.getByTestId('reason-input').fill('Widerspruch am Telefon');
    await page.getByTestId('save-blocks').click();
    // No name yet: nothing is sent.
    expect(apiWrites(h.fake)).toHaveLength(0);
    await page.getByTestId('author-input').fill('MK');
    await page.getByTestId('author-save').click();
    await page.getByTestId('author-name').waitFor();
    await page.getByTestId('save-blocks').click();
    await waitForState(page, 'saved');
    expect(contactProps(h.fake, '102').grund_post_sperre).toContain('(MK)');
    await page.close();
  });

  it('the toolbar popup shows the portal', async () => {
    const page = await h.context.newPage();
    await page.setViewportSize({ width: 300, height: 200 });
    await page.goto(`chrome-extension://${h.extensionId}/popup.html`);
    const connection = page.getByTestId('popup-connection');
    await expect.poll(() => connection.getAttribute('data-state')).toBe('ok');
    expect(await connection.innerText()).toContain(PORTAL);
    expect(await page.getByTestId('popup-tab-status').getAttribute('data-state')).toBe('none');
    expect(await seriousViolations(page, 'main')).toEqual([]);
    await page.screenshot({ path: 'artifacts/popup.png' });
    // What the popup asks a HubSpot tab: the content script answers with the page, its guard and
    // the state of each edit surface.
    const contact = await h.context.newPage();
    await openContact(contact, contactUrl('101'));
    await contact.locator('[data-testid="guard-status"][data-state="active"]').waitFor();
    const answers = await page.evaluate(async () => {
      const c = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number }[]>; sendMessage(id: number, m: object): Promise<unknown> } } }).chrome;
      const tabs = await c.tabs.query({});
      return Promise.all(tabs.map((t) => (t.id === undefined ? null : c.tabs.sendMessage(t.id, { type: 'psg-tab-status' }).catch(() => null))));
    });
    expect(answers).toContainEqual(expect.objectContaining({ page: 'contact', guard: 'active', surfaces: expect.arrayContaining([{ surface: 'sidebar', state: 'guarded' }]) }));
    await contact.close();
    await page.close();
  });
});
