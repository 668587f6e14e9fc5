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

/** Buttons to click, in order, per path prefix; a number waits that many ms. */
const DEMO_CLICKS = {
  '/demos/key-design/': ['Read post', 'Read post', 'Bump version', 'Read post', 'List keys', 'acme saves “orange”', 'globex saves “blue”', 'acme reads its config'],
  '/demos/ttl/': ['Cache with this TTL'],
  '/demos/monitoring/': ['Run 20 requests', 6000],
  '/demos/anti-patterns/': ['Alice signs in', 'Bob signs in', 'Alice opens her profile', 'One small value per answer', 'Bounded query, no cache', 'Whole table in one key', 3000, 'Cache 10 searches without expiration'],
  '/demos/consistency/': ['Start readers', 2500, 'Write to KV', 2500],
};

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
    // Drive the page's demo so the picture shows it working: the buttons named for its path
    // (see DEMO_CLICKS), else the first "Fetch post" twice.
    const clicks = Object.entries(DEMO_CLICKS).find(([prefix]) => path.startsWith(prefix))?.[1] ?? ['Fetch post', 'Fetch post'];
    for (const step of clicks) {
      if (typeof step === 'number') {
        await page.waitForTimeout(step);
        continue;
      }
      const button = page.getByRole('button', { name: step, exact: true }).first();
      if (!(await button.count())) continue;
      await button.scrollIntoViewIfNeeded();
      await button.click();
      await page.waitForTimeout(400);
    }
    await page.evaluate(() => window.scrollTo(0, 0));
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
