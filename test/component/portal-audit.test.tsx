import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PortalAudit, type PortalAuditProps } from '../../components/PortalAudit';
import { portalAuditCsv, portalAuditRows } from '../../lib/audit/presentation';
import { reportTable } from '../../cli/table';
import { CSV_BOM, csvField, toCsv } from '../../lib/csv';
import type { PortalAudit as PortalAuditResult, WorkflowAudit } from '../../lib/audit/types';

const BRANDS = [
  { value: 'marke_a', label: 'Marke A' },
  { value: 'marke_b', label: 'Marke B' },
];

const RESULT: PortalAuditResult = {
  lists: [
    { listId: '1001', name: 'Herbstkatalog Marke A', processingType: 'DYNAMIC', objectTypeId: '0-1', brands: ['marke_a'], brandSource: 'detected', compliant: true, leaks: [], availableBrands: BRANDS },
    {
      listId: '1002',
      name: 'Frühjahrsmailing, "Marke A"',
      processingType: 'DYNAMIC',
      objectTypeId: '0-1',
      brands: ['marke_a'],
      brandSource: 'chosen',
      compliant: false,
      leaks: [{ kind: 'filter-branch', branch: 1, brand: 'marke_a', witness: {} }],
      availableBrands: BRANDS,
    },
    { listId: '1006', name: 'Firmenkunden Marke A', processingType: 'MANUAL', objectTypeId: '0-2', brands: [], brandSource: 'all', compliant: true, leaks: [], skipped: 'not-contacts' },
    { listId: '1010', name: '=HYPERLINK("x")', processingType: 'SNAPSHOT', objectTypeId: '0-1', brands: ['marke_a', 'marke_b'], brandSource: 'all', compliant: false, leaks: [{ kind: 'member', recordId: '111', brand: 'marke_b' }, { kind: 'member', recordId: '111', brand: 'marke_a' }] },
    { listId: '1011', name: 'Kaputt', processingType: 'DYNAMIC', objectTypeId: '0-1', brands: [], brandSource: 'all', compliant: false, leaks: [], error: { kind: 'network', message: 'HubSpot antwortet nicht' } },
  ],
  contactsMissingReason: ['104', '112'],
  requests: 17,
};

/** A contact workflow audited for Marke A, compliant unless `extra` says otherwise. */
const flow = (flowId: string, name: string, extra: Partial<WorkflowAudit>): WorkflowAudit => ({
  flowId,
  name,
  isEnabled: true,
  objectTypeId: '0-1',
  enrollmentType: 'LIST_BASED',
  revisionId: '3',
  brands: ['marke_a'],
  brandSource: 'detected',
  compliant: true,
  leaks: [],
  suppressionListIds: [],
  addsToLists: [],
  availableBrands: BRANDS,
  ...extra,
});

afterEach(cleanup);

let rerenderWith: (overrides: Partial<PortalAuditProps>) => void = () => undefined;

function setup(overrides: Partial<PortalAuditProps> = {}) {
  const props: PortalAuditProps = { state: 'done', progress: null, result: RESULT, error: null, links: { uiDomain: 'app-eu1.hubspot.com', portalId: '12345678' }, onStart: vi.fn(), ...overrides };
  const { rerender } = render(<PortalAudit {...props} />);
  rerenderWith = (more) => rerender(<PortalAudit {...props} {...more} />);
  return props;
}

