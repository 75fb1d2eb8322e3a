// The ledger section of the portal audit on the options page (components/PortalAuditLedger.tsx):
// its states and hooks, one row per finding linked to HubSpot with road and time, and settling
// several findings at once (selection, a confirmation naming the count, a reason, progress, cancel).
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PortalAudit, type PortalAuditProps } from '../../components/PortalAudit';
import { portalAuditCsv } from '../../lib/audit/presentation';
import { acceptUntrustedEventsForTests } from '../../components/userAction';
import type { LedgerFinding } from '../../lib/domain/ledger';
import type { PortalAudit as PortalAuditResult } from '../../lib/audit/types';

const BRANDS = [
  { value: 'marke_a', label: 'Marke A' },
  { value: 'marke_c', label: 'Marke C' },
];
const F = {
  lifted131a: { contactId: '131', brand: 'marke_a', kind: 'lifted-without-reason', at: '2026-12-03T09:00:00.000Z', sourceType: 'IMPORT', sourceId: 'import-812', by: '34567' },
  lifted131c: { contactId: '131', brand: 'marke_c', kind: 'lifted-without-reason', at: '2026-12-03T09:00:00.000Z', sourceType: 'IMPORT', sourceId: 'import-812', by: '34567' },
  set104: { contactId: '104', brand: 'marke_a', kind: 'set-without-reason', at: '2025-10-20T06:00:00.000Z', sourceType: 'WORKFLOWS', sourceId: 'workflow:55123', by: null },
  incomplete140: { contactId: '140', brand: null, kind: 'history-incomplete', at: '2025-01-01T00:00:00.000Z', sourceType: 'CRM_UI', sourceId: null, by: null },
} satisfies Record<string, LedgerFinding>;
const FINDINGS: LedgerFinding[] = [F.set104, F.lifted131a, F.lifted131c, F.incomplete140];

const RESULT: PortalAuditResult = {
  lists: [{ listId: '1001', name: 'Herbstkatalog Marke A', processingType: 'DYNAMIC', objectTypeId: '0-1', brands: ['marke_a'], brandSource: 'detected', compliant: true, leaks: [], availableBrands: BRANDS }],
  contactsMissingReason: [],
  requests: 9,
  ledger: { examined: 17, since: null, findings: FINDINGS },
};

const links = { uiDomain: 'app-eu1.hubspot.com', portalId: '12345678' };
let rerenderWith: (overrides: Partial<PortalAuditProps>) => void = () => undefined;
function setup(overrides: Partial<PortalAuditProps> = {}) {
  const props: PortalAuditProps = { state: 'done', progress: null, result: RESULT, error: null, links, onStart: vi.fn(), onResolveLedger: vi.fn(), onCancelResolveLedger: vi.fn(), ...overrides };
  const { rerender } = render(<PortalAudit {...props} />);
  rerenderWith = (more) => rerender(<PortalAudit {...props} {...more} />);
  return props;
}
const section = () => screen.getByTestId('portal-audit-ledger');
const rows = () => screen.getAllByTestId('ledger-row');
const row = (contactId: string, brand: string | null) => rows().find((r) => r.getAttribute('data-contact-id') === contactId && r.getAttribute('data-brand') === brand)!;

beforeEach(() => acceptUntrustedEventsForTests(true));
afterEach(() => {
  acceptUntrustedEventsForTests(false);
  cleanup();
});

