import type { Found } from '../http/respond';
import { scopeKv, type KvApi } from '../kv/scoped-kv';
import type { LearnerScope } from '../learner-scope';
import { Meter } from '../observe';
import { loadPost, newOriginCost } from '../origin/posts';
import { cacheAside } from '../patterns/cache-aside';
import { bumpFamilyVersion, familyKey, familyVersion } from '../patterns/key-versions';
import { tenantKey } from '../patterns/keys';
import type { DemoBindings } from './cache-aside';

/** Tenant ids become key parts: short, lowercase, no separator, so they cannot forge a prefix. */
export const TENANT_ID = /^[a-z0-9-]{1,32}$/;

/** One page of a listing is plenty for a demo; the answer says when KV has more. */
const LIST_PAGE = 200;

/** The family of a tenant's cached posts: `tenant:acme:posts`. */
export const postsFamily = (tenant: string) => tenantKey(tenant, 'posts');

/**
 * Read a post through cache-aside under a hierarchical, namespaced, versioned key:
 * `tenant:<tenant>:posts:v<version>:post:<id>`. The version is read first, so after a bump
 * every read of the family misses once and is cached under the new version.
 */
export async function readTenantPost(env: DemoBindings, learner: LearnerScope, tenant: string, id: number) {
  const meter = new Meter();
  const kv = meter.kv(scopeKv(env.KV, learner.kvPrefix));
  const origin = newOriginCost();
  const family = postsFamily(tenant);
  const version = await familyVersion(kv, family);
  const key = familyKey(family, version, 'post', id);

  const { value, cache } = await cacheAside(
    kv,
    key,
    () => meter.time('d1', () => loadPost(env.DB, learner.id, id, origin, env.scan)),
    600,
  );
  const data = value && { id: value.id, title: value.title, views: value.stats.views };
  return { cache, key, version, data, origin, timings: meter.timings() };
}

/** The JSON of GET /api/demos/key-design/tenants/:tenant/posts/:id (a missing post is a 404). */
export type TenantPostAnswer = Found<Awaited<ReturnType<typeof readTenantPost>>>;

/** Move a tenant's posts to the next version: one write invalidates every cached post of it. */
export async function bumpTenantPosts(env: DemoBindings, learner: LearnerScope, tenant: string) {
  const meter = new Meter();
  const kv = meter.kv(scopeKv(env.KV, learner.kvPrefix));
  const family = postsFamily(tenant);
  const { previous, version } = await bumpFamilyVersion(kv, family);
  return { data: { family, previous, version }, timings: meter.timings() };
}

/** The JSON of POST /api/demos/key-design/version. */
export type VersionBumpAnswer = Awaited<ReturnType<typeof bumpTenantPosts>>;

/** The learner's keys under `prefix` as `list()` reports them: names, absolute expirations, metadata. */
export async function listByPrefix(env: DemoBindings, learner: LearnerScope, prefix: string) {
  const meter = new Meter();
  const kv = meter.kv(scopeKv(env.KV, learner.kvPrefix));
  const page = await kv.list({ prefix, limit: LIST_PAGE });
  const keys = page.keys.map(({ name, expiration, metadata }) => ({ name, expiration: expiration ?? null, metadata: metadata ?? null }));
  // A page can be short (even empty) while more keys follow: trust list_complete, not the count.
  return { data: { prefix, keys, complete: page.list_complete }, timings: meter.timings() };
}

/** The JSON of GET /api/demos/key-design/keys. */
export type PrefixListAnswer = Awaited<ReturnType<typeof listByPrefix>>;

/** A tenant's configuration as the demo caches it. */
export interface TenantConfig {
  tenant: string;
  theme: string;
}

/**
 * The collision: without a namespace every tenant writes the same key, `config`, and the
 * last writer wins for everybody. With `tenantKey` each tenant has `tenant:<id>:config`.
 */
export const configKey = (tenant: string, namespaced: boolean) => (namespaced ? tenantKey(tenant, 'config') : 'config');

export async function saveTenantConfig(
  env: DemoBindings,
  learner: LearnerScope,
  tenant: string,
  theme: string,
  namespaced: boolean,
) {
  const meter = new Meter();
  const kv = meter.kv(scopeKv(env.KV, learner.kvPrefix));
  const key = configKey(tenant, namespaced);
  const config: TenantConfig = { tenant, theme };
  await kv.put(key, JSON.stringify(config), { expirationTtl: 3600 });
  return { key, data: config, timings: meter.timings() };
}

/** Read a tenant's configuration back. `leaked` is true when it belongs to another tenant. */
export async function readTenantConfig(env: DemoBindings, learner: LearnerScope, tenant: string, namespaced: boolean) {
  const meter = new Meter();
  const kv: KvApi = meter.kv(scopeKv(env.KV, learner.kvPrefix));
  const key = configKey(tenant, namespaced);
  const config = await kv.get<TenantConfig>(key, 'json');
  return {
    cache: config === null ? ('MISS' as const) : ('HIT' as const),
    key,
    data: config,
    leaked: config !== null && config.tenant !== tenant,
    timings: meter.timings(),
  };
}

/** The JSON of GET /api/demos/key-design/config. */
export type TenantConfigAnswer = Awaited<ReturnType<typeof readTenantConfig>>;
