// @vitest-environment node
// Restoring and confirming ledger findings through the save path, against the fake HubSpot:
// what is written, what is never overwritten, and that the finding is gone on the next read.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeHubspot, TOKENS, type FakeHubspot } from '../fake-hubspot/index';
import { applyRoad } from '../fake-hubspot/roads';
import { getContactView } from '../../lib/gateway/contact';
import { resolveLedgerFindings, type LedgerResolveItem, type ResolveDeps } from '../../lib/gateway/ledger';
import { KeyedQueue } from '../../lib/gateway/queue';
import { createContactHandlers } from '../../lib/gateway/handlers';
import { callThroughPort, OPTIONS_PAGE } from './support/port';
import { GatewaySession, type GatewayEnv } from '../../lib/gateway/session';
import { memoryGatewayEnv } from './support/gateway-env';
import { GatewayError } from '../../lib/hubspot/errors';
import type { Settings } from '../../lib/settings';
import { parseReasonLog } from '../../lib/domain/reasonLog';
import type { LedgerAction, LedgerFinding } from '../../lib/domain/ledger';
import { ledgerOfView } from '../../lib/contactLedger';
import type { Progress } from '../../lib/audit/types';

const PORTAL = '12345678';
let fake: FakeHubspot;
beforeAll(async () => {
  fake = await startFakeHubspot({ quiet: true });
});
afterAll(async () => fake.close());
beforeEach(() => fake.reset());

/** The gateway's environment in memory, the API pointed at the fake; each call a fresh one unless shared. */
function env(overrides: Partial<Settings> = {}): GatewayEnv {
  return memoryGatewayEnv(fake.httpUrl, { token: TOKENS.valid, userName: 'MK', ...overrides }).env;
}

const portal = () => fake.state.portal(PORTAL)!;
const props = (id: string) => portal().contacts.get(id)!.properties;
const blocks = (id: string) => (props(id).post_sperre_marken ?? '').split(';').filter(Boolean).sort();
const log = (id: string) => props(id).grund_post_sperre ?? '';
const patches = () => fake.requests.filter((r) => r.kind === 'api' && r.method === 'PATCH');

/** An import replaces the block property (the fake's import road: sourceType IMPORT, no reason), ten minutes ago. */
function importWrite(id: string, value: string, importId = 'import-901'): string {
  const at = new Date(Date.now() - 10 * 60_000).toISOString();
  const done = applyRoad(portal(), portal().contacts.get(id)!, { road: 'import', properties: { post_sperre_marken: value }, sourceId: importId, at });
  if ('errors' in done) throw new Error(JSON.stringify(done.errors));
  return at;
}

async function findings(id: string, e: GatewayEnv = env()): Promise<LedgerFinding[]> {
  const view = await getContactView(await GatewaySession.open(e, new AbortController().signal), PORTAL, id);
  return ledgerOfView(view).findings;
}

function deps(e: GatewayEnv, extra: Partial<ResolveDeps> = {}): ResolveDeps {
  return { openSession: () => GatewaySession.open(e, new AbortController().signal), ...extra };
}

async function resolve(id: string, finding: LedgerFinding, action: LedgerAction, reason = 'Kundin hat nicht widerrufen', e = env()) {
  const [result] = await resolveLedgerFindings({ portalId: PORTAL, items: [{ contactId: id, finding, action }], reason }, deps(e));
  return result!;
}

