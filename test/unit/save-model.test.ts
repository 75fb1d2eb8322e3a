// @vitest-environment node
// Model-based test of the block write path: several actors interleave against the fake HubSpot
// in every order fast-check's scheduler can produce. Two panels in one background (two tabs),
// another API user and HubSpot's own sidebar edit the same contact; panels open editors, toggle
// brands, save (once or with a double click), refresh under an open editor; HubSpot answers some
// requests with 429, 5xx, a dropped connection before or after the write landed. Every HTTP
// request and every wait is a scheduling point, so a write can land between any read and write.
//
// Invariants after every run:
// - a brand someone blocked stays blocked unless someone tried to lift it (and vice versa);
//   a brand no one touched keeps its first state;
// - every line the reason log ever held is still there, exactly once;
// - a panel's log entry names only brands its user toggled;
// - a panel whose view was read after the last change shows HubSpot's state;
// - the ledger (issue 14): an import lifts or sets blocks without a reason; a panel restores a lifted
//   block or confirms a change (resolveLedgerFindings). A restore is a block intent for its brand
//   (so the first invariant covers "a restore never lifts anything"), a confirm changes no brand;
//   their log entries name at most the restored brand; a resolution that succeeded leaves its
//   finding resolved for good.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BRANDS, demoPortalSeed, demoTokens, inProcessFakeHubspot, TOKENS, type InProcessFakeHubspot, type Seed } from '../fake-hubspot/index';
import { otherWrite } from '../fake-hubspot/server';
import { applyRoad } from '../fake-hubspot/roads';
import { ledgerOfView } from '../../lib/contactLedger';
import { findingKey, type LedgerAction, type LedgerFinding } from '../../lib/domain/ledger';
import type { HistoryEntry } from '../../lib/domain/types';
import { createHubspotApi, type HubspotApi } from '../../lib/hubspot/api';
import { memoryCache } from '../../lib/hubspot/cache';
import type { Clock } from '../../lib/hubspot/clock';
import { createContactHandlers } from '../../lib/gateway/handlers';
import type { ConnectionInfo } from '../../lib/gateway/session';
import type { CallContext } from '../../lib/port/contract';
import { parseSettings, type Settings } from '../../lib/settings';
import { parseBlockValue } from '../../lib/domain/blocks';
import { applyIntent, NO_INTENT, toggleIntent, type BlockIntent } from '../../lib/domain/intent';
import { parseReasonLine } from '../../lib/domain/reasonLog';
import type { ContactView } from '../../lib/messaging';
import { GatewayError } from '../../lib/hubspot/errors';
import { translator } from '../../lib/i18n';
import { BrandChoiceStore, memoryChoicesItem } from '../../lib/gateway/brandChoices';

const PORTAL = '12345678';
const CONTACT = '101';
const BLOCK = 'post_sperre_marken';
const REASON = 'grund_post_sperre';
const BRAND_VALUES = ['marke_a', 'marke_b', 'marke_c'] as const;
type BrandValue = (typeof BRAND_VALUES)[number];
const LABEL = Object.fromEntries(BRANDS.map((b) => [b.value, b.label])) as Record<string, string>;
const RUNS = Number(process.env.SAVE_MODEL_RUNS ?? 10_000);

function seed(): Seed {
  const portal = demoPortalSeed();
  const contacts = (portal.contacts as { id: string }[]).filter((c) => c.id === CONTACT);
  return { name: 'save-model', portals: [{ ...portal, contacts: contacts as typeof portal.contacts, lists: [] }], tokens: demoTokens() };
}

type OpStatus = 'pending' | 'ok' | 'failed';
interface Op {
  who: string;
  /** brand → true (block) / false (lift), as the user meant it. */
  intent: Map<string, boolean>;
  reason: string;
  status: OpStatus;
  /** A restore or confirm of a ledger finding. */
  ledger?: { finding: LedgerFinding; action: LedgerAction };
}

/** One browser tab's contact panel and its editor, as the component drives the gateway. */
class Panel {
  view: ContactView | null = null;
  editing = false;
  saving = false;
  /** What the user toggled, as the editor keeps it. */
  intent: BlockIntent = NO_INTENT;
  constructor(readonly name: string) {}
}

