// Workshop load benchmark (not a test): 100 simulated participants join one workshop and use
// the demos at a realistic pace — about 300 requests/s in total for 60 s — while the
// instructor's console stays connected. Runs against the production build, served by its own
// server on 127.0.0.1 with its own state, and stops by itself.
//
//   npm run build && npm run bench:workshop
//   PARTICIPANTS=100 RATE=300 DURATION=60 BENCH_PORT=4363 npm run bench:workshop
//
// Prints throughput, p50/p99 latency and the error count; writes the details to bench/results/.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { createServer } from 'node:net';

// Without RATE: one run at each of the two rates the README quotes, then both side by side.
if (!process.env.RATE) {
  const rows = [];
  for (const rate of [60, 300]) {
    const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url)], { env: { ...process.env, RATE: String(rate) }, stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
    process.stdout.write(run.stdout);
    const file = /details\s+(\S+)/.exec(run.stdout.toString())?.[1];
    if (run.status !== 0 || !file) process.exit(run.status || 1);
    rows.push(JSON.parse(readFileSync(file, 'utf8')));
  }
  console.log('\nSummary (each p99 beside the ceiling probe taken just before its run)');
  for (const r of rows) {
    console.log(`  ${String(r.rate).padStart(3)} requests/s   p99 ${r.all.p99} ms (without the herd's burst ${r.withoutHerd.p99} ms) · ${r.all.errors} errors · ceiling probe ${r.staticCeiling.toFixed(0)} static requests/s · load average ${r.loadavg.map((l) => l.toFixed(1)).join(' ')}`);
  }
  process.exit(0);
}

const PARTICIPANTS = Number(process.env.PARTICIPANTS ?? 100);
const RATE = Number(process.env.RATE ?? 300); // requests per second, whole room
const DURATION_S = Number(process.env.DURATION ?? 60);
const JOIN_SPREAD_MS = 10_000; // the room joins over the first 10 s, not in one millisecond
// How participants explore: they start on the lesson's post 1 and try another post every ~20 s,
// and now and then reset their cache. Each first fetch of a post is a real MISS that scans
// 150,000 origin rows in D1 — the expensive path, at the pace a room actually takes it.
const NEW_POST_EVERY_S = 20;
// How often one participant does everything else, from what the workshop bar sends
// (src/components/workshop/bar/): a progress report when they scroll into another
// section or tick a step, an answer per prediction, /me with each page they open.
// The rest of their ~3 requests/s are demo requests.
const EVERY_S = { section: 30, done: 60, answer: 90, page: 90, reset: 120 };
const MAX_IN_FLIGHT_PER_PARTICIPANT = 8;
const TOKEN = randomBytes(24).toString('base64url');

if (!existsSync('dist/server/wrangler.json')) {
  console.error('✖ No production build. Run `npm run build` first.');
  process.exit(1);
}

const port = Number(process.env.BENCH_PORT ?? (await freePort()));
const base = `http://127.0.0.1:${port}`;
const server = spawn('node', ['scripts/start.mjs', '--no-build', '--state', '.wrangler/bench-state', '--fresh', '--quiet'], {
  env: { ...process.env, PORT: String(port), INSTRUCTOR_TOKEN: TOKEN },
  stdio: ['ignore', 'ignore', 'pipe'],
  detached: true,
});
const serverGroup = server.pid; // detached: the server leads its own process group
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

/**
 * CPU seconds used so far by the server (every process in its group: Node and workerd) and by
 * this load generator. Linux only (/proc); elsewhere null. Read at each 10 s window, they show
 * whether slow stretches were the server at full CPU or the server waiting.
 */