describe('portal audit table', () => {
  it('has one row per list with id and verdict; skipped lists count as compliant with the note', () => {
    setup();
    const rows = screen.getAllByTestId('portal-audit-row');
    expect(rows.map((r) => [r.getAttribute('data-list-id'), r.getAttribute('data-verdict')])).toEqual([
      ['1001', 'compliant'],
      ['1002', 'leaks'],
      ['1006', 'compliant'],
      ['1010', 'leaks'],
      ['1011', 'error'],
    ]);
    const cells = (i: number) => [...rows[i]!.querySelectorAll('th, td')].map((c) => c.textContent);
    expect(cells(1)).toEqual(['Frühjahrsmailing, "Marke A"', '1002', 'aktiv', 'Marke A', 'Sperren werden nicht beachtet', '1']);
    expect(cells(2)).toEqual(['Firmenkunden Marke A', '1006', 'statisch', '', 'in Ordnung (kein Kontaktsegment)', '0']);
    expect(cells(3)).toEqual(['=HYPERLINK("x")', '1010', 'statisch (Momentaufnahme)', 'alle Marken', 'Sperren werden nicht beachtet', '2']);
    expect(cells(4)).toEqual(['Kaputt', '1011', 'aktiv', 'alle Marken', 'Fehler: HubSpot antwortet nicht', '']);
  });

  it('links each list and each contact without a reason into HubSpot', () => {
    setup();
    const first = screen.getAllByTestId('portal-audit-row')[0]!;
    expect(within(first).getByRole('link', { name: 'Herbstkatalog Marke A' }).getAttribute('href')).toBe('https://app-eu1.hubspot.com/contacts/12345678/objectLists/1001');
    const missing = screen.getAllByTestId('portal-audit-missing-reason');
    expect(missing.map((m) => within(m).getByRole('link').getAttribute('href'))).toEqual([
      'https://app-eu1.hubspot.com/contacts/12345678/record/0-1/104',
      'https://app-eu1.hubspot.com/contacts/12345678/record/0-1/112',
    ]);
    expect(screen.getByText('Kontakte mit Sperre ohne Grund: 2')).toBeTruthy();
  });

  it('sums up lists, lists with findings and requests', () => {
    setup();
    expect(screen.getByTestId('portal-audit-summary').textContent).toBe('5 Segmente geprüft, 2 mit Befund, 17 Anfragen an HubSpot.');
  });

  it('offers the CSV as a download link', () => {
    setup();
    const link = screen.getByTestId('portal-audit-csv');
    expect(link.getAttribute('href')).toMatch(/^blob:/);
    expect(link.getAttribute('download')).toMatch(/^post-sperre-portal-audit-12345678-\d{4}-\d{2}-\d{2}\.csv$/);
  });

  it('shows a labelled progress bar while running and starts on the button', async () => {
    const user = userEvent.setup();
    const props = setup({ state: 'running', result: null, progress: { done: 4, total: 10, label: 'Liste „Herbstkatalog Marke A“' } });
    const bar = screen.getByRole('progressbar', { name: /Prüfung läuft: Liste „Herbstkatalog Marke A“ \(4 von 10 Segmenten\)/ });
    expect(bar.getAttribute('value')).toBe('4');
    expect(bar.getAttribute('max')).toBe('10');
    expect(screen.getByTestId('portal-audit')).toHaveProperty('disabled', true);
    expect(screen.queryAllByTestId('portal-audit-row')).toHaveLength(0);
    cleanup();
    const idle = setup({ state: 'idle', result: null });
    await user.click(screen.getByTestId('portal-audit'));
    expect(idle.onStart).toHaveBeenCalledOnce();
    expect(props.onStart).not.toHaveBeenCalled();
  });

  it('shows a failed audit with its kind', () => {
    setup({ state: 'error', result: null, error: { kind: 'rate-limit', message: 'Limit erreicht', detail: {} } });
    expect(screen.getByTestId('panel-error').getAttribute('data-error-kind')).toBe('rate-limit');
  });
});

