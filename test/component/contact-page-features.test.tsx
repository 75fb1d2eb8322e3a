// Issue 9, points 7 and 8: the features of a contact page share one page context. The contact's
// read starts when the context is made (before any feature runs, so in parallel with HubSpot's
// loading), the panel takes that read instead of asking again, and the sidebar guard runs as a
// feature of its own: without any panel it guards and its status reaches whoever shows it.
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ContactView } from '../../lib/messaging';

const calls: { method: string; args: unknown }[] = [];
let answer: (v: ContactView) => void = () => undefined;
let fail: (e: unknown) => void = () => undefined;
vi.mock('../../lib/messaging-client', () => ({
  callGateway: vi.fn((method: string, args: unknown) => {
    calls.push({ method, args });
    if (method === 'getContactView') {
      return new Promise<ContactView>((resolve, reject) => {
        answer = resolve;
        fail = reject;
      });
    }
    if (method === 'getGuardConfig') return Promise.reject(new Error('no background in this test'));
    if (method === 'getAuthor') return Promise.resolve({ userName: 'MK' });
    return Promise.resolve(null);
  }),
  isAbortError: () => false,
  toErrorData: (e: unknown) => ({ kind: 'invalid-response', message: String(e) }),
}));

const { createPageContext } = await import('../../entrypoints/hubspot.content/pageContext');
const { setLanguage } = await import('../../lib/i18n');
const { ContactPanelContainer } = await import('../../entrypoints/hubspot.content/ContactPanelContainer');
const { sidebarGuardFeature } = await import('../../entrypoints/hubspot.content/features/sidebar-guard');
const { Pages } = await import('../fake-hubspot/pages/ui');
const { FakeState } = await import('../fake-hubspot/state');
const { demoSeed } = await import('../fake-hubspot/seed');

const PAGE = { kind: 'contact', host: 'app-eu1.hubspot.com', portalId: '12345678', contactId: '101' } as const;
const VIEW: ContactView = {
  portalId: '12345678',
  contactId: '101',
  brands: [{ value: 'marke_a', label: 'Marke A', displayOrder: 0, hidden: false, known: true }],
  blocked: ['marke_a'],
  reasonText: 'Brief',
  history: [],
  userNames: {},
  families: [],
  blockProperty: 'post_sperre_marken',
  reasonProperty: 'grund_post_sperre',
  blockPropertyLabel: 'Post Sperre Marken',
  reasonPropertyLabel: 'Grund Post Sperre',
};

afterEach(() => {
  cleanup();
  calls.length = 0;
  document.body.innerHTML = '';
});

describe('the page context of a contact page', () => {
  it('asks for the contact as soon as it is made, once; the panel takes that answer instead of asking again', async () => {
    const controller = new AbortController();
    const shared = createPageContext(PAGE, controller.signal);
    expect(calls).toEqual([{ method: 'getContactView', args: { portalId: '12345678', contactId: '101' } }]);
    const early = shared.takeEarlyRead();
    expect(early).not.toBeNull();
    expect(shared.takeEarlyRead()).toBeNull(); // one owner

    render(<ContactPanelContainer portalId="12345678" contactId="101" signal={controller.signal} guard={shared.guard} early={early} />);
    expect(screen.getByTestId('postsperre-panel').getAttribute('data-state')).toBe('loading');
    answer(VIEW);
    await waitFor(() => expect(screen.getByTestId('postsperre-panel').getAttribute('data-state')).toBe('ready'));
    expect(calls.filter((c) => c.method === 'getContactView')).toHaveLength(1);
    controller.abort();
  });

  it('asks again when the early read failed in another language than the page turned out to speak', async () => {
    setLanguage('en'); // before HubSpot's <html lang> was parsed: the browser's language
    const controller = new AbortController();
    const shared = createPageContext(PAGE, controller.signal);
    setLanguage('de'); // HubSpot's page speaks German
    render(<ContactPanelContainer portalId="12345678" contactId="101" signal={controller.signal} guard={shared.guard} early={shared.takeEarlyRead()} />);
    fail({ kind: 'network', message: 'HubSpot cannot be reached' });
    await waitFor(() => expect(calls.filter((c) => c.method === 'getContactView')).toHaveLength(2));
    answer(VIEW);
    await waitFor(() => expect(screen.getByTestId('postsperre-panel').getAttribute('data-state')).toBe('ready'));
    controller.abort();
  });

  it('starts no read on other pages', () => {
    const shared = createPageContext({ kind: 'list', host: 'app.hubspot.com', portalId: '1', listId: '2' }, new AbortController().signal);
    expect(calls).toEqual([]);
    expect(shared.takeEarlyRead()).toBeNull();
  });
});

describe('the sidebar guard as a feature of its own', () => {
  it('guards a contact page without any panel, and its status and HubSpot\'s saves reach the page context', async () => {
    const html = new Pages(new FakeState(demoSeed())).page('/contacts/12345678/record/0-1/101', new URLSearchParams({ ssr: '1' })).html!;
    document.body.innerHTML = /<main id="app"[\s\S]*<\/main>/.exec(html)![0];
    const controller = new AbortController();
    const shared = createPageContext(PAGE, controller.signal);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    sidebarGuardFeature.init(PAGE, {} as never, controller.signal, shared);
    await waitFor(() => expect(shared.guard.get()).toMatchObject({ state: 'active', mode: 'guarding' }));
    expect(document.querySelector('[data-testid="postsperre-panel"]')).toBeNull();

    // A sidebar save of another property goes through and is counted for the panel.
    const fresh = new Pages(new FakeState(demoSeed())).page('/contacts/12345678/record/0-1/101', new URLSearchParams({ ssr: '1', edit: 'grund_post_sperre', 'draft.grund_post_sperre': 'x' })).html!;
    document.body.innerHTML = /<main id="app"[\s\S]*<\/main>/.exec(fresh)![0];
    await new Promise((r) => setTimeout(r, 0));
    document.querySelector<HTMLElement>('[data-fake-action="save"]')!.click();
    expect(shared.sidebarSaves.get()).toBe(0); // stopped: "x" drops the stored log
    expect(document.querySelector('[data-testid="guard-message"]')).not.toBeNull();
    controller.abort();
    warn.mockRestore();
  });
});
