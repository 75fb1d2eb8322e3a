import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BlockEditor, type BlockEditorProps } from '../../components/BlockEditor';
import { acceptUntrustedEventsForTests } from '../../components/userAction';
import type { Brand, BrandFamily } from '../../lib/domain/types';

const brand = (value: string, label: string, displayOrder: number, extra: Partial<Brand> = {}): Brand => ({ value, label, displayOrder, hidden: false, known: true, ...extra });
const BRANDS: Brand[] = [
  brand('marke_a', 'Marke A', 0),
  brand('marke_b', 'Marke B', 1),
  brand('kunstmeile_nord', 'Kunstmeile Nord', 2),
  brand('kunstmeile_sued', 'Kunstmeile Süd', 3),
  brand('atelier', '<b>Atelier & Co</b>', 4),
  brand('alt', 'alt', 99, { known: false }),
];
const FAMILIES: BrandFamily[] = [{ name: 'Kunstmeile', brands: ['kunstmeile_nord', 'kunstmeile_sued'] }];

afterEach(cleanup);

function setup(initial: string[] = [], onSave = vi.fn().mockResolvedValue(true), extra: Partial<BlockEditorProps> = {}) {
  const user = userEvent.setup();
  const props = { brands: BRANDS, families: FAMILIES, saving: false, onSave, onCancel: vi.fn(), ...extra };
  const view = render(<BlockEditor {...props} blocked={initial} />);
  const shownBrands = () => screen.queryAllByTestId('brand-toggle').map((el) => el.getAttribute('data-brand'));
  /** HubSpot's state changes under the open editor (a conflict, a sidebar save, a re-read). */
  const reread = (blocked: string[]) => view.rerender(<BlockEditor {...props} blocked={blocked} />);
  return { user, onSave, shownBrands, reread };
}
const checkedBrands = () => screen.getAllByTestId('brand-toggle').filter((e) => (e as HTMLInputElement).checked).map((e) => e.getAttribute('data-brand'));

describe('brand search', () => {
  it('filters as you type, case and umlaut insensitive', async () => {
    const { user, shownBrands } = setup();
    expect(shownBrands()).toEqual(['marke_a', 'marke_b', 'kunstmeile_nord', 'kunstmeile_sued', 'atelier']);
    await user.type(screen.getByTestId('brand-search'), 'kunst');
    expect(shownBrands()).toEqual(['kunstmeile_nord', 'kunstmeile_sued']);
    await user.clear(screen.getByTestId('brand-search'));
    await user.type(screen.getByTestId('brand-search'), 'SUED');
    expect(shownBrands()).toEqual(['kunstmeile_sued']);
  });

  it('says when nothing matches', async () => {
    const { user, shownBrands } = setup();
    await user.type(screen.getByTestId('brand-search'), 'xyz');
    expect(shownBrands()).toEqual([]);
    expect(screen.getByText(/Keine Marke passt/)).toBeTruthy();
  });

  it('is keyboard-operable: Enter picks the first match, arrows move through the list', async () => {
    const { user } = setup();
    await user.type(screen.getByTestId('brand-search'), 'süd{Enter}');
    const sued = screen.getByTestId('brand-toggle') as HTMLInputElement;
    expect(sued.checked).toBe(true);
    await user.clear(screen.getByTestId('brand-search'));
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement?.getAttribute('data-brand')).toBe('marke_a');
    await user.keyboard('{ArrowDown} ');
    expect((screen.getAllByTestId('brand-toggle')[1] as HTMLInputElement).checked).toBe(true);
  });

  it('offers an unknown value only when the contact carries it, so it can be lifted', () => {
    setup(['alt']);
    expect(screen.getAllByTestId('brand-toggle').map((e) => e.getAttribute('data-brand'))).toContain('alt');
    cleanup();
    setup([]);
    expect(screen.getAllByTestId('brand-toggle').map((e) => e.getAttribute('data-brand'))).not.toContain('alt');
  });

  it('shows an HTML-like label as text', () => {
    setup();
    const row = screen.getByText('<b>Atelier & Co</b>');
    expect(row.querySelector('b')).toBeNull();
  });
});

