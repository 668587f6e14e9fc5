import { expect, test } from '@playwright/test';

// The presenter view on a 1280×720 projector: every text readable from the back of a room,
// previous/next on screen, and a long section scrolled through rather than skipped.

test.use({ viewport: { width: 1280, height: 720 } });

/** Visible text smaller than 20 px, with a sample of each. */
const smallText = () =>
  new Promise<string[]>((resolve) => {
    const found = new Map<string, string>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      const el = node.parentElement;
      if (!text || !el) continue;
      if (el.closest('.visually-hidden, [hidden], details:not([open]) > :not(summary), noscript, style, script, template')) continue;
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      if (style.visibility === 'hidden' || style.display === 'none' || box.width === 0 || box.height === 0) continue;
      const size = parseFloat(style.fontSize);
      if (size < 20) found.set(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} ${size.toFixed(1)}px`, text.slice(0, 40));
    }
    resolve([...found].map(([k, v]) => `${k}: “${v}”`));
  });

for (const slug of ['caching-patterns', 'monitoring', 'anti-patterns']) {
  test(`${slug}: no text under 20 px at 1280×720, demos included`, async ({ page }) => {
    await page.goto(`/lessons/${slug}/present/`);
    await page.waitForFunction(() => !document.querySelector('fieldset.demo-frame[data-hydrating]'));
    expect(await page.evaluate(smallText)).toEqual([]);
  });
}

test('on-screen previous/next step through sections, and a long section scrolls in steps', async ({ page }) => {
  await page.goto('/lessons/caching-patterns/present/');
  const next = page.getByRole('button', { name: 'Next' });
  const previous = page.getByRole('button', { name: 'Previous' });
  await expect(next).toBeVisible();
  const y0 = await page.evaluate(() => scrollY);
  await next.click();
  await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(y0);
  // However long a section is, each step moves less than a screen: nothing is jumped over.
  let last = await page.evaluate(() => scrollY);
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(150);
    const y = await page.evaluate(() => scrollY);
    expect(y - last, `step ${i}`).toBeLessThanOrEqual(720);
    expect(y, `step ${i}`).toBeGreaterThanOrEqual(last);
    last = y;
  }
  await previous.click();
  await expect.poll(() => page.evaluate(() => scrollY)).toBeLessThan(last);
});
