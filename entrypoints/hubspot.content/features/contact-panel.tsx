import type { Feature } from '../index';
import { mountPanel } from '../mountPanel';
import { ContactPanelContainer } from '../ContactPanelContainer';
import { findPanelAnchor } from '../../../lib/page/anchor';
import { createStore } from '../../../lib/store';
import type { GuardStatus } from '../../../components/ContactPanel';
import { t } from '../../../lib/i18n';
import { startSidebarGuard } from './sidebar-guard';
import { tabStatus } from '../tabStatus';

/** The Post-Sperre panel on contact record pages, next to "DSGVO Sperren" when HubSpot shows it. */
export const contactPanelFeature: Feature = {
  name: 'contact-panel',
  include: (page) => page.kind === 'contact',
  async init(page, ctx, signal) {
    if (page.kind !== 'contact') return;
    const guard = createStore<GuardStatus>({ state: 'inactive', message: t('guardPending') });
    const offStatus = guard.subscribe((g) => tabStatus.set({ page: 'contact', guard: g.state }));
    signal.addEventListener('abort', offStatus, { once: true });
    // Counts saves of HubSpot's own sidebar that touched the blocks: the panel then re-reads.
    const sidebarSaves = createStore(0);
    const ui = await mountPanel(ctx, {
      name: 'post-sperre-guard',
      className: 'psg-root psg-floating',
      signal,
      render: () => <ContactPanelContainer portalId={page.portalId} contactId={page.contactId} signal={signal} guard={guard} sidebarSaves={sidebarSaves} />,
    });
    if (!ui) return;

    // Dock beside the "DSGVO Sperren" section once HubSpot has rendered it; float until then,
    // and again whenever HubSpot's re-render throws our node out.
    const place = () => {
      const anchor = findPanelAnchor(document);
      const wrapper = ui.mounted?.wrapper;
      if (!wrapper) return;
      if (anchor && ui.shadowHost.previousElementSibling !== anchor.after) {
        anchor.after.after(ui.shadowHost);
        wrapper.classList.remove('psg-floating');
      } else if (!anchor && !ui.shadowHost.isConnected) {
        document.body.append(ui.shadowHost);
        wrapper.classList.add('psg-floating');
      }
    };
    place();
    let queued = false;
    const observer = new MutationObserver(() => {
      if (queued) return;
      queued = true;
      requestAnimationFrame(() => {
        queued = false;
        if (!signal.aborted) place();
      });
    });
    observer.observe(document.body, { childList: true, subtree: true });
    signal.addEventListener('abort', () => observer.disconnect(), { once: true });

    startSidebarGuard(page, guard, signal, { onSidebarSave: () => sidebarSaves.set(sidebarSaves.get() + 1) });
  },
};
