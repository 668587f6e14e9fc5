import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { FAULT_MESSAGES, withFaults } from '../../src/lib/kv/faulty-kv';
import { scopeKv } from '../../src/lib/kv/scoped-kv';
import { getCachedOrFresh } from '../../src/lib/patterns/get-cached-or-fresh';
import { deleteAndInvalidate } from '../../src/lib/patterns/invalidation';
import { buildKey, tenantKey, versionedKey } from '../../src/lib/patterns/keys';
import { listAllKeys } from '../../src/lib/patterns/list-all-keys';
import { putWithBackoff } from '../../src/lib/patterns/put-with-backoff';
import { staleWhileRevalidate } from '../../src/lib/patterns/stale-while-revalidate';
import { secondsUntilMidnightUtc } from '../../src/lib/patterns/ttl';
import { writeThrough } from '../../src/lib/patterns/write-through';

let n = 0;
/** A fresh key space per test: storage is shared within this file. */
const freshKv = () => scopeKv(env.KV, `patterns-${++n}:`);

describe('writeThrough', () => {
  it('saves to the origin, caches the saved value and deletes derived keys', async () => {
    const kv = freshKv();
    await kv.put('posts:recent', '[]', { expirationTtl: 60 });
    const result = await writeThrough(kv, 'post:1', async () => ({ id: 1, title: 'new' }), { derivedKeys: ['posts:recent'] });
    expect(result).toEqual({ value: { id: 1, title: 'new' }, invalidated: ['posts:recent'], cached: true });
    expect(await kv.get('post:1', 'json')).toEqual({ id: 1, title: 'new' });
    expect(await kv.get('posts:recent')).toBeNull();
  });

  it('has deleted the cached copy and the derived keys by the time the origin is written', async () => {
    const kv = freshKv();
    await kv.put('post:1', '"old"', { expirationTtl: 60 });
    await kv.put('posts:recent', '["old"]', { expirationTtl: 60 });
    let seen: unknown[] = [];
    await writeThrough(
      kv,
      'post:1',
      async () => {
        seen = [await kv.get('post:1'), await kv.get('posts:recent')];
        return 'new';
      },
      { derivedKeys: ['posts:recent'] },
    );
    expect(seen).toEqual([null, null]);
  });

  it('deletes the derived keys again after the origin write, in case a reader rebuilt one from the old row', async () => {
    const kv = freshKv();
    const result = await writeThrough(
      kv,
      'post:1',
      async () => {
        await kv.put('posts:recent', '["rebuilt from the old row"]', { expirationTtl: 60 });
        return 'new';
      },
      { derivedKeys: ['posts:recent'] },
    );
    expect(result.invalidated).toEqual(['posts:recent']);
    expect(await kv.get('posts:recent')).toBeNull();
  });

  it('leaves no copy when the origin write fails (it may have landed anyway), and passes the error on', async () => {
    const kv = freshKv();
    await kv.put('post:1', '"old"', { expirationTtl: 60 });
    await expect(writeThrough(kv, 'post:1', () => Promise.reject(new Error('D1 down')))).rejects.toThrow('D1 down');
    expect(await kv.get('post:1')).toBeNull();
  });

  it('reports a failed put as not cached, and leaves no copy: the origin write still counts', async () => {
    const kv = freshKv();
    await kv.put('post:1', '"old"', { expirationTtl: 60 });
    const result = await writeThrough(withFaults(kv, { rateLimitedPuts: 1 }), 'post:1', async () => 'new');
    expect(result).toEqual({ value: 'new', invalidated: [], cached: false });
    expect(await kv.get('post:1')).toBeNull();
  });
});

describe('deleteAndInvalidate', () => {
  it('deletes every listed key once the origin row is gone', async () => {
    const kv = freshKv();
    for (const key of ['post:3', 'posts:recent', 'posts:count']) await kv.put(key, '1', { expirationTtl: 60 });
    const result = await deleteAndInvalidate(kv, async () => true, ['post:3', 'posts:recent', 'posts:count']);
    expect(result.invalidated).toEqual(['post:3', 'posts:recent', 'posts:count']);
    expect((await kv.list()).keys).toHaveLength(0);
  });

  it('invalidates nothing when the origin had nothing to delete', async () => {
    const kv = freshKv();
    await kv.put('post:3', '1', { expirationTtl: 60 });
    expect(await deleteAndInvalidate(kv, async () => false, ['post:3'])).toEqual({ deleted: false, invalidated: [], failed: [] });
    expect(await kv.get('post:3')).toBe('1');
  });
});

