// The guard on HubSpot's other edit surfaces (issue 14), in happy-dom over markup drawn by the fake
// HubSpot's own render code: the record preview panel, "All properties" (modal and page), and bulk
// edit. HubSpot's own save is a bubbling listener here, as React's would be. Real Chromium and the
// built extension: test/e2e/surfaces.e2e.ts.
import vm from 'node:vm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RENDER_LIB } from '../fake-hubspot/pages/render-lib';
import { SURFACES_LIB } from '../fake-hubspot/pages/surfaces-lib';
import { STRINGS } from '../fake-hubspot/pages/i18n';
import { contactsData, recordData } from '../fake-hubspot/pages/ui';
import { FakeState } from '../fake-hubspot/state';
import { demoSeed } from '../fake-hubspot/seed';
import { guardBulkEdit } from '../../lib/page/bulkEditGuard';
import { guardSurface } from '../../lib/page/guardController';
import type { GuardStatus } from '../../lib/page/guardStatus';
import { ALL_PROPERTIES, PREVIEW, type EditSurface } from '../../lib/page/surfaces';
import { createStore } from '../../lib/store';

const BLOCKS = 'post_sperre_marken';
const REASON = 'grund_post_sperre';
const CONFIG = { blockProperty: BLOCKS, reasonProperty: REASON, saveButtonLabels: ['Speichern', 'Save'], blockOptionLabels: ['Marke A', 'Marke B', 'Marke C'] };
const TEXTS = { pending: 'pending', guarding: 'guarding', failClosed: 'fail-closed', off: 'off' };

interface Surfaces {
  contactsPage(ctx: unknown, data: unknown, view: unknown): string;
  previewPanel(ctx: unknown, surface: unknown): string;
  allPropertiesPanel(ctx: unknown, surface: unknown, inPage: boolean): string;
  bulkEditDialog(ctx: unknown, surface: unknown): string;
}
const context = vm.createContext({});
vm.runInContext(`${RENDER_LIB};\n${SURFACES_LIB};\nthis.FakeSurfaces = FakeSurfaces;`, context);
const FakeSurfaces = (context as { FakeSurfaces: Surfaces }).FakeSurfaces;
const ctx = { cls: {}, strings: STRINGS.de, lang: 'de', portalId: '12345678', search: '', variant: 'current' };
const state = new FakeState(demoSeed());
const record = recordData(state, '12345678', '101', 'de');
const contacts = contactsData(state, '12345678', 'de');

interface View {
  modes?: Record<string, string>;
  drafts?: Record<string, string>;
}
/** The contacts index, with a panel of `kind` open over it (or the record's "All properties"). */
function draw(kind: 'none' | 'preview' | 'all-properties' | 'all-properties-page', view: View = {}): void {
  const surface = { data: record, view: { modes: view.modes ?? {}, drafts: view.drafts ?? {}, search: {}, editing: Object.keys(view.modes ?? {}).length > 0 } };
  const page = FakeSurfaces.contactsPage(ctx, contacts, {});
  if (kind === 'none') document.body.innerHTML = `<main>${page}</main>`;
  if (kind === 'preview') document.body.innerHTML = `<main>${page}</main>${FakeSurfaces.previewPanel(ctx, surface)}`;
  if (kind === 'all-properties') document.body.innerHTML = `<main></main>${FakeSurfaces.allPropertiesPanel(ctx, surface, false)}`;
  if (kind === 'all-properties-page') document.body.innerHTML = `<main>${FakeSurfaces.allPropertiesPanel(ctx, surface, true)}</main>`;
}

const controllers: AbortController[] = [];
afterEach(() => {
  for (const c of controllers.splice(0)) c.abort();
  document.body.innerHTML = '';
});

async function start(surface: EditSurface, options: { expectRoot?: boolean; graceMs?: number } = {}) {
  const status = createStore<GuardStatus>({ state: 'inactive', mode: 'pending', message: '' });
  const controller = new AbortController();
  controllers.push(controller);
  const saved = vi.fn();
  document.addEventListener('click', (e) => {
    if ((e.target as Element).closest('[data-fake-surface-action="save"], [data-fake-bulk-confirm]')) saved();
  }, { signal: controller.signal });
  guardSurface(document, CONFIG, status, controller.signal, { surface, texts: TEXTS, graceMs: options.graceMs ?? 50, ...(options.expectRoot ? { expectRoot: true } : {}) });
  await new Promise((r) => setTimeout(r, 0));
  return { status, saved };
}

