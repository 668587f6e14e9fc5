import { readdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { join, relative } from 'node:path';

/**
 * Every page of the built site under test: each HTML file in dist/client (the prerendered
 * lessons, presenter views, demos, exercises, search, workshop pages and the /source/ pages of
 * the code panels), as the URL path it is served at.
 */
export function builtPagePaths(dir = 'dist/client'): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('index.html'))
    .map((file) => '/' + relative(dir, join(dir, file)).replace(/index\.html$/, ''))
    .sort();
}

/**
 * Wait until a page shows what a reader sees once it is ready: islands hydrated (Astro drops
 * `ssr` once React owns one, and a demo releases its disabled frame), search results listed,
 * the exercise editor mounted.
 */
export async function pageSettled(page: Page, path: string) {
  // An island below the fold (client:visible) hydrates when a reader scrolls to it: so do that,
  // then go back to the top, where the page is audited and measured.
  for (const island of await page.locator('astro-island[ssr]').all()) await island.scrollIntoViewIfNeeded({ timeout: 2_000 }).catch(() => {});
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForFunction(
    () => !document.querySelector('astro-island[ssr], fieldset.demo-frame[data-hydrating]'),
    undefined,
    { timeout: 15_000 },
  );
  if (path.startsWith('/search/?')) await page.locator('[data-search-results] li').first().waitFor();
  if (/^\/exercises\/[^/]+\/$/.test(path)) await page.locator('.cm-editor').first().waitFor();
}
