import { loadPost } from '~/lib/origin/posts';
import { expect, resultObject, sameJson, show, type Check, type CheckContext } from '../check';

const post = (ctx: CheckContext, id: number) => ctx.origin(`load post ${id}`, async () => (await loadPost(ctx.db, ctx.learner.id, id))!);

export const checks: Check[] = [
  {
    name: 'A cold read comes from the origin and is cached with a TTL',
    async run(ctx) {
      const id = ctx.freshPost();
      const origin = post(ctx, id);
      const result = resultObject(await ctx.call('getCachedOrFresh', ctx.kv(), `post:${id}`, origin.fn, { ttlSeconds: 600 }), 'getCachedOrFresh');
      expect(result.source === 'origin' && result.data?.id === id, `Expected post ${id} with source "origin", got source ${show(result.source)}, data ${show(result.data)}.`);
      const ttl = await ctx.expiresIn(`post:${id}`);
      expect(ttl !== null && ttl >= 60, `post:${id} should be cached with a TTL of 60 s or more; ${ttl === null ? 'it has no expiration' : `it expires in ${ttl} s`}.`);
      return `source origin; cached, expires in ${ttl} s.`;
    },
  },
  {
    name: 'The next read comes from the cache',
    async run(ctx) {
      const id = ctx.freshPost();
      const first = resultObject(await ctx.call('getCachedOrFresh', ctx.kv(), `post:${id}`, post(ctx, id).fn), 'getCachedOrFresh');
      const origin = post(ctx, id);
      const second = resultObject(await ctx.call('getCachedOrFresh', ctx.kv(), `post:${id}`, origin.fn), 'getCachedOrFresh');
      expect(second.source === 'cache' && origin.calls === 0, `The second read should come from the cache, got source ${show(second.source)} with ${origin.calls} origin reads.`);
      expect(sameJson(second.data, first.data), `The cached data should equal what the origin gave, got ${show(second.data)}.`);
      return 'source cache, no origin read.';
    },
  },
  {
    name: 'A KV read failure still returns the data',
    async run(ctx) {
      const id = ctx.freshPost();
      const outcome = await ctx.callAllowingError('getCachedOrFresh', ctx.kv({ failGet: true }), `post:${id}`, post(ctx, id).fn);
      expect(!outcome.error, `KV reads failed and the error reached the caller: ${outcome.error?.message}. Catch it and use the origin.`);
      const result = resultObject(outcome, 'getCachedOrFresh');
      expect(result.data?.id === id, `With KV down the data should still be post ${id}, got ${show(result.data)}.`);
      expect(result.cacheReadFailed === true, `cacheReadFailed should be true, got ${show(result.cacheReadFailed)}.`);
      return `Post ${id} from the origin; cacheReadFailed: true.`;
    },
  },
  {
    name: 'A KV write failure still returns the data',
    async run(ctx) {
      const id = ctx.freshPost();
      const outcome = await ctx.callAllowingError('getCachedOrFresh', ctx.kv({ failPut: true }), `post:${id}`, post(ctx, id).fn);
      expect(!outcome.error, `A failed KV write reached the caller: ${outcome.error?.message}. The data was there; return it.`);
      const result = resultObject(outcome, 'getCachedOrFresh');
      expect(result.data?.id === id, `With KV writes failing the data should still be post ${id}, got ${show(result.data)}.`);
      expect(result.cacheWriteFailed === true, `cacheWriteFailed should be true, got ${show(result.cacheWriteFailed)}.`);
      return `Post ${id} returned; cacheWriteFailed: true.`;
    },
  },
];
