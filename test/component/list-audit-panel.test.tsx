import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { branchLeakText, exclusionValuesOf, ListAuditPanel, listVerdict, type ListAuditPanelProps } from '../../components/ListAuditPanel';
import type { ListAudit } from '../../lib/audit/types';
import type { ListFixPlan } from '../../lib/messaging';

const BRANDS = [
  { value: 'marke_a', label: 'Marke A' },
  { value: 'marke_b', label: 'Marke B' },
  { value: 'kunstmeile_nord', label: 'Kunstmeile Nord' },
  { value: 'kunstmeile_sued', label: 'Kunstmeile Süd' },
];

const base = { objectTypeId: '0-1', availableBrands: BRANDS, size: 12 };

const dynamicLeaking: ListAudit = {
  ...base,
  listId: '1002',
  name: 'Frühjahrsmailing Marke A',
  processingType: 'DYNAMIC',
  brands: ['marke_a'],
  brandSource: 'detected',
  compliant: false,
  leaks: [
    {
      kind: 'filter-branch',
      branch: 1,
      brand: 'marke_a',
      witness: { country: 'Schweiz', post_sperre_marken: 'marke_a' },
      branchSummary: 'Land ist Schweiz',
      witnessSummary: 'z. B. ein Kontakt mit Land = Schweiz, gesperrt für Marke A',
    },
  ],
};

const staticLeaking: ListAudit = {
  ...base,
  listId: '1004',
  name: 'Jahresprogramm Kunstmeile',
  processingType: 'MANUAL',
  brands: ['kunstmeile_nord', 'kunstmeile_sued'],
  brandSource: 'detected',
  compliant: false,
  leaks: [
    { kind: 'member', recordId: '109', brand: 'kunstmeile_nord', name: 'Ines Koch' },
    { kind: 'member', recordId: '110', brand: 'kunstmeile_sued' },
  ],
};

const compliant: ListAudit = { ...base, listId: '1001', name: 'Herbstkatalog Marke A', processingType: 'DYNAMIC', brands: ['marke_a'], brandSource: 'detected', compliant: true, leaks: [] };

const dynamicPlan: ListFixPlan = {
  listId: '1002',
  processingType: 'DYNAMIC',
  branches: [1],
  brands: ['marke_a'],
  filterBranch: {
    filterBranchType: 'OR',
    filterBranches: [
      { filterBranchType: 'AND', filters: [] },
      { filterBranchType: 'AND', filters: [{ filterType: 'PROPERTY', property: 'post_sperre_marken', operation: { operationType: 'ENUMERATION', operator: 'IS_NONE_OF', values: ['marke_a'] } }] },
    ],
  },
};
const staticPlan: ListFixPlan = { listId: '1004', processingType: 'MANUAL', removeRecordIds: ['109', '110'], brands: ['kunstmeile_nord', 'kunstmeile_sued'] };

afterEach(cleanup);

function setup(overrides: Partial<ListAuditPanelProps> = {}) {
  const user = userEvent.setup();
  const props: ListAuditPanelProps = {
    listId: overrides.audit?.listId ?? '1002',
    portalId: '12345678',
    host: 'app-eu1.hubspot.com',
    loading: false,
    audit: dynamicLeaking,
    error: null,
    progress: null,
    onChangeBrands: vi.fn(),
    onPlanFix: vi.fn().mockResolvedValue(dynamicPlan),
    onApplyFix: vi.fn().mockResolvedValue(null),
    onReaudit: vi.fn(),
    ...overrides,
  };
  const view = render(<ListAuditPanel {...props} />);
  const panel = () => screen.getByTestId('list-audit-panel');
  return { user, props, panel, rerender: (p: Partial<ListAuditPanelProps>) => view.rerender(<ListAuditPanel {...props} {...p} />) };
}

