import { expect, test, type Page } from '@playwright/test';
import { exerciseTitle } from './helpers';

// The course as a learner reads it: outline, lesson to lesson, progress, search, prompts.

const LESSONS = [
  ['understanding-kv', 'Understanding KV'],
  ['basic-operations', 'Basic operations'],
  ['caching-patterns', 'Caching patterns'],
  ['invalidation-and-swr', 'Invalidation and stale-while-revalidate'],
  ['key-design', 'Key design'],
  ['ttl-strategies', 'TTL strategies'],
  ['error-handling', 'Error handling'],
  ['monitoring', 'Monitoring'],
  ['anti-patterns', 'Anti-patterns'],
  ['reflection', 'Reflection'],
] as const;

const outline = (page: Page) => page.getByRole('navigation', { name: 'Course outline' });

test('learner reaches every lesson from the outline and reads the course start to finish with Next', async ({ page }) => {
  await page.goto('/');
  const homeLinks = page.getByRole('main').getByRole('listitem').getByRole('link');
  await expect(homeLinks).toHaveText(LESSONS.map(([, title]) => title));

  await page.getByRole('link', { name: 'Start the course' }).click();
  for (const [i, [slug, title]] of LESSONS.entries()) {
    await expect(page).toHaveURL(`/lessons/${slug}/`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    // The outline lists every lesson and marks this one as the current page.
    await expect(outline(page).getByRole('link', { name: title, exact: false }).first()).toHaveAttribute('aria-current', 'page');
    await expect(page.locator('.lesson-body h2').first()).toBeVisible();
    const next = page.getByRole('link', { name: /^Next/ });
    if (i < LESSONS.length - 1) await next.click();
    else await expect(next).toHaveCount(0);
  }
});

test('every lesson lists its sections in the outline, and each entry jumps to its heading', async ({ page }) => {
  for (const [slug] of LESSONS) {
    await page.goto(`/lessons/${slug}/`);
    const toc = outline(page).getByRole('list', { name: 'On this page' });
    const headings = await page.locator('.lesson-body h2').allTextContents();
    expect(headings.length, slug).toBeGreaterThan(1);
    await expect(toc.locator('a:not(.present-link)')).toHaveText(headings);
  }
});

test('progress persists across reload: done marks, the count and resume', async ({ page }) => {
  await page.goto('/lessons/key-design/');
  const done = page.getByRole('button', { name: 'Mark this lesson as done' });
  await done.click();
  await expect(page.getByRole('button', { name: 'Lesson done' })).toHaveAttribute('aria-pressed', 'true');

  await page.reload();
  await expect(page.getByRole('button', { name: 'Lesson done' })).toHaveAttribute('aria-pressed', 'true');
  await expect(outline(page).getByRole('link', { name: /Key design \(done\)/ })).toBeVisible();
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('kvlab:progress')!));
  expect(stored).toEqual({ done: ['key-design'], last: 'key-design', passed: [] });

  await page.goto('/lessons/monitoring/');
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Continue: Monitoring' })).toBeVisible();
  await expect(page.getByText('1 of 10 lessons done')).toBeVisible();

  // Undo is one more press.
  await page.goto('/lessons/key-design/');
  await page.getByRole('button', { name: 'Lesson done' }).click();
  await expect(page.getByRole('button', { name: 'Mark this lesson as done' })).toHaveAttribute('aria-pressed', 'false');
});

test('search finds a lesson by a term inside it, from the header search box', async ({ page }) => {
  await page.goto('/lessons/understanding-kv/');
  await page.getByRole('searchbox', { name: 'Search the lessons' }).fill('list_complete');
  await page.getByRole('searchbox', { name: 'Search the lessons' }).press('Enter');
  await expect(page).toHaveURL(/\/search\/\?q=list_complete/);
  const results = page.locator('[data-search-results]');
  await expect(results.getByRole('link', { name: 'Basic operations' })).toBeVisible();
  await expect(page.getByRole('status').first()).toContainText('match');

  await page.getByLabel('Words to look for').fill('zebra-unicorn');
  await page.getByLabel('Words to look for').press('Enter');
  await expect(page.getByRole('status').first()).toHaveText('Nothing in the course mentions “zebra-unicorn”.');
});

