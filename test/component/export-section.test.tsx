// The clean export's section of the segment panel (components/ExportSection.tsx): labelled
// controls, the chosen columns and format handed to onStart in the offered order, start only on a
// person's click, progress with cancel, the result with its receipt.
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ExportSection, type ExportSectionProps, type ExportState } from '../../components/ExportSection';
import { acceptUntrustedEventsForTests } from '../../components/userAction';
import type { ExportSetup } from '../../lib/gateway/export';

const setup: ExportSetup = {
  columns: [
    { name: 'salutation', label: 'Salutation', checked: true },
    { name: 'firstname', label: 'First Name', checked: true },
    { name: 'zip', label: 'Postal Code', checked: true },
    { name: 'email', label: 'Email', checked: false },
  ],
  dialect: 'excel',
  author: 'JB',
};

function show(state: ExportState, extra: Partial<ExportSectionProps> = {}) {
  const props: ExportSectionProps = {
    state,
    brandLabels: ['Marke A'],
    onOpen: vi.fn(),
    onClose: vi.fn(),
    onStart: vi.fn(),
    onCancel: vi.fn(),
    onDownloadAgain: vi.fn(),
    onSetAuthor: vi.fn(async () => true),
    ...extra,
  };
  render(<ExportSection {...props} />);
  return props;
}

afterEach(() => {
  cleanup();
  acceptUntrustedEventsForTests(true);
});

describe('ExportSection', () => {
  it('closed: one button opens it', async () => {
    const p = show({ step: 'closed' });
    await userEvent.click(screen.getByTestId('export-open'));
    expect(p.onOpen).toHaveBeenCalled();
  });

  it('hands the picked columns (in the offered order) and the format to onStart', async () => {
    const p = show({ step: 'form', setup });
    expect(screen.getByText(/für Marke A gesperrt|blocked for Marke A/)).toBeTruthy();
    await userEvent.click(screen.getByLabelText('Salutation'));
    await userEvent.click(screen.getByLabelText('Email'));
    await userEvent.selectOptions(screen.getByTestId('export-dialect'), 'plain');
    await userEvent.click(screen.getByTestId('export-start'));
    expect(p.onStart).toHaveBeenCalledWith(['firstname', 'zip', 'email'], 'plain');
    expect(screen.getByTestId('export-columns').querySelector('[data-property="zip"]')).toBeTruthy();
  });

  it('does not start on a script’s click', async () => {
    acceptUntrustedEventsForTests(false);
    const p = show({ step: 'form', setup });
    screen.getByTestId('export-start').click();
    expect(p.onStart).not.toHaveBeenCalled();
  });

  it('asks for the short name first when none is known', () => {
    show({ step: 'form', setup: { ...setup, author: '' } });
    expect((screen.getByTestId('export-start') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('author-prompt')).toBeTruthy();
  });

  it('running: progress with a cancel button, the form locked', async () => {
    const p = show({ step: 'running', setup, progress: { done: 250, total: 1000, label: 'Mitglieder werden gelesen' } });
    expect(screen.getByTestId('export-progress').textContent).toContain('Mitglieder werden gelesen');
    expect(screen.queryByTestId('export-start')).toBeNull();
    expect((screen.getByTestId('export-columns') as HTMLFieldSetElement).disabled).toBe(true);
    await userEvent.click(screen.getByTestId('export-cancel'));
    expect(p.onCancel).toHaveBeenCalled();
  });

  it('done: the counts and the receipt', () => {
    const receipt = { listId: '1', name: 'S', brands: ['marke_a'], at: '2026-12-06T10:00:00.000Z', by: 'JB', members: 10, excluded: { marke_a: 3 }, exported: 7, sha256: 'ab' };
    show({ step: 'done', setup, file: { csv: '', receipt, receiptText: JSON.stringify(receipt), fileName: 'S-1.csv' } });
    const done = screen.getByTestId('export-done');
    expect([done.dataset.members, done.dataset.excluded, done.dataset.exported]).toEqual(['10', '3', '7']);
    expect(JSON.parse(screen.getByTestId('export-receipt').textContent!)).toEqual(receipt);
  });
});
