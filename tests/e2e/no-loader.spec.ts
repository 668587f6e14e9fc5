import { expect, test } from '@playwright/test';

// A deployment without the Dynamic Worker Loader (the Workers Free plan has none): the
// exercises say so and everything else works. This runs against a server started with
// --no-loader (playwright.config.ts), the same build with that one binding left out.

test('without a sandbox the API says so, with a 503 a learner understands', async ({ request }) => {
  const list = await (await request.get('/api/exercises')).json();
  expect(list.sandbox).toBe(false);
  expect(list.exercises.length).toBeGreaterThan(0);
  const run = await request.post('/api/exercises/cache-aside/check', { data: { code: 'export function cacheAside() {}' } });
  expect(run.status()).toBe(503);
  expect((await run.json()).error).toMatchObject({ code: 'sandbox_unavailable', message: expect.stringContaining('Worker Loader') });
  // Nobody can run code here, so asking is enough to see the solution.
  const asked = await request.post('/api/exercises/cache-aside/solution');
  expect(asked.status()).toBe(200);
  expect((await asked.json()).unlockedBy).toBe('asked');
});

test('the exercise page shows the notice; lessons and demos work as usual', async ({ page, request }) => {
  await page.goto('/exercises/key-builder/');
  await expect(page.getByRole('note')).toContainText('no sandbox for running code');
  await expect(page.getByRole('textbox', { name: 'Your code (TypeScript)' })).toBeVisible();

  const first = await request.get('/api/demos/cache-aside/posts/4');
  const second = await request.get('/api/demos/cache-aside/posts/4');
  expect([first.headers()['x-cache'], second.headers()['x-cache']]).toEqual(['MISS', 'HIT']);
});
