// HubSpot's other edit surfaces get the sidebar's guard (issue 14): the record preview panel (from
// the contacts index or a segment's records), "All properties" (the modal over the record page, or
// the 2021 page of its own), and bulk edit from the contacts index, which is stopped for the two
// block properties. The controllers are lib/page (guardController.ts, bulkEditGuard.ts); this file
// wires them and shares each surface's state with the toolbar popup.
import { t } from '../../../lib/i18n';
import { guardBulkEdit } from '../../../lib/page/bulkEditGuard';
import { GRACE_MS, guardSurface, type StatusTexts } from '../../../lib/page/guardController';
import { guardStatus, type GuardStatus } from '../../../lib/page/guardStatus';
import { ALL_PROPERTIES, PREVIEW, surfaceName, type EditSurface, type SurfaceId } from '../../../lib/page/surfaces';
import { createStore, type Store } from '../../../lib/store';
import type { PageContext } from '../pageContext';
import type { Feature } from '../index';

function texts(id: SurfaceId): StatusTexts {
  const name = surfaceName(id);
  return { pending: t('surfacePending', name), guarding: t('surfaceGuarding', name), failClosed: t('surfaceFailClosed', name), off: t('surfaceOff', name) };
}

/** A status store whose state is shared as the surface's (guarded while active). */
function sharedStatus(id: SurfaceId, shared: PageContext, signal: AbortSignal): Store<GuardStatus> {
  const status = createStore<GuardStatus>(guardStatus('pending', ''));
  const off = status.subscribe((s) => shared.surfaces.set({ ...shared.surfaces.get(), [id]: s.state === 'active' ? 'guarded' : 'inactive' }));
  signal.addEventListener('abort', off, { once: true });
  return status;
}

/** The 2021 "View all properties" page: `/contacts/{portalId}/contact/{id}/properties`. */
const ALL_PROPERTIES_PAGE = /^\/contacts\/[^/]+\/contact\/[^/]+\/properties\/?$/;

export const surfaceGuardsFeature: Feature = {
  name: 'surface-guards',
  include: (page) => page.kind === 'contact' || page.kind === 'contact-index' || page.kind === 'list',
  async init(page, _ctx, signal, shared) {
    const config = await shared.guardConfig();
    if (signal.aborted) return;
    const surfaces: EditSurface[] = page.kind === 'contact' ? [ALL_PROPERTIES] : [PREVIEW];
    for (const surface of surfaces) {
      guardSurface(document, config, sharedStatus(surface.id, shared, signal), signal, {
        surface,
        texts: texts(surface.id),
        expectRoot: surface === ALL_PROPERTIES ? () => ALL_PROPERTIES_PAGE.test(location.pathname) : false,
      });
    }
    if (page.kind !== 'contact') {
      guardBulkEdit(document, config, sharedStatus('bulk-edit', shared, signal), signal, {
        graceMs: GRACE_MS,
        texts: { ...texts('bulk-edit'), stopped: t('surfaceBulkEditStopped') },
      });
    }
  },
};
