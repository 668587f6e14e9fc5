import { expect, test } from '@playwright/test';
import { asInstructor, createWorkshop } from './workshop-helpers';

// Learner code that once stalled or crashed the whole server, sent the way an attacker
// would: through the public check endpoint of the running build. While it runs, the server
// must keep answering everybody else — /api/health within 2 s, a workshop's live WebSocket
// never dropped — and each run must end as a failed run that says why.

const body = (inner: string) =>
  `export async function cacheAside(kv: any, key: string, load: () => Promise<unknown>, ttl = 3600) {\n${inner}\n}`;

const ATTACKS: { name: string; code: string; kind: RegExp }[] = [
  { name: 'pbkdf2 through node:crypto', code: body("(globalThis as any).process.getBuiltinModule('node:crypto').pbkdf2Sync('a', 'b', 15e6, 64, 'sha512');"), kind: /runtime/ },
  { name: 'a backtracking regex by computed name', code: body("const R = (globalThis as any)['Reg' + 'Exp']; new R('^(a+)+$').test('a'.repeat(34) + 'b');"), kind: /regex/ },
  { name: 'a regex made by String.prototype.match', code: body("'a'.repeat(34).match('^(a+)+$');"), kind: /regex/ },
  { name: 'BigInt by computed name', code: body("const B = (globalThis as any)['Big' + 'Int']; let x = B(3); for (;;) x = x * x;"), kind: /forbidden/ },
  { name: 'a lying length fed to lastIndexOf', code: body('const o = { length: 2 ** 53 - 1 }; Array.prototype.lastIndexOf.call(o, 1);'), kind: /memory/ },
  { name: 'cons strings flattened by JSON.stringify', code: body("const o: any = {}; const k = () => 'a'; o[k()] = 'x'; for (let i = 0; i < 40; i++) o[k()] += o[k()]; JSON.stringify(o);"), kind: /memory/ },
  { name: 'a thousand references to one large string', code: body("const big = 'x'.repeat(900_000); JSON.stringify(new Array(1000).fill(big));"), kind: /memory/ },
  { name: 'an endless loop', code: body('for (;;) {}'), kind: /budget|time/ },
];

// @serial: it runs learner code (the sandbox's slots, playwright.config.ts).
test('learner code cannot stall or crash the server, and the room stays connected', { tag: '@serial' }, async ({ browser, request, baseURL }) => {
  test.setTimeout(120_000);

  // A workshop participant with the live feed open, as in a room during the attack.
  const code = await createWorkshop(request, 'Sandbox under attack');
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/');
  const joined = await page.request.post(`/api/workshops/${code}/join`, { data: { name: 'Watcher' }, headers: { origin: baseURL! } });
  expect(joined.status()).toBe(201);
  await page.evaluate((url) => {
    const socket = new WebSocket(url);
    const w = window as unknown as { socketState: { open: boolean; closed: number | null } };
    w.socketState = { open: false, closed: null };
    socket.onopen = () => (w.socketState.open = true);
    socket.onclose = (event) => (w.socketState.closed = event.code);
  }, `${baseURL!.replace('http', 'ws')}/api/workshops/${code}/live`);
  await expect.poll(() => page.evaluate(() => (window as any).socketState.open)).toBe(true);

  // Health, polled all along from a client of its own.
  const health = await browser.newContext();
  const latencies: number[] = [];
  let polling = true;
  const poller = (async () => {
    while (polling) {
      const started = Date.now();
      const res = await health.request.get('/api/health', { timeout: 10_000 });
      latencies.push(Date.now() - started);
      expect(res.status()).toBe(200);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();

  const attacker = await browser.newContext();
  try {
    for (const attack of ATTACKS) {
      let res = await attacker.request.post('/api/exercises/cache-aside/check', { data: { code: attack.code }, timeout: 15_000 });
      // The per-learner run budget may ask the attacker to wait: that is the limit working.
      while (res.status() === 429) {
        await new Promise((r) => setTimeout(r, 1000 * Number(res.headers()['retry-after'] ?? 1)));
        res = await attacker.request.post('/api/exercises/cache-aside/check', { data: { code: attack.code }, timeout: 15_000 });
      }
      expect(res.status(), attack.name).toBe(200);
      const report = await res.json();
      expect(report.passed, attack.name).toBe(false);
      expect(report.error?.kind ?? 'runtime', attack.name).toMatch(attack.kind);
      expect(report.durationMs, attack.name).toBeLessThan(6_000);
    }
  } finally {
    polling = false;
    await poller;
  }

  expect(latencies.length).toBeGreaterThan(0);
  expect(Math.max(...latencies), `health latencies: ${latencies.join(', ')} ms`).toBeLessThan(2_000);
  expect(await page.evaluate(() => (window as any).socketState.closed)).toBeNull();
  console.log(`health during ${ATTACKS.length} attacks: ${latencies.length} answers, max ${Math.max(...latencies)} ms`);

  // The workshop's instructor API still answers, and so does an honest learner.
  const dashboard = await request.get(`/api/workshops/${code}/dashboard`, { headers: asInstructor });
  expect(dashboard.status()).toBe(200);
  await Promise.all([context.close(), health.close(), attacker.close()]);
});
