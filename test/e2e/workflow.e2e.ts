// Issue 11 end to end: the workflow audit panel of the built extension on the fake HubSpot's
// workflow pages (fix written with the revision read, re-planned on a stale revision; the portal's
// suppression list as the other way; the brand choice remembered per workflow), and the portal
// audit's workflows and postal scope on the options page.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { FakeList } from '../fake-hubspot/index';
import { and, DEMO_FLOWS, or, propFilter } from '../fake-hubspot/seed';
import { configure, launch, PORTAL, type Harness } from './harness';
import { apiCalls, seriousViolations } from './support';

let h: Harness;
let page: Page;

const PANEL = '[data-testid="workflow-audit-panel"]';
const FAMILIES = 'Kunstmeile: kunstmeile_nord, kunstmeile_sued, kunstmeile_ost';

beforeAll(async () => {
  h = await launch();
  await (await configure(h, { families: FAMILIES })).close();
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  h.fake.reset();
  await page?.close();
  page = await h.context.newPage();
});

const flowUrl = (flowId: string) => `https://app-eu1.hubspot.com/workflows/${PORTAL}/platform/flow/${flowId}/edit`;
const fakeFlow = (flowId: string) => h.fake.state.portal(PORTAL)!.flows.get(flowId)!;
/** An active list "Post Sperre Marke A": exactly the contacts blocked for Marke A. */
function addSuppressionListA(listId = '1023') {
  const filterBranch = or(and([propFilter('post_sperre_marken', 'ENUMERATION', 'IS_ANY_OF', ['marke_a'])]));
  h.fake.state.portal(PORTAL)!.lists.set(listId, new FakeList({ listId, name: 'Post Sperre Marke A', objectTypeId: '0-1', processingType: 'DYNAMIC', createdAt: '2025-06-01T08:00:00.000Z', filterBranch }));
}
const brandsShown = () => page.getByTestId('list-brand').evaluateAll((els) => els.map((e) => e.getAttribute('data-brand')));
const flowWrites = () => apiCalls(h.fake).filter((r) => r.method === 'PUT' && r.path.startsWith('/automation/v4/flows/'));

async function openFlow(flowId: string) {
  await page.goto(flowUrl(flowId));
  await page.locator(PANEL).waitFor();
  await page.locator(`${PANEL}:not([data-verdict="checking"])`).waitFor();
  return page.locator(PANEL);
}

