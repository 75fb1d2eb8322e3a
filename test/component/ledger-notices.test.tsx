// The ledger in the contact panel: a notice per change without a reason (named with its road), the
// unexplained history entries marked, and restore / confirm asking for a reason, by keyboard too.
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContactPanel } from '../../components/ContactPanel';
import { ledgerOutcomeNote } from '../../components/saveNotes';
import { acceptUntrustedEventsForTests } from '../../components/userAction';
import type { HistoryEntry } from '../../lib/domain/types';
import { setLanguage } from '../../lib/i18n';
import type { ContactView } from '../../lib/messaging';

afterEach(() => {
  cleanup();
  setLanguage('de');
  acceptUntrustedEventsForTests(true);
});

const IMPORT_AT = '2026-12-03T09:00:00.000Z';
const brand = (value: string, label: string, displayOrder: number) => ({ value, label, hidden: false, known: true, displayOrder });

/** Contact 101: Marke A and Marke C blocked with reasons; then an import lifted Marke C without one. */
function viewWith(extra: { history?: HistoryEntry[]; blocked?: string[]; reasonText?: string } = {}): ContactView {
  const reason = '2025-11-12 JB: +Marke A. Brief\n2026-01-05 MK: +Marke C. Anruf';
  return {
    portalId: '12345678',
    contactId: '101',
    brands: [brand('marke_a', 'Marke A', 0), brand('marke_b', 'Marke B', 1), brand('marke_c', 'Marke C', 2)],
    blocked: extra.blocked ?? ['marke_a'],
    reasonText: extra.reasonText ?? reason,
    history: extra.history ?? [
      { property: 'blocks', value: 'marke_a', timestamp: IMPORT_AT, sourceType: 'IMPORT', sourceId: 'import-901' },
      { property: 'blocks', value: 'marke_a;marke_c', timestamp: '2026-01-05T10:00:00.000Z', sourceType: 'CRM_UI', updatedByUserId: 12345 },
      { property: 'reason', value: reason, timestamp: '2026-01-05T10:00:00.000Z', sourceType: 'CRM_UI', updatedByUserId: 12345 },
      { property: 'blocks', value: 'marke_a', timestamp: '2025-11-12T09:30:00.000Z', sourceType: 'CRM_UI', updatedByUserId: 23456 },
      { property: 'reason', value: '2025-11-12 JB: +Marke A. Brief', timestamp: '2025-11-12T09:30:00.000Z', sourceType: 'CRM_UI', updatedByUserId: 23456 },
    ],
    userNames: { '12345': 'Mara Keller', '23456': 'Jonas Brandt' },
    families: [],
    blockProperty: 'post_sperre_marken',
    reasonProperty: 'grund_post_sperre',
    blockPropertyLabel: 'Post Sperre Marken',
    reasonPropertyLabel: 'Grund Post Sperre',
  };
}

function show(view = viewWith(), onResolve = vi.fn(async () => true)) {
  render(
    <ContactPanel
      contactId="101"
      state="ready"
      view={view}
      error={null}
      guard={{ state: 'active', mode: 'guarding', message: '' }}
      onSave={vi.fn()}
      onReload={vi.fn()}
      onOpenOptions={vi.fn()}
      onResolveLedger={onResolve}
    />,
  );
  return onResolve;
}

describe('a block an import lifted without a reason', () => {
  it('is a labelled notice naming the brand, the day and the road, with the contract attributes', () => {
    show();
    const notice = screen.getByTestId('ledger-notice');
    expect(notice.dataset).toMatchObject({ kind: 'lifted-without-reason', brand: 'marke_c', sourceType: 'IMPORT', at: IMPORT_AT });
    const region = screen.getByRole('region', { name: /Marke C wurde am 03\.12\.2026 durch einen Import ohne Grund aufgehoben/ });
    expect(region).toBe(notice);
    expect(within(notice).getByTestId('ledger-restore').textContent).toBe('Wiederherstellen');
    expect(within(notice).getByTestId('ledger-confirm').textContent).toBe('Aufhebung bestätigen');
    expect(notice.textContent).toContain('import-901');
  });

  it('marks exactly the import entry of the history, with its road', () => {
    show();
    const entries = screen.getAllByTestId('history-entry');
    const marked = entries.filter((e) => e.dataset.unexplained === 'true');
    expect(marked).toHaveLength(1);
    expect(marked[0]!.querySelector('time')!.getAttribute('datetime')).toBe(IMPORT_AT);
    expect(within(marked[0]!).getByTestId('history-unexplained').textContent).toContain('Ohne Grund · Import');
  });

  it('restore: the reason field gets focus; no write without a reason; then exactly this finding and the reason', async () => {
    const user = userEvent.setup();
    const onResolve = show();
    await user.click(screen.getByTestId('ledger-restore'));
    const input = screen.getByTestId('ledger-reason-input');
    expect(document.activeElement).toBe(input);
    expect(screen.getByLabelText('Grund für das Wiederherstellen')).toBe(input);
    await user.click(screen.getByTestId('ledger-submit'));
    expect(onResolve).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).not.toBe('');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    await user.type(input, '  Kundin hat nicht widerrufen ');
    await user.click(screen.getByTestId('ledger-submit'));
    expect(onResolve).toHaveBeenCalledTimes(1);
    expect(onResolve).toHaveBeenCalledWith(expect.objectContaining({ kind: 'lifted-without-reason', brand: 'marke_c', at: IMPORT_AT, sourceId: 'import-901' }), 'restore', 'Kundin hat nicht widerrufen');
    expect(screen.queryByTestId('ledger-reason-input')).toBeNull();
  });

  it('Escape cancels: the form closes, nothing is written, focus goes back to the button that opened it', async () => {
    const user = userEvent.setup();
    const onResolve = show();
    screen.getByTestId('ledger-confirm').focus();
    await user.keyboard('{Enter}');
    expect(document.activeElement).toBe(screen.getByTestId('ledger-reason-input'));
    expect(screen.getByLabelText('Warum war die Änderung richtig?')).toBe(document.activeElement);
    await user.keyboard('halb getippt{Escape}');
    expect(screen.queryByTestId('ledger-reason-input')).toBeNull();
    await vi.waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('ledger-confirm')));
    expect(onResolve).not.toHaveBeenCalled();
  });

  it('confirm sends the confirm action; a failed write keeps the form and the reason', async () => {
    const user = userEvent.setup();
    const onResolve = show(viewWith(), vi.fn(async () => false));
    await user.click(screen.getByTestId('ledger-confirm'));
    await user.type(screen.getByTestId('ledger-reason-input'), 'Abmeldung per Import war richtig');
    await user.click(screen.getByTestId('ledger-submit'));
    expect(onResolve).toHaveBeenCalledWith(expect.objectContaining({ brand: 'marke_c' }), 'confirm', 'Abmeldung per Import war richtig');
    expect((screen.getByTestId('ledger-reason-input') as HTMLTextAreaElement).value).toBe('Abmeldung per Import war richtig');
  });

  it('a click a script makes (not trusted) writes nothing', async () => {
    const user = userEvent.setup();
    const onResolve = show();
    await user.click(screen.getByTestId('ledger-restore'));
    await user.type(screen.getByTestId('ledger-reason-input'), 'x');
    acceptUntrustedEventsForTests(false);
    screen.getByTestId('ledger-submit').click();
    expect(onResolve).not.toHaveBeenCalled();
  });

  it('in English', () => {
    setLanguage('en');
    show();
    expect(screen.getByRole('region', { name: /The block for Marke C was lifted on 03\/12\/2026 by an import without a reason/ })).toBeTruthy();
    expect(screen.getByTestId('ledger-restore').textContent).toBe('Restore');
  });
});

