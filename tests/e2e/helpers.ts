import { readFileSync } from 'node:fs';
import { expect, type APIRequestContext, type Page } from '@playwright/test';

/**
 * Open a page and wait until its islands have hydrated. Astro removes the `ssr` attribute
 * from an island once React owns it; a click before that would land on inert HTML. Returns the
 * page's response.
 */
export async function openHydrated(page: Page, path: string) {
  const response = await page.goto(path);
  const islands = page.locator('astro-island');
  for (const island of await islands.all()) await island.scrollIntoViewIfNeeded();
  await expect(page.locator('astro-island[ssr]')).toHaveCount(0);
  return response;
}

/**
 * Make a learner's cached copy `ms` older than it is, instead of waiting for it to age: the
 * copy is rewritten through the KV playground (same learner, same key space) with an earlier
 * `cached_at` in its metadata, which is all stale-while-revalidate reads to judge its age.
 */
export async function ageCachedCopy(request: APIRequestContext, key: string, ms: number) {
  const read = await request.get(`/api/kv/${encodeURIComponent(key)}?metadata=1`);
  expect(read.status()).toBe(200);
  const { value, metadata } = await read.json();
  expect(value, `${key} is cached`).not.toBeNull();
  const write = await request.put(`/api/kv/${encodeURIComponent(key)}`, {
    data: { value, expirationTtl: 3600, metadata: { ...metadata, cached_at: metadata.cached_at - ms } },
    headers: { 'content-type': 'application/json' },
  });
  expect(write.status()).toBe(200);
}

/** An exercise's title as its content gives it (content/exercises/<slug>/index.md), so tests never retype it. */
export function exerciseTitle(slug: string): string {
  const title = /^title:\s*(.+)$/m.exec(readFileSync(`content/exercises/${slug}/index.md`, 'utf8'))?.[1];
  if (!title) throw new Error(`content/exercises/${slug}/index.md has no title`);
  return title.trim();
}
