// npm run bench: prints the product's cost and speed figures (no assertions: tests assert behaviour).
//  - HubSpot requests per contact view (first after setup, repeat) and per save (calm, raced) and per ledger restore / confirm
//  - milliseconds from navigation to panel `ready` (median of 12 views, local fake, built extension)
//  - milliseconds from HubSpot's block row appearing to the panel's `ready` over full page loads
//    (the fake renders the sidebar a moment after the page, as HubSpot does; goal: <= 0 at the
//    median, i.e. the panel is ready when HubSpot's row is)
//  - size of each built script
//  - requests to audit lists and a portal (lib/audit engine in Node against the fake), beside
//    what paging every member would cost
//  - requests of the clean export of a 50,000-member segment (lib/export engine), beside batch reads
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { configure, contactUrl, EXTENSION_DIR, launch } from '../test/e2e/harness';
import { benchAudits } from './bench-audit';
import { benchExport } from './bench-export';
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

    // HubSpot's block row vs. the panel's ready, seen from the page itself (main world): a
    // MutationObserver notes when the row appears and when the panel (open shadow root) turns ready.
    // (A string, not a function: the bundler's helpers would not exist in the page.)
    await page.addInitScript(`(() => {
      const w = window;
      w.__psg = { rowAt: null, readyAt: null };
      const watched = new WeakSet();
      const watchPanel = (host) => {
        const root = host.shadowRoot;
        if (!root || watched.has(host)) return;
        watched.add(host);
        const check = () => {
          const panel = root.querySelector('[data-testid="postsperre-panel"]');
          if (w.__psg.readyAt === null && panel && panel.getAttribute('data-state') === 'ready') w.__psg.readyAt = performance.now();
        };
        new MutationObserver(check).observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
        check();
      };
      new MutationObserver((records) => {
        if (w.__psg.rowAt === null && document.querySelector('[data-test-id="post_sperre_marken"]')) w.__psg.rowAt = performance.now();
        for (const r of records) for (const n of r.addedNodes) if (n instanceof Element && n.shadowRoot) watchPanel(n);
      }).observe(document, { childList: true, subtree: true });
    })();`);
    const sidebarDelay = h.fake.state.ui.sidebarDelayMs;
    const gaps: number[] = [];
    const rowMs: number[] = [];
    const readyMs: number[] = [];
    const perView: number[] = [];
    for (let i = 0; i < 12; i++) {
      const id = String(101 + (i % 12));
      h.fake.requests.length = 0;
      await page.goto(contactUrl(id));
      await page.locator(`[data-testid="postsperre-panel"][data-contact-id="${id}"][data-state="ready"]`).waitFor();
      await page.locator('[data-test-id="post_sperre_marken"]').waitFor();
      const t = await page.evaluate(() => (window as unknown as { __psg: { rowAt: number; readyAt: number } }).__psg);
      gaps.push(Math.round(t.readyAt - t.rowAt));
      rowMs.push(Math.round(t.rowAt));
      readyMs.push(Math.round(t.readyAt));
      perView.push(api().length);
    }
    out(`ms HubSpot block row → panel ready, full page load (median of 12; sidebar ${sidebarDelay} ms late)`, median(gaps));
    out('  each load (negative: panel ready before the row)', gaps.join(' '));
    out('ms page start → HubSpot block row (median of 12)', median(rowMs));
    out('ms page start → panel ready (median of 12)', median(readyMs));
    out('requests per view over these 12 loads (median; max)', `${median(perView)}; ${Math.max(...perView)}`);
  } finally {
    await h.close();
  }
}

await benchSaves(out);
await benchAudits(out);
await benchExport(out);
