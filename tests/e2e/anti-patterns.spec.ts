import { expect, test } from '@playwright/test';
import { openHydrated } from './helpers';

// @serial: the server builds one giant value at a time (playwright.config.ts).
test('learner sees a global key leak a profile, a giant value cost more than a query, and keys without expiration pile up', { tag: '@serial' }, async ({ page }) => {
  await openHydrated(page, '/demos/anti-patterns/');
  const demo = page.getByRole('region', { name: /Live demo: Anti-patterns/ });

  await demo.getByRole('button', { name: 'Alice signs in' }).click();
  await demo.getByRole('button', { name: 'Bob signs in' }).click();
  await demo.getByRole('button', { name: 'Alice opens her profile' }).click();
  const verdict = demo.getByTestId('profile-verdict');
  await expect(verdict).toContainText('read current-user and shows Bob Example');
  await expect(verdict).toContainText('Leaked: that is Bob Example’s profile, not Alice’s.');

  await demo.getByRole('checkbox', { name: /Scope the key to the user/ }).check();
  await demo.getByRole('button', { name: 'Alice signs in' }).click();
  await demo.getByRole('button', { name: 'Bob signs in' }).click();
  await demo.getByRole('button', { name: 'Alice opens her profile' }).click();
  await expect(verdict).toContainText('read user:alice:profile and shows Alice Example');
  await expect(verdict).not.toContainText('Leaked');

  // Giant values: the same answer three ways, measured.
  await demo.getByRole('button', { name: 'One small value per answer' }).click();
  await demo.getByRole('button', { name: 'Whole table in one key' }).click();
  const table = demo.getByRole('table', { name: /Measured in the Worker/ });
  await expect(table.getByRole('row', { name: /Whole table in one key \d+\.\d MiB/ })).toBeVisible({ timeout: 15_000 });
  await expect(table.getByRole('row', { name: /One small value per answer \d+ B/ })).toBeVisible();
  await expect(demo.getByText('Answer: post 3 has 5,000 views')).toBeVisible();

  // Forgetting expiration: the keys pile up.
  await demo.getByRole('button', { name: 'Cache 10 searches without expiration' }).click();
  await expect(demo.getByTestId('pile')).toContainText('now finds 10 keys; 10 of them have no expiration');
  await demo.getByRole('button', { name: 'Cache 10 searches with a 1 h TTL' }).click();
  await expect(demo.getByTestId('pile')).toContainText('now finds 20 keys; 10 of them have no expiration');
});
