// The panels stay in the page while HubSpot re-renders it (lib/page/keepPlaced.ts): a docked panel
// follows its anchor when the anchor's card is replaced, floats while there is none, and a
// floating panel thrown out of <body> comes back.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { keepPlaced } from '../../lib/page/keepPlaced';

const stops: AbortController[] = [];
afterEach(() => {
  for (const c of stops.splice(0)) c.abort();
  document.body.replaceChildren();
});

function setup(dock: boolean) {
  const stop = new AbortController();
  stops.push(stop);
  const host = document.createElement('post-sperre-guard');
  const moves: boolean[] = [];
  keepPlaced(host, document, {
    signal: stop.signal,
    dockAfter: dock ? () => document.querySelector('[data-anchor]') : undefined,
    onMoved: (docked) => moves.push(docked),
  });
  return { host, moves, stop };
}

/** HubSpot's re-render: the sidebar's subtree replaced by a fresh one with a new anchor card. */
function renderSidebar(): HTMLElement {
  const sidebar = document.createElement('aside');
  const card = document.createElement('section');
  card.setAttribute('data-anchor', '');
  sidebar.append(card, document.createElement('section'));
  const old = document.querySelector('aside');
  if (old) old.replaceWith(sidebar);
  else document.body.prepend(sidebar);
  return card;
}

describe('keepPlaced', () => {
  it('floats in <body> while there is no anchor', () => {
    const { host, moves } = setup(true);
    expect(host.parentElement).toBe(document.body);
    expect(moves).toEqual([false]);
  });

  it('docks after the anchor once it appears, and again after the anchor was replaced', async () => {
    const { host, moves } = setup(true);
    const first = renderSidebar();
    await vi.waitFor(() => expect(host.previousElementSibling).toBe(first));
    first.after(host); // HubSpot's re-render throws the card out with our node next to it
    const second = renderSidebar();
    expect(host.isConnected).toBe(false);
    await vi.waitFor(() => expect(host.previousElementSibling).toBe(second));
    expect(moves).toEqual([false, true, true]);
  });

  it('floats again when the anchor is gone and the panel was thrown out with it', async () => {
    const { host, moves } = setup(true);
    renderSidebar();
    await vi.waitFor(() => expect(moves).toEqual([false, true]));
    document.querySelector('aside')!.remove();
    await vi.waitFor(() => expect(host.parentElement).toBe(document.body));
    expect(moves).toEqual([false, true, false]);
  });

  it('puts a floating panel back when <body> is re-rendered', async () => {
    const { host } = setup(false);
    const other = document.createElement('div');
    document.body.replaceChildren(other);
    expect(host.isConnected).toBe(false);
    await vi.waitFor(() => expect(host.parentElement).toBe(document.body));
  });

  it('stops when the signal aborts', async () => {
    const { host, stop } = setup(false);
    stop.abort();
    document.body.replaceChildren();
    const marker = document.createElement('p');
    document.body.append(marker); // a later change the observer would have seen
    // The frame in which a live watcher would have put it back has passed.
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    expect(host.isConnected).toBe(false);
  });
});
