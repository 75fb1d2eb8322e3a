// One finding of a workflow in words, the same in the workflow panel and the command line's table.
import { t } from '../i18n';
import type { WorkflowLeak } from './types';

export function workflowLeakText(l: WorkflowLeak, label: (brand: string) => string): string {
  const summary = l.witnessSummary ?? JSON.stringify(l.witness);
  switch (l.source) {
    case 'manual':
      return t('flowLeakManual', label(l.brand));
    case 're-enrollment':
      return t('flowLeakReEnrollment', l.branch + 1, label(l.brand), summary);
    case 'event':
    case 'list-membership':
      return t('flowLeakEvent', l.branch + 1, label(l.brand));
    default:
      return t('flowLeakEnrollment', l.branch + 1, label(l.brand), summary);
  }
}
