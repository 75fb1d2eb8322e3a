import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Popup } from '../../components/Popup';

describe('toolbar popup', () => {
  afterEach(cleanup);
  it('shows portal and region, a guarded contact tab, and opens settings and the audit', async () => {
    const user = userEvent.setup();
    const open = vi.fn();
    render(<Popup connection={{ configured: true, managed: true, portalId: '123', region: 'eu1' }} tab={{ page: 'contact', guard: 'active' }} onOpenOptions={open} />);
    expect(screen.getByTestId('popup-connection').textContent).toContain('Portal 123 (Region eu1)');
    expect(screen.getByTestId('popup-connection').textContent).toContain('von Ihrer IT verwaltet');
    expect(screen.getByTestId('popup-tab-status').getAttribute('data-state')).toBe('guarded');
    await user.click(screen.getByTestId('popup-open-audit'));
    expect(open).toHaveBeenCalledWith('#portal-audit');
  });

  it('says plainly when a contact tab is not guarded, and when nothing is set up', () => {
    render(<Popup connection={{ configured: false, managed: false }} tab={{ page: 'contact', guard: 'inactive' }} onOpenOptions={vi.fn()} />);
    expect(screen.getByTestId('popup-tab-status').getAttribute('data-state')).toBe('unguarded');
    expect(screen.getByTestId('popup-tab-status').textContent).toMatch(/NICHT geschützt/);
    expect(screen.getByTestId('popup-connection').getAttribute('data-state')).toBe('not-configured');
  });

  it('lists each edit surface of the tab, guarded or not (popup-surface)', () => {
    const tab = { page: 'contact-index' as const, guard: null, surfaces: [{ surface: 'preview' as const, state: 'guarded' as const }, { surface: 'bulk-edit' as const, state: 'inactive' as const }] };
    render(<Popup connection={{ configured: true, managed: false, portalId: '1', region: 'eu1' }} tab={tab} onOpenOptions={vi.fn()} />);
    const items = screen.getAllByTestId('popup-surface');
    expect(items.map((i) => [i.getAttribute('data-surface'), i.getAttribute('data-state')])).toEqual([
      ['preview', 'guarded'],
      ['bulk-edit', 'inactive'],
    ]);
    expect(items[0]!.textContent).toBe('Vorschau eines Datensatzes: geschützt');
    expect(items[1]!.textContent).toBe('Sammelbearbeitung: nicht geschützt');
    expect(screen.getByRole('region', { name: 'HubSpots Bearbeitungswege in diesem Tab' })).toBeTruthy();
    expect(screen.getByTestId('popup-tab-status').textContent).toMatch(/Kontaktübersicht/);
  });
});