describe('verdict', () => {
  it('derives checking, compliant, leaks and error', () => {
    expect(listVerdict(true, compliant, null)).toBe('checking');
    expect(listVerdict(false, null, null)).toBe('checking');
    expect(listVerdict(false, null, { kind: 'auth', message: 'x', detail: {} })).toBe('error');
    expect(listVerdict(false, compliant, null)).toBe('compliant');
    expect(listVerdict(false, dynamicLeaking, null)).toBe('leaks');
    expect(listVerdict(false, { ...compliant, error: { kind: 'network', message: 'weg' } }, null)).toBe('error');
    // A failed fix keeps the audit's verdict; the error is shown besides.
    expect(listVerdict(false, dynamicLeaking, { kind: 'scope', message: 'x', detail: {} })).toBe('leaks');
  });

  it('says a compliant list is compliant, with its brand and where it came from', () => {
    const { panel } = setup({ audit: compliant });
    expect(panel().getAttribute('data-verdict')).toBe('compliant');
    expect(panel().getAttribute('data-list-id')).toBe('1001');
    expect(screen.getByRole('status').textContent).toBe('Dieses Segment schließt alle gesperrten Kontakte aus.');
    const brands = screen.getAllByTestId('list-brand');
    expect(brands.map((b) => b.getAttribute('data-brand'))).toEqual(['marke_a']);
    expect(brands[0]!.textContent).toBe('Marke A');
    expect(panel().textContent).toContain('aus dem Segmentnamen erkannt');
    expect(screen.queryAllByTestId('leak')).toHaveLength(0);
    expect(screen.queryByTestId('fix-leaks')).toBeNull();
  });

  it('shows checking with a progress bar of done/total while a static list is read', () => {
    const { panel } = setup({ audit: null, loading: true, progress: { done: 3, total: 7, label: 'Mitglieder werden gelesen' } });
    expect(panel().getAttribute('data-verdict')).toBe('checking');
    expect(panel().getAttribute('aria-busy')).toBe('true');
    const bar = panel().querySelector('progress')!;
    expect(bar.getAttribute('value')).toBe('3');
    expect(bar.getAttribute('max')).toBe('7');
    expect(panel().textContent).toContain('3 von 7');
    expect(panel().textContent).toContain('Mitglieder werden gelesen');
  });

  it('notes a list of other objects and counts it compliant', () => {
    const { panel } = setup({ audit: { ...compliant, listId: '1006', objectTypeId: '0-2', skipped: 'not-contacts', brands: [] } });
    expect(panel().getAttribute('data-verdict')).toBe('compliant');
    expect(screen.getByRole('status').textContent).toContain('Kein Kontaktsegment');
    expect(screen.queryByTestId('list-brand')).toBeNull();
  });

  it('shows a failed audit as error with its kind', () => {
    const { panel, props, user } = setup({ audit: null, error: { kind: 'auth', message: 'Schlüssel ungültig', detail: {} } });
    expect(panel().getAttribute('data-verdict')).toBe('error');
    const box = screen.getByTestId('panel-error');
    expect(box.getAttribute('data-error-kind')).toBe('auth');
    expect(box.getAttribute('role')).toBe('alert');
    return user.click(within(box).getByRole('button', { name: 'Erneut versuchen' })).then(() => expect(props.onReaudit).toHaveBeenCalledOnce());
  });
});

