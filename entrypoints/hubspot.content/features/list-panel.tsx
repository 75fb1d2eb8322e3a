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
    // Floats; mountPanel puts it back when HubSpot's re-render throws it out of <body>.
    await mountPanel(ctx, {
      name: 'post-sperre-guard-list',
      className: 'psg-root psg-floating psg-list-floating',
      signal,
      render: () => <ListPanelContainer host={page.host} portalId={page.portalId} listId={page.listId} signal={signal} />,
    });
  },
};
