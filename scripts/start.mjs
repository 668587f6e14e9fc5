// npm start: build when the sources changed, apply D1 migrations (idempotent), then serve the
// production build in workerd with local KV and D1. PORT picks the port (default 4321).
//
//   node scripts/start.mjs                 the tutorial, state in .wrangler/state
//   node scripts/start.mjs --state DIR     keep local KV/D1 somewhere else (tests use this)
//   node scripts/start.mjs --fresh         start that state from empty
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    state: { type: 'string' },
    fresh: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
  },
});
const port = process.env.PORT || '4321';
const host = process.env.HOST || '127.0.0.1';
const persist = args.state ? ['--persist-to', args.state] : [];

function run(cmd, cmdArgs) {
  const result = spawnSync(cmd, cmdArgs, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\n✖ ${cmd} ${cmdArgs.join(' ')} failed (exit ${result.status}).`);
    process.exit(result.status ?? 1);
  }
}

/** Newest modification time of anything the build reads. */
function newestSource(paths) {
  let newest = 0;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      newest = Math.max(newest, newestSource(readdirSync(path).map((name) => join(path, name))));
    } else {
      newest = Math.max(newest, stat.mtimeMs);
    }
  }
  return newest;
}

const builtConfig = 'dist/server/wrangler.json';
const sources = ['src', 'content', 'public', 'astro.config.mjs', 'wrangler.toml', 'package-lock.json'];
if (!args['no-build']) {
  if (!existsSync(builtConfig) || newestSource(sources) > statSync(builtConfig).mtimeMs) {
    console.log('▸ Building the site (sources changed since the last build)…');
    run('astro', ['build']);
  } else {
    console.log('▸ Build is up to date.');
  }
}
if (!existsSync(builtConfig)) {
  console.error('✖ No build found. Run `npm run build` first.');
  process.exit(1);
}

if (args.fresh && args.state) rmSync(args.state, { recursive: true, force: true });
console.log('▸ Applying D1 migrations and seed data (local)…');
run('wrangler', ['d1', 'migrations', 'apply', 'DB', '--local', ...persist]);

console.log(`▸ Starting the Worker on http://${host}:${port}/ …`);
// The debugger port follows the app's port, so several servers can run side by side.
const inspectorPort = process.env.INSPECTOR_PORT || String(Number(port) + 1000);
const server = spawn('wrangler', ['dev', '--ip', host, '--port', port, '--inspector-port', inspectorPort, '--show-interactive-dev-session=false', ...persist], {
  stdio: ['ignore', 'inherit', 'inherit'],
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));

// Say where to go once the app answers, in a line that is easy to spot in wrangler's output.
for (let i = 0; i < 120; i++) {
  await new Promise((r) => setTimeout(r, 500));
  const ok = await fetch(`http://${host}:${port}/api/health`).then((r) => r.ok, () => false);
  if (ok) {
    console.log(`\n  KV Caching Lab is ready: http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/\n`);
    break;
  }
}
