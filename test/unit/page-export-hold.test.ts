// The controller behind the held HubSpot export (lib/page/exportHold.ts) on plain DOM: a leaking
// segment's submit stopped, a compliant one's passing, the confirmation, and dialogs it does not
// know reported `inactive` instead of being passed silently.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startExportHold, type SegmentCheck } from '../../lib/page/exportHold';

const texts = {
  title: 'Held',
  checking: 'checking',
  leaking: (n: number, b: string) => `${n} blocked for ${b}`,
  failed: (m: string) => `failed: ${m}`,
  clean: 'clean',
  proceed: (n: number) => `${n} gesperrte Kontakte trotzdem exportieren`,
  proceedUnchecked: 'unchecked',
  inactive: 'unknown dialog',
};

function dialogHtml(hooks = true) {
  return hooks
    ? '<div role="dialog" data-selenium-test="export-dialog"><header><h2>Export</h2></header><footer><button data-selenium-test="ExportDialog-submit-button">Export</button><button data-selenium-test="ExportDialog-cancel-button">Cancel</button></footer></div>'
    : '<div role="dialog"><header><h2>Segment exportieren</h2></header><footer><button>Exportieren</button></footer></div>';
}

const flush = () => new Promise((r) => setTimeout(r, 0));
let controller = new AbortController();
afterEach(() => {
  controller.abort();
  controller = new AbortController();
  document.body.innerHTML = '';
});

function start(result: SegmentCheck | Error, extra: Partial<Parameters<typeof startExportHold>[0]> = {}) {
  const submitted = vi.fn();
  const statuses: string[] = [];
  const onClean = vi.fn();
  document.addEventListener('click', (e) => {
    if ((e.target as Element).closest('[data-selenium-test="ExportDialog-submit-button"]')) submitted();
  });
  startExportHold(
    {
      doc: document,
      check: () => (result instanceof Error ? Promise.reject(result) : Promise.resolve(result)),
      brandLabel: (v) => v.toUpperCase(),
      onClean,
      texts,
      onStatus: (s) => statuses.push(s),
      acceptUntrusted: true,
      ...extra,
    },
    controller.signal,
  );
  return { submitted, statuses, onClean };
}

async function openDialog(hooks = true) {
  document.body.insertAdjacentHTML('beforeend', dialogHtml(hooks));
  await flush();
  await flush();
}
const submit = () => document.querySelector<HTMLElement>('[data-selenium-test="ExportDialog-submit-button"]')!.click();

describe('held HubSpot export', () => {
  it('stops a leaking segment’s export, names the count and brands, goes on after the confirmation', async () => {
    const { submitted, statuses } = start({ blocked: 47, brands: ['marke_a', 'marke_c'] });
    await openDialog();
    expect(statuses).toContain('active');
    submit();
    expect(submitted).not.toHaveBeenCalled();
    const hold = document.querySelector('[data-testid="export-hold"]')!;
    expect(hold.getAttribute('data-blocked')).toBe('47');
    expect(hold.getAttribute('data-brands')).toBe('marke_a,marke_c');
    expect(hold.textContent).toContain('47 blocked for MARKE_A, MARKE_C');
    const proceed = hold.querySelector<HTMLElement>('[data-testid="export-hold-proceed"]')!;
    expect(proceed.textContent).toBe('47 gesperrte Kontakte trotzdem exportieren');
    proceed.click();
    expect(submitted).toHaveBeenCalledTimes(1);
    // Once only: the next submit is held again.
    submit();
    expect(submitted).toHaveBeenCalledTimes(1);
  });

  it('a script’s click on the confirmation is not one', async () => {
    const { submitted } = start({ blocked: 3, brands: ['marke_a'] }, { acceptUntrusted: false });
    await openDialog();
    submit();
    document.querySelector<HTMLElement>('[data-testid="export-hold-proceed"]')!.click();
    expect(submitted).not.toHaveBeenCalled();
  });

  it('lets a compliant segment’s export through untouched', async () => {
    const { submitted } = start({ blocked: 0, brands: ['marke_a'] });
    await openDialog();
    submit();
    expect(submitted).toHaveBeenCalledTimes(1);
    expect(document.querySelector('[data-testid="export-hold"]')).toBeNull();
  });

  it('a submit before the answer waits for it, then goes on when the segment is clean', async () => {
    let resolve!: (r: SegmentCheck) => void;
    const { submitted } = start({ blocked: 0, brands: [] }, { check: () => new Promise((r) => (resolve = r)) });
    await openDialog();
    submit();
    expect(submitted).not.toHaveBeenCalled();
    expect(document.querySelector('[data-testid="export-guard-notice"]')?.getAttribute('data-state')).toBe('checking');
    resolve({ blocked: 0, brands: ['marke_a'] });
    await flush();
    expect(submitted).toHaveBeenCalledTimes(1);
  });

  it('a failed check keeps the export held, says why, and lets it go on only on a confirmation saying it is unchecked', async () => {
    const { submitted } = start(new Error('HubSpot antwortet nicht'));
    await openDialog();
    submit();
    expect(submitted).not.toHaveBeenCalled();
    expect(document.querySelector('[data-testid="export-guard-notice"]')?.textContent).toContain('failed: HubSpot antwortet nicht');
    const proceed = document.querySelector<HTMLElement>('[data-testid="export-hold-proceed"]')!;
    expect(proceed.textContent).toBe('unchecked');
    proceed.click();
    expect(submitted).toHaveBeenCalledTimes(1);
  });

  it('an export dialog without the known hooks is reported inactive, never claimed as guarded', async () => {
    const { statuses } = start({ blocked: 5, brands: ['marke_a'] });
    await openDialog(false);
    expect(statuses).toEqual(['inactive']);
    expect(document.querySelector('[data-testid="export-guard-notice"]')?.getAttribute('data-state')).toBe('inactive');
  });

  it('“clean export” closes HubSpot’s dialog and opens ours', async () => {
    const { onClean } = start({ blocked: 2, brands: ['marke_a'] });
    const cancelled = vi.fn();
    await openDialog();
    document.querySelector('[data-selenium-test="ExportDialog-cancel-button"]')!.addEventListener('click', cancelled);
    submit();
    document.querySelector<HTMLElement>('[data-testid="export-hold-clean"]')!.click();
    expect(cancelled).toHaveBeenCalled();
    expect(onClean).toHaveBeenCalled();
  });
});
