// Dev helper: screenshots of pages at a given width. node scripts/shoot.mjs <base> <width> <outDir> <path>...
import { chromium } from 'playwright-core';

const [base, width, outDir, ...paths] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: Number(width), height: 900 } });
page.on('console', (m) => m.type() === 'error' && console.log('console:', m.text()));
page.on('pageerror', (e) => console.log('pageerror:', e.message));
for (const p of paths) {
  await page.goto(base + p, { waitUntil: 'networkidle' }).catch(() => {});
  await page.waitForTimeout(800);
  const name = p.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'root';
  await page.screenshot({ path: `${outDir}/${name}-${width}.png`, fullPage: true });
  console.log('shot', name);
}
await browser.close();
