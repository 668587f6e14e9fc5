import { loadPost } from '~/lib/origin/posts';
import { expect, resultObject, sameJson, show, type Check, type CheckContext } from '../check';

/** What the origin holds after the save: post 2 with a new title. Nothing is written to D1. */
async function savedPost(ctx: CheckContext) {
  const post = await loadPost(ctx.db, ctx.learner.id, 2);
  return { ...post!, title: 'Edited in the exercise' };
}

const derivedKeys = ['posts:recent', 'posts:count'];

async function seedDerived(ctx: CheckContext) {
  for (const key of derivedKeys) await ctx.store.put(key, '"derived"', { expirationTtl: 3600 });
}

export const checks: Check[] = [
  {
    name: 'Saves to the origin once and returns the saved value',
    async run(ctx) {
      const saved = await savedPost(ctx);
      const origin = ctx.origin('save post 2', async () => saved);
      const result = resultObject(await ctx.call('writeThrough', ctx.kv(), 'post:2', origin.fn, { derivedKeys }), 'writeThrough');
      expect(origin.calls === 1, `The origin should be written exactly once; it was called ${origin.calls} times.`);
      expect(sameJson(result.value, saved), `value should be what the origin saved, got ${show(result.value)}.`);
      return 'One origin write, saved value returned.';
    },
  },
  {
    name: 'The new value is in KV at once: the next read is a HIT with it',
    async run(ctx) {
      const saved = await savedPost(ctx);
      await ctx.store.put('post:2', JSON.stringify({ ...saved, title: 'Old title' }), { expirationTtl: 3600 });
      await ctx.call('writeThrough', ctx.kv(), 'post:2', ctx.origin('save post 2', async () => saved).fn, { derivedKeys });
      const cached = await ctx.store.get('post:2', 'json');
      expect(sameJson(cached, saved), `KV should hold the saved post under post:2, but holds ${show(cached)}.`);
      return 'KV holds the saved post.';
    },
  },
  {
    name: 'The value is stored with a TTL of at least 60 s and cached_at metadata',
    async run(ctx) {
      const before = Date.now();
      const saved = await savedPost(ctx);
      await ctx.call('writeThrough', ctx.kv(), 'post:2', ctx.origin('save post 2', async () => saved).fn, { ttlSeconds: 600, derivedKeys });
      const ttl = await ctx.expiresIn('post:2');
      expect(ttl !== null && ttl >= 60, `post:2 should expire in 60 s or more; ${ttl === null ? 'it has no expiration' : `it expires in ${ttl} s`}.`);
      const { metadata } = await ctx.store.getWithMetadata<{ cached_at?: unknown }>('post:2');
      const cachedAt = metadata?.cached_at;
      expect(typeof cachedAt === 'number' && cachedAt >= before - 5_000, `The metadata should hold cached_at: Date.now(), got ${show(metadata)}.`);
      return `Expires in ${ttl} s, cached_at set.`;
    },
  },
  {
    name: 'Derived keys are invalidated',
    async run(ctx) {
      await seedDerived(ctx);
      const saved = await savedPost(ctx);
      const result = resultObject(
        await ctx.call('writeThrough', ctx.kv(), 'post:2', ctx.origin('save post 2', async () => saved).fn, { derivedKeys }),
        'writeThrough',
      );
      const left = [];
      for (const key of derivedKeys) if ((await ctx.store.get(key)) !== null) left.push(key);
      expect(left.length === 0, `Derived keys still in KV after the write: ${left.join(', ')}. Lists built from the old post would stay wrong.`);
      expect(sameJson([...(result.invalidated ?? [])].sort(), [...derivedKeys].sort()), `invalidated should list ${show(derivedKeys)}, got ${show(result.invalidated)}.`);
      return `${derivedKeys.join(' and ')} deleted.`;
    },
  },
  {
    name: 'A failed origin write leaves the cache untouched',
    async run(ctx) {
      await seedDerived(ctx);
      await ctx.store.put('post:2', '"before"', { expirationTtl: 3600 });
      const origin = ctx.origin('save post 2 (fails)', async () => {
        throw new Error('D1 write failed (injected)');
      });
      const outcome = await ctx.callAllowingError('writeThrough', ctx.kv(), 'post:2', origin.fn, { derivedKeys });
      expect(outcome.error, `The origin write failed, so writeThrough should fail too; it returned ${show(outcome.value)}.`);
      expect((await ctx.store.get('post:2')) === '"before"', 'post:2 changed although the origin write failed: write the origin first.');
      for (const key of derivedKeys) {
        expect((await ctx.store.get(key)) !== null, `${key} was deleted although the origin write failed: write the origin first.`);
      }
      return 'The error propagated; KV unchanged.';
    },
  },
];
