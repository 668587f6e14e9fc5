// npm start: build when the sources changed, apply D1 migrations (idempotent), then serve the
// production build in workerd with local KV and D1 (scripts/lib/serve-build.mjs). PORT picks the
// port (default 4321), HOST the address (default 127.0.0.1), INSPECTOR_PORT opens the V8
// inspector for DevTools (off unless set).
//
//   node scripts/start.mjs                 the tutorial, state in .wrangler/state
//   node scripts/start.mjs --state DIR     keep local KV/D1 somewhere else (tests use this)
//   node scripts/start.mjs --fresh         start that state from empty
//   node scripts/start.mjs --quiet         no log line per request (benchmarks use this)
//   node scripts/start.mjs --no-loader     without the Worker Loader, as on a plan that lacks it
//                                          (the exercises then say so; tests run it once)
//
// Workshop mode needs an instructor token (INSTRUCTOR_TOKEN). One set in the environment wins,
// then one in .dev.vars; when there is none, a random one is written to .dev.vars on first run.
// Once the app answers, the instructor console's URL is printed with the token in its fragment.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, chmodSync, existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { serveBuild } from './lib/serve-build.mjs';

const { values: args } = parseArgs({
  options: {
    state: { type: 'string' },
    fresh: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    'no-loader': { type: 'boolean', default: false },
  },
});
// wrangler's warnings and errors, not its progress notes: on a fresh state the migrations alone
// print a table per migration, and the server's config reader notes where it found secrets.
process.env.WRANGLER_LOG ??= 'warn';
const port = process.env.PORT || '4321';
const host = process.env.HOST || '127.0.0.1';
// wrangler's default local state folder, so `wrangler d1 execute DB --local` sees the same data.
const state = args.state ?? '.wrangler/state';

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
    run('npm', ['run', 'build']); // astro build, then the Pagefind search index
  } else {
    console.log('▸ Build is up to date.');
  }
}
if (!existsSync(builtConfig)) {
  console.error('✖ No build found. Run `npm run build` first.');
  process.exit(1);
}

if (args.fresh && args.state) rmSync(state, { recursive: true, force: true });
const token = instructorToken();
console.log('▸ Applying D1 migrations and seed data (local)…');
run('wrangler', ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state]);

console.log(`▸ Starting the Worker on http://${host}:${port}/ …`);
let server;
try {
  server = await serveBuild({ host, port, state, vars: { INSTRUCTOR_TOKEN: token.value }, logRequests: !args.quiet, inspectorPort: process.env.INSPECTOR_PORT, loader: !args['no-loader'] });
} catch (error) {
  console.error(`\n✖ The Worker did not start: ${error.message}`);
  process.exit(1);
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.dispose().finally(() => process.exit(0)));
}

const ok = await fetch(`http://${host}:${port}/api/health`).then((r) => r.ok, () => false);
if (!ok) console.error('✖ The Worker started but /api/health does not answer 200; see the log above.');
const base = `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
console.log(`\n  KV Caching Lab is ready: ${base}/\n`);
// The token travels in the fragment: browsers never send it to the server or its logs.
console.log(`  Instructor console (workshop mode; token from ${token.source}):`);
console.log(`    ${base}/workshop/console/#token=${encodeURIComponent(token.value)}`);
console.log(`  Participants join at ${base}/workshop/\n`);

/** The instructor token: the environment's wins, then .dev.vars's; else a new one in .dev.vars. */
function instructorToken() {
  const devVars = '.dev.vars';
  const fromFile = existsSync(devVars) ? /^\s*INSTRUCTOR_TOKEN\s*=\s*"?([^"\n]+?)"?\s*$/m.exec(readFileSync(devVars, 'utf8'))?.[1] : undefined;
  const fromEnv = process.env.INSTRUCTOR_TOKEN;
  if (fromEnv) {
    if (fromEnv.length < 16) {
      console.error('✖ INSTRUCTOR_TOKEN must have at least 16 characters.');
      process.exit(1);
    }
    return { value: fromEnv, source: 'the INSTRUCTOR_TOKEN environment variable' };
  }
  if (fromFile) return { value: fromFile, source: '.dev.vars' };

  const value = randomBytes(24).toString('base64url');
  const existing = existsSync(devVars) ? readFileSync(devVars, 'utf8') : '';
  const line = `${existing && !existing.endsWith('\n') ? '\n' : ''}# Workshop mode: the instructor's secret. Created by npm start; never commit this file.\nINSTRUCTOR_TOKEN="${value}"\n`;
  appendFileSync(devVars, line, { mode: 0o600 });
  chmodSync(devVars, 0o600);
  console.log('▸ Created a random instructor token in .dev.vars (workshop mode).');
  return { value, source: '.dev.vars (just created)' };
}
