// The guard of HubSpot's own sidebar Save on every contact page, whether or not the panel mounts
// (issue 9). The controller is lib/page/guardController.ts; this file only wires it: the settings
// from the background, the status shared with the panel, the page check for the options page.
import { t } from '../../../lib/i18n';
import { callGateway } from '../../../lib/messaging-client';
import { guardSurface } from '../../../lib/page/guardController';
import { guardStatus } from '../../../lib/page/guardStatus';
import type { Feature } from '../index';

export const sidebarGuardFeature: Feature = {
  name: 'sidebar-guard',
  include: (page) => page.kind === 'contact',
  async init(_page, _ctx, signal, shared) {
    shared.guard.set(guardStatus('pending', t('guardPending')));
    const config = await shared.guardConfig();
    if (signal.aborted) return;
    guardSurface(document, config, shared.guard, signal, {
      onSave: () => shared.sidebarSaves.set(shared.sidebarSaves.get() + 1),
      onCheck: (check) => void callGateway('reportPageCheck', check, { signal }).catch(() => undefined),
    });
  },
};
