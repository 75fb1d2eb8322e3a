// @vitest-environment node
// The port protocol between pages and the gateway: one port per call, progress before the answer,
// the caller's disconnect aborts the work, content scripts reach only their methods.
import { describe, expect, it } from 'vitest';
import { handlePort } from '../../lib/background/router';
import { GatewayError } from '../../lib/hubspot/errors';
import { EXTENSION_ORIGIN, fakePort, someHandlers } from './support/port';

const ORIGIN = EXTENSION_ORIGIN;

const tick = () => new Promise((r) => setTimeout(r, 0));

const handlers = someHandlers;

describe('gateway router', () => {
  it('streams progress, then the result', async () => {
    const p = fakePort('https://app.hubspot.com/contacts/1/record/0-1/2');
    handlePort(
      p.port,
      handlers({
        auditList: async (_a, ctx) => {
          ctx.progress({ done: 1, total: 2, label: 'x' });
          return { listId: '7' } as never;
        },
      }),
      ORIGIN,
    );
    p.send({ method: 'auditList', args: { portalId: '1', listId: '7' }, lang: 'de' });
    await tick();
    expect(p.posted).toEqual([
      { type: 'progress', progress: { done: 1, total: 2, label: 'x' } },
      { type: 'result', ok: true, value: { listId: '7' } },
    ]);
  });

  it('a caller that goes away aborts the work and gets no answer', async () => {
    const p = fakePort('https://app.hubspot.com/contacts/1/record/0-1/2');
    let aborted = false;
    handlePort(
      p.port,
      handlers({
        getContactView: (_a, ctx) =>
          new Promise((_resolve, reject) => {
            ctx.signal.addEventListener('abort', () => {
              aborted = true;
              reject(new DOMException('Aborted', 'AbortError'));
            });
          }),
      }),
      ORIGIN,
    );
    p.send({ method: 'getContactView', args: { portalId: '1', contactId: '2' } });
    await tick();
    p.callerGone();
    await tick();
    expect(aborted).toBe(true);
    expect(p.posted).toEqual([]);
  });

  it('passes a GatewayError on as plain data with its kind', async () => {
    const p = fakePort('https://app.hubspot.com/contacts/1/record/0-1/2');
    handlePort(p.port, handlers({ getContactView: () => Promise.reject(new GatewayError('auth', 'Schlüssel ungültig')) }), ORIGIN);
    p.send({ method: 'getContactView', args: { portalId: '1', contactId: '2' } });
    await tick();
    expect(p.posted).toEqual([{ type: 'result', ok: false, error: { kind: 'auth', message: 'Schlüssel ungültig', detail: {} } }]);
  });

  it('keeps settings and the portal audit away from content scripts, not from the options page', async () => {
    const page = fakePort('https://app.hubspot.com/contacts/1/record/0-1/2');
    const getSettings = async () => ({ hasToken: true }) as never;
    handlePort(page.port, handlers({ getSettings }), ORIGIN);
    page.send({ method: 'getSettings', args: {} });
    await tick();
    expect(page.posted[0]).toMatchObject({ type: 'result', ok: false });

    const options = fakePort(`${ORIGIN}/options.html`);
    handlePort(options.port, handlers({ getSettings }), ORIGIN);
    options.send({ method: 'getSettings', args: {} });
    await tick();
    expect(options.posted[0]).toEqual({ type: 'result', ok: true, value: { hasToken: true } });
  });

  it('ignores ports of other names', () => {
    const p = fakePort('https://app.hubspot.com/');
    (p.port as unknown as { name: string }).name = 'something-else';
    let listened = false;
    (p.port as unknown as { onMessage: { addListener: () => void } }).onMessage.addListener = () => {
      listened = true;
    };
    handlePort(p.port, handlers({}), ORIGIN);
    expect(listened).toBe(false);
  });

  it('refuses a content script call naming another portal than its tab shows, before any handler runs', async () => {
    let ran = 0;
    const h = handlers({ getContactView: async () => (ran++, {} as never), getAuthor: async () => (ran++, null as never) });
    for (const [tabUrl, portalId] of [
      ['https://app.hubspot.com/contacts/1/record/0-1/2', '2'],
      ['https://app.hubspot.com/reports-dashboard/1/view/5', '1'],
    ] as const) {
      const p = fakePort(tabUrl);
      handlePort(p.port, h, ORIGIN);
      p.send({ method: 'getContactView', args: { portalId, contactId: '2' }, lang: 'de' });
      await tick();
      expect(p.posted).toEqual([{ type: 'result', ok: false, error: expect.objectContaining({ kind: 'portal-mismatch' }) }]);
    }
    expect(ran).toBe(0);
    const same = fakePort('https://app-eu1.hubspot.com/contacts/1/record/0-1/2');
    handlePort(same.port, h, ORIGIN);
    same.send({ method: 'getContactView', args: { portalId: '1', contactId: '2' }, lang: 'de' });
    const options = fakePort(`${ORIGIN}/options.html`);
    handlePort(options.port, h, ORIGIN);
    options.send({ method: 'getContactView', args: { portalId: '9', contactId: '2' }, lang: 'de' });
    await tick();
    expect(ran).toBe(2);
  });

  it('holds the worker while each call runs, until it settles', async () => {
    const held: Promise<unknown>[] = [];
    let finish: (v: never) => void = () => undefined;
    const p = fakePort('https://app.hubspot.com/contacts/1/record/0-1/2');
    handlePort(p.port, handlers({ auditList: () => new Promise((r) => (finish = r)) }), ORIGIN, (w) => held.push(w));
    p.send({ method: 'auditList', args: { portalId: '1', listId: '7' }, lang: 'de' });
    await tick();
    expect(held).toHaveLength(1);
    let settled = false;
    void held[0]!.then(() => (settled = true));
    await tick();
    expect(settled).toBe(false);
    finish({ listId: '7' } as never);
    await tick();
    expect(settled).toBe(true);
  });
});