describe('deleteAndInvalidate when KV fails', () => {
  it('the origin delete stands; every key is still tried and the failures are reported', async () => {
    const real = freshKv();
    await real.put('post:3', '1', { expirationTtl: 60 });
    let removed = false;
    const result = await deleteAndInvalidate(withFaults(real, { writeFails: true }), async () => (removed = true), ['post:3', 'posts:recent']);
    expect(removed).toBe(true);
    expect(result).toEqual({ deleted: true, invalidated: [], failed: ['post:3', 'posts:recent'] });
  });
});

describe('writeThrough when KV fails after the origin saved', () => {
  it('succeeds with cached: false when the put and the derived deletes fail', async () => {
    const real = freshKv();
    let saves = 0;
    // Writes work until the origin has saved, then fail: the crash-free version of "KV went down mid-edit".
    let kvDown = false;
    const flaky = {
      ...real,
      put: (...a: Parameters<typeof real.put>) => (kvDown ? Promise.reject(new Error('KV PUT failed: 503')) : real.put(...a)),
      delete: (k: string) => (kvDown ? Promise.reject(new Error('KV DELETE failed: 503')) : real.delete(k)),
    };
    const result = await writeThrough(flaky, 'post:1', async () => { saves++; kvDown = true; return 'new'; }, { derivedKeys: ['posts:recent'] });
    expect(saves).toBe(1);
    expect(result).toEqual({ value: 'new', invalidated: ['posts:recent'], cached: false });
    expect(await real.get('post:1')).toBeNull();
  });

  it('refuses the edit before the origin when the first delete fails: that delete is the guarantee', async () => {
    let saved = false;
    await expect(writeThrough(withFaults(freshKv(), { writeFails: true }), 'post:1', async () => { saved = true; return 'new'; })).rejects.toThrow('503');
    expect(saved).toBe(false);
  });
});

describe('staleWhileRevalidate', () => {
  it('a failing background refresh is caught: the stale copy was served and nothing rejects', async () => {
    const kv = freshKv();
    await kv.put('list', JSON.stringify({ version: 1 }), { expirationTtl: 3600, metadata: { cached_at: Date.now() - 10_000 } });
    const pending: Promise<unknown>[] = [];
    const stale = await staleWhileRevalidate(kv, 'list', () => Promise.reject(new Error('origin down')), {
      staleAfterMs: 5_000,
      waitUntil: (p) => void pending.push(p),
    });
    expect(stale).toMatchObject({ cache: 'STALE', value: { version: 1 } });
    expect(pending).toHaveLength(1);
    await expect(Promise.all(pending)).resolves.toBeDefined();
    expect(await kv.get('list', 'json')).toEqual({ version: 1 });
  });


  it('misses, then hits, then serves STALE and refreshes through waitUntil', async () => {
    const kv = freshKv();
    let version = 0;
    const load = async () => ({ version: ++version });
    const pending: Promise<unknown>[] = [];
    const waitUntil = (p: Promise<unknown>) => void pending.push(p);

    const miss = await staleWhileRevalidate(kv, 'list', load, { staleAfterMs: 50, waitUntil });
    expect(miss).toMatchObject({ cache: 'MISS', value: { version: 1 }, ageMs: null });
    const hit = await staleWhileRevalidate(kv, 'list', load, { staleAfterMs: 60_000, waitUntil });
    expect(hit).toMatchObject({ cache: 'HIT', value: { version: 1 } });
    expect(pending).toHaveLength(0);

    // Ten seconds pass: the copy's cached_at is set back instead of waiting.
    await kv.put('list', JSON.stringify({ version: 1 }), { expirationTtl: 3600, metadata: { cached_at: Date.now() - 10_000 } });
    const stale = await staleWhileRevalidate(kv, 'list', load, { staleAfterMs: 5_000, waitUntil });
    expect(stale).toMatchObject({ cache: 'STALE', value: { version: 1 } });
    expect(stale.ageMs).toBeGreaterThanOrEqual(10_000);
    // The refresh was handed to waitUntil rather than left floating; once it settles, KV has v2.
    expect(pending).toHaveLength(1);
    await Promise.all(pending);
    const after = await staleWhileRevalidate(kv, 'list', load, { staleAfterMs: 60_000, waitUntil });
    expect(after).toMatchObject({ cache: 'HIT', value: { version: 2 } });
  });
});