describe('out of scope, audited on request', () => {
  const OUT = { lists: 2, workflows: 1, listIds: ['1003', '1005'], flowIds: ['7003'] };
  const EXTRA: PortalAuditResult = {
    lists: [
      { listId: '1003', name: 'Newsletter Marke A', processingType: 'DYNAMIC', objectTypeId: '0-1', brands: ['marke_a'], brandSource: 'detected', compliant: false, leaks: [{ kind: 'filter-branch', branch: 0, brand: 'marke_a', witness: {} }], availableBrands: BRANDS, inScope: false },
      { listId: '1005', name: 'Messe', processingType: 'MANUAL', objectTypeId: '0-1', brands: [], brandSource: 'all', compliant: true, leaks: [], inScope: false },
    ],
    workflows: [
      { flowId: '7003', name: 'Willkommen', isEnabled: true, objectTypeId: '0-1', enrollmentType: 'EVENT_BASED', revisionId: '1', brands: [], brandSource: 'all', compliant: true, leaks: [], suppressionListIds: [], addsToLists: [], inScope: false },
    ],
    contactsMissingReason: [],
    requests: 6,
  };

  async function expand(overrides: Partial<PortalAuditProps>) {
    const user = userEvent.setup();
    const props = setup({ result: { ...RESULT, outOfScope: OUT }, onAuditOutOfScope: vi.fn(), onCancelOutOfScope: vi.fn(), ...overrides });
    await user.click(screen.getByRole('button', { name: 'Nicht geprüfte anzeigen' }));
    return { user, props };
  }

  it('offers "Diese auch prüfen" only in the expanded line, by keyboard too', async () => {
    const { user, props } = await expand({});
    const run = screen.getByRole('button', { name: 'Diese auch prüfen' });
    expect(run.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(run.getAttribute('aria-describedby')!)!.textContent).toContain('ändert nichts');
    run.focus();
    await user.keyboard('{Enter}');
    expect(props.onAuditOutOfScope).toHaveBeenCalledOnce();
    expect(screen.queryAllByTestId('portal-audit-row').filter((r) => r.getAttribute('data-in-scope') === 'false')).toHaveLength(0);
  });

  it('shows progress with a labelled bar and a cancel button while running', async () => {
    const { user, props } = await expand({ outOfScopeAudit: { state: 'running', progress: { done: 1, total: 2, label: 'Liste „Messe“' }, result: null, error: null } });
    expect(screen.getByTestId('portal-audit-out-of-scope-audit').getAttribute('data-state')).toBe('running');
    expect(screen.getByRole('progressbar', { name: /Prüfung läuft: Liste „Messe“ \(1 von 2 Segmenten\)/ }).getAttribute('value')).toBe('1');
    expect(screen.getByRole('button', { name: 'Diese auch prüfen' })).toHaveProperty('disabled', true);
    await user.click(screen.getByRole('button', { name: 'Abbrechen' }));
    expect(props.onCancelOutOfScope).toHaveBeenCalledOnce();
    // The cancel button goes with the run; keyboard focus lands on the start button, not the page.
    rerenderWith({ outOfScopeAudit: { state: 'cancelled', progress: null, result: null, error: null } });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Diese auch prüfen' }));
  });

  it('shows their rows marked as not postal, apart from the audit\'s own rows', async () => {
    await expand({ outOfScopeAudit: { state: 'done', progress: null, result: EXTRA, error: null } });
    const extra = screen.getByTestId('portal-audit-out-of-scope-audit');
    expect(within(extra).getByTestId('portal-audit-out-of-scope-summary').textContent).toBe('Auf Anfrage geprüft, nicht als Post markiert: 2 Listen und 1 Workflow, 1 mit Befund.');
    const rows = within(extra).getAllByTestId('portal-audit-row');
    expect(rows.map((r) => [r.getAttribute('data-list-id'), r.getAttribute('data-verdict'), r.getAttribute('data-in-scope')])).toEqual([
      ['1003', 'leaks', 'false'],
      ['1005', 'compliant', 'false'],
    ]);
    expect(rows[0]!.querySelector('th')!.textContent).toBe('Newsletter Marke A nicht als Post markiert');
    const flows = within(extra).getAllByTestId('portal-audit-flow-row');
    expect(flows.map((r) => [r.getAttribute('data-flow-id'), r.getAttribute('data-in-scope')])).toEqual([['7003', 'false']]);
    // The audit's own rows stay as they were.
    expect(screen.getAllByTestId('portal-audit-row').filter((r) => !r.hasAttribute('data-in-scope'))).toHaveLength(RESULT.lists.length);
  });

  it('says a cancelled run, and shows a failed one with its kind', async () => {
    await expand({ outOfScopeAudit: { state: 'cancelled', progress: null, result: null, error: null } });
    expect(screen.getByText('Prüfung der nicht als Post markierten abgebrochen.')).toBeTruthy();
    cleanup();
    await expand({ outOfScopeAudit: { state: 'error', progress: null, result: null, error: { kind: 'network', message: 'weg', detail: {} } } });
    expect(within(screen.getByTestId('portal-audit-out-of-scope-audit')).getByTestId('panel-error').getAttribute('data-error-kind')).toBe('network');
  });
});

