import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BulkBlock, type BulkBlockProps } from '../../components/BulkBlock';
import { acceptUntrustedEventsForTests } from '../../components/userAction';
import type { BulkProgress, BulkRunResult } from '../../lib/domain/bulkFile';

const BRANDS = [
  { value: 'marke_a', label: 'Marke A' },
  { value: 'marke_b', label: 'Marke B' },
];

afterEach(() => {
  cleanup();
  acceptUntrustedEventsForTests(true);
});

const PREVIEW = {
  matched: [
    { id: '113', value: 'maria@example.de' },
    { id: '114', value: 'niklas@example.de' },
    { id: '115', value: 'olga@example.de' },
  ],
  notFound: ['niemand@example.de'],
  ambiguous: [{ value: 'doppelt@example.de', ids: ['117', '118'] }],
  alreadyBlocked: ['115'],
};

function setup(overrides: Partial<BulkBlockProps> = {}) {
  const props: BulkBlockProps = {
    brands: BRANDS,
    onPreview: vi.fn(async () => PREVIEW),
    onRun: vi.fn(async (_args, onProgress: (p: BulkProgress) => void): Promise<BulkRunResult> => {
      onProgress({ done: 2, total: 2 });
      return { written: ['113'], failed: [{ id: '114', error: 'marke_alt was not one of the allowed options' }], alreadyBlocked: [], notDone: [], cancelled: false, racesRepaired: 0 };
    }),
    onCancel: vi.fn(),
    toErrorData: (e) => ({ kind: 'network', message: String(e), detail: {} }),
    ...overrides,
  };
  render(<BulkBlock {...props} />);
  return props;
}

const file = (text: string) => new File([text], 'rueckläufer.csv', { type: 'text/csv' });
const section = () => screen.getByTestId('bulk-block');

async function fillIn(user: ReturnType<typeof userEvent.setup>) {
  await user.upload(screen.getByTestId('bulk-block-file'), file('\uFEFFName;E-Mail\r\nMaria;maria@example.de\r\nNiemand;niemand@example.de\r\n'));
  await waitFor(() => expect((screen.getByTestId('bulk-block-column') as HTMLSelectElement).value).toBe('E-Mail'));
  await user.click(screen.getByRole('checkbox', { name: 'Marke A' }));
  await user.type(screen.getByLabelText(/Grund/), 'Rückläufer Herbstkatalog');
}

