// Workshop load benchmark (not a test): 100 simulated participants join one workshop and use
// the demos at a realistic pace — about 300 requests/s in total for 60 s — while the
// instructor's console stays connected. Runs against the production build, served by its own
// server on 127.0.0.1 with its own state, and stops by itself.
//
//   npm run build && npm run bench:workshop
//   PARTICIPANTS=100 RATE=300 DURATION=60 BENCH_PORT=4363 npm run bench:workshop
//
// Prints throughput, p50/p99 latency and the error count; writes the details to bench/results/.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';

const PARTICIPANTS = Number(process.env.PARTICIPANTS ?? 100);
const RATE = Number(process.env.RATE ?? 300); // requests per second, whole room
const DURATION_S = Number(process.env.DURATION ?? 60);
const JOIN_SPREAD_MS = 10_000; // the room joins over the first 10 s, not in one millisecond
// How participants explore: they start on the lesson's post 1 and try another post every ~20 s,
// and now and then reset their cache. Each first fetch of a post is a real MISS that scans
// 150,000 origin rows in D1 — the expensive path, at the pace a room actually takes it.
const NEW_POST_EVERY_S = 20;
const RESET_SHARE = 0.003;
const MAX_IN_FLIGHT_PER_PARTICIPANT = 8;
const TOKEN = randomBytes(24).toString('base64url');

if (!existsSync('dist/server/wrangler.json')) {
  console.error('✖ No production build. Run `npm run build` first.');
  process.exit(1);
}

const port = Number(process.env.BENCH_PORT ?? (await freePort()));
const base = `http://127.0.0.1:${port}`;
const server = spawn('node', ['scripts/start.mjs', '--no-build', '--state', '.wrangler/bench-state', '--fresh'], {
  env: { ...process.env, PORT: String(port), INSTRUCTOR_TOKEN: TOKEN },
  stdio: ['ignore', 'ignore', 'pipe'],
  detached: true,
});
let serverErrors = '';
server.stderr.on('data', (d) => (serverErrors += d));
const stopServer = () => {
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
};
process.on('SIGINT', () => {
  stopServer();
  process.exit(130);
});
// A hard stop, whatever happens: the benchmark must end by itself.
const hardStop = setTimeout(() => {
  console.error('✖ Benchmark exceeded its time budget; stopping.');
  stopServer();
  process.exit(2);
}, (DURATION_S + 240) * 1000);
hardStop.unref();

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

console.log(`▸ Starting the production build on ${base} (fresh state)…`);
for (let i = 0; ; i++) {
  if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break;
  if (i > 480) throw new Error(`Server did not start:\n${serverErrors}`);
  await sleep(250);
}

// The machine's own ceiling, for reading the numbers below: a static file, 10 at a time, 3 s.
async function probeStatic() {
  let n = 0;
  const end = performance.now() + 3000;
  await Promise.all(Array.from({ length: 10 }, async () => {
    while (performance.now() < end) {
      const r = await fetch(`${base}/favicon.svg`).catch(() => null);
      await r?.arrayBuffer();
      n++;
    }
  }));
  return n / 3;
}
const staticCeiling = await probeStatic();

// ── Measurements ───────────────────────────────────────────────────────────────────────
const samples = []; // { kind, ms, status, t }
let measuring = false;
let skipped = 0;
async function timed(kind, url, init, cookie) {
  const started = performance.now();
  let status = 0;
  try {
    const res = await fetch(url, { ...init, headers: { ...(init?.headers ?? {}), cookie } });
    status = res.status;
    await res.arrayBuffer();
    return res;
  } catch {
    status = 0;
    return null;
  } finally {
    if (measuring) samples.push({ kind, ms: performance.now() - started, status });
  }
}

// ── The instructor and the console ─────────────────────────────────────────────────────
const auth = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
const created = await fetch(`${base}/api/workshops`, { method: 'POST', headers: auth, body: JSON.stringify({ title: 'Load test' }) });
const { code } = await created.json();
const consoleStats = { messages: 0, reconnects: 0, lastDashboard: null, connected: false };
let consoleSocket;
async function connectConsole() {
  const { url } = await (await fetch(`${base}/api/workshops/${code}/ticket`, { method: 'POST', headers: auth })).json();
  consoleSocket = new WebSocket(`ws://127.0.0.1:${port}${url}`);
  consoleSocket.onopen = () => (consoleStats.connected = true);
  consoleSocket.onmessage = (e) => {
    const m = JSON.parse(String(e.data));
    if (m.type === 'dashboard') {
      consoleStats.messages++;
      consoleStats.lastDashboard = m.dashboard;
    }
  };
  consoleSocket.onclose = () => {
    consoleStats.connected = false;
    if (!finished) {
      consoleStats.reconnects++;
      setTimeout(connectConsole, 500);
    }
  };
}
let finished = false;
await connectConsole();

