import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { cacheSearches, compareValueSize, signIn, viewProfile } from '../../src/lib/demos/anti-patterns';
import { learnerScope } from '../../src/lib/learner-scope';

const alice = learnerScope('alice_anti_0000000000000');
const bob = learnerScope('bob_anti_000000000000000');

describe('a global current-user key', () => {
  it('leaks the last signed-in user to everyone; a user-scoped key does not', async () => {
    await signIn(env, alice, 'alice', false);
    await signIn(env, alice, 'bob', false);
    const leak = await viewProfile(env, alice, 'alice', false);
    expect(leak).toMatchObject({ key: 'current-user', cache: 'HIT', leaked: true, data: { id: 'bob' } });

    await signIn(env, alice, 'alice', true);
    await signIn(env, alice, 'bob', true);
    const own = await viewProfile(env, alice, 'alice', true);
    expect(own).toMatchObject({ key: 'user:alice:profile', leaked: false, data: { id: 'alice' } });
  });
});

describe('giant values', () => {
  it('every shape gives the same answer; the giant one stores megabytes to give it', async () => {
    const giant = await compareValueSize(env, alice, 'giant', 3);
    const small = await compareValueSize(env, alice, 'small', 3);
    const query = await compareValueSize(env, alice, 'query', 3);
    expect(giant.data).toEqual({ postId: 3, views: 5000 });
    expect(small.data).toEqual(giant.data);
    expect(query.data).toEqual(giant.data);

    expect(giant.bytes).toBeGreaterThan(5 * 1024 * 1024);
    expect(small.bytes).toBeLessThan(100);
    expect(query.bytes).toBe(0);
    expect(giant.origin.rowsRead).toBeGreaterThanOrEqual(150_000);
    expect(giant.timings).toEqual(expect.objectContaining({ d1: expect.any(Number), put: expect.any(Number), get: expect.any(Number) }));
    expect(query.timings).not.toHaveProperty('put');
  });
});

describe('forgetting expiration', () => {
  it('keys written without expiration pile up in list(); with it they carry one', async () => {
    const first = await cacheSearches(env, alice, 5, false);
    expect(first.data).toMatchObject({ written: 5, total: 5, neverExpire: 5 });
    const second = await cacheSearches(env, alice, 5, false);
    expect(second.data).toMatchObject({ total: 10, neverExpire: 10 });
    const third = await cacheSearches(env, alice, 3, true);
    expect(third.data).toMatchObject({ total: 13, neverExpire: 10 });
    expect(third.data.newest).toHaveLength(3);
    expect(third.data.newest.every((k) => k.expiration! > Date.now() / 1000)).toBe(true);
    expect((await cacheSearches(env, bob, 1, true)).data.total).toBe(1);
  });
});
