import type { Page } from '@playwright/test';

/**
 * Open a page and return the live demo named `name`, once its island has hydrated.
 * Islands hydrate when visible (`client:visible`); a click that lands before React has
 * taken over the server-rendered HTML does nothing, so tests wait for Astro to drop `ssr`.
 */
export async function openDemo(page: Page, path: string, name: RegExp) {
  await page.goto(path);
  const demo = page.getByRole('complementary', { name });
  await demo.scrollIntoViewIfNeeded();
  await demo.locator('astro-island:not([ssr])').first().waitFor();
  return demo;
}
