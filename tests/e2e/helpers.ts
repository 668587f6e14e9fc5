import { expect, type Page } from '@playwright/test';

/**
 * Open a page and wait until its islands have hydrated. Astro removes the `ssr` attribute
 * from an island once React owns it; a click before that would land on inert HTML.
 */
export async function openHydrated(page: Page, path: string) {
  await page.goto(path);
  const islands = page.locator('astro-island');
  for (const island of await islands.all()) await island.scrollIntoViewIfNeeded();
  await expect(page.locator('astro-island[ssr]')).toHaveCount(0);
}
