import { expect, test, type Page } from '@playwright/test';
import { pageSettled } from './site-pages';

// A page that hydrates again over state it kept: no error thrown or logged. (That no page of
// the site throws or logs an error while it loads and hydrates is checked on the visit
// a11y-and-budgets.spec.ts makes to every page, with tests/e2e/page-policy.ts.)

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${page.url()}: console: ${message.text()}`);
  });
  return errors;
}

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
