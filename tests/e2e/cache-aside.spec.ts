import { expect, test } from '@playwright/test';
import { openHydrated } from './helpers';

test('learner fetches a post twice and sees MISS, then HIT, then resets', async ({ page }) => {
  await openHydrated(page, '/lessons/caching-patterns/');
  await expect(page.getByRole('heading', { level: 1, name: 'Caching patterns' })).toBeVisible();

  const demo = page.getByRole('complementary', { name: /Live demo: Cache-aside/ });
  await demo.getByLabel('Post id').fill('2');
  await demo.getByRole('button', { name: 'Fetch post' }).click();
  await expect(demo.getByTestId('cache-status')).toHaveText('MISS');
  await expect(demo.getByText(/rows read/)).toBeVisible();

  await demo.getByRole('button', { name: 'Fetch post' }).click();
  await expect(demo.getByTestId('cache-status')).toHaveText('HIT');
  await expect(demo.getByText('not called')).toBeVisible();

  await demo.getByRole('button', { name: 'Reset my cache' }).click();
  await expect(demo.getByRole('status')).toContainText('Reset: 1 cached keys removed');
  await demo.getByRole('button', { name: 'Fetch post' }).click();
  await expect(demo.getByTestId('cache-status')).toHaveText('MISS');
});

test('the code panel shows the real source of cacheAside from src/lib', async ({ page }) => {
  await openHydrated(page, '/lessons/caching-patterns/');
  const panel = page.locator('details', { hasText: 'src/lib/patterns/cache-aside.ts' });
  await expect(panel).toHaveAttribute('open', '');
  await expect(panel.locator('pre')).toContainText('export async function cacheAside');
});