test('search answers as you type, links to the matching section, and finds exercises too', async ({ page }) => {
  await page.goto('/search/');
  // No Enter: results appear once typing pauses.
  await page.getByLabel('Words to look for').pressSequentially('stale', { delay: 30 });
  const results = page.locator('[data-search-results]');
  const section = results.locator('ul a').first();
  await expect(section).toBeVisible();
  expect(await section.getAttribute('href')).toMatch(/^\/lessons\/[a-z-]+\/#[a-z0-9-]+$/);
  await expect(page).toHaveURL(/\?q=stale$/);
  await expect(results.locator('.search-kind', { hasText: 'Exercise' }).first()).toBeVisible();
  // Following a section link lands on that heading.
  const href = (await section.getAttribute('href'))!;
  await section.click();
  await expect(page).toHaveURL(new RegExp(`${href.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
  await expect(page.locator(`[id="${href.split('#')[1]}"]`)).toBeInViewport();
});

test('a learner commits to a wrong prediction, sees it marked and why it was tempting, then the right one is kept', async ({ page }) => {
  await page.goto('/lessons/anti-patterns/');
  await page.evaluate(() => {
    (window as any).answers = [];
    window.addEventListener('kvlab:answer', (e) => (window as any).answers.push((e as CustomEvent).detail));
  });
  const predict = page.locator('kv-predict[data-id="l8-falsy"]');
  // Before answering: no feedback, no demo hint.
  await expect(predict.locator('.predict-feedback').first()).toBeHidden();
  await expect(predict.locator('.predict-check')).toBeHidden();
  const wrong = predict.getByRole('button', { name: /Never: the key is in the cache/ });
  await wrong.click();
  await expect(predict.locator('.predict-feedback')).toHaveCount(3);
  for (const fb of await predict.locator('.predict-feedback').all()) await expect(fb).toBeVisible();
  await expect(predict.getByRole('status')).toContainText('Your pick is wrong');
  await expect(wrong).toContainText('Your pick');
  await expect(predict.locator('li.picked')).toContainText('Why it is tempting');
  await expect(predict.locator('.predict-check')).toContainText('Read 3×');

  await predict.getByRole('button', { name: /On every request/ }).click();
  await expect(predict.getByRole('status')).toContainText('Your pick is right');
  expect(await page.evaluate(() => (window as any).answers)).toEqual([
    { kind: 'predict', id: 'l8-falsy', value: 0, correct: false },
    { kind: 'predict', id: 'l8-falsy', value: 1, correct: true },
  ]);
  expect(await page.evaluate(() => localStorage.getItem('kvlab:predict:l8-falsy'))).toBe('1');

  await page.reload();
  await expect(predict.getByRole('button', { name: /On every request/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(predict.locator('.predict-feedback').first()).toBeVisible();
});

test('a reflection answer is kept in the browser across reloads and announced', async ({ page }) => {
  await page.goto('/lessons/reflection/');
  await page.evaluate(() => {
    (window as any).answers = [];
    window.addEventListener('kvlab:answer', (e) => (window as any).answers.push((e as CustomEvent).detail));
  });
  const box = page.getByLabel(/which data is read often but written rarely/);
  await box.fill('Product catalogue: ~10,000 reads per edit');
  await box.blur();
  expect(await page.evaluate(() => (window as any).answers)).toEqual([
    { kind: 'reflect', id: 'l9-read-often', value: 'Product catalogue: ~10,000 reads per edit' },
  ]);
  await page.reload();
  await expect(page.getByLabel(/which data is read often but written rarely/)).toHaveValue('Product catalogue: ~10,000 reads per edit');
});

test('every demo slot in the course is live, and exercise slots lead to their exercise', async ({ page }) => {
  await page.goto('/lessons/ttl-strategies/');
  const slot = page.getByRole('complementary', { name: 'Live demo: TTL strategies' });
  await expect(slot.locator('astro-island')).toHaveCount(1);
  await expect(page.locator('[data-status="planned"]')).toHaveCount(0);
  await page.locator('[data-exercise="ttl-until-midnight"]').getByRole('link').click();
  await expect(page).toHaveURL(/\/exercises\/ttl-until-midnight\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

test('theme: follows the OS, and the toggle overrides it across pages', async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: 'dark' });
  const page = await context.newPage();
  await page.goto('/lessons/monitoring/');
  // The button says what a press will do: in a dark OS, switch to light.
  await page.getByRole('button', { name: 'Switch to light mode' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expect(page.getByRole('button', { name: 'Switch to dark mode' })).toContainText('Dark mode');
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await context.close();
});

test('the home page runs its demo: the same request twice, a MISS then a HIT, with the milliseconds', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'All live demos' })).toHaveAttribute('href', '/demos/');
  const fetch = page.getByRole('button', { name: 'Fetch the post' });
  await fetch.click();
  const results = page.locator('.home-demo-results li');
  await expect(results.nth(0)).toContainText(/MISS.* ms: KV had no copy, so D1 read [\d,]+ rows/);
  await page.getByRole('button', { name: 'Fetch it again' }).click();
  await expect(results.nth(1)).toContainText(/HIT.*from KV in \d+ ms/);
});

test('code blocks are highlighted at build time and have a copy button', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/lessons/ttl-strategies/');
  const block = page.locator('.code-block', { hasText: 'secondsUntilMidnightUtc' }).first();
  // Token colours are classes (src/build/shiki-classes.ts), one rule per colour.
  await expect(block.locator('pre.astro-code .line > span[class]').first()).toBeVisible();
  await block.getByRole('button', { name: 'Copy' }).click();
  await expect(block.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('function secondsUntilMidnightUtc');
});

test('keyboard: the skip link is the first stop and moves focus to the lesson', async ({ page }) => {
  await page.goto('/lessons/basic-operations/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
});

test('wide screens put a section and its demo side by side; phones stack them without sideways scrolling', async ({ browser }) => {
  for (const [width, sideBySide] of [[1440, true], [390, false]] as const) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    for (const [slug] of LESSONS) {
      await page.goto(`/lessons/${slug}/`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${slug} at ${width}px scrolls sideways`).toBeLessThanOrEqual(0);
    }
    await page.goto('/lessons/caching-patterns/');
    const text = await page.locator('.live').first().locator('.live-text').boundingBox();
    const demo = await page.locator('.live').first().locator('.live-demo').boundingBox();
    expect(demo!.x > text!.x + text!.width - 1, `side by side at ${width}px`).toBe(sideBySide);
    await context.close();
  }
});

