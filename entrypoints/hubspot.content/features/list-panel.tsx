import type { Feature } from '../index';

/** The list audit panel on list (segment) pages (issue 4). */
export const listPanelFeature: Feature = {
  name: 'list-panel',
  include: (page) => page.kind === 'list',
  init() {
    // Built with the list audit (issue 4).
  },
};
