// npm start: build when the sources changed, apply D1 migrations (idempotent), then serve the
// production build in workerd with local KV and D1. PORT picks the port (default 4321).
//
//   node scripts/start.mjs                 the tutorial, state in .wrangler/state
//   node scripts/start.mjs --state DIR     keep local KV/D1 somewhere else (tests use this)
//   node scripts/start.mjs --fresh         start that state from empty
//
// Workshop mode needs an instructor token (INSTRUCTOR_TOKEN). One set in the environment wins,
// then one in .dev.vars; when there is none, a random one is written to .dev.vars on first run.
// Once the app answers, the instructor console's URL is printed with the token in its fragment.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
    run('npm', ['run', 'build']); // astro build, then the Pagefind search index
  } else {
    console.log('▸ Build is up to date.');
  }
}
if (!existsSync(builtConfig)) {
  console.error('✖ No build found. Run `npm run build` first.');
  process.exit(1);
}

if (args.fresh && args.state) rmSync(args.state, { recursive: true, force: true });
const tokenArgs = instructorToken();
console.log('▸ Applying D1 migrations and seed data (local)…');
run('wrangler', ['d1', 'migrations', 'apply', 'DB', '--local', ...persist]);

console.log(`▸ Starting the Worker on http://${host}:${port}/ …`);
// The debugger port follows the app's port, so several servers can run side by side.
const inspectorPort = process.env.INSPECTOR_PORT || String(Number(port) + 1000);
const server = spawn('wrangler', ['dev', '--ip', host, '--port', port, '--inspector-port', inspectorPort, '--show-interactive-dev-session=false', ...persist, ...tokenArgs.wranglerArgs], {
  stdio: ['ignore', 'inherit', 'inherit'],
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));

// Say where to go once the app answers, in a line that is easy to spot in wrangler's output.
for (let i = 0; i < 120; i++) {
  await new Promise((r) => setTimeout(r, 500));
  const ok = await fetch(`http://${host}:${port}/api/health`).then((r) => r.ok, () => false);
  if (ok) {
    const base = `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
    console.log(`\n  KV Caching Lab is ready: ${base}/\n`);
    // The token travels in the fragment: browsers never send it to the server or its logs.
    console.log(`  Instructor console (workshop mode; token from ${tokenArgs.source}):`);
    console.log(`    ${base}/workshop/console/#token=${encodeURIComponent(tokenArgs.token)}`);
    console.log(`  Participants join at ${base}/workshop/\n`);
    break;
  }
}

/**
 * The instructor token and how wrangler gets it. wrangler reads .dev.vars itself and prefers it
 * over the environment, so a token from the environment goes in a private env file passed last.
 */
function instructorToken() {
  const devVars = '.dev.vars';
  const fromFile = existsSync(devVars) ? /^\s*INSTRUCTOR_TOKEN\s*=\s*"?([^"\n]+?)"?\s*$/m.exec(readFileSync(devVars, 'utf8'))?.[1] : undefined;
  const fromEnv = process.env.INSTRUCTOR_TOKEN;
  const envFiles = existsSync(devVars) ? ['--env-file', devVars] : [];
  if (fromEnv) {
    if (fromEnv.length < 16) {
      console.error('✖ INSTRUCTOR_TOKEN must have at least 16 characters.');
      process.exit(1);
    }
    const dir = args.state ?? '.wrangler';
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'instructor-token.env');
    writeFileSync(file, `INSTRUCTOR_TOKEN="${fromEnv}"\n`, { mode: 0o600 });
    return { token: fromEnv, source: 'the INSTRUCTOR_TOKEN environment variable', wranglerArgs: [...envFiles, '--env-file', file] };
  }
  if (fromFile) return { token: fromFile, source: '.dev.vars', wranglerArgs: envFiles };

  const token = randomBytes(24).toString('base64url');
  const existing = existsSync(devVars) ? readFileSync(devVars, 'utf8') : '';
  const line = `${existing && !existing.endsWith('\n') ? '\n' : ''}# Workshop mode: the instructor's secret. Created by npm start; never commit this file.\nINSTRUCTOR_TOKEN="${token}"\n`;
  appendFileSync(devVars, line, { mode: 0o600 });
  chmodSync(devVars, 0o600);
  console.log('▸ Created a random instructor token in .dev.vars (workshop mode).');
  return { token, source: '.dev.vars (just created)', wranglerArgs: ['--env-file', devVars] };
}
