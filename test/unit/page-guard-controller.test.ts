// The guard's controller (lib/page/guardController.ts) on the record sidebar, in happy-dom, over the fake HubSpot's server-rendered record page: HubSpot's own handler is a
// bubbling document listener here, as React's would be. Real Chromium, real keyboard paths and
// the built extension: test/e2e/guard.e2e.ts.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GuardStatus } from '../../lib/page/guardStatus';
import { guardSurface, type GuardControllerOptions, type GuardSettings } from '../../lib/page/guardController';
import { createStore } from '../../lib/store';
import { Pages } from '../fake-hubspot/pages/ui';
import { FakeState } from '../fake-hubspot/state';
import { demoSeed } from '../fake-hubspot/seed';

const CONFIG = { blockProperty: 'post_sperre_marken', reasonProperty: 'grund_post_sperre', saveButtonLabels: ['Speichern', 'Save'] };
/** What the sidebar feature does: the controller over this document. */
function startSidebarGuard(status: ReturnType<typeof createStore<GuardStatus>>, signal: AbortSignal, options: GuardControllerOptions) {
  guardSurface(document, CONFIG, status, signal, options);
}
const pages = new Pages(new FakeState(demoSeed()));
const controllers: AbortController[] = [];

function render(params: Record<string, string> = {}): void {
  const html = pages.page('/contacts/12345678/record/0-1/101', new URLSearchParams({ ssr: '1', ...params })).html!;
  document.body.innerHTML = /<main id="app"[\s\S]*<\/main>/.exec(html)![0];
}

/** Starts a guard; HubSpot's "save" is a bubbling listener that counts. */
async function start(graceMs = 50, config: GuardSettings = CONFIG) {
  const status = createStore<GuardStatus>({ state: 'inactive', mode: 'pending', message: '' });
  const controller = new AbortController();
  controllers.push(controller);
  const saved = vi.fn();
  document.addEventListener('click', (e) => {
    if ((e.target as Element).closest('[data-fake-action="save"]')) saved();
  }, { signal: controller.signal });
  guardSurface(document, config, status, controller.signal, { graceMs });
  await vi.waitFor(() => expect(status.get().message).not.toBe(''));
  await new Promise((r) => setTimeout(r, 0));
  return { status, controller, saved };
}

const save = () => document.querySelector<HTMLElement>('[data-fake-action="save"]')!;
const message = () => document.querySelector('[data-testid="guard-message"]');

afterEach(() => {
  for (const c of controllers.splice(0)) c.abort();
  document.body.innerHTML = '';
});

