import type { KvApi } from '../kv/scoped-kv';
import { childKey } from './keys';

/**
 * Versioned key families. Every key of a family carries the family's current version
 * (`tenant:acme:posts:v3:post:1`), and the version itself lives in KV beside the family
 * (`tenant:acme:posts:version`). Bumping it makes every key of the old version
 * unreachable in one write; the old values are never read again and expire on their TTL.
 */

/** Where a family keeps its version: `<family>:version`. `family` is a key already built (`tenantKey(…)`). */
export const versionKey = (family: string) => childKey(family, 'version');

/** The family's current version: 1 until it is first bumped. */
export async function familyVersion(kv: KvApi, family: string): Promise<number> {
  const stored = Number(await kv.get(versionKey(family)));
  return Number.isInteger(stored) && stored >= 1 ? stored : 1;
}

/** `familyKey('tenant:acme:posts', 3, 'post', 1)` → `tenant:acme:posts:v3:post:1`. */
export function familyKey(family: string, version: number, ...parts: (string | number)[]): string {
  return childKey(family, `v${version}`, ...parts);
}

/**
 * Invalidate a whole family at once by moving it to the next version.
 *
 * Read-modify-write is not atomic in KV: two bumps at the same moment may both write the
 * same number. That is harmless here (the family is invalidated either way), but it is why
 * exact counters belong in D1 or a Durable Object. Other locations may keep reading the old
 * version for up to a minute while the write propagates.
 */
export async function bumpFamilyVersion(kv: KvApi, family: string): Promise<{ previous: number; version: number }> {
  const previous = await familyVersion(kv, family);
  const version = previous + 1;
  // No expiration on purpose: the version must outlive every key built from it, or the
  // family would fall back to v1 and serve values that were invalidated long ago.
  await kv.put(versionKey(family), String(version));
  return { previous, version };
}
