import { loadPost } from '~/lib/origin/posts';
import { WAIT_UNTIL } from '../../sandbox/sandbox';
import { expect, resultObject, sameJson, show, type Check, type CheckContext } from '../check';
import { int } from './random';

const post = (ctx: CheckContext, id: number) => ctx.origin(`load post ${id}`, () => loadPost(ctx.db, ctx.learner.id, id));

/** Windows that change every run: stale after 30–120 s, too old after 10–30 min. */
function windows() {
  const staleAfterMs = int(30, 120) * 1000;
  const maxStaleMs = int(10, 30) * 60_000;
  return { staleAfterMs, maxStaleMs, options: { staleAfterMs, maxStaleMs, ttlSeconds: 3600, waitUntil: WAIT_UNTIL } };
}

const minutes = (ms: number) => `${Math.round(ms / 6_000) / 10} min`;

/** A cached copy of post `id` with an old title, cached `ageMs` ago. */
async function seed(ctx: CheckContext, id: number, ageMs: number) {
  const copy = { ...(await loadPost(ctx.db, ctx.learner.id, id))!, title: 'The cached copy' };
  await ctx.directKv.put(`post:${id}`, JSON.stringify(copy), { expirationTtl: 3600, metadata: { cached_at: Date.now() - ageMs } });
  return copy;
}

export const checks: Check[] = [
  {
    name: 'A cold key is a MISS, loaded from the origin and cached with cached_at',
    async run(ctx) {
      const { options } = windows();
      const id = ctx.freshPost();
      const origin = post(ctx, id);
      const result = resultObject(await ctx.call('staleWhileRevalidate', ctx.kv(), `post:${id}`, origin.fn, options), 'staleWhileRevalidate');
      expect(result.cache === 'MISS', `An empty cache should give a MISS, got cache: ${show(result.cache)}.`);
      expect(origin.calls === 1 && result.value?.id === id, `A miss should return post ${id} from one origin read (${origin.calls} reads, value ${show(result.value)}).`);
      const { metadata } = await ctx.directKv.getWithMetadata<{ cached_at?: unknown }>(`post:${id}`);
      expect(typeof metadata?.cached_at === 'number', `The stored copy needs cached_at metadata to know its age, got ${show(metadata)}.`);
      return 'MISS, one origin read, stored with cached_at.';
    },
  },
  {
    name: 'A fresh copy is a HIT without the origin',
    async run(ctx) {
      const { staleAfterMs, options } = windows();
      const id = ctx.freshPost();
      const age = int(1_000, staleAfterMs - 5_000);
      const copy = await seed(ctx, id, age);
      const origin = post(ctx, id);
      const outcome = await ctx.call('staleWhileRevalidate', ctx.kv(), `post:${id}`, origin.fn, options);
      const result = resultObject(outcome, 'staleWhileRevalidate');
      expect(result.cache === 'HIT', `A copy cached ${Math.round(age / 1000)} s ago (staleAfterMs ${staleAfterMs}) should be a HIT, got ${show(result.cache)}.`);
      expect(sameJson(result.value, copy), `The hit should return the cached copy, got ${show(result.value)}.`);
      expect(origin.calls === 0 && outcome.waitUntilCalls === 0, 'A fresh copy needs no refresh, but the origin was read.');
      return `HIT at ${Math.round(age / 1000)} s old, no origin read, no refresh.`;
    },
  },
  {
    name: 'A stale copy is served at once as STALE',
    async run(ctx) {
      const { staleAfterMs, maxStaleMs, options } = windows();
      const id = ctx.freshPost();
      const age = int(staleAfterMs + 10_000, maxStaleMs - 10_000);
      const copy = await seed(ctx, id, age);
      const result = resultObject(await ctx.call('staleWhileRevalidate', ctx.kv(), `post:${id}`, post(ctx, id).fn, options), 'staleWhileRevalidate');
      expect(result.cache === 'STALE', `A copy cached ${minutes(age)} ago (staleAfterMs ${staleAfterMs}, maxStaleMs ${maxStaleMs}) should be STALE, got ${show(result.cache)}.`);
      expect(sameJson(result.value, copy), 'A stale read should answer with the cached copy at once, not wait for the origin.');
      expect(typeof result.ageMs === 'number' && Math.abs(result.ageMs - age) < 5_000, `ageMs should be about ${age}, got ${show(result.ageMs)}.`);
      return `STALE, the cached copy served, ageMs ${result.ageMs}.`;
    },
  },
  {
    name: 'The refresh goes through waitUntil and updates KV',
    async run(ctx) {
      const { staleAfterMs, maxStaleMs, options } = windows();
      const id = ctx.freshPost();
      await seed(ctx, id, int(staleAfterMs + 10_000, maxStaleMs - 10_000));
      const origin = post(ctx, id);
      const before = Date.now();
      const outcome = await ctx.call('staleWhileRevalidate', ctx.kv(), `post:${id}`, origin.fn, options);
      expect(outcome.waitUntilCalls > 0,
        'The refresh was not handed to waitUntil: a Worker may cancel it as soon as the response is sent.');
      expect(outcome.waitUntilErrors.length === 0, `The refresh failed: ${outcome.waitUntilErrors[0]}.`);
      expect(origin.calls === 1, `The refresh should read the origin once; it was read ${origin.calls} times.`);
      const { value, metadata } = await ctx.directKv.getWithMetadata<{ title?: string }, { cached_at?: number }>(`post:${id}`, 'json');
      expect(value?.title !== 'The cached copy', 'After the refresh KV still holds the old copy.');
      expect((metadata?.cached_at ?? 0) >= before - 1_000, `The refreshed copy needs a new cached_at, got ${show(metadata)}.`);
      return 'Refreshed through waitUntil; KV holds the fresh post.';
    },
  },
  {
    name: 'A copy older than maxStaleMs is not served: the reader waits for the origin',
    async run(ctx) {
      const { maxStaleMs, options } = windows();
      const id = ctx.freshPost();
      const age = maxStaleMs + int(1, 30) * 60_000;
      await seed(ctx, id, age);
      const origin = post(ctx, id);
      const before = Date.now();
      const result = resultObject(await ctx.call('staleWhileRevalidate', ctx.kv(), `post:${id}`, origin.fn, options), 'staleWhileRevalidate');
      expect(
        result.cache === 'MISS' && result.value?.title !== 'The cached copy',
        `A copy cached ${minutes(age)} ago is past maxStaleMs (${minutes(maxStaleMs)}): it may not be served, even as STALE. Expected a MISS with the post from the origin, got cache ${show(result.cache)}, value ${show(result.value)}.`,
      );
      expect(origin.calls === 1 && result.value?.id === id, `The reader should get post ${id} from one origin read (${origin.calls} reads).`);
      const { metadata } = await ctx.directKv.getWithMetadata<{ cached_at?: number }>(`post:${id}`);
      expect((metadata?.cached_at ?? 0) >= before - 1_000, `The fresh post should replace the old copy in KV, with a new cached_at; got ${show(metadata)}.`);
      return `${minutes(age)} old, past ${minutes(maxStaleMs)}: MISS, the fresh post, stored.`;
    },
  },
];
