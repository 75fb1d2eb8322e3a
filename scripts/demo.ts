// npm run demo [-- --headless] [--port 8443]
// Builds the extension, starts the fake HubSpot with the demo portal, opens Chromium with the
// built extension on HubSpot's real host names (mapped to the fake), sets the demo token on the
// options page and opens a sample contact and a leaking list. --headless writes screenshots to
// artifacts/demo/ instead of opening a window.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startFakeHubspot, TOKENS, DEMO_CONTACTS, DEMO_LISTS, DEMO_FAMILIES } from '../test/fake-hubspot/index';
import { CHROMIUM, configure, contactUrl, launch, listUrl } from '../test/e2e/harness';

const { values } = parseArgs({
  options: { headless: { type: 'boolean', default: false }, port: { type: 'string', default: '0' }, 'no-build': { type: 'boolean', default: false } },
});

if (!existsSync(CHROMIUM)) {
  console.error(`Chromium not found at ${CHROMIUM}. Install it with: sudo apt-get install -y chromium (or set CHROMIUM_PATH).`);
  process.exit(2);
}
if (!values['no-build']) {
  console.log('Building the extension (wxt build) …');
  const build = spawnSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

let headless = values.headless;
if (!headless && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.log('No display found: running headless and writing screenshots (use a desktop session to see the window).');
  headless = true;
}

const fake = await startFakeHubspot({ port: Number(values.port), quiet: true });
const h = await launch({ fake, headless });
const families = DEMO_FAMILIES.map((f) => `${f.name}: ${f.brands.join(', ')}`).join('\n');
const options = await configure(h, { token: TOKENS.valid, userName: 'Demo', families });
console.log(`Fake HubSpot: ${fake.httpsUrl} (app.hubspot.com, app-eu1.hubspot.com, api.hubapi.com mapped to it)`);
console.log(`Options page: ${h.optionsUrl}`);

const contact = await h.context.newPage();
await contact.goto(contactUrl('101'));
await contact.locator('[data-testid="postsperre-panel"][data-state="ready"]').waitFor({ timeout: 20_000 });

if (headless) {
  const dir = path.resolve('artifacts/demo');
  mkdirSync(dir, { recursive: true });
  await options.screenshot({ path: path.join(dir, 'options.png'), fullPage: true });
  // Tall enough to show HubSpot's sidebar with the panel docked under "DSGVO Sperren".
  await contact.setViewportSize({ width: 1280, height: 1500 });
  await contact.screenshot({ path: path.join(dir, 'contact-panel.png') });
  await contact.getByTestId('edit-blocks').click();
  await contact.getByTestId('brand-search').fill('kunst');
  await contact.getByTestId('postsperre-panel').screenshot({ path: path.join(dir, 'contact-editor.png') });
  const list = await h.context.newPage();
  await list.goto(listUrl(DEMO_LISTS.leakingDynamic));
  await list.getByTestId('list-audit-panel').waitFor({ timeout: 20_000 }).catch(() => undefined);
  await list.waitForTimeout(1500);
  await list.screenshot({ path: path.join(dir, 'list-panel.png') });
  // A contact whose blocks an import lifted without a reason: the ledger's notices.
  const lifted = await h.context.newPage();
  await lifted.setViewportSize({ width: 1280, height: 1500 });
  await lifted.goto(contactUrl(DEMO_CONTACTS.liftedByImport));
  await lifted.getByTestId('ledger-notice').first().waitFor({ timeout: 20_000 });
  await lifted.getByTestId('postsperre-panel').screenshot({ path: path.join(dir, 'contact-ledger.png') });
  console.log(`Screenshots written to ${dir}`);
  await h.close();
  await fake.close();
} else {
  const list = await h.context.newPage();
  await list.goto(listUrl(DEMO_LISTS.leakingDynamic));
  // A contact whose blocks an import lifted without a reason (the ledger's notice).
  const lifted = await h.context.newPage();
  await lifted.goto(contactUrl(DEMO_CONTACTS.liftedByImport));
  await contact.bringToFront();
  console.log('Demo running: a sample contact, a leaking list and a contact whose blocks an import lifted are open. Close the browser or press Ctrl+C to stop.');
  const stop = async () => {
    await h.close().catch(() => undefined);
    await fake.close().catch(() => undefined);
    process.exit(0);
  };
  h.context.on('close', () => void stop());
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}
