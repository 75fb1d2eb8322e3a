// One finding of a workflow in words, the same in the workflow panel and the command line's table.
import { t } from '../i18n';
import type { WorkflowFinding, WorkflowSendsVia, WorkflowWriteLeak } from './types';

export function workflowLeakText(l: WorkflowFinding, label: (brand: string) => string): string {
  if (l.kind === 'writes-block-property') return workflowWriteText(l);
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

/** What an action writes into the block or reason property, named by the action's id. */
export function workflowWriteText(l: WorkflowWriteLeak): string {
  const p = l.propertyLabel ?? l.property;
  if (l.clears) return t('flowWritesClears', l.actionId, p);
  if (l.appends) return t('flowWritesAppends', l.actionId, p, l.value ?? l.copiedFrom ?? l.valueType ?? '');
  if (l.copiedFrom) return t('flowWritesCopies', l.actionId, p, l.copiedFrom);
  if (l.value !== undefined) return t('flowWritesStatic', l.actionId, p, l.value);
  return t('flowWritesOther', l.actionId, p, l.valueType ?? l.actionTypeId);
}

/** An app or webhook action in words ("Aktion 5 sendet über App „Lettershop“."). */
export function sendsViaText(s: WorkflowSendsVia): string {
  return s.kind === 'webhook' ? t('flowWritesSendsWebhook', s.name, s.actionId) : t('flowWritesSendsApp', s.name, s.actionId);
}
