// Size budgets of the built site, checked in `npm test` (they are deterministic: bytes).
// Timing budgets live in `npm run bench`, which prints them instead of failing.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { brotliBytes, builtPages, gzipBytes, markupOnly, pageScripts, pageStyles } from './dist-pages.mjs';

const KB = 1024;
export const BUDGETS = {
  jsWithoutIslands: 0,
  /** Pages whose only interactivity is small custom elements (theme toggle, progress with exercise passes, predict). */
  jsCustomElements: 5 * KB,
  jsPerPage: 80 * KB,
  /** An exercise page before its editor loads: React, the workbench and the statement. */
  jsExercisePage: 150 * KB,
  /**
   * A lesson's text with its predictions (each wrong choice says why it tempts) and closing box.
   * The longest, invalidation and SWR with the race and stampede sections, is 15.8 KB brotli.
   */
  lessonHtmlCss: 17 * KB,
  workerGzip: 1024 * KB,
};

export function measurePages() {
  return builtPages().map((page) => {
    const scripts = pageScripts(page.html);
    const styles = pageStyles(page.html);
    const js =
      scripts.files.reduce((n, f) => n + gzipBytes(readFileSync(f)), 0) +
      scripts.inline.reduce((n, code) => n + gzipBytes(code), 0);
    // HTML (inline scripts excluded: they count as JS above) plus linked CSS, compressed as
    // Cloudflare serves it to current browsers: Brotli. Gzip is reported beside it.
    const markup = markupOnly(page.html);
    const htmlCss = brotliBytes(markup) + styles.files.reduce((n, f) => n + brotliBytes(readFileSync(f)), 0);
    const htmlCssGzip = gzipBytes(markup) + styles.files.reduce((n, f) => n + gzipBytes(readFileSync(f)), 0);
    const islands = (page.html.match(/<astro-island\b/g) ?? []).length;
    // Custom elements (`<kv-predict>`, `[data-theme-toggle]` …) are islands too, just without React.
    const elements = new Set(
      [...page.html.matchAll(/<((?!astro-)[a-z]+-[a-z-]+)\b/g)].map((m) => m[1]).concat(/data-theme-toggle/.test(page.html) ? ['theme-toggle'] : []),
    );
    return { url: page.url, islands, elements: [...elements], js, htmlCss, htmlCssGzip };
  });
}

/** Worker upload size as wrangler reports it for a deploy (without deploying). */
export function measureWorker() {
  const out = execFileSync('wrangler', ['deploy', '--dry-run', '--outdir', '.wrangler/dry-run'], { encoding: 'utf8' });
  const match = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(out);
  if (!match) throw new Error(`Could not read the upload size from wrangler:\n${out}`);
  return { raw: Number(match[1]) * KB, gzip: Number(match[2]) * KB };
}

const fmt = (n) => `${(n / KB).toFixed(1)} KB`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const failures = [];
  const check = (label, value, budget, show = fmt) => {
    const ok = value <= budget;
    if (!ok) failures.push(label);
    console.log(`${ok ? '✓' : '✗'} ${label}: ${show(value)} (budget ${show(budget)})`);
  };
  for (const page of measurePages()) {
    if (page.islands === 0 && page.elements.length === 0) check(`JS on ${page.url} (nothing interactive)`, page.js, BUDGETS.jsWithoutIslands);
    else if (page.islands === 0) check(`JS on ${page.url} (${page.elements.join(', ')})`, page.js, BUDGETS.jsCustomElements);
    else if (/^\/(lessons|demos)\//.test(page.url)) check(`JS on ${page.url} (${page.islands} islands)`, page.js, BUDGETS.jsPerPage);
    else if (/^\/exercises\/[^/]+\/$/.test(page.url)) check(`initial JS on ${page.url} (${page.islands} islands)`, page.js, BUDGETS.jsExercisePage);
    // The workshop console carries no budget: reported only.
    else console.log(`· JS on ${page.url} (${page.islands} islands): ${fmt(page.js)} (reported, no budget)`);
    if (page.url.startsWith('/lessons/')) {
      check(`HTML+CSS of ${page.url} (brotli; gzip ${fmt(page.htmlCssGzip)})`, page.htmlCss, BUDGETS.lessonHtmlCss);
    }
  }
  const worker = measureWorker();
  check('Worker bundle (gzip)', worker.gzip, BUDGETS.workerGzip);
  console.log(failures.length ? `\n${failures.length} budget(s) exceeded.` : '\nAll size budgets hold.');
  process.exit(failures.length ? 1 : 0);
}