describe('workflow panel', () => {
  it('shows the leaking enrolment branch, the brand and the scope, without writing anything', async () => {
    const panel = await openFlow(DEMO_FLOWS.leaking);
    expect(await panel.getAttribute('data-verdict')).toBe('leaks');
    expect(await panel.getAttribute('data-flow-id')).toBe(DEMO_FLOWS.leaking);
    expect(await page.getByTestId('list-brand').evaluateAll((els) => els.map((e) => e.getAttribute('data-brand')))).toEqual(['marke_a']);
    const leak = page.getByTestId('leak');
    expect(await leak.count()).toBe(1);
    expect(await leak.getAttribute('data-kind')).toBe('enrollment-branch');
    expect(await leak.getAttribute('data-branch')).toBe('1');
    expect(await leak.getAttribute('data-brand')).toBe('marke_a');
    expect(await leak.innerText()).toMatch(/^Aufnahme-Zweig 2 lässt für Marke A gesperrte Kontakte durch: .*Schweiz/);
    expect(await page.getByTestId('scope-status').getAttribute('data-in-scope')).toBe('unset');
    expect(flowWrites()).toHaveLength(0);
    expect(await seriousViolations(page, 'post-sperre-guard-workflow')).toEqual([]);
  });

  it('names each action that writes the block or its reason, and where a postal workflow sends', async () => {
    const panel = await openFlow(DEMO_FLOWS.writesBlock);
    expect(await panel.getAttribute('data-verdict')).toBe('leaks');
    const writes = page.locator('[data-testid="leak"][data-kind="writes-block-property"]');
    await writes.first().waitFor();
    expect(await writes.evaluateAll((els) => els.map((e) => [e.getAttribute('data-action-id'), e.getAttribute('data-property')]))).toEqual([
      ['2', 'post_sperre_marken'],
      ['3', 'grund_post_sperre'],
      ['4', 'post_sperre_marken'],
    ]);
    expect(await writes.first().innerText()).toContain('Aktion 2 dieses Workflows setzt');
    expect(await writes.first().innerText()).toContain('Entfernen Sie die Aktion aus dem Workflow.');
    expect(await seriousViolations(page, 'post-sperre-guard-workflow')).toEqual([]);

    const sender = await openFlow(DEMO_FLOWS.sendsViaApp);
    expect(await sender.getAttribute('data-verdict')).toBe('compliant');
    expect(await page.getByTestId('flow-sends-via').allInnerTexts()).toEqual(['Aktion 2 sendet über App „1-4711“.', 'Aktion 3 sendet per Webhook an api.lettershop-nord.example.']);
    expect(flowWrites()).toHaveLength(0);
  });

  it('says a compliant workflow is compliant', async () => {
    const panel = await openFlow(DEMO_FLOWS.compliant);
    expect(await panel.getAttribute('data-verdict')).toBe('compliant');
    expect(await page.getByTestId('fix-leaks').count()).toBe(0);
  });

  it('fixes after confirmation: the PUT carries the revision read, and the re-audit is compliant', async () => {
    await openFlow(DEMO_FLOWS.leaking);
    await page.getByTestId('fix-leaks').click();
    const confirm = page.getByTestId('fix-confirm');
    await confirm.waitFor();
    expect(await confirm.getAttribute('data-revision')).toBe('3');
    expect(await confirm.getAttribute('data-method')).toBe('enrollment');
    // No active list holds every contact blocked for Marke A: no choice, and what to create.
    expect(await page.getByTestId('fix-method').count()).toBe(0);
    expect(await page.getByTestId('fix-suppression-missing').getAttribute('data-brands')).toBe('marke_a');
    expect(await page.getByTestId('fix-suppression-missing').innerText()).toContain('„Post Sperre Marke A“ mit dem Filter „Post Sperre Marken ist eine von: Marke A“');
    expect(flowWrites()).toHaveLength(0); // nothing before the confirmation
    await page.getByTestId('confirm-fix').click();
    await page.locator(`${PANEL}[data-verdict="compliant"]`).waitFor();
    const puts = flowWrites();
    expect(puts).toHaveLength(1);
    expect(puts[0]!.body).toMatchObject({ revisionId: '3', type: 'CONTACT_FLOW' });
    expect(fakeFlow(DEMO_FLOWS.leaking).revisionId).toBe('4');
  });

  it('a stale revision (someone saved the workflow meanwhile) is re-planned and confirmed again', async () => {
    await openFlow(DEMO_FLOWS.leaking);
    await page.getByTestId('fix-leaks').click();
    await page.getByTestId('fix-confirm').waitFor();
    fakeFlow(DEMO_FLOWS.leaking).revisionId = '7'; // saved in HubSpot after our read
    await page.getByTestId('confirm-fix').click();
    await page.getByTestId('fix-replanned').waitFor();
    expect(await page.getByTestId('fix-confirm').getAttribute('data-revision')).toBe('7');
    expect(flowWrites()).toHaveLength(0);
    await page.getByTestId('confirm-fix').click();
    await page.locator(`${PANEL}[data-verdict="compliant"]`).waitFor();
    expect(flowWrites()).toHaveLength(1);
    expect(flowWrites()[0]!.body).toMatchObject({ revisionId: '7' });
    expect(fakeFlow(DEMO_FLOWS.leaking).revisionId).toBe('8');
  });
});

