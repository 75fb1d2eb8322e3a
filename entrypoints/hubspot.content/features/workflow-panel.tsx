import type { Feature } from '../index';
import { mountPanel } from '../mountPanel';
import { WorkflowPanelContainer } from '../WorkflowPanelContainer';

/** The workflow audit panel on workflow pages (issue 11), floating like the list panel. */
export const workflowPanelFeature: Feature = {
  name: 'workflow-panel',
  include: (page) => page.kind === 'workflow',
  async init(page, ctx, signal) {
    if (page.kind !== 'workflow') return;
    // Floats; mountPanel puts it back when HubSpot's re-render throws it out of <body>.
    await mountPanel(ctx, {
      name: 'post-sperre-guard-workflow',
      className: 'psg-root psg-floating psg-list-floating',
      signal,
      render: () => <WorkflowPanelContainer portalId={page.portalId} flowId={page.flowId} signal={signal} />,
    });
  },
};
