import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContactPanel, REASON_LOG_WARN_AT } from '../../components/ContactPanel';
import { finishedSaveNote, saveOutcomeNotes } from '../../components/saveNotes';
import { REASON_MAX_LENGTH } from '../../lib/domain/reasonLog';
import type { ContactView } from '../../lib/messaging';

afterEach(cleanup);

const view = (reasonText: string): ContactView => ({
  portalId: '1',
  contactId: '101',
  brands: [{ value: 'marke_a', label: 'Marke A', hidden: false, known: true, displayOrder: 0 }],
  blocked: ['marke_a'],
  reasonText,
  history: [],
  userNames: {},
  families: [],
  blockProperty: 'post_sperre_marken',
  reasonProperty: 'grund_post_sperre',
  blockPropertyLabel: 'Post Sperre Marken',
  reasonPropertyLabel: 'Grund Post Sperre',
});

function show(reasonText: string) {
  render(
    <ContactPanel contactId="101" state="ready" view={view(reasonText)} error={null} guard={{ state: 'active', mode: 'guarding', message: '' }} onSave={vi.fn()} onReload={vi.fn()} onOpenOptions={vi.fn()} />,
  );
}

describe('the reason log near its limit', () => {
  it('warns from 90 % of what HubSpot stores and says what to do', () => {
    show('x'.repeat(REASON_LOG_WARN_AT));
    const warning = screen.getByTestId('reason-log-near-full').textContent!;
    expect(warning).toContain('90 %');
    expect(warning).toContain(String(REASON_MAX_LENGTH));
    expect(warning).toContain('Notiz');
    expect(warning).toContain('Import oder API');
  });

  it('says nothing below 90 %', () => {
    show('x'.repeat(REASON_LOG_WARN_AT - 1));
    expect(screen.queryByTestId('reason-log-near-full')).toBeNull();
  });
});

describe('what a save says besides "saved"', () => {
  const label = (v: string) => ({ marke_a: 'Marke A', marke_b: 'Marke B' })[v] ?? v;
  it('names a change kept from someone else, moot toggles, a missing refresh and an unverified write', () => {
    const notes = saveOutcomeNotes(
      {
        view: null,
        moot: ['marke_b'],
        kept: [{ by: { property: 'blocks', value: 'marke_a', timestamp: '2026-12-01T10:00:00Z', sourceType: 'CRM_UI', updatedByUserId: 7 }, at: '2026-12-01T10:00:00Z' }],
        refreshError: { kind: 'network', message: 'HubSpot ist nicht erreichbar.', detail: {} },
        unverified: true,
      },
      label,
      { '7': 'Jonas Brandt' },
    );
    expect(notes[0]).toContain('Jonas Brandt');
    expect(notes[1]).toContain('Schon von jemand anderem erledigt');
    expect(notes[1]).toContain('Marke B');
    expect(notes[2]).toContain('Gespeichert, aber die Ansicht konnte danach nicht neu geladen werden');
    expect(notes[3]).toContain('Verlauf');
  });

  it('nothing written when every toggle was done by someone else', () => {
    expect(saveOutcomeNotes({ view: null, moot: ['marke_a'], kept: [], nothingToDo: true }, label)).toEqual([expect.stringContaining('Nichts gespeichert')]);
  });

  it('a save that finished or failed while the user was away', () => {
    expect(finishedSaveNote({ at: '2026-12-01T10:00:00Z', ok: true })).toContain('abgeschlossen');
    expect(finishedSaveNote({ at: '2026-12-01T10:00:00Z', ok: false, message: 'HubSpot meldet 500' })).toContain('HubSpot meldet 500');
  });
});

describe('a save HubSpot does not take yet', () => {
  it('stays "saving" and says in the live region that it retries', () => {
    render(
      <ContactPanel
        contactId="101"
        state="saving"
        view={view('')}
        error={null}
        notice="HubSpot antwortet nicht, neuer Versuch in 4 s (Versuch 4 von höchstens 6) …"
        guard={{ state: 'active', mode: 'guarding', message: '' }}
        onSave={vi.fn()}
        onReload={vi.fn()}
        onOpenOptions={vi.fn()}
      />,
    );
    expect(screen.getByTestId('postsperre-panel').getAttribute('data-state')).toBe('saving');
    const live = screen.getAllByRole('status').find((s) => s.getAttribute('aria-live') === 'polite' && s.textContent!.includes('Wird gespeichert'))!;
    expect(live.textContent).toBe('Wird gespeichert … HubSpot antwortet nicht, neuer Versuch in 4 s (Versuch 4 von höchstens 6) …');
  });
});
