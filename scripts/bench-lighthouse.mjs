// npm run bench:lighthouse: only the Lighthouse part of `npm run bench`, against the production
// build (run `npm run build` first). LIGHTHOUSE_RUNS runs per page (default 3), medians printed
// with the goals of issue 15; BENCH_PORT picks the server's port.
import { existsSync } from 'node:fs';
import { lighthouseMedians } from './lib/lighthouse.mjs';
import { startServer } from './lib/server.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 4391);
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);

if (!existsSync('dist/server/wrangler.json')) {
  console.error('Build first: npm run build');
  process.exit(1);
}
const chrome = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find(existsSync);
const rows = [];
const report = (name, figure, budget, holds) => {
  rows.push({ name, figure, budget, holds });
  console.log(`${holds === undefined ? '·' : holds ? '✓' : '✗'} ${name}: ${figure}${budget ? ` (goal ${budget})` : ''}`);
};
const server = await startServer(PORT);
try {
  console.log(`== Lighthouse (mobile emulation, default throttling, local server), ${RUNS} runs per page`);
  lighthouseMedians(server.base, { chrome, runs: RUNS, report });
} finally {
  server.stop();
}
const failed = rows.filter((r) => r.holds === false);
console.log(`\n${rows.filter((r) => r.holds).length} goals met, ${failed.length} not${failed.length ? `: ${failed.map((r) => r.name).join('; ')}` : ''}.`);
process.exitCode = failed.length ? 1 : 0;