describe('getCachedOrFresh with injected faults', () => {
  const fetcher = async () => ({ title: 'from origin' });
  /** The Worker's ctx.waitUntil, kept so a test can let the deferred work finish. */
  const deferred = () => {
    const pending: Promise<unknown>[] = [];
    return { pending, waitUntil: (p: Promise<unknown>) => void pending.push(p) };
  };

  it('falls back to the origin when KV reads fail', async () => {
    const log: string[] = [];
    const kv = withFaults(freshKv(), { readFails: true }, log);
    const result = await getCachedOrFresh(kv, 'k', fetcher, deferred());
    expect(result).toMatchObject({ data: { title: 'from origin' }, source: 'origin', cacheReadFailed: true });
    expect(log).toContain(FAULT_MESSAGES.read);
  });

  it('answers before the cache write, which goes to waitUntil', async () => {
    const real = freshKv();
    const { pending, waitUntil } = deferred();
    let putStarted = false;
    let putFinished = false;
    const slowPut = { ...real, put: async (...args: Parameters<typeof real.put>) => { putStarted = true; await real.put(...args); putFinished = true; } };
    const result = await getCachedOrFresh(slowPut, 'k', fetcher, { waitUntil });
    expect(result).toMatchObject({ source: 'origin', data: { title: 'from origin' } });
    expect(pending).toHaveLength(1);
    expect(putStarted).toBe(true);
    expect(putFinished).toBe(false);
    await Promise.all(pending);
    expect(await real.get('k', 'json')).toEqual({ title: 'from origin' });
  });

  it('still returns the data when the KV write fails, and the deferred write does not reject', async () => {
    const real = freshKv();
    const { pending, waitUntil } = deferred();
    const result = await getCachedOrFresh(withFaults(real, { writeFails: true }), 'k', fetcher, { waitUntil });
    expect(result).toMatchObject({ source: 'origin', cacheReadFailed: false });
    await expect(Promise.all(pending)).resolves.toBeDefined();
    expect(await real.get('k')).toBeNull();
  });

  it('hits KV when it is healthy', async () => {
    const kv = freshKv();
    const { pending, waitUntil } = deferred();
    await getCachedOrFresh(kv, 'k', fetcher, { waitUntil });
    await Promise.all(pending);
    expect(await getCachedOrFresh(kv, 'k', fetcher, { waitUntil })).toMatchObject({ source: 'cache' });
  });

  it('propagates an origin failure: there is nothing to fall back on', async () => {
    await expect(getCachedOrFresh(freshKv(), 'k', () => Promise.reject(new Error('origin down')), deferred())).rejects.toThrow('origin down');
  });
});

describe('putWithBackoff', () => {
  it('retries 429s with growing waits, then writes', async () => {
    const real = freshKv();
    const waits: number[] = [];
    const kv = withFaults(real, { rateLimitedPuts: 3 });
    const result = await putWithBackoff(kv, 'hot', 'v', {}, { baseDelayMs: 100, sleep: async (ms) => void waits.push(ms) });
    expect(result.attempts).toBe(4);
    expect(waits).toHaveLength(3);
    // Exponential with ±25 % jitter: ~100, ~200, ~400.
    expect(waits[0]).toBeGreaterThanOrEqual(75);
    expect(waits[1]).toBeGreaterThanOrEqual(150);
    expect(waits[2]).toBeGreaterThanOrEqual(300);
    expect(await real.get('hot')).toBe('v');
  });

  it('starts at about 1 s by default, the write rate KV allows per key, without sleeping for real', async () => {
    const waits: number[] = [];
    const kv = withFaults(freshKv(), { rateLimitedPuts: 2 });
    await putWithBackoff(kv, 'hot', 'v', {}, { sleep: async (ms) => void waits.push(ms) });
    expect(waits[0]).toBeGreaterThanOrEqual(750);
    expect(waits[0]).toBeLessThanOrEqual(1250);
    expect(waits[1]).toBeGreaterThanOrEqual(1500);
    expect(waits[1]).toBeLessThanOrEqual(2500);
  });

  it('gives up after its retries and rethrows the 429', async () => {
    const kv = withFaults(freshKv(), { rateLimitedPuts: 10 });
    await expect(putWithBackoff(kv, 'hot', 'v', {}, { retries: 2, sleep: async () => {} })).rejects.toThrow('429');
  });

  it('does not retry other errors', async () => {
    let waited = false;
    const kv = withFaults(freshKv(), { writeFails: true });
    await expect(putWithBackoff(kv, 'hot', 'v', {}, { sleep: async () => void (waited = true) })).rejects.toThrow('503');
    expect(waited).toBe(false);
  });
});

