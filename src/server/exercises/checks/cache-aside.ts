import { loadPost } from '~/lib/origin/posts';
import { expect, expectParsed, resultObject, sameJson, show, type Check, type CheckContext } from '../check';
import { int, word } from './random';

const post = (ctx: CheckContext, id: number) => ctx.origin(`load post ${id}`, () => loadPost(ctx.db, ctx.learner.id, id));

export const checks: Check[] = [
  {
    name: 'A first read is a MISS that loads from the origin once',
    async run(ctx) {
      const id = ctx.freshPost();
      const origin = post(ctx, id);
      const result = resultObject(await ctx.call('cacheAside', ctx.kv(), `post:${id}`, origin.fn, 3600), 'cacheAside');
      expect(result.cache === 'MISS', `The first read of an empty cache should be a MISS, got cache: ${show(result.cache)}.`);
      expect(origin.calls === 1, `A miss should read the origin exactly once; it was read ${origin.calls} times.`);
      expect(result.value?.id === id, `The value should be post ${id} from the origin, got ${show(result.value)}.`);
      return `MISS, one origin read, post ${id} returned.`;
    },
  },
  {
    name: 'The second read is a HIT, without the origin',
    async run(ctx) {
      const id = ctx.freshPost();
      const first = resultObject(await ctx.call('cacheAside', ctx.kv(), `post:${id}`, post(ctx, id).fn, 3600), 'cacheAside');
      const origin = post(ctx, id);
      const second = resultObject(await ctx.call('cacheAside', ctx.kv(), `post:${id}`, origin.fn, 3600), 'cacheAside');
      expect(second.cache === 'HIT', `The second read should be a HIT, got cache: ${show(second.cache)}.`);
      expect(origin.calls === 0, `A hit must not read the origin; it was read ${origin.calls} times.`);
      expectParsed(second.value, 'The value of the HIT');
      expect(sameJson(second.value, first.value), `The hit should return what the miss returned, got ${show(second.value)}.`);
      return 'HIT from KV with the same post, no origin read.';
    },
  },
  {
    name: 'The value is stored with a TTL of at least 60 s and cached_at metadata',
    async run(ctx) {
      const id = ctx.freshPost();
      const before = Date.now();
      await ctx.call('cacheAside', ctx.kv(), `post:${id}`, post(ctx, id).fn, 3600);
      const { value, metadata } = await ctx.directKv.getWithMetadata<{ cached_at?: unknown }>(`post:${id}`);
      expect(value !== null, `Nothing was stored under post:${id} after a miss.`);
      const ttl = await ctx.expiresIn(`post:${id}`);
      expect(ttl !== null && ttl >= 60, `The key should expire in 60 s or more; ${ttl === null ? 'it has no expiration' : `it expires in ${ttl} s`}.`);
      const cachedAt = metadata?.cached_at;
      expect(typeof cachedAt === 'number' && cachedAt >= before - 5_000 && cachedAt <= Date.now() + 5_000,
        `The metadata should hold cached_at: Date.now(), got ${show(metadata)}.`);
      return `Expires in ${ttl} s, cached_at set.`;
    },
  },
  {
    name: 'A post that does not exist is remembered for 60 s',
    async run(ctx) {
      const id = int(1_000, 99_999);
      const origin = post(ctx, id);
      const result = resultObject(await ctx.call('cacheAside', ctx.kv(), `post:${id}`, origin.fn, 3600), 'cacheAside');
      expect(result.value === null && result.cache === 'MISS', `The origin has no post ${id}: the first read should be { value: null, cache: 'MISS' }, got ${show(result)}.`);
      expect(origin.calls === 1, `A miss should read the origin exactly once; it was read ${origin.calls} times.`);
      const { value, metadata } = await ctx.directKv.getWithMetadata<{ missing?: unknown }>(`post:${id}`);
      expect(value !== null, `Nothing was stored under post:${id}: remember the "not found", or every read of it goes to the origin.`);
      expect(metadata?.missing === true, `The entry for a missing post should carry missing: true in its metadata, got ${show(metadata)}.`);
      const ttl = await ctx.expiresIn(`post:${id}`);
      expect(ttl !== null && ttl >= 55 && ttl <= 61,
        `A "not found" should be remembered for 60 s (KV's minimum), so a post created later shows soon; ${ttl === null ? 'it has no expiration' : `it expires in ${ttl} s`}.`);
      return `MISS with null; remembered with missing: true for ${ttl} s.`;
    },
  },
  {
    name: 'The next read of a missing post is NEGATIVE, without the origin',
    async run(ctx) {
      const id = int(1_000, 99_999);
      await ctx.call('cacheAside', ctx.kv(), `post:${id}`, post(ctx, id).fn, 3600);
      const origin = post(ctx, id);
      const second = resultObject(await ctx.call('cacheAside', ctx.kv(), `post:${id}`, origin.fn, 3600), 'cacheAside');
      expect(second.cache === 'NEGATIVE', `Post ${id} was just found missing: the second read should be cache: 'NEGATIVE', got ${show(second.cache)}. A get answers null for a stored "null" too: read the metadata with getWithMetadata.`);
      expect(origin.calls === 0, `A remembered "not found" must not read the origin; it was read ${origin.calls} times.`);
      expect(second.value === null, `A NEGATIVE read has no value, got ${show(second.value)}.`);
      return 'NEGATIVE, value null, no origin read.';
    },
  },
  {
    name: 'A cached falsy value (0) is still a HIT',
    async run(ctx) {
      const key = `${word()}:count`;
      await ctx.directKv.put(key, '0', { expirationTtl: 3600 });
      const origin = ctx.origin(`count ${key}`, async () => int(1, 99));
      const result = resultObject(await ctx.call('cacheAside', ctx.kv(), key, origin.fn, 3600), 'cacheAside');
      expectParsed(result.value, `The value read for "${key}"`);
      expect(result.cache === 'HIT' && result.value === 0 && origin.calls === 0,
        `KV holds 0 for "${key}": expected a HIT with 0, got cache ${show(result.cache)}, value ${show(result.value)}. Compare with null, not falsiness.`);
      return 'HIT with 0.';
    },
  },
];
