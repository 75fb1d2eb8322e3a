// @vitest-environment node
// An update keeps what the user set up: starting from storage.local exactly as 0.2.0 wrote it
// (keys `settings` and `connection`, no versions), the worker of this version reads every setting,
// the token and the short name, and the brands chosen per list and workflow, now in their own item.
import browser from 'webextension-polyfill';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackgroundEnv } from '../../lib/background/env';
import { defineStorageItems } from '../../lib/background/storage';
import { createContactHandlers } from '../../lib/gateway/handlers';
import { translator } from '../../lib/i18n';
import type { CallContext } from '../../lib/port/contract';

/** storage.local of a 0.2.0 profile: the settings blob (every field its schema had) and the connection facts. */
const V020 = {
  settings: {
    token: 'pat-eu1-11111111-2222-3333-4444-555555555555',
    apiHost: 'api-eu1.hubapi.com',
    blockProperty: 'post_sperre_marken',
    reasonProperty: 'grund_post_sperre',
    families: [{ name: 'Kunstmeile', brands: ['kunstmeile_nord', 'kunstmeile_sued'] }],
    allowedPortalId: '',
    userName: 'MK',
    saveButtonLabels: ['Speichern', 'Save', 'Sichern'],
    listBrands: { '12345678:1002': ['marke_b'], '12345678:flow:7001': ['marke_a', 'marke_c'] },
    postalScope: { folders: ['Postmailings'], namePatterns: ['Katalog*'], listIds: ['1003'], flowIds: [] },
  },
  connection: {
    tokenFingerprint: '44:abc',
    portalId: '12345678',
    uiDomain: 'app-eu1.hubspot.com',
    region: 'eu1',
    blockPropertyLabel: 'Post Sperre Marken',
    reasonPropertyLabel: 'Grund Post Sperre',
    brands: [{ value: 'marke_a', label: 'Marke A' }],
    checkedAt: '2026-12-05T09:00:00.000Z',
  },
};

const NOW = new Date('2026-12-06T10:00:00Z');
const ctx: CallContext = { signal: new AbortController().signal, progress: () => undefined, sender: { fromExtensionPage: true }, tr: translator('de') };

beforeEach(() => fakeBrowser.reset());

describe('an update from 0.2.0', () => {
  it('keeps every setting, the token and the short name; the chosen brands move to their own item', async () => {
    await browser.storage.local.set(structuredClone(V020));
    const env = createBackgroundEnv(defineStorageItems(() => NOW));
    const { listBrands: _moved, ...settings } = V020.settings;
    // The first call after the update may be a segment's audit: its choice is there.
    expect(await env.brandChoices.all()).toEqual(V020.settings.listBrands);
    // Settings added since 0.2.0 start from their defaults.
    expect(await env.loadSettings()).toEqual({ ...settings, exportPrefs: {} });
    expect(await env.loadConnection()).toEqual(V020.connection);
    // What the panels and the options page ask for.
    const handlers = createContactHandlers(env);
    expect(await handlers.getAuthor({}, ctx)).toEqual({ userName: 'MK' });
    expect(await handlers.getSettings({}, ctx)).toMatchObject({ hasToken: true, tokenHint: '…5555', apiHost: 'api-eu1.hubapi.com', families: settings.families, postalScope: settings.postalScope });
    // Stored: the settings at version 2 without the choices; the choices with the update as their last use.
    const stored = await browser.storage.local.get(null);
    expect(stored.settings).toEqual(settings);
    expect(stored.settings$).toEqual({ v: 2 });
    expect(stored.brandChoices).toEqual({
      '12345678:1002': { brands: ['marke_b'], usedAt: NOW.toISOString() },
      '12345678:flow:7001': { brands: ['marke_a', 'marke_c'], usedAt: NOW.toISOString() },
    });
  });

  it('the next start (worker restarted) migrates nothing again and loses nothing', async () => {
    await browser.storage.local.set(structuredClone(V020));
    const first = createBackgroundEnv(defineStorageItems(() => NOW));
    await first.loadSettings();
    await first.brandChoices.set('12345678:1005', ['marke_c']);
    const again = createBackgroundEnv(defineStorageItems(() => new Date('2027-01-01T00:00:00Z')));
    expect((await again.loadSettings()).userName).toBe('MK');
    expect(await again.brandChoices.all()).toEqual({ ...V020.settings.listBrands, '12345678:1005': ['marke_c'] });
  });

  it('a new install starts from the defaults and writes the current version', async () => {
    const env = createBackgroundEnv(defineStorageItems(() => NOW));
    const s = await env.loadSettings();
    expect(s).toMatchObject({ token: '', userName: '', apiHost: 'api.hubapi.com' });
    await env.storeSettings({ ...s, userName: 'AB' });
    expect(await browser.storage.local.get(null)).toMatchObject({ settings: { userName: 'AB' }, settings$: { v: 2 } });
  });
});