function cpuSeconds() {
  if (!existsSync('/proc/self/stat')) return null;
  const ticks = (stat) => {
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { pgrp: Number(fields[2]), cpu: (Number(fields[11]) + Number(fields[12])) / 100 };
  };
  let server = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const t = ticks(readFileSync(`/proc/${pid}/stat`, 'utf8'));
      if (t.pgrp === serverGroup) server += t.cpu;
    } catch {
      // The process ended while we looked.
    }
  }
  return { server, client: ticks(readFileSync('/proc/self/stat', 'utf8')).cpu };
}

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
  const agent = new Agent({ keepAlive: true });
  await Promise.all(Array.from({ length: 10 }, async () => {
    while (performance.now() < end) {
      await send(`${base}/favicon.svg`, { agent }).catch(() => null);
      n++;
    }
  }));
  agent.destroy();
  return n / 3;
}
const staticCeiling = await probeStatic();

// ── Measurements ───────────────────────────────────────────────────────────────────────
// Requests go through node:http with keep-alive rather than fetch(): on a 2-core machine the
// load generator shares the CPU with the server, and fetch costs it about three times as much
// per request. Each participant has its own connections, as each browser in a room would.
const samples = []; // { kind, ms, status, at }
let measuring = false;
let skipped = 0;
function send(url, { method = 'GET', headers = {}, body, agent } = {}, retried = false) {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers: body ? { ...headers, 'content-length': Buffer.byteLength(body) } : headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', (error) => {
      // A kept-alive connection the server closed just as it was reused: browsers send a GET
      // again on a new connection, and so does this client (once).
      if (req.reusedSocket && error.code === 'ECONNRESET' && method === 'GET' && !retried) {
        resolve(send(url, { method, headers, body, agent }, true));
      } else reject(error);
    });
    req.end(body);
  });
}
async function timed(kind, url, init = {}) {
  const started = performance.now();
  let status = 0;
  let error;
  try {
    const res = await send(url, init);
    status = res.status;
    return res;
  } catch (e) {
    error = e.code ?? e.message;
    return null;
  } finally {
    if (measuring) samples.push({ kind, ms: performance.now() - started, status, at: started, error });
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
  return (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
}

class Participant {
  constructor(i) {
    this.i = i;
    this.name = `Participant ${i + 1}`;
    this.inFlight = 0;
    this.done = [];
    this.posts = [1];
    this.agent = new Agent({ keepAlive: true, maxSockets: 6 }); // a browser's connections per host
  }
  async join() {
    const res = await timed('join', `${base}/api/workshops/${code}/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: this.name }),
      agent: this.agent,
    });
    if (res?.status !== 200 && res?.status !== 201) throw new Error(`join failed: ${res?.status} ${res?.text}`);
    this.cookie = cookieFrom(res);
    this.socket = new WebSocket(`ws://127.0.0.1:${port}/api/workshops/${code}/live`, { headers: { cookie: this.cookie } });
    this.socket.onmessage = (e) => {
      const m = JSON.parse(String(e.data));
      // The instructor's "everyone fetch the cold key now".
      if (m.type === 'herd') void this.request('herd', `${base}/api/workshops/${code}/herd/${m.run}?clients=${m.fanOut ?? 1}&ticket=${m.ticket}`);
    };
  }
  request(kind, url, init = {}) {
    if (this.inFlight >= MAX_IN_FLIGHT_PER_PARTICIPANT) {
      skipped++;
      return;
    }
    this.inFlight++;
    return timed(kind, url, { ...init, headers: { ...init.headers, cookie: this.cookie }, agent: this.agent }).finally(() => this.inFlight--);
  }
  act() {
    const json = (body) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    let r = Math.random() * perParticipantRate; // pick one action, each at its own rate
    const due = (kind) => (r -= 1 / EVERY_S[kind]) < 0;
    if (due('section')) {
      this.section = (this.section ?? 0) + 1;
      return this.request('progress', `${base}/api/workshops/${code}/progress`, json({ lesson: 'caching-patterns', section: `section-${this.section}` }));
    }
    if (due('done')) {
      this.done.push(`caching-patterns#step-${this.done.length + 1}`);
      return this.request('progress', `${base}/api/workshops/${code}/progress`, json({ done: this.done }));
    }
    if (due('answer')) return this.request('answer', `${base}/api/workshops/${code}/answer`, json({ kind: 'predict', id: ['l1-asymmetry', 'l2-missing-json', 'l3-cache-aside-cost'][Math.floor(Math.random() * 3)], value: Math.random() < 0.6 ? 0 : 1 }));
    if (due('page')) {
      // A lesson page (its scripts and styles are cached by then), then the bar's /me.
      return this.request('page', `${base}/lessons/caching-patterns/`)?.then(() => this.request('me', `${base}/api/workshops/${code}/me`));
    }
    if (due('reset')) return this.request('reset', `${base}/api/demos/reset`, { method: 'POST' });
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
}

const participants = Array.from({ length: PARTICIPANTS }, (_, i) => new Participant(i));
const perParticipantRate = RATE / PARTICIPANTS;
console.log(`▸ Workshop ${code}: ${PARTICIPANTS} participants join during the first ${JOIN_SPREAD_MS / 1000} s, each then makes ~${perParticipantRate} requests/s (≈${RATE}/s for the room) until ${DURATION_S} s…`);
console.log(`  each participant: a new post every ${NEW_POST_EVERY_S} s, a section every ${EVERY_S.section} s, a step done every ${EVERY_S.done} s, an answer every ${EVERY_S.answer} s, a page and /me every ${EVERY_S.page} s, a reset every ${EVERY_S.reset} s; demo requests otherwise`);
measuring = true;
const loadStart = performance.now();
const cpuMarks = [cpuSeconds()];
const cpuTimer = setInterval(() => cpuMarks.push(cpuSeconds()), 10_000);
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
clearInterval(cpuTimer);
if (cpuMarks.length <= DURATION_S / 10) cpuMarks.push(cpuSeconds());
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
for (const s of samples) statuses[s.error ?? s.status] = (statuses[s.error ?? s.status] ?? 0) + 1;
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
// The herd is one burst of a request per participant in the same instant, a few percent of a
// one-minute run (far less of a real session): how everything else fared, beside it, not instead.
const withoutHerd = summarize(samples.filter((s) => s.kind !== 'herd'));
console.log(`  latency (no herd) p50 ${withoutHerd.p50} ms · p90 ${withoutHerd.p90} ms · p99 ${withoutHerd.p99} ms · max ${withoutHerd.max} ms (every request but the herd's own)`);
// Where in the run the slow requests were: the joins come in the first 10 s, the herd half-way.
const windows = [];
for (let from = 0; from < DURATION_S; from += 10) {
  const inWindow = samples.filter((s) => s.at - loadStart >= from * 1000 && s.at - loadStart < (from + 10) * 1000);
  const w = summarize(inWindow);
  const [a, b] = [cpuMarks[from / 10], cpuMarks[from / 10 + 1]];
  const cpu = a && b ? { server: Math.round((b.server - a.server) * 10), client: Math.round((b.client - a.client) * 10) } : null;
  windows.push({ from, ...w, cpu });
  const cpuText = cpu ? ` · CPU: server ${cpu.server}%, load generator ${cpu.client}% (of one core)` : '';
  console.log(`    ${String(from).padStart(2)}–${String(from + 10).padEnd(2)} s   ${String(w.requests).padStart(5)} req · p50 ${w.p50} ms · p99 ${w.p99} ms · max ${w.max} ms${cpuText}`);
}
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
writeFileSync(file, JSON.stringify({ staticCeiling, loadavg: (await import('node:os')).loadavg(), participants: PARTICIPANTS, rate: RATE, durationS: DURATION_S, throughput, all, withoutHerd, windows, byKind, statuses, skipped, console: { ...consoleStats, lastDashboard: undefined }, room: room?.room, herd: room?.herd }, null, 2));
console.log(`  details           ${file}`);

consoleSocket?.close();
for (const p of participants) p.socket?.close();
stopServer();
process.exit(0);