describe('findings in words', () => {
  it('names the leaking branch 1-based, keeps the 0-based index in data-branch', () => {
    const { panel } = setup();
    expect(panel().getAttribute('data-verdict')).toBe('leaks');
    expect(screen.getByRole('status').textContent).toBe('Dieses Segment beachtet Post-Sperren nicht: 1 Befund.');
    const [leak] = screen.getAllByTestId('leak');
    expect(leak!.getAttribute('data-kind')).toBe('filter-branch');
    expect(leak!.getAttribute('data-branch')).toBe('1');
    expect(leak!.getAttribute('data-brand')).toBe('marke_a');
    expect(leak!.textContent).toBe(
      'Zweig 2 (Land ist Schweiz): Kontakte mit Post-Sperre für Marke A kommen durch, z. B. ein Kontakt mit Land = Schweiz, gesperrt für Marke A.',
    );
    expect(panel().textContent).toContain('Vorschlag: in Zweig 2 „Post Sperre Marken ist keiner von Marke A“ ergänzen.');
  });

  it('builds words from the witness when the engine gave no summaries', () => {
    expect(branchLeakText({ branch: 0, brand: 'marke_b', witness: { country: 'DE', city: null, post_sperre_marken: 'marke_b;marke_c' } }, 'Marke B')).toBe(
      'Zweig 1: Kontakte mit Post-Sperre für Marke B kommen durch, z. B. ein Kontakt mit country = DE, city ohne Wert.',
    );
    expect(branchLeakText({ branch: 2, brand: 'marke_b', witness: { post_sperre_marken: 'marke_b' } }, 'Marke B')).toBe('Zweig 3: Kontakte mit Post-Sperre für Marke B kommen durch.');
  });

  it('names blocked members and links them to their contact page on the same host', () => {
    setup({ audit: staticLeaking, listId: '1004' });
    const leaks = screen.getAllByTestId('leak');
    expect(leaks.map((l) => [l.getAttribute('data-kind'), l.getAttribute('data-record-id'), l.getAttribute('data-brand')])).toEqual([
      ['member', '109', 'kunstmeile_nord'],
      ['member', '110', 'kunstmeile_sued'],
    ]);
    expect(leaks[0]!.textContent).toBe('Kontakt Ines Koch ist gesperrt für Kunstmeile Nord und ist Mitglied des Segments.');
    const link = within(leaks[0]!).getByRole('link', { name: 'Ines Koch' });
    expect(link.getAttribute('href')).toBe('https://app-eu1.hubspot.com/contacts/12345678/record/0-1/109');
    // Without a name: the id, still linked.
    expect(within(leaks[1]!).getByRole('link').textContent).toBe('Kontakt 110');
    expect(screen.getByText('Vorschlag: 2 gesperrte Kontakte aus dem Segment entfernen.')).toBeTruthy();
  });

  it('renders HTML in names and summaries as text', () => {
    setup({ audit: { ...staticLeaking, leaks: [{ kind: 'member', recordId: '107', brand: 'kunstmeile_nord', name: '<b>Greta</b>' }] } });
    const leak = screen.getByTestId('leak');
    expect(leak.querySelector('b')).toBeNull();
    expect(leak.textContent).toContain('<b>Greta</b>');
  });
});

describe('brand chooser', () => {
  it('is searchable and keyboard-operable, and applies the chosen brands', async () => {
    const { user, props } = setup();
    await user.click(screen.getByTestId('list-brands-change'));
    const search = screen.getByTestId('list-brand-search');
    expect(document.activeElement).toBe(search);
    const shown = () => screen.getAllByTestId('list-brand-toggle').map((b) => b.getAttribute('data-brand'));
    expect(shown()).toEqual(['marke_a', 'marke_b', 'kunstmeile_nord', 'kunstmeile_sued']);
    await user.type(search, 'sued{Enter}');
    expect(shown()).toEqual(['kunstmeile_sued']);
    await user.clear(search);
    // Arrow down into the list, space toggles, arrow up returns to the search.
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement?.getAttribute('data-brand')).toBe('marke_a');
    await user.keyboard(' ');
    await user.keyboard('{ArrowUp}');
    expect(document.activeElement).toBe(search);
    await user.click(screen.getByTestId('list-brands-apply'));
    expect(props.onChangeBrands).toHaveBeenCalledWith(['kunstmeile_sued']);
  });

  it('refuses an empty choice, and "Automatisch erkennen" resets to detection', async () => {
    const { user, props } = setup();
    await user.click(screen.getByTestId('list-brands-change'));
    await user.click(screen.getByRole('checkbox', { name: 'Marke A' }));
    await user.click(screen.getByTestId('list-brands-apply'));
    expect(props.onChangeBrands).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toContain('mindestens eine Marke');
    await user.click(screen.getByTestId('list-brands-reset'));
    expect(props.onChangeBrands).toHaveBeenCalledWith(null);
  });

  it('Escape closes the chooser without a change', async () => {
    const { user, props } = setup();
    await user.click(screen.getByTestId('list-brands-change'));
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('list-brand-search')).toBeNull();
    expect(props.onChangeBrands).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(screen.getByTestId('list-brands-change'));
  });

  it('keeps typed keys away from the host page', async () => {
    const { user } = setup();
    const hostKeys = vi.fn();
    document.addEventListener('keydown', hostKeys);
    try {
      await user.click(screen.getByTestId('list-brands-change'));
      await user.type(screen.getByTestId('list-brand-search'), 'kj');
      expect(hostKeys).not.toHaveBeenCalled();
    } finally {
      document.removeEventListener('keydown', hostKeys);
    }
  });
});

