import { expect, test } from '@playwright/test';
import { openHydrated } from './helpers';

test('learner caches with a preset, sees the absolute expiration and a countdown, and has a 30 s TTL refused', async ({ page }) => {
  await openHydrated(page, '/demos/ttl/');
  const demo = page.getByRole('region', { name: /Live demo: TTL strategies/ });

  await demo.getByLabel('Expiration').selectOption({ label: 'Recent posts: 5 min' });
  await demo.getByRole('button', { name: 'Cache with this TTL' }).click();
  await expect(demo.getByTestId('ttl-expiration')).toContainText(/expiration: \d{10} \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ UTC\)/);
  const row = demo.getByRole('row', { name: /ttl:recent-posts/ });
  await expect(row).toContainText('300 s');
  // The countdown ticks: it reads 4 min 5x s, then a second less.
  const remaining = row.getByRole('cell').nth(3);
  await expect(remaining).toHaveText(/^4 min 5\d s$/);
  const first = await remaining.textContent();
  await expect(remaining).not.toHaveText(first!, { timeout: 3000 });

  await row.getByRole('button', { name: 'Read ttl:recent-posts' }).click();
  await expect(row.getByText('HIT')).toBeVisible();

  await demo.getByLabel('Expiration').selectOption({ label: 'Daily stats: until midnight UTC' });
  await demo.getByRole('button', { name: 'Cache with this TTL' }).click();
  await expect(demo.getByRole('row', { name: /ttl:daily-stats/ })).toContainText(/\d{4}-\d\d-\d\d 00:00:00Z/);

  await demo.getByLabel('Expiration').selectOption({ label: 'Custom (seconds)…' });
  await demo.getByLabel('expirationTtl (s)').fill('30');
  await demo.getByRole('button', { name: 'Cache with this TTL' }).click();
  await expect(demo.getByRole('alert')).toContainText('KV refused expirationTtl 30');
  await expect(demo.getByRole('alert')).toContainText('at least 60 seconds');
});