describe('restoring a block an import lifted', () => {
  it('sets the brand again in one write, names the import in the log entry, and the finding is gone', async () => {
    importWrite('101', 'marke_a'); // the import lifts Marke C
    const [lifted] = await findings('101');
    expect(lifted).toMatchObject({ kind: 'lifted-without-reason', brand: 'marke_c', sourceType: 'IMPORT', sourceId: 'import-901' });
    const before = log('101');
    fake.requests.length = 0;

    expect(await resolve('101', lifted!, 'restore')).toEqual({ contactId: '101', brand: 'marke_c', kind: 'lifted-without-reason', ok: true, outcome: 'restored' });
    expect(blocks('101')).toEqual(['marke_a', 'marke_c']);
    expect(patches()).toHaveLength(1);
    expect(log('101').startsWith(before)).toBe(true);
    const [entry] = parseReasonLog(log('101').slice(before.length)).entries;
    expect(entry).toMatchObject({ added: ['Marke C'], removed: [], by: 'MK' });
    expect(entry!.reason).toContain('Import (import-901)');
    expect(entry!.reason).toContain('Kundin hat nicht widerrufen');
    expect(await findings('101')).toEqual([]);
  });

  it('costs 4 requests once the connection is known: the read with history, then the save (read, write, view)', async () => {
    importWrite('101', 'marke_a');
    const e = env();
    const [lifted] = await findings('101', e);
    fake.requests.length = 0;
    await resolve('101', lifted!, 'restore', 'Brief', e);
    expect(fake.requests.filter((r) => r.kind === 'api').map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /crm/v3/objects/contacts/101',
      'GET /crm/v3/objects/contacts/101',
      'PATCH /crm/v3/objects/contacts/101',
      'GET /crm/v3/objects/contacts/101',
    ]);
  });

  it("a colleague's edit racing the restore survives beside it (their block and their log line)", async () => {
    importWrite('101', 'marke_a');
    const [lifted] = await findings('101');
    fake.faults.add({
      match: { method: 'PATCH', pathPrefix: '/crm/v3/objects/contacts/101' },
      times: 1,
      interleave: { addTokens: { post_sperre_marken: ['marke_b'] }, appendLines: { grund_post_sperre: 'JB: +Marke B, Brief' }, userId: 23456 },
    });
    const result = await resolve('101', lifted!, 'restore');
    expect(result).toMatchObject({ ok: true, outcome: 'restored', kept: 1 });
    expect(blocks('101')).toEqual(['marke_a', 'marke_b', 'marke_c']);
    expect(log('101').split('\n').filter((l) => l === 'JB: +Marke B, Brief')).toHaveLength(1);
    expect(parseReasonLog(log('101')).entries.filter((e) => e.reason.includes('Kundin hat nicht widerrufen'))).toHaveLength(1);
    expect((await findings('101')).some((f) => f.kind === 'lifted-without-reason' && f.brand === 'marke_c')).toBe(false);
  });

  it('never lifts anything: a brand the restore does not name keeps what HubSpot holds', async () => {
    importWrite('101', 'marke_a');
    const [lifted] = await findings('101');
    // Between the ledger's read and the restore, someone blocks Galerie West.
    portal().applyWrite(portal().contacts.get('101')!, { post_sperre_marken: 'marke_a;galerie_west' }, { sourceType: 'CRM_UI', updatedByUserId: 23456 });
    await resolve('101', lifted!, 'restore');
    expect(blocks('101')).toEqual(['galerie_west', 'marke_a', 'marke_c']);
  });

  it('already blocked again meanwhile: only the log entry is written (moot), and the finding is gone', async () => {
    importWrite('101', 'marke_a');
    const [lifted] = await findings('101');
    portal().applyWrite(portal().contacts.get('101')!, { post_sperre_marken: 'marke_a;marke_c' }, { sourceType: 'API' });
    fake.requests.length = 0;
    expect(await resolve('101', lifted!, 'restore')).toMatchObject({ ok: true, outcome: 'moot' });
    expect(blocks('101')).toEqual(['marke_a', 'marke_c']);
    expect(patches()).toHaveLength(1);
    expect((patches()[0]!.body as { properties: Record<string, string> }).properties).not.toHaveProperty('post_sperre_marken');
    expect(parseReasonLog(log('101')).entries.at(-1)).toMatchObject({ added: [], removed: [] });
    expect((await findings('101')).some((f) => f.kind === 'lifted-without-reason')).toBe(false);
  });

  it('set again and lifted again since: the later lift is not overwritten (conflict, nothing written)', async () => {
    importWrite('101', 'marke_a');
    const [lifted] = await findings('101');
    const c = portal().contacts.get('101')!;
    portal().applyWrite(c, { post_sperre_marken: 'marke_a;marke_c' }, { sourceType: 'API' });
    portal().applyWrite(c, { post_sperre_marken: 'marke_a' }, { sourceType: 'CRM_UI', updatedByUserId: 23456 });
    fake.requests.length = 0;
    const result = await resolve('101', lifted!, 'restore');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.kind).toBe('conflict');
    expect(patches()).toHaveLength(0);
    expect(blocks('101')).toEqual(['marke_a']);
  });

  it('resolved meanwhile (another tab): nothing is written the second time', async () => {
    importWrite('101', 'marke_a');
    const [lifted] = await findings('101');
    await resolve('101', lifted!, 'restore');
    fake.requests.length = 0;
    expect(await resolve('101', lifted!, 'restore')).toMatchObject({ ok: true, outcome: 'already-resolved' });
    expect(patches()).toHaveLength(0);
  });
});

