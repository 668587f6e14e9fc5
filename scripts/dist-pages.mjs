// Shared by the dist checks: every built HTML page and what it loads.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';

export const CLIENT = 'dist/client';

export const gzipBytes = (data) => gzipSync(data, { level: 9 }).byteLength;
/** Cloudflare serves text with Brotli to browsers that accept it (all current ones). */
export const brotliBytes = (data) => brotliCompressSync(data).byteLength;

/** The page's HTML without its inline scripts: those bytes are counted as JavaScript. */
export const markupOnly = (html) => html.replace(/(<script\b[^>]*>)[\s\S]*?(<\/script>)/g, '$1$2');

/** Every HTML file under dist/client, with its URL path. */
export function builtPages(dir = CLIENT) {
  const pages = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) pages.push(...builtPages(path));
    else if (name.endsWith('.html')) {
      const url = '/' + relative(CLIENT, path).replace(/index\.html$/, '').replace(/\.html$/, '');
      pages.push({ file: path, url, html: readFileSync(path, 'utf8') });
    }
  }
  return pages;
}

const attr = (html, tag, name) =>
  [...html.matchAll(new RegExp(`<${tag}\\b[^>]*\\b${name}="([^"]+)"`, 'g'))].map((m) => m[1]);

/** The file in dist/client a root-relative URL points at, if any. */
export function fileFor(url) {
  const path = decodeURI(url.split(/[?#]/)[0]);
  for (const candidate of [join(CLIENT, path), join(CLIENT, path, 'index.html'), join(CLIENT, `${path}.html`)]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** JS files a page loads: module scripts, island components and renderers, and what they import. */
export function pageScripts(html) {
  const entry = [
    ...attr(html, 'script', 'src'),
    ...attr(html, 'astro-island', 'component-url'),
    ...attr(html, 'astro-island', 'renderer-url'),
    ...attr(html, 'astro-island', 'before-hydration-url'),
  ].filter((u) => u.startsWith('/'));
  const seen = new Set();
  const queue = entry.map((u) => fileFor(u)).filter(Boolean);
  while (queue.length) {
    const file = queue.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    // Static imports only: what a page loads before anything runs. A dynamic `import()` (the
    // exercise editor, the merge view) loads when used and is not the page's initial weight.
    for (const m of code.matchAll(/(?:from|import)\s*["'](\.{1,2}\/[^"']+\.js)["']/g)) {
      const next = join(dirname(file), m[1]);
      if (existsSync(next)) queue.push(next);
    }
  }
  const inline = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
    .map((m) => m[1])
    .filter((code) => code.trim() && !/type="application\/(ld\+)?json"/.test(code));
  return { files: [...seen], inline };
}

/** Stylesheets a page links, and its inline styles. */
export function pageStyles(html) {
  const files = [...html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)]
    .map((m) => fileFor(m[1]))
    .filter(Boolean);
  const inline = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
  return { files, inline };
}
