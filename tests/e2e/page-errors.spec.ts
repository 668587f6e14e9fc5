import { expect, test, type Page } from '@playwright/test';
import { builtPagePaths, pageSettled } from './site-pages';

// No page throws, and none logs an error to the console: a hydration mismatch (React #418),
// a failed chunk or a script error would all show up here. One browser page visits every page
// of the built site and waits only until it is settled (islands hydrated, editor mounted).

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${page.url()}: console: ${message.text()}`);
  });
  return errors;
}

test('no page throws or logs an error while it loads and hydrates', async ({ page }) => {
  const paths = builtPagePaths();
  test.setTimeout(paths.length * 3_000);
  const errors = watchErrors(page);
  for (const path of paths) {
    await page.goto(path);
    await pageSettled(page, path);
  }
  expect(errors, errors.join('\n')).toEqual([]);
});

test('an exercise page hydrates cleanly after "Show a hint" and a reload', async ({ page }) => {
  const errors = watchErrors(page);
  const path = '/exercises/cache-aside/';
  await page.goto(path);
  await pageSettled(page, path);
  await page.getByRole('button', { name: /^Show a hint/ }).click();
  await expect(page.getByRole('region', { name: 'Hints' }).locator('li')).toHaveCount(1);
  await page.reload();
  await pageSettled(page, path);
  // The hint shown before the reload is shown again, from this browser's storage.
  await expect(page.getByRole('region', { name: 'Hints' }).locator('li')).toHaveCount(1);
  expect(errors, errors.join('\n')).toEqual([]);
});
