// @vitest-environment node
// The port contract (lib/port/contract.ts): the router lets through only declared methods, only
// the ones a content script may call from a content script, only arguments that fit; every
// handler answers what its declaration says (checked here against the fake HubSpot, not at run
// time); and one converter turns every failure into the data the UI shows.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAuditHandlers } from '../../lib/gateway/audit-handlers';
import { createExportHandlers } from '../../lib/gateway/export-handlers';
import { createContactHandlers } from '../../lib/gateway/handlers';
import { contractKind, ERROR_KINDS, GatewayError, toErrorData } from '../../lib/hubspot/errors';
import { messageFor } from '../../lib/hubspot/messages';
import { t } from '../../lib/i18n';
import { ledgerOfView } from '../../lib/contactLedger';
import type { ReplyMessage } from '../../lib/messaging';
import { GATEWAY_CONTRACT, type GatewayHandlers, type GatewayMethod } from '../../lib/port/contract';
import { DEMO_CONTACTS, DEMO_FAMILIES, DEMO_LISTS, DEMO_PORTAL_ID, TOKENS, startFakeHubspot, type FakeHubspot } from '../fake-hubspot/index';
import { memoryGatewayEnv } from './support/gateway-env';
import { callThroughPort, OPTIONS_PAGE } from './support/port';