/** The user's intent as brand → wanted state, for the invariants. */
function wanted(intent: BlockIntent): Map<string, boolean> {
  return new Map([...intent.add.map((b) => [b, true] as const), ...intent.remove.map((b) => [b, false] as const)]);
}

/** What the runs went through, so the test shows it reached the hard cases. */
const seen = { savedOk: 0, conflicts: 0, racesRepaired: 0, moot: 0, failedSaves: 0, faultsHit: 0, restored: 0, confirmed: 0 };

class World {
  readonly panels = [new Panel('p1'), new Panel('p2')];
  readonly ops: Op[] = [];
  readonly pending: Promise<unknown>[] = [];
  private seq = 0;
  readonly handlers: ReturnType<typeof createContactHandlers>;
  readonly initialBlocks: Set<string>;

  constructor(
    readonly fake: InProcessFakeHubspot,
    readonly s: fc.Scheduler,
  ) {
    let now = 0;
    const clock: Clock = {
      now: () => now,
      sleep: (ms) => {
        now += ms;
        return s.schedule(Promise.resolve(), `wait ${ms} ms`);
      },
    };
    const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
      const path = new URL(String(input)).pathname;
      await s.schedule(Promise.resolve(), `→ ${init?.method ?? 'GET'} ${path}`);
      const res = await fake.fetch(input, init);
      await s.schedule(Promise.resolve(), `← ${res.status}`);
      return res;
    }) as typeof globalThis.fetch;
    let settings: Settings = parseSettings({ token: TOKENS.valid, userName: 'MK' });
    let connection: ConnectionInfo | null = null;
    let api: HubspotApi | undefined;
    this.handlers = createContactHandlers({
      loadSettings: async () => settings,
      storeSettings: async (v) => {
        settings = v;
      },
      loadConnection: async () => connection,
      storeConnection: async (c) => {
        connection = c;
      },
      cache: memoryCache(),
      apiFor: (st) => (api ??= createHubspotApi({ token: st.token, baseUrl: fake.baseUrl, fetch, clock, random: () => 0.5 })),
      openOptionsPage: async () => undefined,
      clock,
      brandChoices: new BrandChoiceStore(memoryChoicesItem()),
    });
    this.initialBlocks = new Set(this.blocks());
  }

  contact() {
    return this.fake.state.portal(PORTAL)!.contacts.get(CONTACT)!;
  }
  blocks(): string[] {
    return parseBlockValue(this.contact().properties[BLOCK]);
  }

  ctx(): CallContext {
    return { signal: new AbortController().signal, progress: () => undefined, sender: { fromExtensionPage: false }, tr: translator('de') };
  }

  track(p: Promise<unknown>): void {
    this.pending.push(p.catch(() => undefined));
  }

  nextReason(who: string): string {
    return `${who}-r${++this.seq}`;
  }

  refresh(panel: Panel): void {
    this.track(
      this.handlers.getContactView({ portalId: PORTAL, contactId: CONTACT }, this.ctx()).then((v) => {
        panel.view = v;
      }),
    );
  }

  other(who: 'api' | 'sidebar', brand: BrandValue, block: boolean): void {
    const reason = this.nextReason(who);
    const c = this.contact();
    const portal = this.fake.state.portal(PORTAL)!;
    otherWrite(portal, c, {
      ...(block ? { addTokens: { [BLOCK]: [brand] } } : { removeTokens: { [BLOCK]: [brand] } }),
      appendLines: { [REASON]: `${reason}: ${block ? '+' : '-'}${brand}` },
      sourceType: who === 'sidebar' ? 'CRM_UI' : 'INTEGRATION',
    });
    this.ops.push({ who, intent: new Map([[brand, block]]), reason, status: 'ok' });
    // After a sidebar save the page re-reads the contact under any open editor.
    if (who === 'sidebar') for (const p of this.panels) if (p.view) this.refresh(p);
  }

  /** An import file replaces the block property: no reason, whatever it lifts or sets (an empty cell
   *  would leave the value alone, so the model imports at least one brand). */
  importBlocks(values: readonly BrandValue[]): void {
    const done = applyRoad(this.fake.state.portal(PORTAL)!, this.contact(), { road: 'import', properties: { [BLOCK]: values.join(';') } });
    if ('errors' in done) throw new Error(JSON.stringify(done.errors));
    this.ops.push({ who: 'import', intent: new Map(BRAND_VALUES.map((b) => [b, values.includes(b)])), reason: '', status: 'ok' });
    // Someone looks at the contact after the import (the panels read it again).
    for (const p of this.panels) if (p.view) this.refresh(p);
  }

  /** HubSpot's history of the two properties as the contact view carries it. */
  history(): HistoryEntry[] {
    const c = this.contact();
    const of = (name: string, property: HistoryEntry['property']) =>
      (c.history[name] ?? []).map((h) => ({ property, value: h.value ?? null, timestamp: h.timestamp, sourceType: h.sourceType, ...(h.sourceId ? { sourceId: h.sourceId } : {}) }));
    return [...of(BLOCK, 'blocks'), ...of(REASON, 'reason')];
  }
}