describe('fix with confirmation', () => {
  it('plans first, shows exactly which branch gets which exclusion, and applies only after confirming', async () => {
    const after: ListAudit = { ...dynamicLeaking, compliant: true, leaks: [] };
    const onApplyFix = vi.fn().mockResolvedValue(after);
    const { user, props, rerender } = setup({ onApplyFix });
    await user.click(screen.getByTestId('fix-leaks'));
    expect(props.onPlanFix).toHaveBeenCalledWith(['marke_a']);
    expect(onApplyFix).not.toHaveBeenCalled();
    const confirm = screen.getByTestId('fix-confirm');
    // Focus moves to the confirmation, which says what will be sent (after the render that shows it).
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Diese Änderung wird an HubSpot gesendet:'));
    expect(within(confirm).getByTestId('fix-plan-branches').textContent).toContain('Zweig 2: Bedingung „Post Sperre Marken ist keiner von Marke A“ wird ergänzt.');
    expect(confirm.textContent).toContain('Land ist Schweiz');
    expect(screen.queryByTestId('fix-leaks')).toBeNull();
    const button = within(confirm).getByRole('button', { name: 'Jetzt in HubSpot ändern' });
    await user.click(button);
    expect(onApplyFix).toHaveBeenCalledWith(dynamicPlan);
    rerender({ audit: after, onApplyFix });
    expect(screen.getByTestId('list-audit-panel').getAttribute('data-verdict')).toBe('compliant');
    expect(screen.getByTestId('fix-done').textContent).toContain('Das Segment wurde in HubSpot geändert');
    expect(document.activeElement).toBe(screen.getByTestId('fix-done'));
  });

  it('cancel sends nothing and returns focus to the fix button', async () => {
    const { user, props } = setup();
    await user.click(screen.getByTestId('fix-leaks'));
    await user.click(screen.getByTestId('cancel-fix'));
    expect(props.onApplyFix).not.toHaveBeenCalled();
    expect(screen.queryByTestId('fix-confirm')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('fix-leaks'));
  });

  it('Escape in the confirmation cancels too', async () => {
    const { user, props } = setup();
    await user.click(screen.getByTestId('fix-leaks'));
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('fix-confirm')).toBeNull();
    expect(props.onApplyFix).not.toHaveBeenCalled();
  });

  it('lists the contacts a static list loses, with names and links', async () => {
    const { user, props } = setup({ audit: staticLeaking, onPlanFix: vi.fn().mockResolvedValue(staticPlan) });
    await user.click(screen.getByTestId('fix-leaks'));
    const members = within(screen.getByTestId('fix-confirm')).getByTestId('fix-plan-members');
    expect([...members.querySelectorAll('li')].map((li) => [li.getAttribute('data-record-id'), li.textContent])).toEqual([
      ['109', 'Ines Koch'],
      ['110', 'Kontakt 110'],
    ]);
    expect(screen.getByTestId('fix-confirm').textContent).toContain('Diese 2 Kontakte werden aus dem Segment entfernt');
    await user.click(screen.getByTestId('confirm-fix'));
    expect(props.onApplyFix).toHaveBeenCalledWith(staticPlan);
  });

  it('a failed plan (missing crm.lists.write) is explained and nothing is applied', async () => {
    const onPlanFix = vi.fn().mockResolvedValue(null);
    const { user, props, rerender } = setup({ onPlanFix });
    await user.click(screen.getByTestId('fix-leaks'));
    rerender({ onPlanFix, error: { kind: 'scope', message: 'Dem Zugangsschlüssel fehlen Berechtigungen: crm.lists.write.', detail: { missingScopes: ['crm.lists.write'] } } });
    expect(screen.getByTestId('panel-error').getAttribute('data-error-kind')).toBe('scope');
    expect(screen.getByText(/braucht der Schlüssel die Berechtigung crm\.lists\.write/)).toBeTruthy();
    expect(screen.getByTestId('list-audit-panel').getAttribute('data-verdict')).toBe('leaks');
    expect(screen.queryByTestId('fix-confirm')).toBeNull();
    expect(props.onApplyFix).not.toHaveBeenCalled();
  });

  it('reads the exclusion values from the filter that is sent', () => {
    expect(exclusionValuesOf(dynamicPlan.filterBranch, 1)).toEqual(['marke_a']);
    expect(exclusionValuesOf(dynamicPlan.filterBranch, 0)).toBeNull();
    expect(exclusionValuesOf(undefined, 0)).toBeNull();
  });
});
