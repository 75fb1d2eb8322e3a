// Renders assets/icon.svg, the one source of every icon, to the PNG sizes the stores ask for:
// 16, 32, 48, 128 (Chrome, Edge), 96 (Firefox) into public/icon/ (WXT puts them into the
// manifest), and the 300 px store logo (Edge) into docs/store/. Chromium draws the SVG, so no
// image library is needed: `npm run icons`, then commit the PNGs.
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
export const PACKAGE_ICON_SIZES = [16, 32, 48, 96, 128] as const;
const svg = readFileSync(path.join(root, 'assets/icon.svg'), 'utf8');

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const targets = [...PACKAGE_ICON_SIZES.map((s) => ({ size: s, file: `public/icon/${s}.png` })), { size: 300, file: 'docs/store/logo-300.png' }];
  for (const { size, file } of targets) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    const sized = svg.replace(/width="128" height="128"/, `width="${size}" height="${size}"`);
    await page.setContent(`<html><body style="margin:0;background:transparent">${sized}</body></html>`);
    const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), png);
    await page.close();
    console.log(`${file} (${png.length} bytes)`);
  }
} finally {
  await browser.close();
}