describe('confirming a change', () => {
  it('appends one log entry and changes nothing else; the finding is gone', async () => {
    importWrite('101', 'marke_a');
    const [lifted] = await findings('101');
    const before = log('101');
    fake.requests.length = 0;
    expect(await resolve('101', lifted!, 'confirm', 'Import der Abmeldungen war richtig')).toMatchObject({ ok: true, outcome: 'confirmed' });
    expect(blocks('101')).toEqual(['marke_a']);
    expect(patches()).toHaveLength(1);
    expect(Object.keys((patches()[0]!.body as { properties: Record<string, string> }).properties)).toEqual(['grund_post_sperre']);
    const added = log('101').slice(before.length);
    expect(parseReasonLog(added).entries).toHaveLength(1);
    expect(parseReasonLog(added).entries[0]!.reason).toContain('Import der Abmeldungen war richtig');
    expect(await findings('101')).toEqual([]);
  });

  it("a block change racing the confirm is never overwritten: the log-only write leaves the blocks out", async () => {
    importWrite('101', 'marke_a');
    const [lifted] = await findings('101');
    fake.faults.add({
      match: { method: 'PATCH', pathPrefix: '/crm/v3/objects/contacts/101' },
      times: 1,
      interleave: { removeTokens: { post_sperre_marken: ['marke_a'] }, appendLines: { grund_post_sperre: 'JB: -Marke A, Widerruf' }, userId: 23456 },
    });
    await resolve('101', lifted!, 'confirm');
    expect(blocks('101')).toEqual([]);
    expect(log('101')).toContain('JB: -Marke A, Widerruf');
  });

  it('a block set without a reason (seed contact 104, by an import) is confirmed, not restored', async () => {
    const [set] = await findings('104');
    expect(set).toMatchObject({ kind: 'set-without-reason', brand: 'marke_a' });
    const refused = await resolve('104', set!, 'restore');
    expect(refused.ok).toBe(false);
    expect(await resolve('104', set!, 'confirm')).toMatchObject({ ok: true, outcome: 'confirmed' });
    expect(blocks('104')).toEqual(['marke_a']);
    expect(await findings('104')).toEqual([]);
  });
});

