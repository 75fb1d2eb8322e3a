import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FamiliesPreview, OptionsForm, parseFamiliesText } from '../../components/OptionsForm';
import { DEFAULT_SETTINGS, toPublicSettings } from '../../lib/settings';

afterEach(cleanup);
const BRANDS = [
  { value: 'kunstmeile_nord', label: 'Kunstmeile Nord' },
  { value: 'kunstmeile_sued', label: 'Kunstmeile Süd' },
  { value: 'marke_a', label: 'Marke A' },
];

describe('family lines', () => {
  it('reads "Name: value, value" per line and reports malformed lines by number', () => {
    expect(parseFamiliesText('Kunstmeile: kunstmeile_nord, kunstmeile_sued, kunstmeile_nord\n\nohne Doppelpunkt\nLeer:')).toEqual({
      families: [{ name: 'Kunstmeile', brands: ['kunstmeile_nord', 'kunstmeile_sued'] }],
      badLines: [3, 4],
    });
  });

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
});
