import { loadPost } from '~/lib/origin/posts';
import { WAIT_UNTIL } from '../../sandbox/sandbox';
import { expect, expectParsed, resultObject, sameJson, show, type Check, type CheckContext } from '../check';
import { int, word } from './random';

const post = (ctx: CheckContext, id: number) => ctx.origin(`load post ${id}`, async () => (await loadPost(ctx.db, ctx.learner.id, id))!);
/** An origin that is down: every read throws, as D1 did in the 2025 outage. */
const downOrigin = (ctx: CheckContext, id: number) =>
  ctx.origin(`load post ${id} (fails)`, async (): Promise<never> => {
    throw new Error('D1_ERROR: storage unavailable (injected)');
  });
/** A placeholder that differs every run, so no answer can be written down. */
const placeholder = () => ({ id: int(1_000, 99_999), title: `Back soon: ${word()}`, body: '' });
const options = (ttlSeconds?: number) => (ttlSeconds === undefined ? { waitUntil: WAIT_UNTIL } : { ttlSeconds, waitUntil: WAIT_UNTIL });

export const checks: Check[] = [
  {
    name: 'A cold read comes from the origin and is cached with a TTL',
    async run(ctx) {
      const id = ctx.freshPost();
      const origin = post(ctx, id);
      const result = resultObject(await ctx.call('getCachedOrFresh', ctx.kv(), `post:${id}`, origin.fn, options(600)), 'getCachedOrFresh');
      expect(result.source === 'origin' && result.data?.id === id, `Expected post ${id} with source "origin", got source ${show(result.source)}, data ${show(result.data)}.`);
      expect((await ctx.directKv.get(`post:${id}`)) !== null, `post:${id} was not cached after the miss: put the data in KV (through waitUntil).`);
      const ttl = await ctx.expiresIn(`post:${id}`);
      expect(ttl !== null && ttl >= 60, `post:${id} should be cached with a TTL of 60 s or more; ${ttl === null ? 'it has no expiration' : `it expires in ${ttl} s`}.`);
      return `source origin; cached, expires in ${ttl} s.`;
    },
  },
  {
    name: 'The cache write is handed to waitUntil, not awaited',
    async run(ctx) {
      const id = ctx.freshPost();
      const outcome = await ctx.call('getCachedOrFresh', ctx.kv(), `post:${id}`, post(ctx, id).fn, options());
      expect(
        outcome.waitUntilCalls > 0,
        'The miss did not hand its kv.put to waitUntil, so the response waited for the cache write. Pass the put (with a .catch) to options.waitUntil instead of awaiting it.',
      );
      return `${outcome.waitUntilCalls} promise handed to waitUntil.`;
    },
  },
  {
    name: 'The next read comes from the cache',
    async run(ctx) {
      const id = ctx.freshPost();
      const first = resultObject(await ctx.call('getCachedOrFresh', ctx.kv(), `post:${id}`, post(ctx, id).fn, options()), 'getCachedOrFresh');
      const origin = post(ctx, id);
      const second = resultObject(await ctx.call('getCachedOrFresh', ctx.kv(), `post:${id}`, origin.fn, options()), 'getCachedOrFresh');
      expect(second.source === 'cache' && origin.calls === 0, `The second read should come from the cache, got source ${show(second.source)} with ${origin.calls} origin reads.`);
      expectParsed(second.data, 'The cached data');
      expect(sameJson(second.data, first.data), `The cached data should equal what the origin gave, got ${show(second.data)}.`);
      return 'source cache, no origin read.';
    },
  },
  {
    name: 'A KV read failure still returns the data',
    async run(ctx) {
      const id = ctx.freshPost();
      const outcome = await ctx.callAllowingError('getCachedOrFresh', ctx.kv({ failGet: true }), `post:${id}`, post(ctx, id).fn, options());
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
      const outcome = await ctx.callAllowingError('getCachedOrFresh', ctx.kv({ failPut: true }), `post:${id}`, post(ctx, id).fn, options());
      expect(!outcome.error, `A failed KV write reached the caller: ${outcome.error?.message}. The data was there; return it.`);
      const result = resultObject(outcome, 'getCachedOrFresh');
      expect(result.data?.id === id, `With KV writes failing the data should still be post ${id}, got ${show(result.data)}.`);
      expect(
        outcome.waitUntilErrors.length === 0,
        `The cache write handed to waitUntil rejected (${outcome.waitUntilErrors[0]}), an unhandled error in production. Add .catch to the put.`,
      );
      return `Post ${id} returned; the failed write was caught.`;
    },
  },
  {
    name: 'When the origin fails too, the fallback is answered and not cached',
    async run(ctx) {
      const id = ctx.freshPost();
      const fallback = placeholder();
      const outcome = await ctx.callAllowingError('getCachedOrFresh', ctx.kv(), `post:${id}`, downOrigin(ctx, id).fn, { ...options(), fallback });
      expect(!outcome.error, `The origin failed and a fallback was given, but the error reached the caller: ${outcome.error?.message}. Catch the fetcher's error and answer the fallback.`);
      const result = resultObject(outcome, 'getCachedOrFresh');
      expect(sameJson(result.data, fallback) && result.source === 'fallback', `Expected the fallback ${show(fallback)} with source "fallback", got source ${show(result.source)}, data ${show(result.data)}.`);
      expect((await ctx.directKv.get(`post:${id}`)) === null, `The fallback was cached under post:${id}: it would be served as the post long after the origin is back. Never cache it.`);
      return 'source fallback; nothing cached.';
    },
  },
  {
    name: 'Without a fallback, an origin failure reaches the caller',
    async run(ctx) {
      const id = ctx.freshPost();
      const outcome = await ctx.callAllowingError('getCachedOrFresh', ctx.kv(), `post:${id}`, downOrigin(ctx, id).fn, options());
      expect(outcome.error, `The origin failed and there is no fallback, so the call should throw; it returned ${show(outcome.value)}.`);
      return `Threw: ${outcome.error.message}`;
    },
  },
];