describe('the ledger section: states and rows', () => {
  it('follows the portal audit: idle, running, done with data-examined, error', () => {
    setup({ state: 'idle', result: null });
    expect(section().getAttribute('data-state')).toBe('idle');
    expect(section().hasAttribute('data-examined')).toBe(false);
    rerenderWith({ state: 'running', result: null });
    expect(section().getAttribute('data-state')).toBe('running');
    expect(screen.queryAllByTestId('ledger-row')).toHaveLength(0);
    rerenderWith({ state: 'done', result: RESULT });
    expect(section().getAttribute('data-state')).toBe('done');
    expect(section().getAttribute('data-examined')).toBe('17');
    rerenderWith({ state: 'error', result: null, error: { kind: 'network', message: 'HubSpot antwortet nicht', detail: {} } });
    expect(section().getAttribute('data-state')).toBe('error');
    // A result without a ledger section (it did not run) is no "done".
    rerenderWith({ state: 'done', result: { ...RESULT, ledger: undefined }, error: null });
    expect(section().getAttribute('data-state')).toBe('error');
  });

  it('one row per finding with its hooks, a link to the contact, the change in words, road and time', () => {
    setup();
    expect(rows().map((r) => [r.getAttribute('data-contact-id'), r.getAttribute('data-brand'), r.getAttribute('data-kind')])).toEqual([
      ['104', 'marke_a', 'set-without-reason'],
      ['131', 'marke_a', 'lifted-without-reason'],
      ['131', 'marke_c', 'lifted-without-reason'],
      ['140', null, 'history-incomplete'],
    ]);
    const lifted = row('131', 'marke_c');
    expect(within(lifted).getByRole('link', { name: 'Kontakt 131' }).getAttribute('href')).toBe('https://app-eu1.hubspot.com/contacts/12345678/record/0-1/131');
    expect(lifted.textContent).toContain('Marke C wurde am 03.12.2026 durch einen Import ohne Grund aufgehoben.');
    expect(lifted.textContent).toContain('Import (import-812)');
    expect(lifted.textContent).toContain('2026-12-03 09:00 UTC');
    expect(row('104', 'marke_a').textContent).toContain('durch einen Workflow');
    expect(screen.getByTestId('portal-audit-ledger-summary').textContent).toBe('Sperren-Verlauf: Kontakte mit Sperre oder Grund geprüft: 17; Änderungen ohne Grund: 4.');
    // An incomplete history can be confirmed (someone checked what is left), not restored.
    expect(within(row('140', null)).getByTestId('ledger-select')).toBeDefined();
  });

  it('says when nothing was found', () => {
    setup({ result: { ...RESULT, ledger: { examined: 17, since: null, findings: [] } } });
    expect(section().textContent).toContain('Keine Änderung ohne Grund gefunden.');
    expect(screen.queryByTestId('ledger-restore-selected')).toBeNull();
  });

  it('the options CSV carries the findings in words, with road and time', () => {
    const csv = portalAuditCsv(RESULT);
    expect(csv).toContain('\r\nKontakt 131,131,Sperre ohne Grund aufgehoben,Marke C,"Marke C wurde am 03.12.2026 durch einen Import ohne Grund aufgehoben. 2026-12-03 09:00 UTC, Import (import-812)",\r\n');
    expect(csv.split('\r\n').filter((l) => l.startsWith('Kontakt '))).toHaveLength(4);
  });
});

