import { expect, test } from '@playwright/test';
import { ageCachedCopy, openHydrated } from './helpers';

// Each pattern demo, clicked through in Chromium as a learner would.

test('write-through: an origin-only edit leaves KV stale; write-through keeps it in step', async ({ page }) => {
  await openHydrated(page, '/demos/write-through/');
  const demo = page.getByRole('region', { name: /Live demo/ });
  await demo.getByRole('button', { name: 'Read via cache and origin' }).click();
  await expect(demo.getByTestId('wt-verdict')).toHaveText('KV and the origin agree.');

  await demo.getByLabel('New title').fill('Edited in D1 only');
  await demo.getByLabel('Origin only').check();
  await demo.getByRole('button', { name: 'Save edit' }).click();
  await expect(demo.getByTestId('write-result')).toContainText('Wrote to origin');
  await demo.getByRole('button', { name: 'Read via cache and origin' }).click();
  await expect(demo.getByTestId('wt-verdict')).toContainText('Stale');

  await demo.getByLabel('Write-through (delete, origin, then KV)').check();
  await demo.getByRole('button', { name: 'Save edit' }).click();
  await expect(demo.getByTestId('write-result')).toContainText('Wrote to origin and kv');
  await demo.getByRole('button', { name: 'Read via cache and origin' }).click();
  await expect(demo.getByTestId('wt-cache-status')).toHaveText('HIT');
  await expect(demo.getByTestId('wt-verdict')).toHaveText('KV and the origin agree.');
});

test('invalidation: forgetting derived keys leaves a deleted post on the cached homepage', async ({ page }) => {
  await openHydrated(page, '/demos/invalidation/');
  const demo = page.getByRole('region', { name: /Live demo/ });
  await demo.getByRole('button', { name: 'Load homepage' }).click();
  await expect(demo.getByTestId('post-count')).toHaveText('30');
  await demo.getByLabel('Invalidate').selectOption('item-only');
  await demo.getByRole('button', { name: 'Delete post' }).click();
  await expect(demo.getByTestId('invalidated')).toContainText('post:30');
  await demo.getByRole('button', { name: 'Load homepage' }).click();
  await expect(demo.getByTestId('ghost')).toBeVisible();
  await expect(demo.getByTestId('post-count')).toHaveText('30');

  await demo.getByLabel('Post id').fill('29');
  await demo.getByLabel('Invalidate').selectOption('all');
  await demo.getByRole('button', { name: 'Delete post' }).click();
  await expect(demo.getByTestId('invalidated')).toContainText('posts:recent');
  await demo.getByRole('button', { name: 'Load homepage' }).click();
  await expect(demo.getByTestId('post-count')).toHaveText('28');
  await expect(demo.getByTestId('recent-status')).toHaveText('MISS');
});

test('stale-while-revalidate: the timeline shows MISS, then STALE served at once', async ({ page }) => {
  await openHydrated(page, '/demos/swr/');
  const demo = page.getByRole('region', { name: /Live demo/ });
  await demo.getByLabel('Stale after (s)').fill('1');
  await demo.getByRole('button', { name: 'Fetch recent posts' }).click();
  await expect(demo.getByTestId('swr-timeline')).toContainText('MISS');
  await ageCachedCopy(page.request, 'posts:recent', 1500);
  await demo.getByRole('button', { name: 'Fetch recent posts' }).click();
  await expect(demo.getByTestId('swr-timeline').locator('tbody tr').first()).toContainText('STALE');
  await expect(demo.getByTestId('swr-timeline')).toContainText('waitUntil');
});

test('error handling: a failed KV read served from the origin is a success, not an ERROR', async ({ page }) => {
  await openHydrated(page, '/demos/errors/');
  const demo = page.getByRole('region', { name: /Live demo/ });
  await demo.getByLabel('KV read fails').check();
  await demo.getByRole('button', { name: 'Fetch with getCachedOrFresh' }).click();
  await expect(demo.getByTestId('errors-story')).toHaveText('KV read failed, served from the origin: a success, only slower.');
  await expect(demo.getByTestId('errors-cache')).toHaveText('MISS');
  await expect(demo.getByTestId('errors-read')).toContainText('(injected fault)');
  await expect(demo.getByRole('alert')).toHaveCount(0);
  await demo.getByLabel('First puts answering 429').fill('2');
  await demo.getByRole('button', { name: 'Write hot key' }).click();
  await expect(demo.getByTestId('hot-result')).toContainText('Written on attempt 3');
});

test('a slow call disables its button and says why; a failed one shows the server’s own message', async ({ page }) => {
  await openHydrated(page, '/demos/errors/');
  const demo = page.getByRole('region', { name: /Live demo/ });
  // Three 429s: 100 + 200 + 400 ms of backoff, long enough for the button to explain itself.
  await demo.getByLabel('First puts answering 429').fill('3');
  const hot = demo.getByRole('button', { name: 'Write hot key' });
  await hot.click();
  await expect(hot).toBeDisabled();
  await expect(demo.getByRole('button', { name: 'Fetch with getCachedOrFresh' })).toBeDisabled();
  await expect(demo.getByText('Waiting for the Worker…')).toBeVisible();
  await expect(demo.getByTestId('hot-result')).toContainText('Written on attempt 4');
  await expect(hot).toBeEnabled();
  await expect(demo.getByText('Waiting for the Worker…')).toHaveCount(0);

  await demo.getByLabel('KV read fails').check();
  await demo.getByLabel('Origin (D1) fails').check();
  await demo.getByRole('button', { name: 'Fetch with getCachedOrFresh' }).click();
  await expect(demo.getByRole('alert')).toHaveText('The KV read failed and the origin is down (both injected): there was nothing to answer with.');
  await expect(demo.getByTestId('errors-read')).toHaveCount(0);
});

test('falsy pitfall: three reads of a cached 0 — the truthy check never hits', async ({ page }) => {
  await openHydrated(page, '/demos/falsy-pitfall/');
  const demo = page.getByRole('region', { name: /Live demo/ });
  await demo.getByRole('button', { name: /if \(!cached\)/ }).click();
  await expect(demo.getByTestId('falsy-truthy')).toContainText('3 origin queries for 3 reads');
  await demo.getByRole('button', { name: /cached !== null/ }).click();
  await expect(demo.getByTestId('falsy-null')).toContainText('1 origin queries for 3 reads');
});

test('operations playground: put three keys, then list them two per page with the cursor', async ({ page }) => {
  await openHydrated(page, '/demos/operations/');
  const demo = page.getByRole('region', { name: /Live demo/ });
  const key = demo.getByRole('textbox', { name: 'Key', exact: true });
  for (const id of ['1', '2', '3']) {
    await key.fill(`user:${id}:profile`);
    await demo.getByRole('button', { name: 'Run put' }).click();
    await expect(demo.getByTestId('op-result')).toContainText(`user:${id}:profile`);
  }
  await demo.getByRole('radio', { name: 'list' }).check();
  await demo.getByRole('button', { name: 'Run list' }).click();
  await expect(demo.getByTestId('list-pages')).toContainText('list_complete: false');
  await demo.getByRole('button', { name: 'Next page (cursor)' }).click();
  await expect(demo.getByTestId('list-pages')).toContainText('Page 2: user:3:profile');
  await expect(demo.getByTestId('list-pages')).toContainText('list_complete: true');

  await demo.getByRole('radio', { name: 'put' }).check();
  await demo.getByLabel('Seconds').fill('30');
  await demo.getByRole('button', { name: 'Run put' }).click();
  await expect(demo.getByRole('alert')).toContainText('at least 60 seconds');
});