describe('workflow panel: the suppression list as the fix, and the brand choice', () => {
  it('offers the portal\'s active suppression list beside the exclusion; chosen by keyboard, it is added and the re-audit is compliant', async () => {
    addSuppressionListA();
    await openFlow(DEMO_FLOWS.leaking);
    await page.getByTestId('fix-leaks').click();
    const confirm = page.getByTestId('fix-confirm');
    await confirm.waitFor();
    expect(await confirm.getAttribute('data-method')).toBe('enrollment');
    expect(await page.getByTestId('fix-method-enrollment').isChecked()).toBe(true);
    expect(await page.getByTestId('fix-method').innerText()).toContain('Unterdrückungsliste „Post Sperre Marke A“ (1023) in den Workflow eintragen');
    expect(await page.getByTestId('fix-suppression-missing').count()).toBe(0);
    expect(await seriousViolations(page, 'post-sperre-guard-workflow')).toEqual([]);
    // Keyboard: the radio group is one tab stop, the arrow key chooses.
    await page.getByTestId('fix-method-enrollment').focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.getByTestId('fix-method-suppression').isChecked()).toBe(true);
    expect(await confirm.getAttribute('data-method')).toBe('suppression');
    expect(flowWrites()).toHaveLength(0);
    await page.getByTestId('confirm-fix').click();
    await page.locator(`${PANEL}[data-verdict="compliant"]`).waitFor();
    const puts = flowWrites();
    expect(puts).toHaveLength(1);
    expect(puts[0]!.body).toMatchObject({ revisionId: '3', suppressionListIds: [1023] });
    expect(fakeFlow(DEMO_FLOWS.leaking).suppressionListIds).toEqual([1023]);
    expect(fakeFlow(DEMO_FLOWS.leaking).revisionId).toBe('4');
    // Audited again from scratch: still compliant, by the suppression list.
    await openFlow(DEMO_FLOWS.leaking);
    expect(await page.locator(PANEL).getAttribute('data-verdict')).toBe('compliant');
  });

  it('manual enrolment: the suppression list is the one fix offered', async () => {
    addSuppressionListA();
    fakeFlow(DEMO_FLOWS.leaking).enrollmentCriteria = { type: 'MANUAL', shouldReEnroll: false };
    await openFlow(DEMO_FLOWS.leaking);
    expect(await page.getByTestId('leak').getAttribute('data-source')).toBe('manual');
    await page.getByTestId('fix-leaks').click();
    const confirm = page.getByTestId('fix-confirm');
    await confirm.waitFor();
    expect(await confirm.getAttribute('data-method')).toBe('suppression');
    expect(await page.getByTestId('fix-method').count()).toBe(0);
    expect(await page.getByTestId('fix-plan-suppression').innerText()).toContain('„Post Sperre Marke A“ (1023)');
    await page.getByTestId('confirm-fix').click();
    await page.locator(`${PANEL}[data-verdict="compliant"]`).waitFor();
    expect(flowWrites()[0]!.body).toMatchObject({ suppressionListIds: [1023], enrollmentCriteria: { type: 'MANUAL' } });
  });

  it('remembers the brands chosen for this workflow on the next view, until reset', async () => {
    await openFlow(DEMO_FLOWS.leaking);
    expect(await brandsShown()).toEqual(['marke_a']);
    await page.getByTestId('list-brands-change').click();
    const checked = page.locator('[data-testid="list-brand-toggle"]:checked');
    while ((await checked.count()) > 0) await checked.first().uncheck();
    await page.locator('[data-testid="list-brand-toggle"][data-brand="marke_c"]').check();
    await page.getByTestId('list-brands-apply').click();
    await expect.poll(brandsShown).toEqual(['marke_c']);
    await page.locator(`${PANEL}:not([data-verdict="checking"])`).waitFor();

    await page.reload();
    await page.locator(`${PANEL}:not([data-verdict="checking"])`).waitFor();
    expect(await brandsShown()).toEqual(['marke_c']);

    // Back to the brands of the name (also leaves the other tests of this browser as they were).
    await page.getByTestId('list-brands-change').click();
    await page.getByTestId('list-brands-reset').click();
    await expect.poll(brandsShown).toEqual(['marke_a']);
    await page.reload();
    await page.locator(`${PANEL}:not([data-verdict="checking"])`).waitFor();
    expect(await brandsShown()).toEqual(['marke_a']);
  });
});

