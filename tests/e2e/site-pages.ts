import { readdirSync } from 'node:fs';
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