// ---- the ledger notice as the panel drives it (components/LedgerNotices.tsx) ----

function resolveFinding(w: World, p: Panel, action: LedgerAction, pick: number): void {
  if (!p.view || p.saving) return;
  const open = ledgerOfView(p.view).findings.filter((f) => (action === 'restore' ? f.kind === 'lifted-without-reason' : f.kind !== 'history-incomplete'));
  const finding = open[pick % Math.max(open.length, 1)];
  if (!finding) return;
  const reason = w.nextReason(p.name);
  const op: Op = { who: p.name, intent: action === 'restore' ? new Map([[finding.brand!, true]]) : new Map(), reason, status: 'pending', ledger: { finding, action } };
  w.ops.push(op);
  p.saving = true;
  w.track(
    w.handlers.resolveLedgerFindings({ portalId: PORTAL, items: [{ contactId: CONTACT, finding, action }], reason }, w.ctx()).then(
      ([r]) => {
        op.status = r?.ok ? 'ok' : 'failed';
        if (r?.ok && r.outcome === 'restored') seen.restored++;
        if (r?.ok && r.outcome === 'confirmed') seen.confirmed++;
        p.saving = false;
        w.refresh(p);
      },
      () => {
        op.status = 'failed';
        p.saving = false;
      },
    ),
  );
}

// ---- the editor as the component drives it (components/BlockEditor.tsx) ----

function openEditor(w: World, p: Panel): void {
  if (!p.view || p.editing) return;
  p.editing = true;
  p.intent = NO_INTENT;
}

function toggle(w: World, p: Panel, brand: BrandValue): void {
  openEditor(w, p);
  if (!p.editing || !p.view || p.saving) return;
  // The checkbox shows the intent applied to the contact as last read; a click flips what it shows.
  const shown = applyIntent(p.view.blocked, p.intent).next;
  p.intent = toggleIntent(p.intent, p.view.blocked, brand, !shown.includes(brand));
}

function save(w: World, p: Panel, times: 1 | 2): void {
  if (!p.editing || !p.view || p.saving) return;
  const plan = applyIntent(p.view.blocked, p.intent);
  if (plan.added.length + plan.removed.length === 0) return; // the editor says "no change"
  const reason = w.nextReason(p.name);
  p.saving = true;
  // A double click sends the same save twice: the editor gives both the same id.
  const saveId = `${p.name}:${reason}`;
  for (let i = 0; i < times; i++) {
    const op: Op = { who: p.name, intent: wanted(p.intent), reason, status: 'pending' };
    w.ops.push(op);
    w.track(
      w.handlers
        .saveBlockChange(
          { portalId: PORTAL, contactId: CONTACT, change: { add: p.intent.add, remove: p.intent.remove, reason }, expected: { add: plan.added, remove: plan.removed }, saveId },
          w.ctx(),
        )
        .then(
          (outcome) => {
            op.status = 'ok';
            seen.savedOk++;
            if (outcome.kept.length) seen.racesRepaired++;
            if (outcome.moot.length) seen.moot++;
            if (outcome.view) p.view = outcome.view;
            p.editing = false;
            p.saving = false;
          },
          async (e: unknown) => {
            op.status = 'failed';
            seen.failedSaves++;
            p.saving = false;
            // After a conflict the panel shows HubSpot's state; the editor keeps the intent.
            if (e instanceof GatewayError && e.kind === 'conflict') {
              seen.conflicts++;
              p.view = await w.handlers.getContactView({ portalId: PORTAL, contactId: CONTACT }, w.ctx());
            }
          },
        ),
    );
  }
}

// ---- commands ----

