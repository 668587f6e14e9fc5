// Serve the production build (dist/) in workerd through Miniflare — the same runtime and the same
// local KV, D1, Durable Object, rate-limit and Worker Loader simulators that `wrangler dev` runs,
// configured from the same wrangler.json, and persisted in the same layout (`<state>/v3`), so
// `wrangler d1 … --local --persist-to <state>` and `wrangler kv … --local` see the same data.
//
// Why not `wrangler dev`: it puts a second workerd process (its reload proxy) and a request logger
// in front of the Worker. A built site never reloads, and on a small machine that proxy halved
// what the server could answer (measured by `npm run bench:workshop`; see the README).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import { join, resolve } from 'node:path';
import { Log, LogLevel, Miniflare, convertV4MiniflareOptions } from 'miniflare';
import { unstable_getMiniflareWorkerOptions } from 'wrangler';

const BUILD_CONFIG = 'dist/server/wrangler.json';
const WORKER_NAME = 'kv-caching-lab';

/**
 * The Host headers this server answers for (the Worker's ALLOWED_HOSTS, src/server/host-check.ts):
 * the served address, localhost, 127.0.0.1 and [::1] on the served port; when it listens on every
 * interface (0.0.0.0, ::), this machine's addresses and names too, so a room can join over the
 * local network; and the names in `extra` (ALLOWED_HOSTS from the environment or wrangler.toml),
 * on the served port unless they name a port. Anything else is refused: DNS rebinding.
 */
export function localAllowedHosts(host, port, extra = '') {
  const withPort = (name) => `${name.includes(':') && !name.startsWith('[') ? `[${name}]` : name}:${port}`;
  const names = ['127.0.0.1', 'localhost', '::1'];
  if (host === '0.0.0.0' || host === '::') {
    for (const addresses of Object.values(networkInterfaces())) for (const a of addresses ?? []) names.push(a.address.replace(/%.*$/, ''));
    names.push(hostname(), `${hostname()}.local`);
  } else {
    names.push(host);
  }
  const hosts = names.map(withPort);
  for (const entry of extra.split(',').map((e) => e.trim()).filter(Boolean)) {
    hosts.push(/:\d+$/.test(entry) ? entry : withPort(entry));
  }
  return [...new Set(hosts.map((h) => h.toLowerCase()))];
}

/** `example.test` of `example.test:4321`, `[::1]` of `[::1]:4321`: what Miniflare's routes match on. */
const hostnameOf = (host) => host.replace(/:\d+$/, '');

/**
 * Start the built Worker on host:port. `state` is the persistence folder (wrangler's
 * `--persist-to`); `vars` are extra bindings such as the instructor token; `inspectorPort`
 * opens the V8 inspector for DevTools and profilers; `loader: false` leaves out the Worker
 * Loader binding, as a deployment on a plan without it has none.
 * Returns the Miniflare instance; `dispose()` stops it.
 */
export async function serveBuild({ host, port, state, vars = {}, logRequests = true, inspectorPort, loader = true }) {
  // wrangler checks wrangler.toml's required secrets against .dev.vars or the environment, and
  // would warn that INSTRUCTOR_TOKEN is missing when it is passed here instead.
  for (const [name, value] of Object.entries(vars)) process.env[name] = value;
  // Local vars come from the project's own .dev.vars, never from a copy under dist/ (the build
  // leaves none there: src/build/keep-dev-vars-out.ts).
  const envFiles = existsSync('.dev.vars') ? [resolve('.dev.vars')] : undefined;
  const { workerOptions } = unstable_getMiniflareWorkerOptions(BUILD_CONFIG, undefined, { envFiles });
  if (!loader) delete workerOptions.workerLoaders;
  const allowedHosts = localAllowedHosts(host, port, [process.env.ALLOWED_HOSTS, workerOptions.bindings?.ALLOWED_HOSTS].filter(Boolean).join(','));
  const hostnames = [...new Set(allowedHosts.map(hostnameOf))];
  // Paths that are never static files (wrangler.toml's `[assets] run_worker_first`, e.g.
  // "/api/*"), routed below on each allowed host name: "127.0.0.1/api/*".
  const workerFirst = JSON.parse(readFileSync(BUILD_CONFIG, 'utf8')).assets?.run_worker_first;
  const apiRoutes = Array.isArray(workerFirst) ? workerFirst.filter((p) => !p.startsWith('!')) : [];
  const serverDir = resolve('dist/server');
  // The build is already bundled: every .mjs file under dist/server is an ES module, entry first.
  const modules = readdirSync(serverDir, { recursive: true })
    .filter((file) => file.endsWith('.mjs'))
    .sort((a, b) => (b === 'entry.mjs') - (a === 'entry.mjs'))
    .map((file) => ({ type: 'ESModule', path: join(serverDir, file) }));

  const worker = {
    ...workerOptions,
    modulesRules: undefined, // replaced by the explicit module list
    modules,
    modulesRoot: serverDir,
    bindings: { ...workerOptions.bindings, ...vars, ALLOWED_HOSTS: allowedHosts.join(',') },
  };
  // The API: the same build and bindings, reached without the assets router. This is what
  // `run_worker_first` does on Cloudflare; Miniflare's router would still add ~0.85 ms of the
  // single workerd thread to every API request. Both workers share one KV, one D1 and one
  // Durable Object namespace (the class lives in the pages worker, WORKER_NAME).
  //
  // Routes name the allowed host names, so a request for any other name matches none and reaches
  // the first worker: this one, whose Worker code refuses it (421), pages included — the static
  // files of the assets router would otherwise be served to any Host. (Miniflare matches routes
  // on the host name; the Worker compares the port too.)
  const apiWorker = {
    ...worker,
    name: `${WORKER_NAME}-api`,
    routes: hostnames.flatMap((name) => apiRoutes.map((route) => `${name}${route}`)),
    assets: undefined,
    durableObjects: Object.fromEntries(
      Object.entries(worker.durableObjects ?? {}).map(([binding, object]) => [binding, { ...object, scriptName: WORKER_NAME }]),
    ),
  };
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      host,
      port: Number(port),
      // DevTools (chrome://inspect) can attach to the Worker when asked for; off by default.
      inspectorPort: inspectorPort ? Number(inspectorPort) : undefined,
      resourcePersistencePath: resolve(state, 'v3'),
      log: new Log(logRequests ? LogLevel.INFO : LogLevel.WARN),
      logRequests,
      // Locally there is one location; no need to download Cloudflare's request.cf sample.
      cf: false,
      telemetry: { enabled: false },
      // The API worker first (it answers what no route claims: foreign hosts), then pages and
      // static files: the Worker behind the static-assets router, as deployed.
      workers: [apiWorker, { ...worker, name: WORKER_NAME, routes: hostnames.map((name) => `${name}/*`) }],
    }),
  );
  await mf.ready;
  return mf;
}
