import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { editPost, readOrigin } from '../../src/lib/demos/write-through';
import { getPostCacheAside } from '../../src/lib/demos/cache-aside';
import { scopeKv, type KvApi } from '../../src/lib/kv/scoped-kv';
import { learnerScope } from '../../src/lib/learner-scope';
import { withPostLock } from '../../src/lib/origin/post-locks';
import { cacheAside } from '../../src/lib/patterns/cache-aside';
import { writeThrough } from '../../src/lib/patterns/write-through';

// Crash safety and concurrent writers of write-through, against real local KV and D1.
// "Crash" here means what SIGKILL does to a Worker: every step up to a point happened,
// nothing after it ever does.

let n = 0;
const freshKv = () => scopeKv(env.KV, `wt-${++n}:`);

/** A process that dies before its `at`-th step: KV calls and the origin write are steps. */
function dyingAt(kv: KvApi, at: number) {
  let steps = 0;
  const step = () => {
    if (steps++ >= at) throw new Error('crashed');
  };
  const wrapped = {} as Record<string, unknown>;
  for (const method of ['get', 'getWithMetadata', 'put', 'delete', 'list'] as const) {
    wrapped[method] = async (...args: unknown[]) => {
      step();
      return (kv[method] as (...a: unknown[]) => Promise<unknown>)(...args);
    };
  }
  return { kv: wrapped as KvApi, step, steps: () => steps };
}