type Cmd =
  | { t: 'open'; p: 0 | 1 }
  | { t: 'toggle'; p: 0 | 1; brand: BrandValue }
  | { t: 'save'; p: 0 | 1; times: 1 | 2 }
  | { t: 'refresh'; p: 0 | 1 }
  | { t: 'cancel'; p: 0 | 1 }
  | { t: 'other'; who: 'api' | 'sidebar'; brand: BrandValue; block: boolean }
  | { t: 'import'; brands: BrandValue[] }
  | { t: 'ledger'; p: 0 | 1; action: LedgerAction; pick: number }
  | { t: 'fault'; method: 'PATCH' | 'GET'; kind: '429' | '503' | '500-after' | 'drop-after' | 'drop' };

class Act implements fc.AsyncCommand<object, World> {
  constructor(readonly c: Cmd) {}
  check(): boolean {
    return true;
  }
  async run(_m: object, w: World): Promise<void> {
    const c = this.c;
    const p = 'p' in c ? w.panels[c.p]! : undefined;
    switch (c.t) {
      case 'open':
        return openEditor(w, p!);
      case 'toggle':
        return toggle(w, p!, c.brand);
      case 'save':
        return save(w, p!, c.times);
      case 'refresh':
        return w.refresh(p!);
      case 'cancel':
        if (!p!.saving) p!.editing = false;
        return;
      case 'other':
        return w.other(c.who, c.brand, c.block);
      case 'import':
        return w.importBlocks(c.brands);
      case 'ledger':
        return resolveFinding(w, p!, c.action, c.pick);
      case 'fault': {
        const match = { method: c.method, pathPrefix: `/crm/v3/objects/contacts/${CONTACT}` };
        const spec =
          c.kind === '429'
            ? { rateLimit: 'TEN_SECONDLY_ROLLING' as const }
            : c.kind === '503'
              ? { status: 503 }
              : c.kind === '500-after'
                ? { status: 500, after: true }
                : c.kind === 'drop-after'
                  ? { drop: true, after: true }
                  : { drop: true };
        w.fake.faults.add({ match, times: 1, ...spec });
        return;
      }
    }
  }
  toString(): string {
    return JSON.stringify(this.c);
  }
}

const panelIdx = fc.constantFrom<0 | 1>(0, 1);
const brand = fc.constantFrom(...BRAND_VALUES);
const act = <C extends Cmd>(a: fc.Arbitrary<C>) => a.map((c) => new Act(c));
const commands = fc.commands(
  [
    act(fc.record({ t: fc.constant('toggle' as const), p: panelIdx, brand })),
    act(fc.record({ t: fc.constant('toggle' as const), p: panelIdx, brand })),
    act(fc.record({ t: fc.constant('toggle' as const), p: panelIdx, brand })),
    act(fc.record({ t: fc.constant('save' as const), p: panelIdx, times: fc.constantFrom<1 | 2>(1, 1, 2) })),
    act(fc.record({ t: fc.constant('save' as const), p: panelIdx, times: fc.constantFrom<1 | 2>(1, 1, 2) })),
    act(fc.record({ t: fc.constant('refresh' as const), p: panelIdx })),
    act(fc.record({ t: fc.constant('open' as const), p: panelIdx })),
    act(fc.record({ t: fc.constant('cancel' as const), p: panelIdx })),
    act(fc.record({ t: fc.constant('other' as const), who: fc.constantFrom<'api' | 'sidebar'>('api', 'sidebar'), brand, block: fc.boolean() })),
    act(fc.record({ t: fc.constant('import' as const), brands: fc.subarray([...BRAND_VALUES], { minLength: 1 }) })),
    act(fc.record({ t: fc.constant('ledger' as const), p: panelIdx, action: fc.constantFrom<LedgerAction>('restore', 'confirm'), pick: fc.nat(3) })),
    act(fc.record({ t: fc.constant('ledger' as const), p: panelIdx, action: fc.constantFrom<LedgerAction>('restore', 'confirm'), pick: fc.nat(3) })),
    act(
      fc.record({
        t: fc.constant('fault' as const),
        method: fc.constantFrom<'PATCH' | 'GET'>('PATCH', 'PATCH', 'GET'),
        kind: fc.constantFrom<'429' | '503' | '500-after' | 'drop-after' | 'drop'>('429', '503', '500-after', 'drop-after', 'drop'),
      }),
    ),
  ],
  { maxCommands: 20 },
);

