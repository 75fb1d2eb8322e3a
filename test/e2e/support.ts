// Small helpers for the end-to-end suites: reading the fake's state and log the way a test asks.
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import type { FakeHubspot } from '../fake-hubspot/index';
import { PORTAL } from './harness';

export function contactProps(fake: FakeHubspot, id: string, portal = PORTAL): Record<string, string | null> {
  const contact = fake.state.portal(portal)?.contacts.get(id);
  if (!contact) throw new Error(`fake has no contact ${id}`);
  return contact.properties;
}

/** A contact's blocks in the fake, sorted; its reason log. */
export function blocksOf(fake: FakeHubspot, id: string): string[] {
  return (contactProps(fake, id).post_sperre_marken ?? '').split(';').filter(Boolean).sort();
}
export function reasonLogOf(fake: FakeHubspot, id: string): string {
  return contactProps(fake, id).grund_post_sperre ?? '';
}

export function blockOptions(fake: FakeHubspot, property = 'post_sperre_marken', portal = PORTAL) {
  const def = fake.state.portal(portal)?.properties.get(property);
  if (!def) throw new Error(`fake has no property ${property}`);
  return def.options ?? [];
}

export function apiWrites(fake: FakeHubspot, method = 'PATCH') {
  return fake.requests.filter((r) => r.kind === 'api' && r.method === method);
}

export function apiCalls(fake: FakeHubspot) {
  return fake.requests.filter((r) => r.kind === 'api');
}

/** As "someone else" in HubSpot: change a contact behind the panel's back (with history). */
export async function changeBehindTheBack(fake: FakeHubspot, id: string, properties: Record<string, string>) {
  const res = await fetch(`${fake.httpUrl}/__fake/contacts/${id}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ properties }) });
  if (!res.ok) throw new Error(`fake refused the change: ${res.status} ${await res.text()}`);
}

export async function openContact(page: Page, url: string) {
  await page.goto(url);
  const panel = page.getByTestId('postsperre-panel');
  await panel.waitFor();
  return panel;
}

export async function waitForState(page: Page, state: string) {
  await page.locator(`[data-testid="postsperre-panel"][data-state="${state}"]`).waitFor();
}

/** Serious and critical accessibility violations inside `include` (a CSS selector), with where. */
export async function seriousViolations(page: Page, include: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).include(include).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
}

/** What the content script of each open tab answers the toolbar popup (asked from an extension page). */
export async function tabStatusAnswers(context: BrowserContext, extensionId: string): Promise<unknown[]> {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  const answers = await popup.evaluate(async () => {
    const c = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number }[]>; sendMessage(id: number, m: object): Promise<unknown> } } }).chrome;
    const tabs = await c.tabs.query({});
    return Promise.all(tabs.map((t) => (t.id === undefined ? null : c.tabs.sendMessage(t.id, { type: 'psg-tab-status' }).catch(() => null))));
  });
  await popup.close();
  return answers.filter((a) => a !== null);
}