// ── Participants ───────────────────────────────────────────────────────────────────────
function cookieFrom(res) {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

class Participant {
  constructor(i) {
    this.i = i;
    this.name = `Participant ${i + 1}`;
    this.inFlight = 0;
    this.done = [];
    this.posts = [1];
  }
  async join() {
    const res = await timed('join', `${base}/api/workshops/${code}/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: this.name }),
    });
    if (!res?.ok) throw new Error(`join failed: ${res?.status}`);
    this.cookie = cookieFrom(res);
    this.socket = new WebSocket(`ws://127.0.0.1:${port}/api/workshops/${code}/live`, { headers: { cookie: this.cookie } });
    this.socket.onmessage = (e) => {
      const m = JSON.parse(String(e.data));
      // The instructor's "everyone fetch the cold key now".
      if (m.type === 'herd') void this.request('herd', `${base}/api/workshops/${code}/herd/${m.run}`);
    };
  }
  request(kind, url, init) {
    if (this.inFlight >= MAX_IN_FLIGHT_PER_PARTICIPANT) {
      skipped++;
      return;
    }
    this.inFlight++;
    return timed(kind, url, init, this.cookie).finally(() => this.inFlight--);
  }
  act() {
    const r = Math.random();
    const json = (body) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (r < RESET_SHARE) return this.request('reset', `${base}/api/demos/reset`, { method: 'POST' });
    if (r < 0.82) {
      if (Math.random() < 1 / (NEW_POST_EVERY_S * perParticipantRate) && this.posts.length < 30) {
        let id;
        do id = 1 + Math.floor(Math.random() * 30);
        while (this.posts.includes(id));
        this.posts.push(id);
        return this.request('demo', `${base}/api/demos/cache-aside/posts/${id}`);
      }
      const id = this.posts[Math.floor(Math.random() * this.posts.length)];
      return this.request('demo', `${base}/api/demos/cache-aside/posts/${id}`);
    }
    if (r < 0.9) {
      if (Math.random() < 0.3) this.done.push(`caching-patterns#step-${this.done.length + 1}`);
      return this.request('progress', `${base}/api/workshops/${code}/progress`, json({ done: this.done, lesson: 'caching-patterns', section: 'cache-aside-load-on-demand' }));
    }
    if (r < 0.94) return this.request('answer', `${base}/api/workshops/${code}/answer`, json({ kind: 'predict', id: `q${1 + Math.floor(Math.random() * 3)}`, value: Math.random() < 0.6 ? 'HIT' : 'MISS' }));
    return this.request('me', `${base}/api/workshops/${code}/me`);
  }
}

const participants = Array.from({ length: PARTICIPANTS }, (_, i) => new Participant(i));
const perParticipantRate = RATE / PARTICIPANTS;
console.log(`▸ Workshop ${code}: ${PARTICIPANTS} participants join during the first ${JOIN_SPREAD_MS / 1000} s, each then makes ~${perParticipantRate} requests/s (≈${RATE}/s for the room) until ${DURATION_S} s…`);
measuring = true;
const loadStart = performance.now();
const loadEnd = loadStart + DURATION_S * 1000;
const pending = new Set();
const herdAt = loadStart + (DURATION_S * 1000) / 2;
let herdDone = false;
// Open loop: each participant acts on its own schedule (Poisson arrivals), whether or not
// its earlier requests have come back, so a slow server cannot slow the offered load down.
await Promise.all(participants.map(async (p, i) => {
  await sleep((i / PARTICIPANTS) * JOIN_SPREAD_MS);
  await p.join();
  let next = performance.now();
  while (next < loadEnd) {
    await sleep(Math.max(0, next - performance.now()));
    const req = p.act();
    if (req) {
      pending.add(req);
      req.finally(() => pending.delete(req));
    }
    if (!herdDone && performance.now() >= herdAt) {
      herdDone = true;
      // Half-way through, the instructor runs the herd demo with coalescing.
      void fetch(`${base}/api/workshops/${code}/herd`, { method: 'POST', headers: auth, body: JSON.stringify({ coalesce: true }) });
    }
    next += (-Math.log(1 - Math.random()) * 1000) / perParticipantRate;
  }
}));
const loadMs = performance.now() - loadStart;
await Promise.race([Promise.allSettled([...pending]), sleep(15_000)]);
measuring = false;
await sleep(3500); // one more console push after the load
finished = true;

// ── Report ─────────────────────────────────────────────────────────────────────────────
const pctl = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);
function summarize(list) {
  const ms = list.map((s) => s.ms).sort((a, b) => a - b);
  return {
    requests: list.length,
    errors: list.filter((s) => s.status < 200 || s.status >= 400).length,
    p50: +pctl(ms, 50).toFixed(1),
    p90: +pctl(ms, 90).toFixed(1),
    p99: +pctl(ms, 99).toFixed(1),
    max: +(ms.at(-1) ?? NaN).toFixed(1),
  };
}
const all = summarize(samples);
const statuses = {};
for (const s of samples) statuses[s.status] = (statuses[s.status] ?? 0) + 1;
const byKind = Object.fromEntries([...new Set(samples.map((s) => s.kind))].map((k) => [k, summarize(samples.filter((s) => s.kind === k))]));
const throughput = samples.length / (loadMs / 1000);
const room = consoleStats.lastDashboard;

console.log('\nWorkshop load benchmark');
console.log(`  machine           ${(await import('node:os')).cpus().length} cores, load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`  ceiling probe     ${staticCeiling.toFixed(0)} requests/s for a static file before the run (what this machine serves at best right now)`);
console.log(`  participants      ${PARTICIPANTS} joined (${byKind.join?.errors ?? 0} failed joins), each with a live WebSocket`);
console.log(`  duration          ${(loadMs / 1000).toFixed(1)} s (joins during the first ${JOIN_SPREAD_MS / 1000} s)`);
console.log(`  throughput        ${throughput.toFixed(1)} requests/s (${samples.length} requests, joins included)`);
console.log(`  latency (all)     p50 ${all.p50} ms · p90 ${all.p90} ms · p99 ${all.p99} ms · max ${all.max} ms`);
console.log(`  errors            ${all.errors} (statuses: ${JSON.stringify(statuses)})${skipped ? ` · ${skipped} requests skipped (participant already had ${MAX_IN_FLIGHT_PER_PARTICIPANT} in flight)` : ''}`);
for (const [kind, s] of Object.entries(byKind)) {
  console.log(`    ${kind.padEnd(9)} ${String(s.requests).padStart(6)} req · p50 ${s.p50} ms · p99 ${s.p99} ms · max ${s.max} ms · ${s.errors} errors`);
}
console.log(`  console           ${consoleStats.connected ? 'connected' : 'DISCONNECTED'} at the end · ${consoleStats.messages} live dashboard pushes · ${consoleStats.reconnects} reconnects`);
if (room) {
  const herd = room.herd[0];
  console.log(`  console's view    ${room.online} online of ${room.participants.length} · room hit rate ${Math.round((room.room.hitRate ?? 0) * 100)}% over ${room.room.requests} demo requests · Worker p50 ${room.room.recent.p50} ms, p95 ${room.room.recent.p95} ms (last minute)`);
  if (herd) console.log(`  herd (coalesced)  ${herd.requests} simultaneous requests · ${herd.kvMisses} KV misses · ${herd.originLoads} origin load(s)`);
}
const goal = all.errors === 0 && all.p99 <= 250;
console.log(`  goal              0 errors and p99 ≤ 250 ms: ${goal ? 'met' : 'NOT met'}`);

mkdirSync('bench/results', { recursive: true });
const file = `bench/results/workshop-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
writeFileSync(file, JSON.stringify({ staticCeiling, loadavg: (await import('node:os')).loadavg(), participants: PARTICIPANTS, rate: RATE, durationS: DURATION_S, throughput, all, byKind, statuses, skipped, console: { ...consoleStats, lastDashboard: undefined }, room: room?.room, herd: room?.herd }, null, 2));
console.log(`  details           ${file}`);

consoleSocket?.close();
for (const p of participants) p.socket?.close();
stopServer();
process.exit(0);