test('presenter view shows a section in large type with its demo beside it, and arrows step through sections', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto('/lessons/caching-patterns/');
  await page.getByRole('link', { name: 'Present “Cache-aside: load on demand”' }).click();
  await expect(page).toHaveURL(/\/present\/#cache-aside/);
  const size = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  expect(size).toBeGreaterThanOrEqual(20);
  const demo = page.getByRole('complementary', { name: /Live demo: Cache-aside/ });
  await expect(demo).toBeInViewport();
  // → reads on: to the next section, or a screen further when this one is taller than the screen.
  const before = await page.evaluate(() => scrollY);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(before);
  await expect(page.getByRole('link', { name: 'Exit presenter view' })).toHaveAttribute('href', '/lessons/caching-patterns/');
  await context.close();
});

test('a lesson cites Cloudflare documentation pages as links and ends with what to remember', async ({ page }) => {
  await page.goto('/lessons/understanding-kv/');
  const limits = page.getByRole('link', { name: 'KV › Platform › Limits' }).first();
  await expect(limits).toHaveAttribute('href', 'https://developers.cloudflare.com/kv/platform/limits/');
  const remember = page.getByRole('complementary', { name: 'What to remember' });
  await expect(remember.getByRole('listitem')).toHaveCount(4);
});

test('passed exercises show in the outline, the exercises index and the home page; a finished course says so', async ({ page }) => {
  await page.goto('/');
  const lessons = await page.locator('.home-outline [data-progress-lesson]').evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.progressLesson));
  await page.evaluate((done) => {
    localStorage.setItem('kvlab:progress', JSON.stringify({ done, last: 'reflection', passed: ['list-all-keys', 'cache-aside'] }));
  }, lessons);
  await page.reload();
  await expect(page.getByRole('link', { name: 'Course complete · your exercises' })).toHaveAttribute('href', '/exercises/');
  await expect(page.getByText('You finished the course.')).toBeVisible();
  await expect(page.getByRole('link', { name: /^Continue/ })).toHaveCount(0);
  await expect(page.getByText('2 of 8 exercises passed')).toBeVisible();
  // The finished course offers the capstone, the exercise that leaves as a Worker project.
  await expect(page.locator('[data-course-finished]').getByRole('link', { name: exerciseTitle('product-catalogue'), exact: true })).toHaveAttribute('href', '/exercises/product-catalogue/');

  await page.goto('/exercises/');
  await expect(page.locator('[data-progress-exercise="cache-aside"] .done-mark')).toBeVisible();
  await expect(page.locator('[data-progress-exercise="key-builder"] .done-mark')).toBeHidden();

  await page.goto('/lessons/caching-patterns/');
  await expect(outline(page).locator('[data-progress-lesson="caching-patterns"] [data-progress-exercises]')).toHaveText('1/2 exercises');
  await expect(outline(page).locator('[data-progress-lesson="basic-operations"] [data-progress-exercises]')).toHaveText('1/1 exercises');
});