let fake: FakeHubspot;
beforeAll(async () => {
  fake = await startFakeHubspot({ quiet: true });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const PORTAL = String(DEMO_PORTAL_ID);
const CONTACT_PAGE = `https://app-eu1.hubspot.com/contacts/${PORTAL}/record/0-1/101`;
const METHODS = Object.keys(GATEWAY_CONTRACT) as GatewayMethod[];

function gateway() {
  const { env } = memoryGatewayEnv(fake.httpUrl, { token: TOKENS.valid, families: DEMO_FAMILIES, userName: 'MK' });
  const handlers: GatewayHandlers = { ...createContactHandlers(env), ...createAuditHandlers(env), ...createExportHandlers(env) };
  return handlers;
}

type Result = Extract<ReplyMessage, { type: 'result' }>;
const valueOf = (r: Result) => {
  if (!r.ok) throw new Error(`${r.error.kind}: ${r.error.message}`);
  return r.value;
};

describe('the router and the contract', () => {
  it('refuses a method the contract does not declare, even when a handler of that name exists', async () => {
    let ran = 0;
    const handlers = { deleteEverything: async () => (ran++, null), getAuthor: async () => (ran++, { userName: 'x' }) } as unknown as Partial<GatewayHandlers>;
    for (const method of ['deleteEverything', 'toString', '__proto__', 'constructor', 'hasOwnProperty', undefined, 42]) {
      const reply = await callThroughPort(handlers, { method, args: {} });
      expect(reply).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    }
    expect(await callThroughPort(handlers, { method: 'getAuthor', args: {} })).toMatchObject({ ok: true });
    expect(ran).toBe(1);
  });

  it('a content script cannot call a method for extension pages only; the options page can', async () => {
    const pagesOnly = METHODS.filter((m) => !GATEWAY_CONTRACT[m].contentScript);
    expect(pagesOnly.sort()).toEqual(['getConnection', 'getPageCheck', 'getSettings', 'portalAudit', 'removeToken', 'saveSettings', 'testConnection']);
    for (const method of pagesOnly) {
      let ran = false;
      const handler = async () => ((ran = true), null as never);
      const fromTab = await callThroughPort({ [method]: handler }, { method, args: {} }, CONTACT_PAGE);
      expect(fromTab, method).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
      expect(ran, method).toBe(false);
      expect(await callThroughPort({ [method]: handler }, { method, args: {} }, OPTIONS_PAGE), method).toMatchObject({ ok: true });
      expect(ran, method).toBe(true);
    }
  });

  it('refuses arguments that do not fit as invalid-request, before any request to HubSpot, for every method', async () => {
    const handlers = gateway();
    for (const method of METHODS) {
      for (const args of [42, 'x', null, [], { portalId: `${PORTAL}/../1`, unexpected: true }]) {
        const reply = await callThroughPort(handlers, { method, args });
        expect(reply, `${method}(${JSON.stringify(args)})`).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
      }
    }
    // Wrong in one field only: the message says which, not what was sent.
    const reply = await callThroughPort(handlers, {
      method: 'saveBlockChange',
      args: { portalId: PORTAL, contactId: '101', change: { add: 'marke_b', remove: [], reason: 'Brief' }, expected: { add: ['marke_b'], remove: [] }, saveId: 's' },
    });
    expect(reply).toMatchObject({ ok: false, error: { kind: 'invalid-request', message: expect.stringContaining('change.add') } });
    expect(fake.requests).toHaveLength(0);
  });

  it('every handler answers what its declaration says (the fake HubSpot\'s answers, through the router)', async () => {
    const handlers = gateway();
    const call = async (method: GatewayMethod, args: unknown) => {
      const value = valueOf(await callThroughPort(handlers, { method, args }));
      const parsed = GATEWAY_CONTRACT[method].result.safeParse(value);
      expect(parsed.success ? null : parsed.error.issues, method).toBeNull();
      // Nothing the handler answered is missing from the schema (zod would drop it silently).
      expect(parsed.data, method).toEqual(value);
      covered.add(method);
      return value as never;
    };
    const covered = new Set<GatewayMethod>();
    await call('testConnection', {});
    await call('saveSettings', { userName: 'MK', families: DEMO_FAMILIES });
    await call('getSettings', {});
    await call('getConnection', {});
    await call('getGuardConfig', {});
    await call('getAuthor', {});
    await call('setAuthor', { userName: 'AB' });
    await call('getContactView', { portalId: PORTAL, contactId: '101' });
    await call('getUserNames', { portalId: PORTAL });
    await call('saveBlockChange', { portalId: PORTAL, contactId: '101', change: { add: ['marke_b'], remove: [], reason: 'Brief' }, expected: { add: ['marke_b'], remove: [] }, saveId: 's1' });
    // The demo's contact whose blocks an import lifted (both result shapes: done and failed).
    const lifted = ledgerOfView(await call('getContactView', { portalId: PORTAL, contactId: DEMO_CONTACTS.liftedByImport })).findings;
    const setByImport = ledgerOfView(await call('getContactView', { portalId: PORTAL, contactId: '104' })).findings;
    const resolved: { ok: boolean }[] = await call('resolveLedgerFindings', {
      portalId: PORTAL,
      items: [
        { contactId: DEMO_CONTACTS.liftedByImport, finding: lifted[0], action: 'restore' },
        { contactId: '104', finding: setByImport[0], action: 'restore' },
      ],
      reason: 'Abgleich',
    });
    expect(resolved.map((r) => r.ok)).toEqual([true, false]);
    await call('auditList', { portalId: PORTAL, listId: DEMO_LISTS.leakingDynamic });
    await call('setListBrands', { portalId: PORTAL, listId: DEMO_LISTS.leakingDynamic, brands: ['marke_a'] });
    const listPlan = await call('planListFix', { portalId: PORTAL, listId: DEMO_LISTS.leakingDynamic, brands: ['marke_a'] });
    await call('applyListFix', { portalId: PORTAL, plan: listPlan });
    const staticPlan = await call('planListFix', { portalId: PORTAL, listId: DEMO_LISTS.manualKunstmeile, brands: [] });
    await call('applyListFix', { portalId: PORTAL, plan: staticPlan });
    await call('auditWorkflow', { portalId: PORTAL, flowId: '7001' });
    await call('setFlowBrands', { portalId: PORTAL, flowId: '7001', brands: null });
    const flowPlan = await call('planWorkflowFix', { portalId: PORTAL, flowId: '7001', brands: [] });
    await call('applyWorkflowFix', { portalId: PORTAL, plan: flowPlan });
    await call('portalAudit', {});
    await call('portalAudit', { outOfScope: { listIds: ['1003'], flowIds: ['7003'] } });
    await call('getPageCheck', {});
    await call('reportPageCheck', { at: '2026-12-06T10:00:00Z', host: 'app-eu1.hubspot.com', lang: 'de', guard: { mode: 'guarding', problem: null }, hooks: [{ hook: 'leftSidebar', matched: null }] });
    await call('getPageCheck', {});
    await call('openOptions', {});
    await call('getExportSetup', { portalId: PORTAL });
    await call('runExport', { portalId: PORTAL, listId: DEMO_LISTS.manualKunstmeile, columns: ['zip', 'city'], dialect: 'excel' });
    await call('checkSegmentExport', { portalId: PORTAL, listId: DEMO_LISTS.manualKunstmeile });
    await call('removeToken', {});
    // A method added to the contract without a line here fails this test.
    expect([...covered].sort()).toEqual([...METHODS].sort());
  });
});

describe('the one error converter', () => {
  it('maps each kind once: a GatewayError keeps kind, text and detail across the port; anything else is unexpected', () => {
    for (const kind of ERROR_KINDS) {
      const detail = { status: 400, call: 'GET /x' };
      const data = toErrorData(new GatewayError(kind, 'text', detail), t);
      expect(data).toEqual({ kind, message: 'text', detail });
      expect(toErrorData(GatewayError.fromData(data), t)).toEqual(data);
      expect(messageFor(kind, {})).not.toBe('');
    }
    expect(toErrorData(new TypeError('x is undefined'), t)).toEqual({ kind: 'invalid-response', message: 'Unerwarteter Fehler: x is undefined', detail: {} });
  });

  it('shows every kind as one of the contract\'s kinds; a user\'s mistake as the nearest, with its own text', () => {
    const line = readFileSync(new URL('../../docs/contract.md', import.meta.url), 'utf8').split('\n').find((l) => l.includes('data-error-kind'))!;
    const listed = [...line.slice(line.indexOf('data-error-kind')).matchAll(/`([a-z-]+)`/g)].map((m) => m[1]);
    const shown = ERROR_KINDS.map(contractKind);
    for (const k of shown) expect(listed).toContain(k);
    expect(ERROR_KINDS.filter((k) => contractKind(k) !== k)).toEqual(['invalid-request']);
    expect(contractKind('invalid-request')).toBe('invalid-response');
    expect(messageFor('invalid-request', { call: 'setAuthor: userName' })).not.toBe(messageFor('invalid-response', { call: 'setAuthor: userName' }));
  });
});
