// Every internal link and fragment in the built site points at something that exists.
import { readFileSync } from 'node:fs';
import { builtPages, fileFor } from './dist-pages.mjs';

const pages = builtPages();
const idsOf = new Map(pages.map((p) => [p.file, new Set([...p.html.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]))]));
const broken = [];
let checked = 0;

for (const page of pages) {
  const links = [...page.html.matchAll(/<(?:a|link)\b[^>]*\bhref="([^"]+)"/g)].map((m) => m[1].replaceAll('&amp;', '&'));
  for (const href of links) {
    if (/^(https?:|mailto:|data:)/.test(href) || href.startsWith('/api/')) continue;
    checked++;
    const [path, fragment] = href.split('#');
    const target = path === '' ? page.file : path.startsWith('/') ? fileFor(path) : fileFor(new URL(path, `http://x${page.url}`).pathname);
    if (!target) {
      broken.push(`${page.url} → ${href} (no such page or file)`);
      continue;
    }
    if (fragment && target.endsWith('.html')) {
      const ids = idsOf.get(target) ?? new Set([...readFileSync(target, 'utf8').matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]));
      if (!ids.has(decodeURIComponent(fragment))) broken.push(`${page.url} → ${href} (no element with that id)`);
    }
  }
}

console.log(`Checked ${checked} internal links on ${pages.length} pages.`);
for (const line of broken) console.log(`✗ ${line}`);
console.log(broken.length ? `${broken.length} broken link(s).` : '✓ 0 broken internal links.');
process.exit(broken.length ? 1 : 0);
