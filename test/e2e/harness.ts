// End-to-end harness: the built extension in Debian's Chromium, HubSpot's real host names
// mapped to the local fake HubSpot over HTTPS, so the manifest's match patterns and host
// permissions are what is tested.
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync, mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startFakeHubspot, type FakeHubspot } from '../fake-hubspot/index';
import { TOKENS } from '../fake-hubspot/seed';

export const EXTENSION_DIR = path.resolve(import.meta.dirname, '../../.output/chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HOSTS = ['app.hubspot.com', 'app-eu1.hubspot.com', 'app-na2.hubspot.com', 'api.hubapi.com', 'api-eu1.hubapi.com'];
export const PORTAL = '12345678';

export interface Harness {
  fake: FakeHubspot;
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  optionsUrl: string;
  close(): Promise<void>;
}

/** Chromium's id for an unpacked extension: the SHA-256 of its absolute path, first 32 hex
 *  digits written with the letters a–p. */
export function unpackedExtensionId(dir = EXTENSION_DIR): string {
  const hex = createHash('sha256').update(realpathSync(dir)).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

/** Chromium on Linux reads policy only from this directory (no per-user path, no flag). Each
 *  test writes its own file, keyed by this build's extension id (other checkouts have other
 *  ids), and removes it again. */
export const POLICY_DIR = '/etc/chromium/policies/managed';

export function writeExtensionPolicy(values: Record<string, unknown>): () => void {
  mkdirSync(POLICY_DIR, { recursive: true });
  const file = path.join(POLICY_DIR, `psg-e2e-${process.pid}.json`);
  writeFileSync(file, JSON.stringify({ '3rdparty': { extensions: { [unpackedExtensionId()]: values } } }));
  return () => rmSync(file, { force: true });
}

export async function launch(opts: { lang?: string; headless?: boolean; fake?: FakeHubspot } = {}): Promise<Harness> {
  if (!existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) throw new Error(`No built extension in ${EXTENSION_DIR}: run npm run build first`);
  const fake = opts.fake ?? (await startFakeHubspot({ quiet: true }));
  const profile = await mkdtemp(path.join(tmpdir(), 'psg-e2e-'));
  const rules = HOSTS.map((h) => `MAP ${h} 127.0.0.1:${fake.httpsPort}`).join(', ');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: opts.headless ?? true,
    locale: opts.lang ?? 'de-DE',
    viewport: { width: 1400, height: 900 },
    // Chromium on Linux takes its UI language (and so the extension's) from LANGUAGE.
    env: { ...process.env, LANGUAGE: (opts.lang ?? 'de-DE').replace('-', '_') },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--lang=${opts.lang ?? 'de-DE'}`,
      `--host-resolver-rules=${rules}`,
      // The fake's certificate is self-signed; ignoreHTTPSErrors does not cover the service worker.
      '--ignore-certificate-errors',
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(worker.url()).host;
  const optionsUrl = `chrome-extension://${extensionId}/options.html`;
  await settleInstallTab(context, optionsUrl);
  return {
    fake,
    context,
    worker,
    extensionId,
    optionsUrl,
    async close() {
      await context.close();
      if (!opts.fake) await fake.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** On a fresh profile the extension opens its options page once after install, and Chromium may
 *  do that by navigating whatever tab is active, a tab a test has just opened included (CI saw
 *  "navigation interrupted by another navigation to options.html"). Wait until that tab has
 *  loaded, so no test's navigation can be overtaken by it; it stays open (a test checks it). */
async function settleInstallTab(context: BrowserContext, optionsUrl: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const tab = context.pages().find((p) => p.url().startsWith(optionsUrl));
    if (tab) {
      await tab.waitForLoadState('load');
      return;
    }
    if (Date.now() > deadline) throw new Error('The extension did not open its options page after install');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Fills the options page like a user and waits for the connection test. */
export async function configure(h: Harness, opts: { token?: string; userName?: string; families?: string } = {}): Promise<Page> {
  const page = await h.context.newPage();
  await page.goto(h.optionsUrl);
  await page.getByTestId('token-input').fill(opts.token ?? TOKENS.valid);
  await page.getByLabel(/Kürzel|short name/).fill(opts.userName ?? 'E2E');
  if (opts.families !== undefined) {
    // Once the portal's brands are known, the text form of the families is behind a summary.
    const text = page.locator('details.opt-families-text');
    if (!(await text.evaluate((d) => (d as HTMLDetailsElement).open))) await text.locator('summary').click();
    await page.getByLabel(/^Familien$|^Families$/).fill(opts.families);
  }
  await page.getByTestId('save-settings').click();
  await page.getByTestId('connection-status').waitFor();
  return page;
}

export function contactUrl(contactId: string, host = 'app-eu1.hubspot.com', portal = PORTAL) {
  return `https://${host}/contacts/${portal}/record/0-1/${contactId}`;
}

export function listUrl(listId: string, host = 'app-eu1.hubspot.com', portal = PORTAL) {
  return `https://${host}/contacts/${portal}/objectLists/${listId}/filters`;
}

export { TOKENS };
