import { expect, test } from '@playwright/test';
import { openHydrated } from './helpers';

test('learner reads a tenant post, bumps the version, lists by prefix and sees two tenants collide', async ({ page }) => {
  await openHydrated(page, '/demos/key-design/');
  const demo = page.getByRole('region', { name: /Live demo: Key design/ });

  await demo.getByRole('combobox', { name: /^Tenant/ }).selectOption('acme');
  await demo.getByLabel('Post id').fill('4');
  await demo.getByRole('button', { name: 'Read post' }).click();
  await expect(demo.getByTestId('key-cache-status')).toHaveText('MISS');
  await expect(demo.getByTestId('key-name')).toHaveText('tenant:acme:posts:v1:post:4');
  await demo.getByRole('button', { name: 'Read post' }).click();
  await expect(demo.getByTestId('key-cache-status')).toHaveText('HIT');

  await demo.getByRole('button', { name: 'Bump version' }).click();
  await expect(demo.getByRole('status')).toContainText('now at version 2');
  await demo.getByRole('button', { name: 'Read post' }).click();
  await expect(demo.getByTestId('key-cache-status')).toHaveText('MISS');
  await expect(demo.getByTestId('key-name')).toHaveText('tenant:acme:posts:v2:post:4');

  await demo.getByLabel('Prefix').fill('tenant:acme:posts:');
  await demo.getByRole('button', { name: 'List keys' }).click();
  const listing = demo.getByRole('table', { name: /keys under/ });
  await expect(listing.getByRole('cell', { name: 'tenant:acme:posts:v1:post:4' })).toBeVisible();
  await expect(listing.getByRole('cell', { name: 'tenant:acme:posts:v2:post:4' })).toBeVisible();
  await expect(listing.getByRole('row', { name: /tenant:acme:posts:version never/ })).toBeVisible();

  await demo.getByRole('button', { name: 'acme saves “orange”' }).click();
  await demo.getByRole('button', { name: 'globex saves “blue”' }).click();
  await demo.getByRole('button', { name: 'acme reads its config' }).click();
  await expect(demo.getByTestId('config-verdict')).toContainText('Collision! acme asked for its own configuration and got globex’s');

  await demo.getByRole('checkbox', { name: /Namespace keys by tenant/ }).check();
  await demo.getByRole('button', { name: 'acme saves “orange”' }).click();
  await demo.getByRole('button', { name: 'globex saves “blue”' }).click();
  await demo.getByRole('button', { name: 'acme reads its config' }).click();
  await expect(demo.getByTestId('config-verdict')).toContainText('acme got its own configuration (theme “orange”) from “tenant:acme:config”');
  // A tenant id with the separator is escaped by the same key builder the server uses.
  await expect(demo.getByTestId('escaped-tenant')).toContainText('tenant:acme%3Aadmin:config');

  // Beside the demo: the source of the functions that ran.
  const panel = page.locator('details', { hasText: 'src/lib/patterns/key-versions.ts' });
  await expect(panel).toHaveAttribute('open', '');
  await expect(panel.locator('pre')).toContainText('export async function bumpFamilyVersion');
});
