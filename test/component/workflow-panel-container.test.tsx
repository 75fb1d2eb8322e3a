// The workflow panel's container (entrypoints/hubspot.content/WorkflowPanelContainer.tsx): an applied
// fix and a re-audit overlap, their answers arrive out of order; the panel keeps the later call's
// audit and is not left busy. The view is stubbed: this is about the container's turns.
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WorkflowAuditPanelProps } from '../../components/WorkflowAuditPanel';
import type { WorkflowAudit } from '../../lib/audit/types';
import type { WorkflowFixPlan } from '../../lib/audit/workflowPlan';

const pending: { method: string; resolve: (v: unknown) => void }[] = [];
vi.mock('../../lib/messaging-client', () => ({
  callGateway: vi.fn((method: string) => new Promise((resolve) => pending.push({ method, resolve }))),
  isAbortError: () => false,
  toErrorData: (e: unknown) => ({ kind: 'invalid-response', message: String(e) }),
}));
let props: WorkflowAuditPanelProps | undefined;
vi.mock('../../components/WorkflowAuditPanel', () => ({
  WorkflowAuditPanel: (p: WorkflowAuditPanelProps) => {
    props = p;
    return <p data-testid="shown" data-loading={String(p.loading)}>{p.audit?.name ?? 'none'}</p>;
  },
}));
const { WorkflowPanelContainer } = await import('../../entrypoints/hubspot.content/WorkflowPanelContainer');

afterEach(() => {
  cleanup();
  pending.length = 0;
  props = undefined;
});

const audit = (name: string) => ({ flowId: '7001', name }) as WorkflowAudit;
const plan = {} as WorkflowFixPlan;

function answer(method: string, value: unknown) {
  const i = pending.findIndex((p) => p.method === method);
  expect(i, `a pending ${method}`).toBeGreaterThanOrEqual(0);
  const [p] = pending.splice(i, 1);
  return act(async () => p!.resolve(value));
}

async function opened() {
  render(<WorkflowPanelContainer portalId="12345678" flowId="7001" signal={new AbortController().signal} />);
  await answer('auditWorkflow', audit('first audit'));
  expect(screen.getByTestId('shown').textContent).toBe('first audit');
}

describe('WorkflowPanelContainer: latest call wins', () => {
  it('a fix answered after a later re-audit does not overwrite the re-audit', async () => {
    await opened();
    let applied: unknown = 'not yet';
    act(() => void props!.onApplyFix(plan).then((r) => (applied = r)));
    act(() => props!.onReaudit());
    await answer('auditWorkflow', audit('re-audit'));
    await answer('applyWorkflowFix', { status: 'applied', audit: audit('after the fix') });
    expect(screen.getByTestId('shown').textContent).toBe('re-audit');
    expect(screen.getByTestId('shown').dataset.loading).toBe('false');
    expect(applied).toBeNull();
  });

  it('a re-audit answered after a later fix does not overwrite the fix, and the panel is not left busy', async () => {
    await opened();
    act(() => props!.onReaudit());
    act(() => void props!.onApplyFix(plan));
    await answer('applyWorkflowFix', { status: 'applied', audit: audit('after the fix') });
    await answer('auditWorkflow', audit('re-audit'));
    expect(screen.getByTestId('shown').textContent).toBe('after the fix');
    expect(screen.getByTestId('shown').dataset.loading).toBe('false');
  });
});
