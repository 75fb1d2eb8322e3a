import type { Feature } from '../index';
import { mountPanel } from '../mountPanel';
import { ListPanelContainer } from '../ListPanelContainer';

/**
 * The list audit panel on list (segment) pages (issue 4). It floats at the bottom right of the
 * page: HubSpot's list header has no known stable hook (docs/hubspot.md lists none for list pages), and
 * a panel that docks by guesswork disappears silently when HubSpot changes its layout. It can be
 * collapsed to its title.
 */
export const listPanelFeature: Feature = {
  name: 'list-panel',
  include: (page) => page.kind === 'list',
  async init(page, ctx, signal) {
    if (page.kind !== 'list') return;
    const ui = await mountPanel(ctx, {
      name: 'post-sperre-guard-list',
      className: 'psg-root psg-floating psg-list-floating',
      signal,
      render: () => <ListPanelContainer host={page.host} portalId={page.portalId} listId={page.listId} signal={signal} />,
    });
    if (!ui) return;

    // HubSpot may re-render the body's children; put the panel back when it was thrown out.
    const observer = new MutationObserver(() => {
      if (!signal.aborted && !ui.shadowHost.isConnected) document.body.append(ui.shadowHost);
    });
    observer.observe(document.body, { childList: true });
    signal.addEventListener('abort', () => observer.disconnect(), { once: true });
  },
};