const tick = () => new Promise((r) => setTimeout(r, 0));
function clickSave(): boolean {
  const click = new MouseEvent('click', { bubbles: true, cancelable: true });
  document.querySelector('[data-fake-surface-action="save"]')!.dispatchEvent(click);
  return click.defaultPrevented;
}
const message = () => document.querySelector('[data-testid="guard-message"]');

describe.each([
  ['preview', PREVIEW, 'preview'],
  ['all-properties', ALL_PROPERTIES, 'all-properties'],
] as const)('the %s panel', (_name, surface, kind) => {
  it('is guarded: a block change needs a reason, one with a reason passes, the log is never shortened', async () => {
    draw(kind);
    const { status, saved } = await start(surface);
    expect(status.get()).toMatchObject({ state: 'active', mode: 'guarding' });
    draw(kind, { modes: { [BLOCKS]: 'edit' } }); // opened, unchanged
    await tick();
    draw(kind, { modes: { [BLOCKS]: 'edit' }, drafts: { [BLOCKS]: 'marke_a;marke_b;marke_c' } }); // a brand added
    await tick();
    expect(clickSave()).toBe(true);
    expect(saved).not.toHaveBeenCalled();
    expect(message()?.getAttribute('data-surface')).toBe(surface.id);
    expect(message()?.textContent).toBe('Bitte einen Grund für die Änderung der Post-Sperre angeben');

    const log = (record as { contact: { properties: Record<string, string> } }).contact.properties[REASON]!;
    draw(kind, { modes: { [BLOCKS]: 'edit', [REASON]: 'edit' }, drafts: { [BLOCKS]: 'marke_a;marke_b;marke_c' } }); // the reason opened, as stored
    await tick();
    draw(kind, { modes: { [BLOCKS]: 'edit', [REASON]: 'edit' }, drafts: { [BLOCKS]: 'marke_a;marke_b;marke_c', [REASON]: 'Nur der neue Grund' } });
    await tick();
    expect(clickSave()).toBe(true); // the stored log dropped
    expect(message()?.textContent).toMatch(/^Der bisherige Grund muss erhalten bleiben/);

    draw(kind, { modes: { [BLOCKS]: 'edit', [REASON]: 'edit' }, drafts: { [BLOCKS]: 'marke_a;marke_b;marke_c', [REASON]: `${log}\n07.12.2026: Brief, Marke B gesperrt` } });
    await tick();
    expect(clickSave()).toBe(false);
    expect(saved).toHaveBeenCalledTimes(1);
  });

  it('lets a save of other properties through, and is guarded while closed', async () => {
    draw('none');
    const { status, saved } = await start(surface);
    expect(status.get().state).toBe('active'); // nothing open: nothing to stop, nothing wrong
    draw(kind, { modes: { city: 'edit' }, drafts: { city: 'Kiel' } });
    await tick();
    expect(clickSave()).toBe(false);
    expect(saved).toHaveBeenCalledTimes(1);
  });
});