describe('settling findings from the options page', () => {
  it('restore: only the lifted blocks among the selection, after a confirmation naming the count, with the reason', async () => {
    const user = userEvent.setup();
    const props = setup();
    expect(screen.getByTestId<HTMLButtonElement>('ledger-restore-selected').disabled).toBe(true);
    await user.click(screen.getByTestId('ledger-select-all'));
    expect(screen.getByTestId('ledger-restore-selected').textContent).toBe('Ausgewählte Sperren wiederherstellen (2)');
    expect(screen.getByTestId('ledger-confirm-selected').textContent).toBe('Ausgewählte Änderungen bestätigen (4)');
    await user.click(screen.getByTestId('ledger-restore-selected'));
    const dialog = screen.getByTestId('ledger-confirmation');
    expect(dialog.getAttribute('data-count')).toBe('2');
    expect(dialog.textContent).toContain('2 Sperren wiederherstellen?');
    expect(screen.getByTestId('ledger-reason-input')).toBe(document.activeElement);
    // No reason, no write.
    await user.click(screen.getByTestId('ledger-submit'));
    expect(screen.getByTestId('reason-error').textContent).toBe('Bitte einen Grund eingeben.');
    expect(props.onResolveLedger).not.toHaveBeenCalled();
    await user.type(screen.getByTestId('ledger-reason-input'), 'Import vom 03.12. war falsch');
    await user.click(screen.getByTestId('ledger-submit'));
    expect(props.onResolveLedger).toHaveBeenCalledWith([F.lifted131a, F.lifted131c], 'restore', 'Import vom 03.12. war falsch');
    expect(screen.queryByTestId('ledger-confirmation')).toBeNull();
  });

  it('confirm: one row alone; a script\'s click writes nothing', async () => {
    const user = userEvent.setup();
    const props = setup();
    await user.click(within(row('104', 'marke_a')).getByTestId('ledger-select'));
    await user.click(screen.getByTestId('ledger-confirm-selected'));
    expect(screen.getByTestId('ledger-confirmation').textContent).toContain('1 Änderungen bestätigen?');
    await user.type(screen.getByTestId('ledger-reason-input'), 'Workflow war richtig');
    acceptUntrustedEventsForTests(false);
    screen.getByTestId('ledger-submit').click();
    expect(props.onResolveLedger).not.toHaveBeenCalled();
    acceptUntrustedEventsForTests(true);
    await user.click(screen.getByTestId('ledger-submit'));
    expect(props.onResolveLedger).toHaveBeenCalledWith([F.set104], 'confirm', 'Workflow war richtig');
  });

  it('progress and cancel while writing; afterwards each row says what became of it', async () => {
    const user = userEvent.setup();
    const props = setup({ ledgerResolution: { state: 'running', progress: { done: 1, total: 2, label: 'Befunde geklärt: 1 von 2 …' }, outcomes: {}, error: null } });
    expect(screen.getByTestId('ledger-resolve-progress').textContent).toContain('Befunde geklärt: 1 von 2 …');
    expect(screen.getAllByTestId<HTMLInputElement>('ledger-select').every((c) => c.disabled)).toBe(true);
    await user.click(screen.getByTestId('ledger-resolve-cancel'));
    expect(props.onCancelResolveLedger).toHaveBeenCalledOnce();

    rerenderWith({
      ledgerResolution: {
        state: 'done',
        progress: null,
        error: null,
        outcomes: {
          '131|lifted-without-reason|marke_a|2026-12-03T09:00:00.000Z': { ok: true, text: 'Die Sperre für Marke A ist wiederhergestellt.' },
          '131|lifted-without-reason|marke_c|2026-12-03T09:00:00.000Z': { ok: false, text: 'Fehlgeschlagen: HubSpot antwortet nicht' },
        },
      },
    });
    expect(screen.queryByTestId('ledger-resolve-progress')).toBeNull();
    expect(screen.getByTestId('ledger-resolve-done').getAttribute('data-resolved')).toBe('1');
    expect(screen.getByTestId('ledger-resolve-done').getAttribute('data-failed')).toBe('1');
    expect(row('131', 'marke_a').getAttribute('data-resolved')).toBe('true');
    expect(within(row('131', 'marke_a')).getByTestId('ledger-row-status').textContent).toBe('Die Sperre für Marke A ist wiederhergestellt.');
    // Settled: no longer selectable; the failed one can be tried again.
    expect(within(row('131', 'marke_a')).queryByTestId('ledger-select')).toBeNull();
    expect(within(row('131', 'marke_c')).getByTestId('ledger-select')).toBeDefined();
    expect(within(row('131', 'marke_c')).getByTestId('ledger-row-status').textContent).toBe('Fehlgeschlagen: HubSpot antwortet nicht');
  });

  it('keyboard: the checkboxes and buttons are labelled controls', async () => {
    const user = userEvent.setup();
    setup();
    expect(screen.getByRole('checkbox', { name: 'Alle Befunde auswählen' })).toBeDefined();
    const box = screen.getByRole('checkbox', { name: /Befund bei Kontakt 131 auswählen: Marke A wurde am 03\.12\.2026/ });
    box.focus();
    await user.keyboard(' ');
    expect((box as HTMLInputElement).checked).toBe(true);
    expect(screen.getByTestId('ledger-restore-selected').textContent).toBe('Ausgewählte Sperren wiederherstellen (1)');
  });
});
