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
 * Scroll past each island, then wait until the page shows what a reader sees once it is ready:
 * islands hydrated (Astro drops `ssr` once React owns one, and a demo releases its disabled
 * frame), search results listed, the exercise editor mounted.
 */
export async function pageSettled(page: Page, path: string) {
  // Islands hydrate as they near the viewport (client:visible): pass by each, as a reader would.
  await page.evaluate(async () => {
    for (const island of document.querySelectorAll('astro-island[ssr]')) {
      (island.firstElementChild ?? island).scrollIntoView({ block: 'center' });
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    }
    // Then back to the top, where the page is audited and measured.
    window.scrollTo(0, 0);
  });
  await page.waitForFunction(
    () => !document.querySelector('astro-island[ssr], fieldset.demo-frame[data-hydrating]'),
    undefined,
    { timeout: 15_000 },
  );
  if (path.startsWith('/search/?')) await page.locator('[data-search-results] li').first().waitFor();
  if (/^\/exercises\/[^/]+\/$/.test(path)) await page.locator('.cm-editor').first().waitFor();
}
