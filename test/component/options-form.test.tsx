import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FamiliesPreview, OptionsForm } from '../../components/OptionsForm';
import { DEFAULT_SETTINGS, toPublicSettings } from '../../lib/settings';

afterEach(cleanup);
const BRANDS = [
  { value: 'kunstmeile_nord', label: 'Kunstmeile Nord' },
  { value: 'kunstmeile_sued', label: 'Kunstmeile Süd' },
  { value: 'marke_a', label: 'Marke A' },
];

describe('family lines', () => {
  it('shows each family by brand labels and names values that are no option', () => {
    render(<FamiliesPreview families={[{ name: 'Kunstmeile', brands: ['kunstmeile_nord', 'kunstmeile_sued', 'kunstmeile_west'] }]} brands={BRANDS} />);
    const item = document.querySelector('[data-family="Kunstmeile"]')!;
    expect(item.textContent).toContain('Kunstmeile Nord, Kunstmeile Süd');
    expect(screen.getByRole('alert').textContent).toContain('kunstmeile_west');
    expect(screen.getByText('marke_a')).toBeTruthy(); // the table of available option values
  });

  it('says the brands come with the connection test when none are known yet', () => {
    render(<FamiliesPreview families={[]} brands={undefined} />);
    expect(screen.getByText(/Nach dem Verbindungstest/)).toBeTruthy();
  });
});

describe('options form', () => {
  it('keeps the stored token when the field is left empty, trims inputs and saves the parsed families', async () => {
    const user = userEvent.setup();
    const onSave = vi.fn().mockResolvedValue({ ok: true, missingScopes: [] });
    render(<OptionsForm settings={{ ...toPublicSettings({ ...DEFAULT_SETTINGS, token: 'pat-eu1-secret-1234' }) }} brands={BRANDS} onSave={onSave} />);
    expect((screen.getByTestId('token-input') as HTMLInputElement).type).toBe('password');
    expect((screen.getByTestId('token-input') as HTMLInputElement).value).toBe('');
    expect(screen.getByText(/endet auf …1234/)).toBeTruthy();
    // With the portal's brands known, typing option values is the fallback behind "Als Text bearbeiten".
    await user.click(screen.getByText(/Als Text bearbeiten/));
    await user.type(screen.getByLabelText(/^Familien$/), 'Kunstmeile: kunstmeile_nord, kunstmeile_sued');
    await user.type(screen.getByLabelText(/Kürzel/), '  MK ');
    await user.click(screen.getByTestId('save-settings'));
    expect(onSave).toHaveBeenCalledWith(expect.objectContaining({ token: undefined, userName: 'MK', families: [{ name: 'Kunstmeile', brands: ['kunstmeile_nord', 'kunstmeile_sued'] }] }));
    expect(await screen.findByTestId('connection-status')).toBeTruthy();
  });

  it('does not save while a family line is malformed', async () => {
    const user = userEvent.setup();
    const onSave = vi.fn();
    render(<OptionsForm settings={toPublicSettings(DEFAULT_SETTINGS)} onSave={onSave} />);
    await user.type(screen.getByLabelText(/^Familien$/), 'kaputt');
    await user.click(screen.getByTestId('save-settings'));
    expect(onSave).not.toHaveBeenCalled();
    expect(screen.getByText(/Zeile 1 ist keine Familie/)).toBeTruthy();
  });

  it('families are chosen by brand label with checkboxes, and a family without brands is not saved', async () => {
    const user = userEvent.setup();
    const onSave = vi.fn().mockResolvedValue({ ok: true, missingScopes: [] });
    render(<OptionsForm settings={toPublicSettings(DEFAULT_SETTINGS)} brands={BRANDS} onSave={onSave} />);
    await user.click(screen.getByTestId('family-add'));
    await user.type(screen.getByLabelText('Name der Familie'), 'Kunstmeile');
    expect(screen.getByText(/braucht einen Namen und mindestens eine Marke/)).toBeTruthy();
    const first = BRANDS[0]!;
    await user.click(screen.getByRole('checkbox', { name: first.label }));
    await user.click(screen.getByTestId('family-add'));
    await user.click(screen.getByTestId('save-settings'));
    expect(onSave).toHaveBeenCalledWith(expect.objectContaining({ families: [{ name: 'Kunstmeile', brands: [first.value] }] }));
  });

  it('shows values set by policy locked, with who set them, and sends none of them', async () => {
    const user = userEvent.setup();
    const onSave = vi.fn().mockResolvedValue({ ok: true, missingScopes: [] });
    const settings = toPublicSettings({ ...DEFAULT_SETTINGS, token: 'pat-eu1-from-it', blockProperty: 'it_marken' }, { locked: ['token', 'blockProperty'], managedBy: 'IT-Service' });
    render(<OptionsForm settings={settings} onSave={onSave} onRemoveToken={vi.fn()} />);
    expect((screen.getByTestId('token-input') as HTMLInputElement).disabled).toBe(true);
    expect(screen.queryByTestId('remove-token')).toBeNull();
    expect(screen.getAllByTestId('policy-lock').map((e) => e.getAttribute('data-field'))).toEqual(['token', 'blockProperty']);
    expect(screen.getAllByTestId('policy-lock')[0]!.textContent).toContain('IT-Service');
    await user.click(screen.getByTestId('save-settings'));
    expect(onSave.mock.calls[0]![0].token).toBeUndefined();
  });

  it('shows a postal scope set by policy read-only, with who set it', () => {
    const postalScope = { folders: ['Postmailings'], namePatterns: ['Katalog *'], listIds: ['1001'], flowIds: [] };
    const settings = toPublicSettings({ ...DEFAULT_SETTINGS, postalScope }, { locked: ['postalScope'], managedBy: 'IT-Service' });
    render(<OptionsForm settings={settings} onSave={vi.fn()} />);
    const fieldset = screen.getByTestId('postal-scope') as HTMLFieldSetElement;
    expect(fieldset.disabled).toBe(true);
    expect(fieldset.hasAttribute('data-locked')).toBe(true);
    expect((screen.getByTestId('scope-folders') as HTMLTextAreaElement).value).toBe('Postmailings');
    expect((screen.getByTestId('scope-list-ids') as HTMLInputElement).value).toBe('1001');
    const lock = screen.getByTestId('policy-lock');
    expect(lock.getAttribute('data-field')).toBe('postalScope');
    expect(lock.textContent).toContain('IT-Service');
    expect(fieldset.getAttribute('aria-describedby')).toBe(lock.id);
  });

  it('removes a stored token on request', async () => {
    const user = userEvent.setup();
    const onRemoveToken = vi.fn().mockResolvedValue(undefined);
    render(<OptionsForm settings={toPublicSettings({ ...DEFAULT_SETTINGS, token: 'pat-eu1-secret-1234' })} onSave={vi.fn()} onRemoveToken={onRemoveToken} />);
    await user.click(screen.getByTestId('remove-token'));
    expect(onRemoveToken).toHaveBeenCalledOnce();
    expect(await screen.findByTestId('token-removed')).toBeTruthy();
  });
});
