import { expect, test, type Browser, type Page } from '@playwright/test';
import { INSTRUCTOR_TOKEN } from './workshop-helpers';

// One instructor and two participants, each in their own browser context.

async function participant(browser: Browser, code: string, name: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('dialog', (dialog) => {
    throw new Error(`A page ran injected script: ${dialog.message()}`);
  });
  await page.goto(`/workshop/?code=${code}`);
  await expect(page.getByLabel('Workshop code')).toHaveValue(code);
  await page.getByLabel('Your display name').fill(name);
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByRole('heading', { name: 'You are in' })).toBeVisible();
  await page.goto('/lessons/caching-patterns/');
  await expect(page.getByRole('region', { name: 'Workshop' })).toBeVisible();
  return page;
}

async function reportProgress(page: Page, done: string[]) {
  await page.evaluate((done) => {
    localStorage.setItem('kvlab:progress', JSON.stringify({ done, last: done.at(-1) }));
    window.dispatchEvent(new CustomEvent('kvlab:progress', { detail: { done, last: done.at(-1) } }));
  }, done);
}

test('the instructor sets the section and sees both participants’ progress update live', async ({ browser }) => {
  const instructorContext = await browser.newContext();
  const console_ = await instructorContext.newPage();
  await console_.goto(`/workshop/console/#token=${INSTRUCTOR_TOKEN}`);
  // The token leaves the address bar at once.
  await expect(console_).toHaveURL(/\/workshop\/console\/$/);
  await console_.getByLabel('Title participants will see').fill('Live test');
  await console_.getByRole('button', { name: 'Create workshop' }).click();
  await expect(console_.getByText('Live', { exact: false }).first()).toBeVisible();
  const code = new URL(console_.url()).searchParams.get('code')!;
  expect(code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);

  const ada = await participant(browser, code, 'Ada');
  const xss = '<img src=x onerror=alert(1)>';
  const mal = await participant(browser, code, xss);

  const row = (name: string) => console_.locator('tr', { has: console_.getByText(name, { exact: true }) });
  await expect(console_.getByTestId('online-count')).toHaveText('2');
  await expect(row('Ada')).toBeVisible();
  await expect(row(xss)).toBeVisible(); // shown as text, not as an image

  // The instructor sends the room to the cache-aside section; both banners follow.
  await console_.getByLabel('Section').selectOption({ label: 'Caching patterns › Cache-aside: load on demand' });
  await console_.getByRole('button', { name: 'Send the room here' }).click();
  for (const page of [ada, mal]) {
    const bar = page.getByRole('region', { name: 'Workshop' });
    await expect(bar).toContainText('Follow the instructor: Caching patterns › Cache-aside: load on demand');
    await expect(bar.getByRole('link', { name: 'Jump there' })).toHaveAttribute('href', '/lessons/caching-patterns/#cache-aside-load-on-demand');
  }

  // Progress in the participants' pages reaches the console without a reload.
  await reportProgress(ada, ['caching-patterns#why', 'caching-patterns#cache-aside-load-on-demand']);
  await expect(row('Ada').getByTestId('done-count')).toHaveText('2');
  await reportProgress(mal, ['caching-patterns#why']);
  await expect(row(xss).getByTestId('done-count')).toHaveText('1');

  // Demo traffic shows up in the room's hit rate.
  const demo = ada.getByRole('complementary', { name: /Live demo: Cache-aside/ });
  await demo.getByRole('button', { name: 'Fetch post' }).click();
  await expect(demo.getByTestId('cache-status')).toHaveText('MISS');
  await demo.getByRole('button', { name: 'Fetch post' }).click();
  await expect(demo.getByTestId('cache-status')).toHaveText('HIT');
  await expect(console_.getByTestId('room-hit-rate')).toHaveText('50%');

  // Revealing a solution reaches the pages as a kvlab:reveal event.
  const revealed = ada.evaluate(() => new Promise<string>((resolve) => window.addEventListener('kvlab:reveal', (e) => resolve((e as CustomEvent<{ slug: string }>).detail.slug), { once: true })));
  await console_.getByLabel('Exercise').selectOption('key-builder');
  await console_.getByRole('button', { name: 'Reveal solution' }).click();
  expect(await revealed).toBe('key-builder');
  expect(await ada.evaluate(() => JSON.parse(localStorage.getItem('kvlab:revealed') ?? '[]'))).toContain('key-builder');

  // Thundering herd: each of the two browsers fires 10 requests for the cold key at once, so
  // two people are a herd of 20. Without coalescing every miss loads the origin; with
  // coalescing the misses share one load.
  await console_.getByRole('button', { name: 'Everyone fetch the cold key now' }).click();
  await expect(console_.locator('.console-message')).toHaveText('Sent “fetch now” to 2 browsers, 10 clients each: 20 requests for one cold key.');
  const plain = console_.getByTestId('herd-run-1');
  await expect(plain.getByTestId('herd-requests')).toHaveText('20');
  const misses = Number(await plain.getByTestId('kv-misses').textContent());
  expect(misses).toBeGreaterThan(2);
  expect(await plain.getByTestId('origin-loads').textContent()).toBe(String(misses));
  // Each bar reports its own browser's share. Which browser reaches the cold key first is up to
  // the network: the later one may find part or all of the first one's copy already cached.
  await expect(ada.getByRole('region', { name: 'Workshop' })).toContainText(/Herd demo: 10 requests, \d+ missed KV; \d+ loaded the origin/);
  await console_.getByRole('button', { name: 'Same, with request coalescing' }).click();
  const coalesced = console_.getByTestId('herd-run-2');
  await expect(coalesced.getByTestId('herd-requests')).toHaveText('20');
  expect(Number(await coalesced.getByTestId('kv-misses').textContent())).toBeGreaterThan(2);
  await expect(coalesced.getByTestId('origin-loads')).toHaveText('1');

  await instructorContext.close();
});
