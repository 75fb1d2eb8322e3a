// @vitest-environment node
// One service worker serves a German HubSpot tab and the English options page at the same time:
// every call speaks its own caller's language, whatever the others ask and in whatever order the
// answers come. The call's translator goes through the router, the session, the audit and
// HubSpot's own error texts (here: the portal's daily API limit, met by every caller).
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAuditHandlers } from '../../lib/gateway/audit-handlers';
import { createExportHandlers } from '../../lib/gateway/export-handlers';
import { createContactHandlers } from '../../lib/gateway/handlers';
import type { HubspotApi } from '../../lib/hubspot/api';
import { translator, type Language } from '../../lib/i18n';
import type { GatewayHandlers } from '../../lib/port/contract';
import { DEMO_FAMILIES, DEMO_LISTS, DEMO_PORTAL_ID, TOKENS, startFakeHubspot, type FakeHubspot } from '../fake-hubspot/index';
import { memoryGatewayEnv } from './support/gateway-env';
import { callThroughPort } from './support/port';

let fake: FakeHubspot;
beforeAll(async () => {
  fake = await startFakeHubspot({ quiet: true });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const PORTAL = String(DEMO_PORTAL_ID);
const CONTACT_PAGE = `https://app-eu1.hubspot.com/contacts/${PORTAL}/record/0-1/101`;
const DAILY = { de: translator('de').t('errDailyLimit'), en: translator('en').t('errDailyLimit') };

/**
 * The gateway with one API method held: each call that reaches it waits there until the test lets
 * it go, so the test decides the order in which the calls meet HubSpot and answer.
 */
function heldGateway(held: keyof HubspotApi) {
  const { env } = memoryGatewayEnv(fake.httpUrl, { token: TOKENS.valid, families: DEMO_FAMILIES, userName: 'MK' });
  const waiting: (() => void)[] = [];
  const arrivals: (() => void)[] = [];
  const apiFor = env.apiFor.bind(env);
  env.apiFor = (settings) => {
    const api = apiFor(settings);
    return new Proxy(api, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver) as unknown;
        if (key !== held || typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          await new Promise<void>((go) => {
            waiting.push(go);
            arrivals.shift()?.();
          });
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  };
  const handlers: GatewayHandlers = { ...createContactHandlers(env), ...createAuditHandlers(env), ...createExportHandlers(env) };
  return {
    handlers,
    /** Resolves once `n` calls wait at the held method. */
    arrived: (n: number) =>
      new Promise<void>((resolve) => {
        const check = () => (waiting.length >= n ? resolve() : arrivals.push(check));
        check();
      }),
    /** Lets the i-th call that arrived go on. */
    release: (i: number) => waiting[i]!(),
  };
}

describe('a language per call', () => {
  it('a German and an English caller at once: the German one started first and answering last gets German, the English one English', async () => {
    fake.faults.add({ match: { method: 'GET', pathPrefix: '/crm/v3/objects/contacts' }, rateLimit: 'DAILY' });
    const g = heldGateway('getContact');
    const args = { portalId: PORTAL, contactId: '101' };
    const german = callThroughPort(g.handlers, { method: 'getContactView', args, lang: 'de' }, CONTACT_PAGE);
    await g.arrived(1);
    const english = callThroughPort(g.handlers, { method: 'getContactView', args, lang: 'en' }, CONTACT_PAGE);
    await g.arrived(2);
    g.release(1);
    expect(await english).toMatchObject({ ok: false, error: { kind: 'rate-limit', message: DAILY.en } });
    g.release(0);
    expect(await german).toMatchObject({ ok: false, error: { kind: 'rate-limit', message: DAILY.de } });
  });

  it('callers of both languages in any number and order each get only their own language', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom<Language>('de', 'en'), { minLength: 2, maxLength: 5 }).chain((langs) =>
          fc.tuple(fc.constant(langs), fc.shuffledSubarray([...langs.keys()], { minLength: langs.length, maxLength: langs.length })),
        ),
        async ([langs, answerOrder]) => {
          fake.reset();
          fake.faults.add({ match: { method: 'GET', pathPrefix: '/crm/v3/objects/contacts' }, rateLimit: 'DAILY' });
          const g = heldGateway('getContact');
          const replies = [];
          for (const [i, lang] of langs.entries()) {
            replies.push(callThroughPort(g.handlers, { method: 'getContactView', args: { portalId: PORTAL, contactId: '101' }, lang }, CONTACT_PAGE));
            await g.arrived(i + 1);
          }
          for (const i of answerOrder) {
            g.release(i);
            const reply = await replies[i]!;
            expect(reply).toMatchObject({ ok: false, error: { kind: 'rate-limit', message: DAILY[langs[i]!] } });
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('an audit speaks its caller\'s language in its findings, while another caller of the other language runs', async () => {
    const g = heldGateway('getProperty');
    const args = { portalId: PORTAL, listId: DEMO_LISTS.lookAlikeDynamic };
    const english = callThroughPort(g.handlers, { method: 'auditList', args, lang: 'en' }, `https://app.hubspot.com/contacts/${PORTAL}/objectLists/1003`);
    await g.arrived(1);
    const german = callThroughPort(g.handlers, { method: 'auditList', args, lang: 'de' }, `https://app.hubspot.com/contacts/${PORTAL}/objectLists/1003`);
    await g.arrived(2);
    g.release(1);
    expect(await german).toMatchObject({ ok: true, value: { leaks: [{ branchSummary: 'Post Sperre Marken ist einer von Marke B' }] } });
    g.release(0);
    expect(await english).toMatchObject({ ok: true, value: { leaks: [{ branchSummary: 'Post Sperre Marken is any of Marke B' }] } });
  });
});
