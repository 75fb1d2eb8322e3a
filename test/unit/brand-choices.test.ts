// @vitest-environment node
// The brands chosen per list and workflow (lib/gateway/brandChoices.ts): writes from several tabs
// at once never lose a choice, whatever order storage answers in; the store stays bounded.
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BrandChoiceStore, CHOICE_MAX_AGE_DAYS, CHOICE_MAX_ENTRIES, memoryChoicesItem, pruneChoices, type BrandChoices, type ChoicesItem } from '../../lib/gateway/brandChoices';
import { createAuditHandlers } from '../../lib/gateway/audit-handlers';
import { translator } from '../../lib/i18n';
import type { CallContext } from '../../lib/port/contract';
import { DEMO_FAMILIES, DEMO_LISTS, DEMO_PORTAL_ID, TOKENS, startFakeHubspot, type FakeHubspot } from '../fake-hubspot/index';
import { memoryGatewayEnv } from './support/gateway-env';

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.parse('2026-12-06T10:00:00Z');

/** A storage item whose every read and write completes when fast-check's scheduler says. */
function scheduledItem(s: fc.Scheduler): ChoicesItem & { value: BrandChoices } {
  const box = memoryChoicesItem();
  return {
    get value() {
      return box.value;
    },
    getValue: () => s.schedule(box.getValue(), 'read'),
    setValue: async (v) => {
      await s.schedule(Promise.resolve(), 'write');
      await box.setValue(v);
    },
  };
}

describe('brand choices', () => {
  it('concurrent writers (tabs) never lose each other\'s choice: after all writes, each key holds the last one asked for', async () => {
    const write = fc.record({ key: fc.constantFrom('1:1002', '1:1003', '1:flow:7001', '2:1002'), brands: fc.option(fc.subarray(['a', 'b', 'c'], { minLength: 1 }), { nil: null }) });
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.array(write, { minLength: 2, maxLength: 6 }), async (s, writes) => {
        const item = scheduledItem(s);
        const store = new BrandChoiceStore(item, () => T0);
        // Every tab asks at once; storage answers in whatever order the scheduler picks.
        const done = Promise.all(writes.map((w) => store.set(w.key, w.brands)));
        await s.waitFor(done);
        const expected: Record<string, string[]> = {};
        for (const w of writes) {
          if (w.brands) expected[w.key] = w.brands;
          else delete expected[w.key];
        }
        expect(Object.fromEntries(Object.entries(item.value).map(([k, c]) => [k, c.brands]))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('forgets a choice not used for the maximum age, keeps one used since, and stays within the maximum count', async () => {
    let now = T0;
    const item = memoryChoicesItem();
    const store = new BrandChoiceStore(item, () => now);
    await store.set('1:1002', ['a']);
    await store.set('1:1003', ['b']);
    now += (CHOICE_MAX_AGE_DAYS - 1) * DAY;
    await store.touch('1:1003'); // its panel audited with it
    now += 2 * DAY;
    expect(await store.all()).toEqual({ '1:1003': ['b'] });
    await store.set('1:1004', ['c']);
    expect(Object.keys(item.value).sort()).toEqual(['1:1003', '1:1004']);

    const many: BrandChoices = Object.fromEntries(
      Array.from({ length: CHOICE_MAX_ENTRIES + 5 }, (_, i) => [`1:${i}`, { brands: ['a'], usedAt: new Date(T0 + i * 1000).toISOString() }]),
    );
    const kept = pruneChoices(many, T0 + DAY);
    expect(Object.keys(kept)).toHaveLength(CHOICE_MAX_ENTRIES);
    // The least recently used go first.
    expect(kept['1:0']).toBeUndefined();
    expect(kept[`1:${CHOICE_MAX_ENTRIES + 4}`]).toBeDefined();
  });

  it('marks a choice as used at most once a day (an audit on its page)', async () => {
    let now = T0;
    const item = memoryChoicesItem();
    let writes = 0;
    const counting: ChoicesItem = { getValue: item.getValue, setValue: (v) => (writes++, item.setValue(v)) };
    const store = new BrandChoiceStore(counting, () => now);
    await store.set('1:1002', ['a']);
    now += 60 * 60 * 1000;
    await store.touch('1:1002');
    await store.touch('1:unknown');
    expect(writes).toBe(1);
    now += DAY;
    await store.touch('1:1002');
    expect(writes).toBe(2);
    expect(item.value['1:1002']!.usedAt).toBe(new Date(now).toISOString());
  });
});

describe('brand choices through the gateway', () => {
  let fake: FakeHubspot;
  beforeAll(async () => {
    fake = await startFakeHubspot({ quiet: true });
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  it('two tabs choosing at the same moment, one for a segment and one for a workflow: both choices are kept', async () => {
    const { env, choices } = memoryGatewayEnv(fake.httpUrl, { token: TOKENS.valid, families: DEMO_FAMILIES });
    const handlers = createAuditHandlers(env);
    const ctx = (): CallContext => ({ signal: new AbortController().signal, progress: () => undefined, sender: { fromExtensionPage: false }, tr: translator('de') });
    const portalId = String(DEMO_PORTAL_ID);
    await Promise.all([
      handlers.setListBrands({ portalId, listId: DEMO_LISTS.leakingDynamic, brands: ['marke_b'] }, ctx()),
      handlers.setFlowBrands({ portalId, flowId: '7001', brands: ['marke_c'] }, ctx()),
      handlers.setListBrands({ portalId, listId: DEMO_LISTS.snapshot, brands: ['marke_a'] }, ctx()),
    ]);
    expect(choices()).toEqual({ [`${portalId}:${DEMO_LISTS.leakingDynamic}`]: ['marke_b'], [`${portalId}:flow:7001`]: ['marke_c'], [`${portalId}:${DEMO_LISTS.snapshot}`]: ['marke_a'] });
    // And they are what the next audits use.
    expect(await handlers.auditWorkflow({ portalId, flowId: '7001' }, ctx())).toMatchObject({ brands: ['marke_c'], brandSource: 'chosen' });
    expect(await handlers.auditList({ portalId, listId: DEMO_LISTS.leakingDynamic }, ctx())).toMatchObject({ brands: ['marke_b'], brandSource: 'chosen' });
  });
});
