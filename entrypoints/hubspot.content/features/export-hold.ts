import { startExportHold } from '../../../lib/page/exportHold';
import { t, tn } from '../../../lib/i18n';
import { callGateway } from '../../../lib/messaging-client';
import type { Feature } from '../index';
import { openCleanExport } from '../exportBus';

/**
 * HubSpot's own export of a segment, held while it would send blocked contacts (issue 15). The
 * controller is lib/page/exportHold.ts; here it gets the gateway's count and the texts.
 */
export const exportHoldFeature: Feature = {
  name: 'export-hold',
  include: (page) => page.kind === 'list',
  init(page, _ctx, signal) {
    if (page.kind !== 'list') return;
    const labels = new Map<string, string>();
    startExportHold(
      {
        doc: document,
        check: async () => {
          const r = await callGateway('checkSegmentExport', { portalId: page.portalId, listId: page.listId }, { signal });
          r.brands.forEach((b, i) => labels.set(b, r.brandLabels[i] ?? b));
          return r;
        },
        brandLabel: (v) => labels.get(v) ?? v,
        onClean: () => {
          openCleanExport();
        },
        texts: {
          title: t('exportHoldTitle'),
          checking: t('exportHoldChecking'),
          leaking: (n, brands) => tn('exportHoldText', n, n, brands),
          failed: (message) => t('exportHoldFailed', message),
          clean: t('exportHoldClean'),
          proceed: (n) => tn('exportHoldProceed', n, n),
          proceedUnchecked: t('exportHoldProceedUnchecked'),
          inactive: t('exportHoldInactive'),
        },
      },
      signal,
    );
  },
};
