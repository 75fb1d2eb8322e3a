import type { Feature } from '../index';
import { mountPanel } from '../mountPanel';
import { ContactPanelContainer } from '../ContactPanelContainer';
import { findPanelAnchor } from '../../../lib/page/anchor';

/** The Post-Sperre panel on contact record pages, next to "DSGVO Sperren" when HubSpot shows it. */
export const contactPanelFeature: Feature = {
  name: 'contact-panel',
  include: (page) => page.kind === 'contact',
  async init(page, ctx, signal, shared) {
    if (page.kind !== 'contact') return;
    // The contact's read started with the page (pageContext.ts); the guard is a feature of its
    // own and shares its status and HubSpot's sidebar saves (the panel then re-reads).
    const early = shared.takeEarlyRead();
    // Docks beside the "DSGVO Sperren" section once HubSpot has rendered it; floats until then,
    // and again whenever HubSpot's re-render throws the anchor out.
    await mountPanel(ctx, {
      name: 'post-sperre-guard',
      className: 'psg-root psg-floating',
      signal,
      render: () => (
        <ContactPanelContainer portalId={page.portalId} contactId={page.contactId} signal={signal} guard={shared.guard} sidebarSaves={shared.sidebarSaves} early={early} />
      ),
      dockAfter: () => findPanelAnchor(document)?.after ?? null,
    });
  },
};
