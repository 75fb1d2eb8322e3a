// The workflow panel with actions that write the block (issue 14): each a `leak` with
// data-kind="writes-block-property" saying which action writes what and what to do; app and webhook
// actions listed ("sendet über App …"); and the options page's row and CSV saying the same.
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { portalAuditCsv, portalAuditFlowRow, flowVerdictText } from '../../lib/audit/presentation';
import { WorkflowAuditPanel, type WorkflowAuditPanelProps } from '../../components/WorkflowAuditPanel';
import type { WorkflowAudit } from '../../lib/audit/types';

const BRANDS = [
  { value: 'marke_a', label: 'Marke A' },
  { value: 'marke_b', label: 'Marke B' },
];

const writer: WorkflowAudit = {
  flowId: '7008',
  name: 'Sperre aus Messeformular übernehmen',
  isEnabled: false,
  objectTypeId: '0-1',
  enrollmentType: 'EVENT_BASED',
  revisionId: '3',
  brands: [],
  brandSource: 'all',
  compliant: false,
  leaks: [
    { kind: 'writes-block-property', actionId: '2', property: 'post_sperre_marken', propertyLabel: 'Post Sperre Marken', actionTypeId: '0-5', valueType: 'STATIC_VALUE', value: 'marke_b' },
    { kind: 'writes-block-property', actionId: '3', property: 'grund_post_sperre', actionTypeId: '0-5', valueType: 'STATIC_VALUE', clears: true },
  ],
  suppressionListIds: [],
  addsToLists: [],
  inScope: false,
  skipped: 'out-of-scope',
  availableBrands: BRANDS,
};

const sender: WorkflowAudit = {
  flowId: '7009',
  name: 'Katalogversand Marke B (Lettershop)',
  isEnabled: true,
  objectTypeId: '0-1',
  enrollmentType: 'LIST_BASED',
  revisionId: '3',
  brands: ['marke_b'],
  brandSource: 'detected',
  compliant: true,
  leaks: [],
  sendsVia: [
    { actionId: '2', actionTypeId: '1-4711', name: 'Lettershop Nord', kind: 'app' },
    { actionId: '3', actionTypeId: 'WEBHOOK', name: 'api.lettershop-nord.example', kind: 'webhook' },
  ],
  suppressionListIds: [],
  addsToLists: ['1004'],
  availableBrands: BRANDS,
};

function props(audit: WorkflowAudit): WorkflowAuditPanelProps {
  return {
    flowId: audit.flowId,
    loading: false,
    audit,
    error: null,
    progress: null,
    replanned: false,
    onChangeBrands: vi.fn(),
    onPlanFix: vi.fn(async () => null),
    onApplyFix: vi.fn(async () => null),
    onReaudit: vi.fn(),
    onOpenOptions: vi.fn(),
  };
}

afterEach(cleanup);

describe('WorkflowAuditPanel: actions writing the block', () => {
  it('shows each write as a leak naming the action, what it writes and what to do; no fix button for it', () => {
    render(<WorkflowAuditPanel {...props(writer)} />);
    const panel = screen.getByTestId('workflow-audit-panel');
    expect(panel.getAttribute('data-verdict')).toBe('leaks');
    expect(within(panel).getByRole('status').textContent).toBe('Dieser Workflow schreibt die Post-Sperre oder ihren Grund an den Regeln vorbei.');
    const leaks = screen.getAllByTestId('leak');
    expect(leaks.map((l) => [l.getAttribute('data-kind'), l.getAttribute('data-action-id'), l.getAttribute('data-property')])).toEqual([
      ['writes-block-property', '2', 'post_sperre_marken'],
      ['writes-block-property', '3', 'grund_post_sperre'],
    ]);
    expect(leaks[0]!.textContent).toContain('Aktion 2 dieses Workflows setzt „Post Sperre Marken“ auf „marke_b“');
    expect(leaks[1]!.textContent).toContain('Aktion 3 dieses Workflows leert „grund_post_sperre“');
    expect(leaks[0]!.textContent).toContain('Entfernen Sie die Aktion aus dem Workflow.');
    // The list of writes is named by its heading (screen readers announce the list with it).
    expect(screen.getByRole('list', { name: /schreibt die Post-Sperre/ })).toBeTruthy();
    // Removing an action is the user's job in HubSpot: the enrolment fix does not offer itself.
    expect(screen.queryByTestId('fix-leaks')).toBeNull();
    expect(screen.getByTestId('scope-status').getAttribute('data-in-scope')).toBe('false');
  });

  it('lists app and webhook actions: "sendet über App …" (information, still compliant)', () => {
    render(<WorkflowAuditPanel {...props(sender)} />);
    expect(screen.getByTestId('workflow-audit-panel').getAttribute('data-verdict')).toBe('compliant');
    expect(screen.queryAllByTestId('leak')).toEqual([]);
    const via = screen.getAllByTestId('flow-sends-via');
    expect(via.map((v) => [v.getAttribute('data-action-id'), v.getAttribute('data-via'), v.textContent])).toEqual([
      ['2', 'app', 'Aktion 2 sendet über App „Lettershop Nord“.'],
      ['3', 'webhook', 'Aktion 3 sendet per Webhook an api.lettershop-nord.example.'],
    ]);
  });
});

describe('options page rows and CSV', () => {
  it('a workflow row says which actions write the block, where it sends, and that only its actions were checked', () => {
    const w = portalAuditFlowRow(writer);
    expect(w).toMatchObject({ verdict: 'leaks', findings: 2, brands: '', writesIn: ['2', '3'], actionsOnly: true });
    expect(flowVerdictText(w)).toBe('Sperren werden nicht beachtet (schreibt die Sperre in Aktion 2, 3; nicht als Post-Workflow markiert; nur seine Aktionen geprüft)');
    const s = portalAuditFlowRow(sender);
    expect(s.verdict).toBe('compliant');
    expect(flowVerdictText(s)).toBe(`${s.verdictText} (sendet über Lettershop Nord, api.lettershop-nord.example)`);
    const csv = portalAuditCsv({ lists: [], contactsMissingReason: [], requests: 1, workflows: [writer, sender] });
    const lines = csv.slice(1).split('\r\n');
    expect(lines[1]).toBe(
      'Sperre aus Messeformular übernehmen,7008,Workflow,,"Sperren werden nicht beachtet (schreibt die Sperre in Aktion 2, 3; nicht als Post-Workflow markiert; nur seine Aktionen geprüft)",2',
    );
    expect(lines[2]).toBe(`Katalogversand Marke B (Lettershop),7009,Workflow,Marke B,"${s.verdictText} (sendet über Lettershop Nord, api.lettershop-nord.example)",0`);
  });
});
