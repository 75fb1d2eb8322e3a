// English: the options page follows the browser's language, the panel follows HubSpot's (?hl=en).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactUrl, launch, TOKENS, type Harness } from './harness';
import { waitForState } from './support';

let h: Harness;
beforeAll(async () => {
  h = await launch({ lang: 'en-US' });
});
afterAll(async () => {
  await h?.close();
});

describe('in English', () => {
  it('the options page speaks the browser language and the connection test reports in English', async () => {
    const page = await h.context.newPage();
    await page.goto(h.optionsUrl);
    await page.getByTestId('token-input').fill(TOKENS.valid);
    const save = page.getByTestId('save-settings');
    expect(await save.innerText()).toBe('Save and test connection');
    await save.click();
    const status = page.getByTestId('connection-status');
    await expect.poll(() => status.getAttribute('data-state')).toBe('ok');
    expect(await status.innerText()).toContain('Connected to portal 12345678');
    // The families editor now knows the portal's brands.
    expect(await page.getByText(/Available brands \(\d+\)/).count()).toBe(1);
    await page.close();
  });

  it('the panel on an English HubSpot page is English', async () => {
    const page = await h.context.newPage();
    await page.goto(`${contactUrl('101')}?hl=en`);
    await waitForState(page, 'ready');
    expect(await page.getByTestId('edit-blocks').innerText()).toBe('Edit blocks');
    expect(await page.getByTestId('postsperre-panel').innerText()).toContain('blocked');
    await page.close();
  });
});
