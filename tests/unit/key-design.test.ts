import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import {
  bumpTenantPosts,
  listByPrefix,
  readTenantConfig,
  readTenantPost,
  saveTenantConfig,
} from '../../src/lib/demos/key-design';
import { scopeKv } from '../../src/lib/kv/scoped-kv';
import { learnerScope } from '../../src/lib/learner-scope';
import { bumpFamilyVersion, familyKey, familyVersion } from '../../src/lib/patterns/key-versions';

const alice = learnerScope('alice_keys_0000000000000');

describe('versioned key families', () => {
  it('start at version 1 and count up with every bump', async () => {
    const kv = scopeKv(env.KV, 'versions-test:');
    expect(await familyVersion(kv, 'shop:products')).toBe(1);
    expect(await bumpFamilyVersion(kv, 'shop:products')).toEqual({ previous: 1, version: 2 });
    expect(await bumpFamilyVersion(kv, 'shop:products')).toEqual({ previous: 2, version: 3 });
    expect(familyKey('shop:products', 3, 'item', 9)).toBe('shop:products:v3:item:9');
    // The version key is stored without expiration: it must outlive the family's keys.
    const { keys } = await kv.list({ prefix: 'shop:products:version' });
    expect(keys[0]?.expiration).toBeUndefined();
  });
});

describe('key-design demo against real KV and D1', () => {
  it('caches a tenant post under tenant:<t>:posts:v1:post:<id>: MISS, then HIT', async () => {
    const first = await readTenantPost(env, alice, 'acme', 3);
    expect(first).toMatchObject({ cache: 'MISS', key: 'tenant:acme:posts:v1:post:3', version: 1 });
    expect(first.data).toMatchObject({ id: 3, title: 'The real cost of a cold cache' });
    expect(first.timings).toHaveProperty('d1');
    const second = await readTenantPost(env, alice, 'acme', 3);
    expect(second.cache).toBe('HIT');
    expect(second.timings).not.toHaveProperty('d1');
  });

  it('a version bump invalidates the whole family, and only that tenant’s', async () => {
    await readTenantPost(env, alice, 'acme', 1);
    await readTenantPost(env, alice, 'acme', 2);
    await readTenantPost(env, alice, 'globex', 1);
    const bump = await bumpTenantPosts(env, alice, 'acme');
    expect(bump.data).toEqual({ family: 'tenant:acme:posts', previous: 1, version: 2 });

    expect(await readTenantPost(env, alice, 'acme', 1)).toMatchObject({ cache: 'MISS', key: 'tenant:acme:posts:v2:post:1' });
    expect(await readTenantPost(env, alice, 'acme', 2)).toMatchObject({ cache: 'MISS', version: 2 });
    expect((await readTenantPost(env, alice, 'globex', 1)).cache).toBe('HIT');
  });

  it('lists a family by prefix with absolute expirations, old versions still present until their TTL', async () => {
    const listing = await listByPrefix(env, alice, 'tenant:acme:posts:');
    const names = listing.data.keys.map((k) => k.name);
    expect(names).toContain('tenant:acme:posts:v1:post:1');
    expect(names).toContain('tenant:acme:posts:v2:post:1');
    expect(names).toContain('tenant:acme:posts:version');
    expect(names.every((n) => n.startsWith('tenant:acme:posts:'))).toBe(true);
    const cached = listing.data.keys.find((k) => k.name === 'tenant:acme:posts:v2:post:1');
    expect(cached?.expiration).toBeGreaterThan(Date.now() / 1000 + 500);
    expect(listing.data.complete).toBe(true);
  });

  it('two tenants collide on an un-namespaced key and stay apart on namespaced ones', async () => {
    await saveTenantConfig(env, alice, 'acme', 'orange', false);
    await saveTenantConfig(env, alice, 'globex', 'blue', false);
    const leaked = await readTenantConfig(env, alice, 'acme', false);
    expect(leaked).toMatchObject({ key: 'config', cache: 'HIT', leaked: true, data: { tenant: 'globex', theme: 'blue' } });

    await saveTenantConfig(env, alice, 'acme', 'orange', true);
    await saveTenantConfig(env, alice, 'globex', 'blue', true);
    const own = await readTenantConfig(env, alice, 'acme', true);
    expect(own).toMatchObject({ key: 'tenant:acme:config', leaked: false, data: { tenant: 'acme', theme: 'orange' } });
  });

});
