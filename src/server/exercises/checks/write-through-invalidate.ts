import { loadPost } from '~/lib/origin/posts';
import { expect, resultObject, sameJson, show, type Check, type CheckContext } from '../check';
import { word } from './random';

/** What the origin holds after the save: a post with a new title. Nothing is written to D1. */
async function savedPost(ctx: CheckContext) {
  const post = await loadPost(ctx.db, ctx.learner.id, ctx.freshPost());
  return { ...post!, title: `Edited: ${word()} ${word()}` };
}

const derivedKeys = ['posts:recent', 'posts:count'];

async function seedDerived(ctx: CheckContext) {
  for (const key of derivedKeys) await ctx.directKv.put(key, '"derived"', { expirationTtl: 3600 });
}

export const checks: Check[] = [
  {
    name: 'Saves to the origin once and returns the saved value',
    async run(ctx) {
      const saved = await savedPost(ctx);
      const key = `post:${saved.id}`;
      const origin = ctx.origin(`save post ${saved.id}`, async () => saved);
      const result = resultObject(await ctx.call('writeThrough', ctx.kv(), key, origin.fn, { derivedKeys }), 'writeThrough');
      expect(origin.calls === 1, `The origin should be written exactly once; it was called ${origin.calls} times.`);
      expect(sameJson(result.value, saved), `value should be what the origin saved, got ${show(result.value)}.`);
      return 'One origin write, saved value returned.';
    },
  },
  {
    name: 'The new value is in KV at once: the next read is a HIT with it',
    async run(ctx) {
      const saved = await savedPost(ctx);
      const key = `post:${saved.id}`;
      await ctx.directKv.put(key, JSON.stringify({ ...saved, title: 'Old title' }), { expirationTtl: 3600 });
      await ctx.call('writeThrough', ctx.kv(), key, ctx.origin(`save post ${saved.id}`, async () => saved).fn, { derivedKeys });
      const cached = await ctx.directKv.get(key, 'json');
      expect(sameJson(cached, saved), `KV should hold the saved post under ${key}, but holds ${show(cached)}.`);
      return 'KV holds the saved post.';
    },
  },
  {
    name: 'The value is stored with a TTL of at least 60 s and cached_at metadata',
    async run(ctx) {
      const before = Date.now();
      const saved = await savedPost(ctx);
      const key = `post:${saved.id}`;
      await ctx.call('writeThrough', ctx.kv(), key, ctx.origin(`save post ${saved.id}`, async () => saved).fn, { ttlSeconds: 600, derivedKeys });
      const ttl = await ctx.expiresIn(key);
      expect(ttl !== null && ttl >= 60, `${key} should expire in 60 s or more; ${ttl === null ? 'it has no expiration' : `it expires in ${ttl} s`}.`);
      const { metadata } = await ctx.directKv.getWithMetadata<{ cached_at?: unknown }>(key);
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
      const key = `post:${saved.id}`;
      // A reader rebuilds the recent list from the old row while the origin is being written.
      const origin = ctx.origin(`save post ${saved.id}`, async () => {
        await ctx.directKv.put('posts:recent', '"rebuilt from the old row"', { expirationTtl: 3600 });
        return saved;
      });
      const result = resultObject(await ctx.call('writeThrough', ctx.kv(), key, origin.fn, { derivedKeys }), 'writeThrough');
      const left = [];
      for (const key of derivedKeys) if ((await ctx.directKv.get(key)) !== null) left.push(key);
      expect(
        left.length === 0,
        `Derived keys still in KV after the write: ${left.join(', ')}. A reader can rebuild one from the old row while the origin is written, so delete them after the write too.`,
      );
      expect(sameJson([...(result.invalidated ?? [])].sort(), [...derivedKeys].sort()), `invalidated should list ${show(derivedKeys)}, got ${show(result.invalidated)}.`);
      return `${derivedKeys.join(' and ')} deleted.`;
    },
  },
  {
    name: 'The old copies are gone before the origin is written, and a failed write leaves none',
    async run(ctx) {
      await seedDerived(ctx);
      const key = `post:${ctx.freshPost()}`;
      await ctx.directKv.put(key, '"before"', { expirationTtl: 3600 });
      const present: string[] = [];
      const origin = ctx.origin(`save ${key} (fails)`, async () => {
        for (const k of [key, ...derivedKeys]) if ((await ctx.directKv.get(k)) !== null) present.push(k);
        throw new Error('D1 write failed (injected)');
      });
      const outcome = await ctx.callAllowingError('writeThrough', ctx.kv(), key, origin.fn, { derivedKeys });
      expect(outcome.error, `The origin write failed, so writeThrough should fail too; it returned ${show(outcome.value)}.`);
      expect(
        present.length === 0,
        `${present.join(', ')} still in KV when the origin was written. Delete the cached copies first: if the request dies after the origin write, no old copy may be left.`,
      );
      expect((await ctx.directKv.get(key)) === null, `${key} is in KV again after the failed write. A failed write may still have landed: leave no copy.`);
      return 'Copies deleted before the origin write; the error propagated and no copy is left.';
    },
  },
];
