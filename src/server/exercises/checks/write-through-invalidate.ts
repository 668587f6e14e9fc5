import { loadPost } from '~/lib/origin/posts';
import { expect, resultObject, sameJson, show, type Check, type CheckContext } from '../check';
import { int, word } from './random';

/** What the origin holds after the save: a post with a new title. Nothing is written to D1. */
async function savedPost(ctx: CheckContext) {
  const post = await loadPost(ctx.db, ctx.learner.id, ctx.freshPost());
  return { ...post!, title: `Edited: ${word()} ${word()}` };
}

/** A different key for the lists' version every run: `<word>:lists:version`. */
const versionKey = () => `${word()}:lists:version`;

/** Saves an edited post through the learner's writeThrough, noting the lists' version during the save. */
async function save(ctx: CheckContext, listsVersionKey: string) {
  const saved = await savedPost(ctx);
  let duringSave: string | null = null;
  const origin = ctx.origin(`save post ${saved.id}`, async () => {
    duringSave = await ctx.directKv.get(listsVersionKey);
    return saved;
  });
  const result = resultObject(await ctx.call('writeThrough', ctx.kv(), `post:${saved.id}`, origin.fn, { listsVersionKey }), 'writeThrough');
  return { saved, result, origin, duringSave: duringSave as string | null, after: await ctx.directKv.get(listsVersionKey) };
}

export const checks: Check[] = [
  {
    name: 'Saves to the origin once and returns the saved value',
    async run(ctx) {
      const { saved, result, origin } = await save(ctx, versionKey());
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
      await ctx.call('writeThrough', ctx.kv(), key, ctx.origin(`save post ${saved.id}`, async () => saved).fn, { listsVersionKey: versionKey() });
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
      await ctx.call('writeThrough', ctx.kv(), key, ctx.origin(`save post ${saved.id}`, async () => saved).fn, { ttlSeconds: 600, listsVersionKey: versionKey() });
      const ttl = await ctx.expiresIn(key);
      expect(ttl !== null && ttl >= 60, `${key} should expire in 60 s or more; ${ttl === null ? 'it has no expiration' : `it expires in ${ttl} s`}.`);
      const { metadata } = await ctx.directKv.getWithMetadata<{ cached_at?: unknown }>(key);
      const cachedAt = metadata?.cached_at;
      expect(typeof cachedAt === 'number' && cachedAt >= before - 5_000, `The metadata should hold cached_at: Date.now(), got ${show(metadata)}.`);
      return `Expires in ${ttl} s, cached_at set.`;
    },
  },
  {
    name: "The lists' version is bumped once the origin has saved",
    async run(ctx) {
      const key = versionKey();
      const start = int(2, 500);
      await ctx.directKv.put(key, String(start));
      const { result, duringSave, after } = await save(ctx, key);
      expect(Number(after) > start, `${key} still holds ${show(after)}: bump it (${start} → ${start + 1}), so the lists built from the old row are no longer read.`);
      expect(
        Number(after) > Number(duringSave),
        `${key} was already ${show(duringSave)} while the origin was being written: a list rebuilt then, from the old row, is stored under that version. Bump after the save.`,
      );
      expect(result.listsVersion === Number(after), `listsVersion should be the version now in KV (${after}), got ${show(result.listsVersion)}.`);
      return `${key}: ${start} during the save, ${after} after it.`;
    },
  },
  {
    name: 'A family without a version starts at 1, and its version never expires',
    async run(ctx) {
      const key = versionKey();
      const { result, after } = await save(ctx, key);
      expect(after === '2', `No version was stored, which counts as 1: after the edit ${key} should hold "2", got ${show(after)}.`);
      expect(result.listsVersion === 2, `listsVersion should be 2, got ${show(result.listsVersion)}.`);
      const ttl = await ctx.expiresIn(key);
      expect(ttl === null, `${key} expires in ${ttl} s: when it does, the lists fall back to v1, which were invalidated long ago. Store it without expiration.`);
      return `${key} holds 2, with no expiration.`;
    },
  },
  {
    name: 'The old copy is gone before the origin is written, and a failed write leaves none',
    async run(ctx) {
      const key = `post:${ctx.freshPost()}`;
      await ctx.directKv.put(key, '"before"', { expirationTtl: 3600 });
      let present = false;
      const origin = ctx.origin(`save ${key} (fails)`, async () => {
        present = (await ctx.directKv.get(key)) !== null;
        throw new Error('D1 write failed (injected)');
      });
      const outcome = await ctx.callAllowingError('writeThrough', ctx.kv(), key, origin.fn, { listsVersionKey: versionKey() });
      expect(outcome.error, `The origin write failed, so writeThrough should fail too; it returned ${show(outcome.value)}.`);
      expect(!present, `${key} was still in KV when the origin was written. Delete the cached copy first: if the request dies after the origin write, no old copy may be left.`);
      expect((await ctx.directKv.get(key)) === null, `${key} is in KV again after the failed write. A failed write may still have landed: leave no copy.`);
      return 'Copy deleted before the origin write; the error propagated and no copy is left.';
    },
  },
];
