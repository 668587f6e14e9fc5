import { devices, expect, test } from '@playwright/test';

// A reader on a phone: scroll to a demo and tap at once. The tap must reach the server —
// a control is either working or visibly not ready, never a live-looking button that drops
// the tap — and text typed right after scrolling must stay typed.

test.use({ ...devices['Pixel 7'], viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

const LESSONS_WITH_DEMOS = ['basic-operations', 'caching-patterns', 'key-design', 'ttl-strategies', 'error-handling', 'monitoring', 'anti-patterns'];

test('the first tap on a demo sends its request, 5 times out of 5', async ({ browser }) => {
  for (let attempt = 1; attempt <= 5; attempt++) {
    const context = await browser.newContext({ ...devices['Pixel 7'], viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto('/lessons/caching-patterns/');
    const button = page.locator('[data-demo="cache-aside"] .live-demo button').first();
    await button.scrollIntoViewIfNeeded();
    const request = page.waitForRequest((r) => r.url().includes('/api/demos/'), { timeout: 10_000 });
    await button.tap();
    expect((await request).url(), `attempt ${attempt}`).toContain('/api/demos/');
    await context.close();
  }
});

test('every lesson’s first demo control works on the first tap', async ({ page }) => {
  for (const slug of LESSONS_WITH_DEMOS) {
    await page.goto(`/lessons/${slug}/`);
    const button = page.locator('.live-demo button:not(.code-panel button)').first();
    await button.scrollIntoViewIfNeeded();
    // Until hydrated the demo says it is starting and its controls are disabled.
    const request = page.waitForRequest((r) => r.url().includes('/api/'), { timeout: 10_000 });
    await button.tap();
    expect((await request).url(), slug).toContain('/api/');
  }
});

test('text typed into a demo right after scrolling is kept', async ({ page }) => {
  await page.goto('/lessons/basic-operations/');
  const field = page.locator('[data-demo="operations"] input[type="text"], [data-demo="operations"] textarea').first();
  await field.scrollIntoViewIfNeeded();
  await field.fill('typed-at-once');
  // Hydration happens meanwhile; what was typed must survive it.
  await page.waitForFunction(() => !document.querySelector('fieldset.demo-frame[data-hydrating]'));
  await expect(field).toHaveValue('typed-at-once');
});

test('on a phone the demo comes right after the paragraph that says to try it', async ({ page }) => {
  await page.goto('/lessons/caching-patterns/');
  const tryIt = await page.locator('[data-demo="cache-aside"] p', { hasText: /^Try it:/ }).boundingBox();
  const demo = await page.locator('[data-demo="cache-aside"] .live-demo').boundingBox();
  expect(demo!.y - (tryIt!.y + tryIt!.height)).toBeGreaterThanOrEqual(0);
  expect(demo!.y - (tryIt!.y + tryIt!.height)).toBeLessThan(60);
});

test('a demo table wider than the phone scrolls in its own frame, reachable with the keyboard', async ({ page }) => {
  await page.goto('/lessons/caching-patterns/');
  const button = page.locator('[data-demo="cache-aside"] .live-demo button').first();
  await button.scrollIntoViewIfNeeded();
  await button.tap();
  const frame = page.locator('[data-demo="cache-aside"]').getByRole('region', { name: 'Recent requests' });
  await expect(frame).toHaveAttribute('tabindex', '0');
  await frame.focus();
  await expect(frame).toBeFocused();
  // The page itself never scrolls sideways; only the frame may.
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
});
