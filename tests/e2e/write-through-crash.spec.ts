import { expect, test } from '@playwright/test';
import { freePort, startServer, stopServer } from './own-server';

// Crash safety of write-through: a burst of concurrent edits of one post, the server killed
// (SIGKILL, no chance to finish anything) part-way through, restarted on the same state. The
// next read through the cache must show what D1 holds, not a copy the crash left behind.
// This test runs its own server (same build, its own state directory) so it can kill it.

const STATE = '.wrangler/e2e-crash-state';
const WRITERS = 40;
/**
 * How long after the burst starts the server is killed, in ms: one run each. The early ones
 * land around the first edits; edits of one post take turns, so by 1 s about a dozen are done.
 */
const KILL_AFTER_MS = [40, 100, 250, 1000];
const POST = 3;

/** A learner of its own for each run: a cookie jar of one cookie. */
async function newLearner(base: string) {
  const res = await fetch(`${base}/api/demos/origin/posts/${POST}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('kvlab_learner='));
  expect(cookie, 'the API sets a learner cookie').toBeTruthy();
  const headers = { cookie: cookie!.split(';')[0], origin: base };
  return {
    get: async (path: string) => (await (await fetch(`${base}${path}`, { headers })).json()) as { cache: string; data: { title: string } },
    put: (path: string, body: unknown) =>
      fetch(`${base}${path}`, { method: 'PUT', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  };
}

test('write-through: a server killed mid-burst leaves no copy in KV that is behind D1', async () => {
  test.setTimeout(240_000);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let server = await startServer(port, STATE, true);
  const runs: { killAfterMs: number; answered: number; origin: string; cached: string; cache: string }[] = [];
  try {
    for (const [run, killAfterMs] of KILL_AFTER_MS.entries()) {
      const learner = await newLearner(base);
      // A cached copy of the post, for a crash to leave behind.
      expect((await learner.get(`/api/demos/cache-aside/posts/${POST}`)).cache).toBe('MISS');

      let answered = 0;
      const burst = Array.from({ length: WRITERS }, (_, i) =>
        learner
          .put(`/api/demos/write-through/posts/${POST}`, { title: `K${run}-${i}`, mode: 'write-through' })
          .then((res) => void (res.ok && answered++), () => undefined),
      );
      await new Promise((r) => setTimeout(r, killAfterMs));
      await stopServer(server, 'SIGKILL');
      await Promise.all(burst);

      server = await startServer(port, STATE, false);
      const origin = await learner.get(`/api/demos/origin/posts/${POST}`);
      const cached = await learner.get(`/api/demos/cache-aside/posts/${POST}`);
      runs.push({ killAfterMs, answered, origin: origin.data.title, cached: cached.data.title, cache: cached.cache });
    }
  } finally {
    await stopServer(server);
  }
  test.info().annotations.push({ type: 'runs', description: JSON.stringify(runs) });
  console.log(runs.map((r) => `killed at ${r.killAfterMs} ms (${r.answered}/${WRITERS} answered): D1 "${r.origin}", next read ${r.cache} "${r.cached}"`).join('\n'));
  // At least one kill came after an edit reached D1, or the test tested nothing.
  expect(runs.filter((r) => r.origin.startsWith('K')).length, 'runs where an edit reached D1 before the kill').toBeGreaterThan(0);
  expect(runs.filter((r) => r.cached !== r.origin), 'runs where the next read was behind D1').toEqual([]);
});