describe('the sidebar guard feature', () => {
  it('is active on the fixture page and stops a brand change without a reason', async () => {
    render();
    const { status, saved } = await start();
    expect(status.get()).toEqual({ state: 'active', mode: 'guarding', message: 'HubSpots Speichern-Knopf in der Seitenleiste ist geschützt.' });
    render({ edit: 'post_sperre_marken' }); // the user opens the brands…
    await new Promise((r) => setTimeout(r, 0));
    render({ edit: 'post_sperre_marken', 'draft.post_sperre_marken': 'marke_a;marke_b;marke_c' }); // …and picks one
    await new Promise((r) => setTimeout(r, 0));

    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    save().dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    expect(saved).not.toHaveBeenCalled();
    expect(message()?.textContent).toBe('Bitte einen Grund für die Änderung der Post-Sperre angeben');
    expect(message()?.previousElementSibling?.getAttribute('data-test-id')).toBe('grund_post_sperre');
    expect(message()?.getAttribute('role')).toBe('alert');
  });

  it('lets every other save through untouched', async () => {
    render();
    const { saved } = await start();
    render({ edit: 'city', 'draft.city': 'Hamburg' });
    await new Promise((r) => setTimeout(r, 0));
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    save().dispatchEvent(click);
    expect(click.defaultPrevented).toBe(false);
    expect(saved).toHaveBeenCalledTimes(1);
    expect(message()).toBeNull();
  });

  it('ends with its signal: listeners, observer and message go', async () => {
    render();
    const { controller, saved } = await start();
    render({ edit: 'post_sperre_marken', 'draft.post_sperre_marken': 'marke_b' });
    save().click();
    expect(message()).not.toBeNull();
    controller.abort();
    expect(message()).toBeNull();
    // A new page without a guard: HubSpot saves as it likes.
    const count = saved.mock.calls.length;
    document.addEventListener('click', () => saved(), { once: true });
    save().click();
    expect(saved.mock.calls.length).toBeGreaterThan(count);
  });

  it('turns inactive with the reason after the grace period when the hooks are renamed', async () => {
    render({ variant: 'renamed' });
    const { status } = await start(30);
    expect(status.get().message).toBe('Schutz der Seitenleiste wird eingerichtet …');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await vi.waitFor(() => expect(status.get().state === 'inactive' && status.get().message.startsWith('HubSpots Layout hat sich geändert')).toBe(true));
    expect(String(warn.mock.calls[0]?.[1])).toContain('propertyRow(post_sperre_marken, grund_post_sperre)');
    warn.mockRestore();
    render(); // HubSpot renders the known layout again: guarded again
    await vi.waitFor(() => expect(status.get().state).toBe('active'));
  });

  it('fails closed while the brand picker cannot be read: Save stops with the panel hint, other saves pass', async () => {
    const state = new FakeState(demoSeed());
    state.ui.pickerInPopover = true; // HubSpot's picker in a popover outside the row
    const popover = new Pages(state);
    const draw = (params: Record<string, string> = {}) => {
      const html = popover.page('/contacts/12345678/record/0-1/101', new URLSearchParams({ ssr: '1', ...params })).html!;
      document.body.innerHTML = /<main id="app"[\s\S]*<\/main>/.exec(html)![0];
    };
    draw();
    const { status, saved } = await start(60_000);
    expect(status.get()).toMatchObject({ state: 'active', mode: 'guarding' });

    draw({ edit: 'city', 'draft.city': 'Hamburg' }); // a save without the block property
    await new Promise((r) => setTimeout(r, 0));
    save().click();
    expect(saved).toHaveBeenCalledTimes(1);

    draw({ edit: 'post_sperre_marken' });
    await new Promise((r) => setTimeout(r, 0));
    expect(status.get()).toMatchObject({ state: 'active', mode: 'fail-closed' });
    expect(status.get().message).toMatch(/nicht lesbar/);
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    save().dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    expect(saved).toHaveBeenCalledTimes(1);
    expect(message()?.textContent).toMatch(/Post-Sperren-Feld/);
  });

  it("reads HubSpot's own picker by the option labels: opened and unchanged, an honest save of another field passes", async () => {
    const state = new FakeState(demoSeed());
    state.ui.bareTags = true; // tags without hook or separator: "Marke AMarke C"
    const hubspot = new Pages(state);
    const draw = (params: Record<string, string> = {}) => {
      const html = hubspot.page('/contacts/12345678/record/0-1/101', new URLSearchParams({ ssr: '1', variant: '2026-12-06', ...params })).html!;
      document.body.innerHTML = /<main id="app"[\s\S]*<\/main>/.exec(html)![0];
    };
    draw();
    const { status, saved } = await start(50, { ...CONFIG, blockOptionLabels: ['Marke A', 'Marke B', 'Marke C'] });
    await vi.waitFor(() => expect(status.get().mode).toBe('guarding'));
    draw({ edit: 'post_sperre_marken' }); // opened…
    await new Promise((r) => setTimeout(r, 0));
    expect(document.querySelector('[data-selenium-test="property-input-post_sperre_marken"]')?.textContent).toBe('Marke A×Marke C×');
    draw({ edit: 'post_sperre_marken,city', 'draft.city': 'Kiel' }); // …left as it was, and the city changed
    await new Promise((r) => setTimeout(r, 0));
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    save().dispatchEvent(click);
    expect(click.defaultPrevented).toBe(false);
    expect(saved).toHaveBeenCalledTimes(1);
    // A brand added in the same picker is a change: stopped without a reason.
    draw({ edit: 'post_sperre_marken,city', 'draft.city': 'Kiel', 'draft.post_sperre_marken': 'marke_a;marke_b;marke_c' });
    await new Promise((r) => setTimeout(r, 0));
    const again = new MouseEvent('click', { bubbles: true, cancelable: true });
    save().dispatchEvent(again);
    expect(again.defaultPrevented).toBe(true);
    expect(message()?.getAttribute('data-surface')).toBe('sidebar');
  });

  it('stops Enter in another single-line field of the card while the blocks changed without a reason', async () => {
    render();
    const { saved } = await start();
    render({ edit: 'post_sperre_marken' });
    await new Promise((r) => setTimeout(r, 0));
    render({ edit: 'post_sperre_marken,city', 'draft.post_sperre_marken': 'marke_b', 'draft.city': 'Kiel' });
    await new Promise((r) => setTimeout(r, 0));
    const city = document.querySelector<HTMLInputElement>('input[data-selenium-test="property-input-city"]')!;
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') saved();
    });
    const enter = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true });
    city.dispatchEvent(enter);
    expect(enter.defaultPrevented).toBe(true);
    expect(saved).not.toHaveBeenCalled();
    expect(message()?.textContent).toBe('Bitte einen Grund für die Änderung der Post-Sperre angeben');
  });

  it('stops a save that drops the stored reason log, with its own message', async () => {
    render();
    const { saved } = await start();
    render({ edit: 'grund_post_sperre' });
    await new Promise((r) => setTimeout(r, 0));
    render({ edit: 'grund_post_sperre', 'draft.grund_post_sperre': 'Alles neu' });
    await new Promise((r) => setTimeout(r, 0));
    save().click();
    expect(saved).not.toHaveBeenCalled();
    expect(message()?.textContent).toMatch(/^Der bisherige Grund muss erhalten bleiben/);
  });

  it('reports the page check (hooks and their dated alternatives, no personal data)', async () => {
    render();
    const checks: unknown[] = [];
    const controller = new AbortController();
    controllers.push(controller);
    const status = createStore<GuardStatus>({ state: 'inactive', mode: 'pending', message: '' });
    startSidebarGuard(status, controller.signal, { graceMs: 50, onCheck: (c) => checks.push(c) });
    await vi.waitFor(() => expect(checks.length).toBeGreaterThan(0));
    const check = checks.at(-1) as { guard: { mode: string }; hooks: { hook: string; matched: { index: number } | null }[] };
    expect(check.guard.mode).toBe('guarding');
    expect(check.hooks.find((h) => h.hook === 'propertyValue(post_sperre_marken)')?.matched?.index).toBe(0);
    expect(JSON.stringify(check)).not.toMatch(/Marke A|Anna|Schmidt|12345678|"101"/);
  });
});