describe('portal audit: workflows and postal scope on the options page', () => {
  it('lists workflow rows; with a postal folder the rest is one line, and panels say out of scope', async () => {
    await page.goto(h.optionsUrl);
    await page.getByTestId('portal-audit').click();
    await page.locator('[data-testid="portal-audit-section"][data-state="done"]').waitFor({ timeout: 60_000 });
    const rows = await page.getByTestId('portal-audit-flow-row').evaluateAll((els) => els.map((e) => [e.getAttribute('data-flow-id'), e.getAttribute('data-verdict')]));
    expect(rows).toEqual([
      ['7001', 'leaks'],
      ['7002', 'compliant'],
      ['7003', 'leaks'],
      ['7004', 'compliant'],
      ['7005', 'leaks'],
      ['7006', 'leaks'],
      ['7008', 'leaks'],
      ['7009', 'compliant'],
    ]);
    expect(await page.locator('[data-testid="portal-audit-flow-row"][data-flow-id="7009"]').innerText()).toContain('sendet über 1-4711, api.lettershop-nord.example');
    expect(await page.getByTestId('portal-audit-out-of-scope').count()).toBe(0);

    await page.getByTestId('scope-folders').fill('Postmailings');
    await page.getByTestId('save-settings').click();
    await page.getByTestId('connection-status').waitFor();
    await page.getByTestId('portal-audit').click();
    await page.locator('[data-testid="portal-audit-section"][data-state="done"]').waitFor({ timeout: 60_000 });
    const scoped = await page.getByTestId('portal-audit-flow-row').evaluateAll((els) => els.map((e) => [e.getAttribute('data-flow-id'), e.getAttribute('data-in-scope')]));
    // 7008 is not postal but writes the block: its row is there, marked out of scope.
    expect(scoped).toEqual([
      ['7001', null],
      ['7002', null],
      ['7005', null],
      ['7009', null],
      ['7008', 'false'],
    ]);
    expect(await page.locator('[data-testid="portal-audit-flow-row"][data-flow-id="7008"]').innerText()).toContain('schreibt die Sperre in Aktion 2, 3, 4');
    const lists = await page.getByTestId('portal-audit-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-list-id')));
    expect(lists).toEqual(['1001', '1002', '1004', '1008']);
    const out = page.getByTestId('portal-audit-out-of-scope');
    expect(await out.getAttribute('data-lists')).toBe('5');
    expect(await out.getAttribute('data-workflows')).toBe('4');
    expect(await out.innerText()).toContain('5 Listen und 4 Workflows nicht als Post markiert, nicht geprüft.');

    // Audited strictly on request: exactly those 5 lists and 4 workflows, marked, only read.
    await out.getByRole('button', { name: 'Nicht geprüfte anzeigen' }).click();
    const extra = page.getByTestId('portal-audit-out-of-scope-audit');
    expect(await extra.getAttribute('data-state')).toBe('idle');
    expect(await extra.locator('[data-testid="portal-audit-row"]').count()).toBe(0);
    await extra.getByRole('button', { name: 'Diese auch prüfen' }).click();
    await page.locator('[data-testid="portal-audit-out-of-scope-audit"][data-state="done"]').waitFor({ timeout: 60_000 });
    const extraLists = await extra.locator('[data-testid="portal-audit-row"]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-list-id'), e.getAttribute('data-in-scope')]));
    expect(extraLists).toHaveLength(5);
    expect(extraLists.every(([id, inScope]) => inScope === 'false' && !lists.includes(id!))).toBe(true);
    const extraFlows = await extra.locator('[data-testid="portal-audit-flow-row"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-flow-id')));
    expect(extraFlows.sort()).toEqual(['7003', '7004', '7006', '7008']);
    expect(await extra.getByTestId('portal-audit-out-of-scope-summary').innerText()).toMatch(/^Auf Anfrage geprüft, nicht als Post markiert: 5 Listen und 4 Workflows/);
    expect(apiCalls(h.fake).filter((r) => r.method === 'PUT' || r.method === 'PATCH' || r.method === 'DELETE')).toHaveLength(0);
    expect(await seriousViolations(page, 'main')).toEqual([]);

    await openFlow(DEMO_FLOWS.eventBased);
    expect(await page.getByTestId('scope-status').getAttribute('data-in-scope')).toBe('false');
    await openFlow(DEMO_FLOWS.leaking);
    expect(await page.getByTestId('scope-status').getAttribute('data-in-scope')).toBe('true');

    // Back to no scope for the other tests of this browser.
    await page.goto(h.optionsUrl);
    await page.getByTestId('scope-folders').fill('');
    await page.getByTestId('save-settings').click();
    await page.getByTestId('connection-status').waitFor();
  });
});
