// npm run bench: every performance and size budget, measured now and printed with its figure.
// Timing figures are reported, not enforced: this machine is shared and noisy, so ratios are
// measured within one run (interleaved), never against a fixed clock.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { BUDGETS, measurePages, measureWorker } from './budgets.mjs';
import { lighthouseMedians } from './lib/lighthouse.mjs';
import { measureSearch } from './lib/search-timing.mjs';
import { startServer } from './lib/server.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 4391);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const KB = 1024;
const rows = [];
const report = (name, figure, budget, holds) => {
  rows.push({ name, figure, budget, holds });
  console.log(`${holds === undefined ? '·' : holds ? '✓' : '✗'} ${name}: ${figure}${budget ? ` (budget ${budget})` : ''}`);
};
const kb = (n) => `${(n / KB).toFixed(1)} KB`;
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

if (!existsSync('dist/server/wrangler.json')) {
  console.error('Build first: npm run build');
  process.exit(1);
}

console.log('\n== Sizes (from the build)');
for (const page of measurePages()) {
  if (page.islands === 0 && page.elements.length === 0) report(`JS on ${page.url}`, kb(page.js), '0 KB', page.js === 0);
  else if (page.islands === 0) report(`JS on ${page.url} (${page.elements.join(', ')})`, kb(page.js), kb(BUDGETS.jsCustomElements), page.js <= BUDGETS.jsCustomElements);
  else if (/^\/(lessons|demos)\//.test(page.url)) report(`JS on ${page.url}`, kb(page.js), kb(BUDGETS.jsPerPage), page.js <= BUDGETS.jsPerPage);
  else report(`JS on ${page.url}`, kb(page.js));
  if (page.url.startsWith('/lessons/')) report(`HTML+CSS of ${page.url} (brotli; gzip ${kb(page.htmlCssGzip)})`, kb(page.htmlCss), kb(BUDGETS.lessonHtmlCss), page.htmlCss <= BUDGETS.lessonHtmlCss);
}
const worker = measureWorker();
report('Worker bundle (gzip)', kb(worker.gzip), kb(BUDGETS.workerGzip), worker.gzip <= BUDGETS.workerGzip);

const chrome = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find(existsSync);
const server = await startServer(PORT);
try {
  console.log(`\n== Demo overhead: cache-aside HIT vs a bare KV get, ${REQUESTS} sequential requests each, interleaved`);
  const cookie = { value: '' };
  const get = async (path) => {
    const started = performance.now();
    const res = await fetch(server.base + path, { headers: cookie.value ? { cookie: cookie.value } : {} });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) cookie.value = setCookie.split(';')[0];
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${path} answered ${res.status}`);
    return performance.now() - started;
  };
  await get('/api/demos/cache-aside/posts/1'); // MISS: fills KV, so every timed request is a HIT
  for (let i = 0; i < 50; i++) await get(i % 2 ? '/api/bench/kv-get' : '/api/demos/cache-aside/posts/1'); // warm up
  const hit = [];
  const bare = [];
  for (let i = 0; i < REQUESTS; i++) {
    hit.push(await get('/api/demos/cache-aside/posts/1'));
    bare.push(await get('/api/bench/kv-get'));
  }
  hit.sort((a, b) => a - b);
  bare.sort((a, b) => a - b);
  const overhead = quantile(hit, 0.5) - quantile(bare, 0.5);
  report('bare KV get p50 / p95', `${quantile(bare, 0.5).toFixed(2)} / ${quantile(bare, 0.95).toFixed(2)} ms`);
  report('cache-aside HIT p50 / p95', `${quantile(hit, 0.5).toFixed(2)} / ${quantile(hit, 0.95).toFixed(2)} ms`);
  report('demo overhead at p50', `${overhead.toFixed(2)} ms`, '0.5 ms', overhead <= 0.5);

  console.log('\n== Search: keystroke to first result rendered (Chromium, local server)');
  for (const row of await measureSearch(server.base, chrome)) report(row.name, row.figure, row.budget, row.holds);

  const runs = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
  console.log(`\n== Lighthouse (mobile emulation, default throttling, local server), ${runs} runs per page`);
  lighthouseMedians(server.base, { chrome, runs, report });
} finally {
  server.stop();
}

if (existsSync('scripts/bench-workshop.mjs')) {
  console.log('\n== Workshop load test');
  spawnSync('node', ['scripts/bench-workshop.mjs'], { stdio: 'inherit' });
}

const failed = rows.filter((r) => r.holds === false);
console.log(`\n${rows.filter((r) => r.holds).length} budgets hold, ${failed.length} do not${failed.length ? `: ${failed.map((r) => r.name).join('; ')}` : ''}.`);