/** A promise and the function that resolves it: a point where a test holds a writer still. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

describe('writeThrough after a crash at any step', () => {
  // The steps: delete post:1, delete posts:recent, write the origin, put post:1, delete posts:recent.
  const STEPS = 5;
  for (let at = 0; at <= STEPS; at++) {
    it(`the next read shows the origin when the writer dies before step ${at + 1}${at === STEPS ? ' (it finished)' : ''}`, async () => {
      const kv = freshKv();
      let row = { title: 'old' };
      await kv.put('post:1', JSON.stringify(row), { expirationTtl: 3600 });
      await kv.put('posts:recent', JSON.stringify([row]), { expirationTtl: 3600 });

      const dying = dyingAt(kv, at);
      const save = async () => {
        dying.step();
        row = { title: 'new' };
        return row;
      };
      await writeThrough(dying.kv, 'post:1', save, { derivedKeys: ['posts:recent'] }).catch(() => undefined);
      if (at === STEPS) expect(dying.steps()).toBe(STEPS);

      // After the restart: a reader, through cache-aside, must see what the origin has.
      const next = await cacheAside(kv, 'post:1', async () => row);
      expect(next.value).toEqual(row);
      const recent = await kv.get('posts:recent', 'json');
      expect(recent === null || JSON.stringify(recent) === JSON.stringify([row])).toBe(true);
    });
  }
});

describe('two concurrent writers of one post', () => {
  it('without taking turns, the older put can land last and stay (why the lock exists)', async () => {
    const kv = freshKv();
    let row = 'v0';
    const aWrote = gate();
    const aGoOn = gate();
    // A writes the origin, then stalls before its put; B runs from start to end meanwhile.
    const a = writeThrough(kv, 'post:1', async () => {
      row = 'A';
      aWrote.open();
      await aGoOn.opened;
      return 'A';
    });
    await aWrote.opened;
    await writeThrough(kv, 'post:1', async () => (row = 'B'));
    aGoOn.open();
    await a;
    expect(row).toBe('B');
    expect(await kv.get('post:1', 'json')).toBe('A'); // stale: KV is behind the origin
  });

  it('taking turns on the D1 lock, the second writer starts after the first ends, and KV ends equal to the origin', async () => {
    const kv = freshKv();
    let row = 'v0';
    const order: string[] = [];
    const aWrote = gate();
    const aGoOn = gate();
    const a = withPostLock(env.DB, 'turns', 1, () =>
      writeThrough(kv, 'post:1', async () => {
        order.push('A writes');
        row = 'A';
        aWrote.open();
        await aGoOn.opened;
        return 'A';
      }),
    );
    await aWrote.opened;
    const b = withPostLock(env.DB, 'turns', 1, () =>
      writeThrough(kv, 'post:1', async () => {
        order.push('B writes');
        return (row = 'B');
      }),
    );
    await settle();
    expect(order).toEqual(['A writes']); // B is waiting for the lock
    expect(await kv.get('post:1')).toBeNull(); // and meanwhile a reader would miss, not read an old copy
    aGoOn.open();
    expect(await a).toMatchObject({ locked: true });
    expect(await b).toMatchObject({ locked: true });
    expect(order).toEqual(['A writes', 'B writes']);
    expect(row).toBe('B');
    expect(await kv.get('post:1', 'json')).toBe('B');
  });

  it('in either order of arrival, the last origin write is what KV holds', async () => {
    for (const first of ['A', 'B']) {
      const kv = freshKv();
      let row = 'v0';
      const write = (name: string) =>
        withPostLock(env.DB, `either-${first}`, 1, () => writeThrough(kv, 'post:1', async () => (row = name)));
      const second = first === 'A' ? 'B' : 'A';
      await Promise.all([write(first), write(second)]);
      expect(await kv.get('post:1', 'json')).toBe(row);
    }
  });

  it('a writer that died holding the lock leaves no copy, and the lock is free again once it expires', async () => {
    const kv = freshKv();
    let row = 'v0';
    await kv.put('post:1', '"v0"', { expirationTtl: 3600 });
    // The first writer died after the origin write: its lock row stays behind.
    await env.DB.prepare(`INSERT INTO post_locks VALUES ('crashed', 1, 'dead-writer', unixepoch() + 60)`).run();
    await kv.delete('post:1');
    row = 'A';
    expect((await cacheAside(kv, 'post:1', async () => row)).value).toBe('A');

    // While the dead writer's lock is unexpired, another edit waits, then gives up.
    expect(await withPostLock(env.DB, 'crashed', 1, async () => 'ran', { waitMs: 50 })).toEqual({ locked: false });
    await env.DB.prepare(`UPDATE post_locks SET expires_at = unixepoch() - 1 WHERE learner_id = 'crashed'`).run();
    expect(await withPostLock(env.DB, 'crashed', 1, async () => 'ran', { waitMs: 50 })).toEqual({ locked: true, value: 'ran' });
    const left = await env.DB.prepare(`SELECT COUNT(*) AS n FROM post_locks WHERE learner_id = 'crashed'`).first<{ n: number }>();
    expect(left?.n).toBe(0); // released by its holder
  });

  it('does not cover a reader that loaded the old row before the write and stores it after: that copy lives until its TTL', async () => {
    // The limit the lesson states: cache-aside fills are not part of the turn-taking.
    const kv = freshKv();
    let row = 'v0';
    const readerLoaded = gate();
    const readerGoOn = gate();
    const reader = cacheAside(kv, 'post:1', async () => {
      const loaded = row;
      readerLoaded.open();
      await readerGoOn.opened;
      return loaded;
    });
    await readerLoaded.opened;
    await withPostLock(env.DB, 'reader', 1, () => writeThrough(kv, 'post:1', async () => (row = 'A')));
    readerGoOn.open();
    await reader;
    expect(await kv.get('post:1', 'json')).toBe('v0');
  });
});

describe('editPost (the demo) against real D1', () => {
  const learner = learnerScope('wt_demo_0000000000000000');

  it('edits through the lock: the next read is a HIT equal to the origin, and no lock is left', async () => {
    await getPostCacheAside(env, learner, 4);
    const edit = await editPost(env, learner, 4, { title: 'Edited' }, 'write-through');
    expect(edit).toMatchObject({ busy: false, wrote: ['origin', 'kv'], invalidated: ['posts:recent'], data: { title: 'Edited' } });
    const read = await getPostCacheAside(env, learner, 4);
    expect(read.cache).toBe('HIT');
    expect(read.data).toEqual((await readOrigin(env, learner, 4)).data);
    const locks = await env.DB.prepare('SELECT COUNT(*) AS n FROM post_locks WHERE learner_id = ?1').bind(learner.id).first<{ n: number }>();
    expect(locks?.n).toBe(0);
  });

  it('ten concurrent edits end with KV equal to the origin', async () => {
    await getPostCacheAside(env, learner, 6);
    const edits = await Promise.all(
      Array.from({ length: 10 }, (_, i) => editPost(env, learner, 6, { title: `Concurrent ${i}` }, 'write-through')),
    );
    expect(edits.every((e) => !e.busy)).toBe(true);
    const read = await getPostCacheAside(env, learner, 6);
    expect(read.cache).toBe('HIT');
    expect(read.data?.title).toBe((await readOrigin(env, learner, 6)).data?.title);
  });
});