function checkInvariants(w: World): void {
  const final = new Set(w.blocks());
  for (const b of BRAND_VALUES) {
    const on = w.ops.filter((o) => o.intent.get(b) === true);
    const off = w.ops.filter((o) => o.intent.get(b) === false);
    const okOn = on.some((o) => o.status === 'ok');
    const okOff = off.some((o) => o.status === 'ok');
    if (off.length === 0 && (okOn || w.initialBlocks.has(b))) expect(final.has(b), `${b} was blocked and no one lifted it`).toBe(true);
    if (on.length === 0 && (okOff || !w.initialBlocks.has(b))) expect(final.has(b), `${b} was lifted and no one blocked it`).toBe(false);
  }

  const text = w.contact().properties[REASON] ?? '';
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const ever = new Set<string>();
  for (const h of w.contact().history[REASON] ?? []) for (const l of (h.value ?? '').split('\n')) if (l.trim() !== '') ever.add(l);
  for (const l of ever) expect(lines.filter((x) => x === l).length, `log line kept once: ${l}`).toBe(1);

  for (const l of lines) {
    const entry = parseReasonLine(l);
    if (!entry) continue;
    // A ledger entry's reason is the ledger's text ending in the user's reason.
    const op = w.ops.find((o) => o.reason === entry.reason || (o.ledger && entry.reason.endsWith(`: ${o.reason}`)));
    if (!op) continue;
    const labels = (want: boolean) => [...op.intent].filter(([, v]) => v === want).map(([k]) => LABEL[k]);
    for (const a of entry.added) expect(labels(true), `${op.who} credited with blocking ${a}`).toContain(a);
    for (const r of entry.removed) expect(labels(false), `${op.who} credited with lifting ${r}`).toContain(r);
  }

  // A restore or confirm that succeeded leaves its finding resolved (its log entry is kept).
  const stillOpen = new Set(ledgerOfView({ contactId: CONTACT, history: w.history(), brands: BRANDS.map((b, i) => ({ value: b.value, label: b.label, hidden: b.hidden, known: true, displayOrder: i })), blocked: w.blocks(), reasonText: text }).findings.map(findingKey));
  for (const o of w.ops) if (o.ledger && o.status === 'ok') expect(stillOpen.has(findingKey(o.ledger.finding)), `${o.who}'s ${o.ledger.action} left its finding open`).toBe(false);

  const newest = (w.contact().history[BLOCK]?.[0]?.timestamp ?? '') + (w.contact().history[REASON]?.[0]?.timestamp ?? '');
  for (const p of w.panels) {
    if (!p.view) continue;
    const seenNewest = (p.view.history.find((h) => h.property === 'blocks')?.timestamp ?? '') + (p.view.history.find((h) => h.property === 'reason')?.timestamp ?? '');
    if (seenNewest !== newest) continue;
    expect(new Set(p.view.blocked), `${p.name} shows HubSpot's blocks`).toEqual(final);
    expect(p.view.reasonText, `${p.name} shows HubSpot's reason log`).toBe(text);
  }
}

describe('block writes under every interleaving (model-based)', () => {
  const fake = inProcessFakeHubspot({ seed: seed(), rateLimit: false });

  it(`keeps every block and every log entry (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), commands, async (s, cmds) => {
        fake.reset();
        const w = new World(fake, s);
        // Both tabs show the contact before anything happens.
        for (const p of w.panels) w.refresh(p);
        await s.waitFor(Promise.all(w.pending));
        await fc.scheduledModelRun(s, () => ({ model: {}, real: w }), cmds);
        while (true) {
          const n = w.pending.length;
          await s.waitFor(Promise.all(w.pending));
          await s.waitIdle();
          if (w.pending.length === n && s.count() === 0) break;
        }
        seen.faultsHit += w.fake.requests.filter((r) => r.status === 0 || r.status === 429 || r.status >= 500).length;
        checkInvariants(w);
      }),
      { numRuns: RUNS },
    );
    // The runs reached every hard case: races repaired, conflicts, moot toggles, failed writes.
    console.log(`save model: ${JSON.stringify(seen)}`);
    for (const [k, v] of Object.entries(seen)) expect(v, k).toBeGreaterThan(0);
  }, 600_000);
});
