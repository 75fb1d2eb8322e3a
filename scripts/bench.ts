// npm run bench: prints the product's cost and speed figures (no assertions: tests assert behaviour).
//  - HubSpot requests per contact view (first after setup, repeat) and per save (calm, raced)
//  - milliseconds from navigation to panel `ready` (median of 12 views, local fake, built extension)
//  - size of each built script
//  - requests to audit lists and a portal (lib/audit engine in Node against the fake), beside
//    what paging every member would cost
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { configure, contactUrl, EXTENSION_DIR, launch } from '../test/e2e/harness';
import { benchAudits } from './bench-audit';
import { benchSaves } from './bench-save';

const { values } = parseArgs({ options: { 'no-build': { type: 'boolean', default: false }, 'skip-browser': { type: 'boolean', default: false } } });

const rows: [string, string][] = [];
const out = (label: string, value: string | number) => {
  rows.push([label, String(value)]);
  console.log(`${label.padEnd(64)} ${value}`);
};
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

if (!values['no-build']) {
  const build = spawnSync('npx', ['wxt', 'build'], { stdio: 'ignore' });
  if (build.status !== 0) throw new Error('wxt build failed');
}

console.log('\n# Bundle sizes (.output/chrome-mv3)');
const walk = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(path.join(dir, f)).isDirectory() ? walk(path.join(dir, f)) : [path.join(dir, f)]));
for (const file of walk(EXTENSION_DIR).filter((f) => /\.(js|css)$/.test(f)).sort()) {
  out(`size ${path.relative(EXTENSION_DIR, file)}`, `${(statSync(file).size / 1024).toFixed(1)} KB`);
}

if (!values['skip-browser']) {
  console.log('\n# Contact page in Chromium with the built extension (local fake HubSpot over HTTPS)');
  const h = await launch();
  try {
    await (await configure(h)).close();
    const api = () => h.fake.requests.filter((r) => r.kind === 'api');
    const page = await h.context.newPage();
    h.fake.requests.length = 0;
    await page.goto(contactUrl('101'));
    await page.locator('[data-testid="postsperre-panel"][data-state="ready"]').waitFor();
    out('requests, first contact view after setup', api().length);
    h.fake.requests.length = 0;
    await page.reload();
    await page.locator('[data-testid="postsperre-panel"][data-state="ready"]').waitFor();
    out('requests, repeat contact view', api().length);

    const full: number[] = [];
    const spa: number[] = [];
    for (let i = 0; i < 12; i++) {
      const id = String(101 + (i % 12));
      const started = Date.now();
      await page.goto(contactUrl(id));
      await page.locator(`[data-testid="postsperre-panel"][data-contact-id="${id}"][data-state="ready"]`).waitFor();
      full.push(Date.now() - started);
      const next = String(Number(id) + 1);
      const t0 = Date.now();
      await page.getByRole('link', { name: /Nächster Kontakt/ }).click();
      await page.locator(`[data-testid="postsperre-panel"][data-contact-id="${next}"][data-state="ready"]`).waitFor();
      spa.push(Date.now() - t0);
    }
    out('ms navigation → panel ready, full page load (median of 12)', median(full));
    out('ms in-app navigation → panel ready (median of 12)', median(spa));
  } finally {
    await h.close();
  }
}

await benchSaves(out);
await benchAudits(out);