describe('surfaces HubSpot draws differently', () => {
  it('the preview: opened by its button, but no panel the guard knows: inactive after the grace period', async () => {
    draw('none');
    const { status } = await start(PREVIEW, { graceMs: 30 });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    document.querySelector<HTMLElement>('[data-selenium-test="table-preview-click-button"]')!.click();
    document.body.insertAdjacentHTML('beforeend', '<aside class="x">Vorschau (a renamed panel)</aside>');
    await vi.waitFor(() => expect(status.get()).toMatchObject({ state: 'inactive', mode: 'off', message: 'off' }));
    expect(String(warn.mock.calls[0]?.[1])).toMatch(/preview was opened/);
    warn.mockRestore();
    draw('preview'); // the known panel after all
    await vi.waitFor(() => expect(status.get().state).toBe('active'));
  });

  it.each([
    ['preview', PREVIEW, 'preview'],
    ['all-properties', ALL_PROPERTIES, 'all-properties'],
  ] as const)('the %s panel open, but none of its rows recognised (renamed): inactive', async (_name, surface, kind) => {
    draw(kind);
    const { status } = await start(surface, { graceMs: 30 });
    expect(status.get().state).toBe('active');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    // As the fake's "renamed" release: the list and row hooks renamed.
    for (const list of document.querySelectorAll('[data-fake-surface] [data-selenium-test="profile-properties-list"]')) list.setAttribute('data-selenium-test', 'record-properties-list');
    for (const row of document.querySelectorAll('[data-fake-surface] [data-test-id]')) row.setAttribute('data-test-id', `renamed-${row.getAttribute('data-test-id')}`);
    await vi.waitFor(() => expect(status.get()).toMatchObject({ state: 'inactive', mode: 'off' }));
    warn.mockRestore();
  });

  it('the 2021 all-properties page without its panel: inactive', async () => {
    document.body.innerHTML = '<main><div>Alle Eigenschaften</div></main>';
    const { status } = await start(ALL_PROPERTIES, { expectRoot: true, graceMs: 30 });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await vi.waitFor(() => expect(status.get().state).toBe('inactive'));
    warn.mockRestore();
    draw('all-properties-page');
    await vi.waitFor(() => expect(status.get().state).toBe('active'));
  });

  it('a block picker it cannot read fails closed in the panel', async () => {
    draw('preview');
    const { status, saved } = await start(PREVIEW);
    draw('preview', { modes: { [BLOCKS]: 'edit' } });
    const control = document.querySelector(`[data-deferred-property-input-mode="edit"] [data-selenium-test="property-input-${BLOCKS}"]`)!;
    control.innerHTML = ''; // the picker's content moved elsewhere
    await tick();
    expect(status.get().mode).toBe('fail-closed');
    expect(clickSave()).toBe(true);
    expect(saved).not.toHaveBeenCalled();
  });
});

describe('bulk edit', () => {
  const dialog = (chosen: string | null) =>
    FakeSurfaces.bulkEditDialog(ctx, { count: 2, properties: contacts.properties, chosen, open: false, draft: '', mode: 'replace', error: null });

  async function startBulk(graceMs = 50) {
    const status = createStore<GuardStatus>({ state: 'inactive', mode: 'pending', message: '' });
    const controller = new AbortController();
    controllers.push(controller);
    const confirmed = vi.fn();
    document.addEventListener('click', (e) => {
      if ((e.target as Element).closest('[data-fake-bulk-confirm]')) confirmed();
    }, { signal: controller.signal });
    guardBulkEdit(document, CONFIG, status, controller.signal, { graceMs, texts: { ...TEXTS, stopped: 'stopped: use the panel or Sperren aus Datei' } });
    await tick();
    return { status, confirmed };
  }
  const confirm = () => {
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    document.querySelector('[data-selenium-test="base-dialog-confirm-btn"]')!.dispatchEvent(click);
    return click.defaultPrevented;
  };

  it('stops the confirm while the block or the reason property is chosen, with the message beside it', async () => {
    draw('none');
    const { status, confirmed } = await startBulk();
    expect(status.get().state).toBe('active');
    for (const property of [BLOCKS, REASON]) {
      document.body.insertAdjacentHTML('beforeend', dialog(property));
      await tick();
      expect(message()?.getAttribute('data-surface')).toBe('bulk-edit'); // said as soon as it is chosen
      expect(confirm()).toBe(true);
      const m = message();
      expect(m?.getAttribute('data-surface')).toBe('bulk-edit');
      expect(m?.textContent).toBe('stopped: use the panel or Sperren aus Datei');
      expect(m?.closest('[role="dialog"]')).not.toBeNull();
      document.querySelector('[data-fake="bulk-edit-dialog"]')!.remove();
      await tick();
      expect(message()).toBeNull();
    }
    expect(confirmed).not.toHaveBeenCalled();
  });

  it('leaves bulk edit of any other property untouched', async () => {
    draw('none');
    const { confirmed } = await startBulk();
    document.body.insertAdjacentHTML('beforeend', dialog('city'));
    await tick();
    expect(confirm()).toBe(false);
    expect(confirmed).toHaveBeenCalledTimes(1);
    expect(message()).toBeNull();
  });

  it('says inactive when its button opened no dialog it knows', async () => {
    draw('none');
    const { status } = await startBulk(30);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    document.querySelector<HTMLElement>('[data-selenium-test="bulk-action-edit"]')!.click();
    await vi.waitFor(() => expect(status.get().state).toBe('inactive'));
    warn.mockRestore();
  });
});