describe('listAllKeys', () => {
  it('follows the cursor across pages, with the same prefix, until list_complete', async () => {
    const kv = freshKv();
    for (let i = 0; i < 25; i++) await kv.put(`log:${String(i).padStart(2, '0')}`, 'x');
    await kv.put('other:1', 'x');
    const seen: KVNamespaceListOptions[] = [];
    const spy = { ...kv, list: (o: KVNamespaceListOptions) => (seen.push(o), kv.list({ ...o, limit: 10 })) } as typeof kv;
    const names = await listAllKeys(spy, 'log:');
    expect(names).toHaveLength(25);
    expect(seen).toHaveLength(3);
    expect(seen.every((o) => o.prefix === 'log:')).toBe(true);
  });

  it('keeps paging past an empty page that is not the last', async () => {
    const pages = [
      { keys: [{ name: 'a' }], list_complete: false, cursor: 'c1' },
      { keys: [], list_complete: false, cursor: 'c2' },
      { keys: [{ name: 'b' }], list_complete: true },
    ];
    const fake = { list: async () => pages.shift() } as unknown as Parameters<typeof listAllKeys>[0];
    expect(await listAllKeys(fake, 'p:')).toEqual(['a', 'b']);
  });
});

describe('keys and TTLs', () => {
  it('builds hierarchical, versioned and tenant keys', () => {
    expect(buildKey('user', 123, 'profile')).toBe('user:123:profile');
    expect(versionedKey(3, 'posts', 'recent')).toBe('v3:posts:recent');
    expect(tenantKey('acme', 'config')).toBe('tenant:acme:config');
    expect(() => buildKey('user', '', 'profile')).toThrow();
    expect(() => versionedKey(0, 'x')).toThrow();
  });

  it('computes the seconds until midnight UTC, never under 60', () => {
    expect(secondsUntilMidnightUtc(new Date('2026-03-01T23:00:00Z'))).toBe(3600);
    expect(secondsUntilMidnightUtc(new Date('2026-03-01T00:00:00Z'))).toBe(86_400);
    expect(secondsUntilMidnightUtc(new Date('2026-03-01T23:59:30Z'))).toBe(60);
  });

  it('a TTL under 60 s is refused by KV itself', async () => {
    await expect(freshKv().put('k', 'v', { expirationTtl: 30 })).rejects.toThrow(/expiration_ttl|60/);
  });
});

describe("KV's limits, checked before KV sees a request", () => {
  it('explains each refused input in a sentence', async () => {
    const { checkKey, checkTtl, checkMetadata, checkListLimit, checkExpiration } = await import('../../src/lib/kv/limits');
    expect(checkKey('')).toMatch(/empty/);
    expect(checkKey('.')).toMatch(/"\." and "\.\."/);
    expect(checkKey('..')).toMatch(/"\." and "\.\."/);
    expect(checkKey('é'.repeat(257))).toMatch(/512 bytes/); // 514 bytes in UTF-8
    expect(checkKey('a'.repeat(480), 40)).toMatch(/leaving 472/);
    expect(checkKey('user:1')).toBeNull();
    expect(checkTtl(59)).toMatch(/at least 60/);
    expect(checkTtl(60)).toBeNull();
    expect(checkTtl(1.5)).toMatch(/whole number/);
    expect(checkMetadata({ x: 'y'.repeat(1020) })).toMatch(/1024/);
    expect(checkListLimit(0)).toMatch(/1 to 1000/);
    expect(checkListLimit(1000)).toBeNull();
    expect(checkExpiration(Date.now())).toMatch(/milliseconds/);
  });

  it('agrees with the real local KV about the boundaries', async () => {
    const kv = freshKv();
    await expect(kv.put('k', 'v', { expirationTtl: 59 })).rejects.toThrow();
    await expect(kv.put('k', 'v', { expirationTtl: 60 })).resolves.toBeUndefined();
    await expect(kv.put('k', 'v', { metadata: { x: 'y'.repeat(1020) } })).rejects.toThrow(/1024/);
    await expect(env.KV.put('a'.repeat(513), 'v')).rejects.toThrow(/512/);
  });
});