describe('many contacts (the options page)', () => {
  it('one item after the other through the per-contact queue, with progress; a failing item does not stop the rest', async () => {
    importWrite('101', 'marke_a');
    const items: LedgerResolveItem[] = [
      { contactId: '101', finding: (await findings('101'))[0]!, action: 'restore' },
      { contactId: '104', finding: (await findings('104'))[0]!, action: 'restore' }, // not restorable
      { contactId: '112', finding: (await findings('112'))[0]!, action: 'confirm' },
    ];
    const queue = new KeyedQueue();
    const keys: string[] = [];
    const progress: Progress[] = [];
    const results = await resolveLedgerFindings(
      { portalId: PORTAL, items, reason: 'Abgleich mit den Akten' },
      deps(env(), { runForContact: (id, task) => (keys.push(id), queue.run(id, task)), progress: (p) => progress.push(p) }),
    );
    expect(results.map((r) => [r.contactId, r.ok])).toEqual([
      ['101', true],
      ['104', false],
      ['112', true],
    ]);
    expect(keys).toEqual(['101', '104', '112']);
    expect(progress.map((p) => p.done)).toEqual([0, 1, 2, 3]);
    expect(progress.at(-1)!.total).toBe(3);
  });

  it('cancel stops before the next contact; the write already started is finished', async () => {
    importWrite('101', 'marke_a');
    importWrite('103', 'kunstmeile_nord;kunstmeile_sued');
    const items: LedgerResolveItem[] = [
      { contactId: '101', finding: (await findings('101'))[0]!, action: 'restore' },
      { contactId: '103', finding: (await findings('103'))[0]!, action: 'restore' },
    ];
    const controller = new AbortController();
    const run = resolveLedgerFindings(
      { portalId: PORTAL, items, reason: 'Abgleich' },
      deps(env(), { signal: controller.signal, runForContact: async (_id, task) => task().finally(() => controller.abort()) }),
    );
    await expect(run).rejects.toThrow(expect.objectContaining({ name: 'AbortError' }));
    expect(blocks('101')).toEqual(['marke_a', 'marke_c']);
    expect(blocks('103')).toEqual(['kunstmeile_nord', 'kunstmeile_sued']);
  });

  it('refuses a blank reason and a missing author before reading anything', async () => {
    importWrite('101', 'marke_a');
    const [lifted] = await findings('101');
    fake.requests.length = 0;
    await expect(resolveLedgerFindings({ portalId: PORTAL, items: [{ contactId: '101', finding: lifted!, action: 'restore' }], reason: '  ' }, deps(env()))).rejects.toBeInstanceOf(GatewayError);
    expect(fake.requests).toHaveLength(0);
    const [noAuthor] = await resolveLedgerFindings({ portalId: PORTAL, items: [{ contactId: '101', finding: lifted!, action: 'restore' }], reason: 'x' }, deps(env({ userName: '' })));
    expect(noAuthor).toMatchObject({ ok: false, error: { kind: 'not-configured' } });
    expect(patches()).toHaveLength(0);
  });
});

describe('through the port', () => {
  const CONTACT_PAGE = `https://app-eu1.hubspot.com/contacts/${PORTAL}/record/0-1/101`;
  const OTHER_PORTAL_PAGE = 'https://app-eu1.hubspot.com/contacts/87654321/record/0-1/201';

  it("the contact panel (a content script) may call it for its tab's portal, the options page for any; another portal's page is refused", async () => {
    importWrite('101', 'marke_a');
    importWrite('103', 'kunstmeile_nord');
    const handlers = createContactHandlers({ ...env(), openOptionsPage: async () => undefined });
    const message = async (id: string) => ({
      method: 'resolveLedgerFindings',
      args: { portalId: PORTAL, items: [{ contactId: id, finding: (await findings(id))[0]!, action: 'confirm' }], reason: 'Geprüft' },
    });
    const for101 = await message('101');
    const fromPanel = await callThroughPort(handlers, for101, CONTACT_PAGE);
    expect(fromPanel).toMatchObject({ ok: true, value: [{ contactId: '101', ok: true, outcome: 'confirmed' }] });
    const fromOptions = await callThroughPort(handlers, await message('103'), OPTIONS_PAGE);
    expect(fromOptions).toMatchObject({ ok: true, value: [{ contactId: '103', ok: true, outcome: 'confirmed' }] });
    fake.requests.length = 0;
    const fromOtherPortal = await callThroughPort(handlers, for101, OTHER_PORTAL_PAGE);
    expect(fromOtherPortal).toMatchObject({ ok: false, error: { kind: 'portal-mismatch' } });
    expect(patches()).toHaveLength(0);
  });

  it('refuses an unknown action or a malformed finding before any handler runs', async () => {
    importWrite('101', 'marke_a');
    const [lifted] = await findings('101');
    const handlers = createContactHandlers({ ...env(), openOptionsPage: async () => undefined });
    fake.requests.length = 0;
    const wrongAction = await callThroughPort(handlers, { method: 'resolveLedgerFindings', args: { portalId: PORTAL, items: [{ contactId: '101', finding: lifted, action: 'lift' }], reason: 'x' } });
    expect(wrongAction.ok).toBe(false);
    const noKind = await callThroughPort(handlers, { method: 'resolveLedgerFindings', args: { portalId: PORTAL, items: [{ contactId: '101', finding: { ...lifted, kind: 'gone' }, action: 'confirm' }], reason: 'x' } });
    expect(noKind.ok).toBe(false);
    expect(fake.requests).toHaveLength(0);
  });
});