describe('other findings', () => {
  it('a block a workflow set without a reason: only confirm, and no restore', () => {
    show(
      viewWith({
        blocked: ['marke_b'],
        reasonText: '',
        history: [{ property: 'blocks', value: 'marke_b', timestamp: '2026-11-02T08:00:00.000Z', sourceType: 'WORKFLOWS', sourceId: 'workflow:55123' }],
      }),
    );
    const notice = screen.getByTestId('ledger-notice');
    expect(notice.dataset).toMatchObject({ kind: 'set-without-reason', brand: 'marke_b', sourceType: 'WORKFLOWS' });
    expect(notice.textContent).toContain('Marke B wurde am 02.11.2026 durch einen Workflow ohne Grund gesperrt.');
    expect(within(notice).queryByTestId('ledger-restore')).toBeNull();
    expect(within(notice).getByTestId('ledger-confirm').textContent).toBe('Sperre bestätigen');
  });

  it('an unknown road is named as HubSpot calls it', () => {
    show(
      viewWith({
        blocked: ['marke_b'],
        reasonText: '',
        history: [{ property: 'blocks', value: 'marke_b', timestamp: '2026-11-02T08:00:00.000Z', sourceType: 'BREEZE_AGENT' }],
      }),
    );
    expect(screen.getByTestId('ledger-notice').textContent).toContain('über „BREEZE_AGENT“');
    expect(screen.getByTestId('history-unexplained').textContent).toContain('BREEZE_AGENT');
  });

  it('a shortened log and an incomplete history carry no brand; an incomplete history can only be marked as checked', () => {
    const long = Array.from({ length: 25 }, (_, i) => ({
      property: 'blocks' as const,
      value: i % 2 ? 'marke_a' : 'marke_a;marke_b',
      timestamp: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(),
      sourceType: 'CRM_UI',
    }));
    show(viewWith({ history: long }));
    const incomplete = screen.getAllByTestId('ledger-notice').find((n) => n.dataset.kind === 'history-incomplete')!;
    expect(incomplete.hasAttribute('data-brand')).toBe(false);
    expect(within(incomplete).queryByTestId('ledger-restore')).toBeNull();
    expect(within(incomplete).getByTestId('ledger-confirm').textContent).toBe('Als geprüft vermerken');
  });

  it('no finding, no notice and no mark', () => {
    show(viewWith({ blocked: ['marke_a', 'marke_c'], history: viewWith().history.slice(1) }));
    expect(screen.queryByTestId('ledger-notice')).toBeNull();
    expect(screen.getAllByTestId('history-entry').every((e) => e.dataset.unexplained === undefined)).toBe(true);
  });
});

describe('what the panel says after a resolution', () => {
  const label = (v: string) => ({ marke_c: 'Marke C' })[v] ?? v;
  const head = { contactId: '101', brand: 'marke_c', kind: 'lifted-without-reason' as const, ok: true as const };
  it('restored, already blocked again, confirmed, resolved meanwhile, and a simultaneous change kept', () => {
    expect(ledgerOutcomeNote({ ...head, outcome: 'restored' }, label)).toBe('Die Sperre für Marke C ist wiederhergestellt.');
    expect(ledgerOutcomeNote({ ...head, outcome: 'moot' }, label)).toContain('Marke C war inzwischen schon wieder gesperrt');
    expect(ledgerOutcomeNote({ ...head, outcome: 'confirmed' }, label)).toBe('Bestätigung eingetragen.');
    expect(ledgerOutcomeNote({ ...head, outcome: 'already-resolved' }, label)).toContain('nichts geschrieben');
    expect(ledgerOutcomeNote({ ...head, outcome: 'restored', kept: 1 }, label)).toContain('gleichzeitige Änderung');
  });
});
