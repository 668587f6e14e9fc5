// Serve the production build (dist/) in workerd through Miniflare — the same runtime and the same
// local KV, D1, Durable Object, rate-limit and Worker Loader simulators that `wrangler dev` runs,
// configured from the same wrangler.json, and persisted in the same layout (`<state>/v3`), so
// `wrangler d1 … --local --persist-to <state>` and `wrangler kv … --local` see the same data.
//
// Why not `wrangler dev`: it puts a second workerd process (its reload proxy) and a request logger
// in front of the Worker. A built site never reloads, and on a small machine that proxy halved
// what the server could answer (measured by `npm run bench:workshop`; see the README).
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Log, LogLevel, Miniflare, convertV4MiniflareOptions } from 'miniflare';
import { unstable_getMiniflareWorkerOptions } from 'wrangler';

const BUILD_CONFIG = 'dist/server/wrangler.json';
const WORKER_NAME = 'kv-caching-lab';

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
  const { workerOptions } = unstable_getMiniflareWorkerOptions(BUILD_CONFIG);
  if (!loader) delete workerOptions.workerLoaders;
  // Paths that are never static files (wrangler.toml's `[assets] run_worker_first`, e.g.
  // "/api/*"), as Miniflare routes on any host: "*/api/*".
  const workerFirst = JSON.parse(readFileSync(BUILD_CONFIG, 'utf8')).assets?.run_worker_first;
  const apiRoutes = Array.isArray(workerFirst) ? workerFirst.filter((p) => !p.startsWith('!')).map((p) => `*${p}`) : [];
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
    bindings: { ...workerOptions.bindings, ...vars },
  };
  // The API: the same build and bindings, reached without the assets router. This is what
  // `run_worker_first` does on Cloudflare; Miniflare's router would still add ~0.85 ms of the
  // single workerd thread to every API request. Both workers share one KV, one D1 and one
  // Durable Object namespace (the class lives in the first worker).
  const apiWorker = {
    ...worker,
    name: `${WORKER_NAME}-api`,
    routes: apiRoutes,
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
      // Pages and static files: the Worker behind the static-assets router, as deployed.
      workers: apiRoutes.length > 0 ? [{ ...worker, name: WORKER_NAME }, apiWorker] : [{ ...worker, name: WORKER_NAME }],
    }),
  );
  await mf.ready;
  return mf;
}
