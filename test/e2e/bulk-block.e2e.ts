// "Sperren aus Datei" in Chromium with the built extension: a file from the mail house blocks its
// contacts from the options page while a colleague edits one of them at the same moment (their
// write lands between the extension's read and its batch write): both changes survive.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBlockValue } from '../../lib/domain/blocks';
import { parseReasonLog } from '../../lib/domain/reasonLog';
import { configure, launch, PORTAL, type Harness } from './harness';
import { seriousViolations } from './support';

let h: Harness;
beforeAll(async () => {
  h = await launch();
});
afterAll(async () => {
  await h?.close();
});

const contact = (id: string) => h.fake.state.portal(PORTAL)!.contacts.get(id)!;

describe('bulk block from a file', () => {
  it('blocks every contact of the file with its own entry; a colleague’s edit at the same moment survives', async () => {
    const page = await configure(h, { userName: 'E2E' });
    await page.getByTestId('connection-status').waitFor();
    const section = page.getByTestId('bulk-block');
    await section.scrollIntoViewIfNeeded();
    expect(await section.getAttribute('data-state')).toBe('idle');

    const mail = contact('114').properties.email!;
    await page.getByTestId('bulk-block-file').setInputFiles({
      name: 'retouren.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`\uFEFFKundennr;Name;E-Mail\r\n113;Maria;x\r\n114;Niklas;${mail}\r\n115;Olga;y\r\n999999;Niemand;z\r\n`),
    });
    await page.getByTestId('bulk-block-column').selectOption('Kundennr');
    await page.locator('[data-testid="bulk-block-brand"][data-brand="marke_a"]').check();
    await page.getByTestId('bulk-block-reason').fill('Retoure Herbstkatalog (Lettershop)');
    await page.getByRole('button', { name: 'Vorschau' }).click();

    const preview = page.getByTestId('bulk-block-preview');
    await preview.waitFor();
    expect(await section.getAttribute('data-state')).toBe('preview');
    expect(await preview.getAttribute('data-matched')).toBe('3');
    expect(await preview.getAttribute('data-not-found')).toBe('1');
    expect(await preview.getAttribute('data-already')).toBe('0');
    expect(await seriousViolations(page, '[data-testid="bulk-block"]')).toEqual([]);

    // Jonas edits 114 in HubSpot just before the extension's batch write reaches it.
    h.fake.faults.add({
      match: { method: 'POST', pathPrefix: '/crm/v3/objects/contacts/batch/update' },
      times: 1,
      interleave: { addTokens: { post_sperre_marken: ['galerie_west'] }, appendLines: { grund_post_sperre: 'Jonas: Galerie West am Telefon' } },
      interleaveContact: '114',
    });
    await page.getByTestId('bulk-block-confirm').click();
    const done = page.getByTestId('bulk-block-done');
    await done.waitFor({ timeout: 30_000 });
    expect(await section.getAttribute('data-state')).toBe('done');
    expect(await done.getAttribute('data-written')).toBe('3');
    expect(await done.getAttribute('data-failed')).toBe('0');
    expect(await seriousViolations(page, '[data-testid="bulk-block"]')).toEqual([]);

    // Both changes are in HubSpot: his brand and his line, our brand and our entry.
    const c114 = contact('114');
    expect(new Set(parseBlockValue(c114.properties.post_sperre_marken))).toEqual(new Set(['galerie_west', 'marke_a']));
    expect(c114.properties.grund_post_sperre).toContain('Jonas: Galerie West am Telefon');
    for (const id of ['113', '114', '115']) {
      const entries = parseReasonLog(contact(id).properties.grund_post_sperre ?? '').entries;
      expect(entries, id).toEqual([expect.objectContaining({ added: ['Marke A'], removed: [], reason: 'Retoure Herbstkatalog (Lettershop)', by: 'E2E' })]);
    }
    // The result file is offered.
    expect(await page.getByTestId('bulk-block-result').getAttribute('download')).toBe('retouren-ergebnis.csv');
    await page.close();
  }, 90_000);
});