describe('CSV', () => {
  it('quotes per RFC 4180: quotes doubled, fields with comma, quote or line break quoted', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('sagt "ja"')).toBe('"sagt ""ja"""');
    expect(csvField('zwei\nZeilen')).toBe('"zwei\nZeilen"');
    expect(csvField('cr\rlf')).toBe('"cr\rlf"');
    expect(csvField(12)).toBe('12');
    expect(csvField(null)).toBe('');
    expect(csvField('Süd ÄÖÜ ß')).toBe('Süd ÄÖÜ ß');
    expect(toCsv([['a', 'b'], ['c,d', 1]])).toBe('a,b\r\n"c,d",1\r\n');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField('+49 30')).toBe("'+49 30");
    expect(csvField('-x')).toBe("'-x");
    expect(csvField('@x')).toBe("'@x");
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  });

  it('has the BOM, the table columns and one record per list', () => {
    const csv = portalAuditCsv(RESULT);
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('Segment,Segment-ID,Art,Marken,Ergebnis,Befunde');
    expect(lines[1]).toBe('Herbstkatalog Marke A,1001,aktiv,Marke A,in Ordnung,0');
    expect(lines[2]).toBe('"Frühjahrsmailing, ""Marke A""",1002,aktiv,Marke A,Sperren werden nicht beachtet,1');
    expect(lines[3]).toBe('Firmenkunden Marke A,1006,statisch,,in Ordnung (kein Kontaktsegment),0');
    expect(lines[5]).toBe('Kaputt,1011,aktiv,alle Marken,Fehler: HubSpot antwortet nicht,');
    expect(lines).toHaveLength(RESULT.lists.length + 2); // header, rows, empty after the last CRLF
    expect(lines.at(-1)).toBe('');
    expect(portalAuditRows(RESULT).map((r) => r.listId)).toEqual(RESULT.lists.map((l) => l.listId));
  });

  it('adds the workflows after the lists, in the same columns, typed "Workflow"', () => {
    const csv = portalAuditCsv({
      ...RESULT,
      workflows: [
        flow('7001', 'Katalog Marke A', { compliant: false, leaks: [{ kind: 'enrollment-branch', branch: 1, brand: 'marke_a', witness: {}, source: 'enrollment' }] }),
        flow('7002', '+Nachfass', { warnings: [{ kind: 'static-suppression', listId: '1003', brand: 'marke_a' }] }),
        flow('7003', 'Kaputt', { compliant: false, error: { kind: 'invalid-response', message: 'weg' } }),
      ],
    });
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('Segment,Segment-ID,Art,Marken,Ergebnis,Befunde');
    expect(lines[1]).toBe('Herbstkatalog Marke A,1001,aktiv,Marke A,in Ordnung,0');
    expect(lines).toHaveLength(RESULT.lists.length + 3 + 2);
    expect(lines.slice(RESULT.lists.length + 1, -1)).toEqual([
      'Katalog Marke A,7001,Workflow,Marke A,Sperren werden nicht beachtet,1',
      "'+Nachfass,7002,Workflow,Marke A,in Ordnung (nur heute: statische Unterdrückungsliste),0",
      'Kaputt,7003,Workflow,,Fehler: weg,',
    ]);
  });
});

describe('one presentation for the options page and the command line', () => {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const AUDIT: PortalAuditResult = {
    ...RESULT,
    workflows: [
      flow('7001', 'Workflow 7001', { brands: ['marke_b'], compliant: false, leaks: [{ kind: 'enrollment-branch', branch: 0, brand: 'marke_b', witness: {}, source: 'enrollment' }] }),
      flow('7002', 'Workflow 7002', { brandSource: 'all', brands: ['marke_a', 'marke_b'] }),
      flow('7003', 'Workflow 7003', { compliant: false, error: { kind: 'network', message: 'weg' } }),
    ],
  };

  /** The verdict the command line shows for a row the page shows as `page`: the same words, the
   *  number of findings in brackets (no findings column), the error's message on the line below. */
  function cliVerdict(page: string, verdict: string | null, findings: string): string {
    if (verdict === 'leaks') return `${page} (${findings})`;
    if (verdict === 'error') return page.slice(0, page.indexOf(':'));
    return page;
  }

  it('gives every list and workflow the same type, brands and verdict in words', () => {
    setup({ result: AUDIT });
    const table = reportTable(AUDIT, BRANDS);
    const check = (row: HTMLElement, idAttribute: string) => {
      const [name, id, type, brands, verdict, findings] = [...row.querySelectorAll('th, td')].map((c) => c.textContent ?? '');
      expect(id).toBe(row.getAttribute(idAttribute));
      const line = new RegExp(`^${escape(id!)} +${escape(name!)} +${escape(type!)} +${escape(brands!)} *${escape(cliVerdict(verdict!, row.getAttribute('data-verdict'), findings!))}$`, 'm');
      expect(table).toMatch(line);
    };
    const lists = screen.getAllByTestId('portal-audit-row');
    const flows = screen.getAllByTestId('portal-audit-flow-row');
    expect(lists).toHaveLength(AUDIT.lists.length);
    expect(flows).toHaveLength(3);
    for (const row of lists) check(row, 'data-list-id');
    for (const row of flows) check(row, 'data-flow-id');
    // The wording itself, so that a change on both sides is still seen.
    expect(table).toMatch(/^1006 +Firmenkunden Marke A +statisch +in Ordnung \(kein Kontaktsegment\)$/m);
    expect(table).toMatch(/^1011 +Kaputt +aktiv +alle Marken +Fehler$/m);
    expect(table).toMatch(/^7002 +Workflow 7002 +LIST_BASED +alle Marken +in Ordnung$/m);
    expect(table).toContain('- HubSpot antwortet nicht');
  });
});
