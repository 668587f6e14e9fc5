// Screenshots of the running app, for looking at it and for the README.
//   ANSWER=1 answers the first predict-then-check question on each page.
//   BASE_URL=http://127.0.0.1:4321 npm run screenshots -- /lessons/caching-patterns/ [more paths]
// Writes PNGs to screenshots/ (desktop 1440 wide and phone 390 wide). A path may end in #heading-id
// to show that section. COLOR_SCHEME=dark for the dark theme, FULL_PAGE=1 for the whole page.
import { chromium } from '@playwright/test';
import { existsSync, mkdirSync } from 'node:fs';

const base = process.env.BASE_URL ?? 'http://127.0.0.1:4321';
const paths = process.argv.slice(2).length ? process.argv.slice(2) : ['/'];
const executablePath = existsSync(chromium.executablePath())
  ? undefined
  : ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find(existsSync);

mkdirSync('screenshots', { recursive: true });
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const scheme = process.env.COLOR_SCHEME === 'dark' ? 'dark' : 'light';
for (const [label, viewport] of [['desktop', { width: 1440, height: 1000 }], ['phone', { width: 390, height: 844 }]]) {
  const context = await browser.newContext({ viewport, colorScheme: scheme });
  const page = await context.newPage();
  for (const path of paths) {
    await page.goto(base + path, { waitUntil: 'networkidle' });
    // Run the first demo twice so the picture shows it working.
    const fetchButton = page.getByRole('button', { name: 'Fetch post' }).first();
    if (!path.includes('#') && (await fetchButton.count())) {
      await fetchButton.scrollIntoViewIfNeeded();
      await fetchButton.click();
      await page.waitForTimeout(400);
      await fetchButton.click();
      await page.waitForTimeout(400);
      await page.evaluate(() => window.scrollTo(0, 0));
    }
    // ANSWER=1 answers the first prediction on the page, to show its feedback.
    const choice = page.locator('.predict-choice').first();
    if (process.env.ANSWER === '1' && (await choice.count())) await choice.click();
    const name = path.replace(/^\/|\/$/g, '').replace(/[^a-z0-9-]+/gi, '_') || 'home';
    const file = `screenshots/${name}-${label}-${scheme}.png`;
    await page.screenshot({ path: file, fullPage: process.env.FULL_PAGE === '1' });
    console.log(file);
  }
  await context.close();
}
await browser.close();