describe('BulkBlock', () => {
  it('reads the file, guesses e-mail from the column name, previews, writes on confirm and reports', async () => {
    const user = userEvent.setup();
    const props = setup();
    expect(section().getAttribute('data-state')).toBe('idle');
    expect((screen.getByRole('button', { name: 'Vorschau' }) as HTMLButtonElement).disabled).toBe(true);
    await fillIn(user);
    expect((screen.getByRole('radio', { name: 'E-Mail-Adressen' }) as HTMLInputElement).checked).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Vorschau' }));
    expect(props.onPreview).toHaveBeenCalledWith({ values: [{ value: 'maria@example.de', row: 2 }, { value: 'niemand@example.de', row: 3 }], by: 'email', brands: ['marke_a'], reason: 'Rückläufer Herbstkatalog' });
    expect(section().getAttribute('data-state')).toBe('preview');
    const preview = screen.getByTestId('bulk-block-preview');
    expect(preview.getAttribute('data-matched')).toBe('3');
    expect(preview.getAttribute('data-not-found')).toBe('1');
    expect(preview.getAttribute('data-ambiguous')).toBe('1');
    expect(preview.getAttribute('data-already')).toBe('1');
    expect(document.activeElement).toBe(preview);
    expect(preview.textContent).toContain('doppelt@example.de gehört zu mehreren Kontakten (117, 118)');

    expect(screen.getByTestId('bulk-block-confirm').textContent).toContain('2 Kontakte jetzt sperren');
    await user.click(screen.getByTestId('bulk-block-confirm'));
    expect(props.onRun).toHaveBeenCalledWith({ ids: ['113', '114'], brands: ['marke_a'], reason: 'Rückläufer Herbstkatalog' }, expect.any(Function));
    const done = await screen.findByTestId('bulk-block-done');
    expect(section().getAttribute('data-state')).toBe('done');
    expect(done.getAttribute('data-written')).toBe('1');
    expect(done.getAttribute('data-failed')).toBe('1');
    expect(done.textContent).toContain('Kontakt 114: marke_alt was not one of the allowed options');
    expect(screen.getByTestId('bulk-block-result').getAttribute('download')).toBe('rueckläufer-ergebnis.csv');
  });

  it('changing brands or reason after the preview asks for a new preview', async () => {
    const user = userEvent.setup();
    setup();
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Vorschau' }));
    expect(section().getAttribute('data-state')).toBe('preview');
    await user.click(screen.getByRole('checkbox', { name: 'Marke B' }));
    expect(section().getAttribute('data-state')).toBe('idle');
    expect(screen.queryByTestId('bulk-block-confirm')).toBeNull();
  });

  it('a whitespace reason is refused before anything is asked', async () => {
    const user = userEvent.setup();
    const props = setup();
    await user.upload(screen.getByTestId('bulk-block-file'), file('id\n113\n'));
    await user.click(screen.getByRole('checkbox', { name: 'Marke A' }));
    await user.type(screen.getByLabelText(/Grund/), '   ');
    expect(screen.getByText('Ohne Grund wird keine Änderung der Post-Sperre gespeichert.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Vorschau' }) as HTMLButtonElement).disabled).toBe(true);
    expect(props.onPreview).not.toHaveBeenCalled();
  });

  it('shows progress while running and a cancel that asks the background to stop', async () => {
    const user = userEvent.setup();
    let finish!: (r: BulkRunResult) => void;
    const props = setup({
      onRun: vi.fn((_args, onProgress: (p: BulkProgress) => void) => {
        onProgress({ done: 1, total: 2 });
        return new Promise<BulkRunResult>((r) => (finish = r));
      }),
    });
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Vorschau' }));
    await user.click(screen.getByTestId('bulk-block-confirm'));
    expect(section().getAttribute('data-state')).toBe('running');
    expect(screen.getByText('Sperren werden geschrieben: 1 von 2 Kontakten …')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Abbrechen' }));
    expect(props.onCancel).toHaveBeenCalled();
    finish({ written: ['113'], failed: [], alreadyBlocked: [], notDone: ['114'], cancelled: true, racesRepaired: 0 });
    const done = await screen.findByTestId('bulk-block-done');
    expect(done.getAttribute('data-cancelled')).toBe('true');
    expect(done.textContent).toContain('1 nicht mehr bearbeitet');
  });

  it('writes only on a trusted click', async () => {
    const user = userEvent.setup();
    const props = setup();
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Vorschau' }));
    acceptUntrustedEventsForTests(false);
    await user.click(screen.getByTestId('bulk-block-confirm'));
    expect(props.onRun).not.toHaveBeenCalled();
    expect(section().getAttribute('data-state')).toBe('preview');
  });

  it('is operable by keyboard: file, column, brands, reason, preview, confirm', async () => {
    const user = userEvent.setup();
    const props = setup();
    await user.upload(screen.getByTestId('bulk-block-file'), file('Kundennr,Name\n113,Maria\n'));
    screen.getByTestId('bulk-block-column').focus();
    await user.tab(); // the "id" radio (guessed from the column name)
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: 'HubSpot-Datensatz-IDs' }));
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('checkbox', { name: 'Marke A' }));
    await user.keyboard(' ');
    await user.tab();
    await user.tab();
    expect(document.activeElement).toBe(screen.getByLabelText(/Grund/));
    await user.keyboard('Retoure');
    await user.tab();
    await user.keyboard('{Enter}');
    expect(props.onPreview).toHaveBeenCalledWith(expect.objectContaining({ by: 'id', brands: ['marke_a'], values: [{ value: '113', row: 2 }] }));
  });
});