describe('keys and words', () => {
  it('Escape clears the search first, then closes the editor', async () => {
    const user = userEvent.setup();
    const onCancel = vi.fn();
    render(<BlockEditor brands={BRANDS} families={FAMILIES} blocked={[]} saving={false} onSave={vi.fn()} onCancel={onCancel} />);
    await user.type(screen.getByTestId('brand-search'), 'kunst{Escape}');
    expect((screen.getByTestId('brand-search') as HTMLInputElement).value).toBe('');
    expect(onCancel).not.toHaveBeenCalled();
    await user.keyboard('{Escape}');
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it('counts in the singular for one brand', async () => {
    const { user } = setup();
    await user.type(screen.getByTestId('brand-search'), 'süd');
    expect(screen.getByText('1 Marke angezeigt')).toBeTruthy();
  });

  it('warns, before saving, that a kept value which is no option any more blocks the save', async () => {
    const { user } = setup(['alt']);
    expect(screen.queryByTestId('stale-brand-note')).toBeNull();
    await user.click(screen.getAllByTestId('brand-toggle')[0]!);
    expect(screen.getByTestId('stale-brand-note').textContent).toContain('alt ist keine Option');
    await user.click(screen.getByRole('checkbox', { name: /^alt/ }));
    expect(screen.queryByTestId('stale-brand-note')).toBeNull();
  });
});

describe('family toggle', () => {
  it('picks and unpicks every brand of the family and shows a partial family as mixed', async () => {
    const { user } = setup(['kunstmeile_nord']);
    const family = screen.getByTestId('family-toggle') as HTMLInputElement;
    expect(family.getAttribute('data-family')).toBe('Kunstmeile');
    expect(family.indeterminate).toBe(true);
    expect(family.getAttribute('aria-checked')).toBe('mixed');
    await user.click(family);
    expect(checkedBrands()).toEqual(['kunstmeile_nord', 'kunstmeile_sued']);
    expect(family.checked).toBe(true);
    await user.click(family);
    expect(checkedBrands()).toEqual([]);
  });
});

describe('reason validation', () => {
  it('refuses an empty or blank reason, says why, focuses the reason and sends nothing', async () => {
    const { user, onSave } = setup();
    await user.click(screen.getAllByTestId('brand-toggle')[0]!);
    expect(screen.queryByTestId('reason-error')).toBeNull();
    await user.click(screen.getByTestId('save-blocks'));
    expect(screen.getByTestId('reason-error').textContent).toContain('Bitte einen Grund');
    expect(document.activeElement).toBe(screen.getByTestId('reason-input'));
    await user.type(screen.getByTestId('reason-input'), '   \n  ');
    await user.click(screen.getByTestId('save-blocks'));
    expect(onSave).not.toHaveBeenCalled();
    expect(screen.getByTestId('reason-input').getAttribute('aria-invalid')).toBe('true');
  });

  it('a lifted block needs a reason too', async () => {
    const { user, onSave } = setup(['marke_a']);
    await user.click(screen.getAllByTestId('brand-toggle')[0]!);
    await user.click(screen.getByTestId('save-blocks'));
    expect(screen.getByTestId('reason-error')).toBeTruthy();
    expect(onSave).not.toHaveBeenCalled();
  });

  it('saves the diff with the trimmed reason and hides the error once valid', async () => {
    const { user, onSave } = setup(['marke_a']);
    await user.click(screen.getAllByTestId('brand-toggle')[0]!); // lift marke_a
    await user.click(screen.getAllByTestId('brand-toggle')[1]!); // block marke_b
    await user.click(screen.getByTestId('save-blocks'));
    await user.type(screen.getByTestId('reason-input'), '  Brief vom 3.11.  ');
    expect(screen.queryByTestId('reason-error')).toBeNull();
    await user.click(screen.getByTestId('save-blocks'));
    expect(onSave).toHaveBeenCalledWith({ add: ['marke_b'], remove: ['marke_a'], reason: 'Brief vom 3.11.' }, { add: ['marke_b'], remove: ['marke_a'] }, expect.any(String));
  });

  it('gives a second click on the same change the same save id (a double click is written once)', async () => {
    const { user, onSave } = setup([], vi.fn().mockResolvedValue(false));
    await user.click(screen.getAllByTestId('brand-toggle')[0]!);
    await user.type(screen.getByTestId('reason-input'), 'Brief');
    await user.click(screen.getByTestId('save-blocks'));
    await user.click(screen.getByTestId('save-blocks'));
    expect(onSave).toHaveBeenCalledTimes(2);
    expect(onSave.mock.calls[0]![2]).toBe(onSave.mock.calls[1]![2]);
    await user.type(screen.getByTestId('reason-input'), ' und Anruf');
    await user.click(screen.getByTestId('save-blocks'));
    expect(onSave.mock.calls[2]![2]).not.toBe(onSave.mock.calls[0]![2]);
  });

  it('does not send an empty change', async () => {
    const { user, onSave } = setup(['marke_a']);
    await user.type(screen.getByTestId('reason-input'), 'Grund');
    await user.click(screen.getByTestId('save-blocks'));
    expect(onSave).not.toHaveBeenCalled();
    expect(within(document.body).getByText(/Noch keine Änderung/)).toBeTruthy();
  });
});

describe('the user\'s toggles, whatever happens to the contact meanwhile', () => {
  it('after a re-read the save changes only the toggled brand: a block someone else set stays', async () => {
    // The user blocks Marke A; meanwhile a colleague blocks Marke A and Marke B (the conflict case).
    const { user, onSave, reread } = setup([]);
    await user.click(screen.getAllByTestId('brand-toggle')[0]!);
    await user.type(screen.getByTestId('reason-input'), 'Brief');
    reread(['marke_a', 'marke_b']);
    expect(checkedBrands()).toEqual(['marke_a', 'marke_b']);
    expect(screen.getByTestId('moot-brands').textContent).toContain('Marke A');
    expect(screen.getByTestId('editor-state-changed')).toBeTruthy();
    expect(screen.getByTestId('change-summary').textContent).toContain('Noch keine Änderung');
    await user.click(screen.getByTestId('save-blocks'));
    expect(onSave).not.toHaveBeenCalled();
  });

  it('a toggle keeps its meaning on the new state and brands never touched are not in the change', async () => {
    const { user, onSave, reread } = setup(['marke_a']);
    await user.click(screen.getAllByTestId('brand-toggle')[1]!); // block Marke B
    reread(['marke_a', 'kunstmeile_nord']); // a sidebar save blocked Kunstmeile Nord
    expect(checkedBrands()).toEqual(['marke_a', 'marke_b', 'kunstmeile_nord']);
    await user.type(screen.getByTestId('reason-input'), 'Anruf');
    await user.click(screen.getByTestId('save-blocks'));
    expect(onSave).toHaveBeenCalledWith({ add: ['marke_b'], remove: [], reason: 'Anruf' }, { add: ['marke_b'], remove: [] }, expect.any(String));
  });

  it('picking and unpicking a brand is no change, even if someone else blocks it meanwhile', async () => {
    const { user, onSave, reread } = setup([]);
    await user.click(screen.getAllByTestId('brand-toggle')[0]!);
    await user.click(screen.getAllByTestId('brand-toggle')[0]!);
    reread(['marke_a']);
    expect(checkedBrands()).toEqual(['marke_a']);
    await user.type(screen.getByTestId('reason-input'), 'x');
    await user.click(screen.getByTestId('save-blocks'));
    expect(onSave).not.toHaveBeenCalled();
  });
});

describe('only the user saves', () => {
  it('a click dispatched by a script in the page (not trusted) saves nothing', async () => {
    const { user, onSave } = setup([]);
    await user.click(screen.getAllByTestId('brand-toggle')[0]!);
    await user.type(screen.getByTestId('reason-input'), 'Grund');
    acceptUntrustedEventsForTests(false);
    try {
      screen.getByTestId('save-blocks').click();
      screen.getByTestId('save-blocks').closest('form')!.requestSubmit();
      await Promise.resolve();
      expect(onSave).not.toHaveBeenCalled();
    } finally {
      acceptUntrustedEventsForTests(true);
    }
    await user.click(screen.getByTestId('save-blocks'));
    expect(onSave).toHaveBeenCalledTimes(1);
  });
});

describe('a value that is no option any more', () => {
  it('names it, says an admin must restore it as a hidden option, links to the property, and keeps the input', async () => {
    const url = 'https://app-eu1.hubspot.com/property-settings/12345678/properties?type=0-1&property=post_sperre_marken&action=edit';
    const { user } = setup(['alt'], vi.fn().mockResolvedValue(false), { blockPropertyLabel: 'Post Sperre Marken', propertySettingsUrl: url });
    await user.click(screen.getAllByTestId('brand-toggle')[0]!);
    await user.type(screen.getByTestId('reason-input'), 'Brief');
    const note = screen.getByTestId('stale-brand-note');
    expect(note.textContent).toContain('alt');
    expect(note.textContent).toContain('ausgeblendet');
    expect(screen.getByTestId('property-settings-link').getAttribute('href')).toBe(url);
    await user.click(screen.getByTestId('save-blocks'));
    expect((screen.getByTestId('reason-input') as HTMLTextAreaElement).value).toBe('Brief');
    expect(checkedBrands()).toEqual(['marke_a', 'alt']);
  });
});
