/**
 * Key design: keys are built from parts joined by `:`, broadest first, so that
 * `list({ prefix })` can select a whole family (`user:123:` → everything of user 123).
 */

const SEPARATOR = ':';

/** `buildKey('user', 123, 'profile')` → `user:123:profile`. Empty parts are refused. */
export function buildKey(...parts: (string | number)[]): string {
  if (parts.length === 0) throw new Error('A key needs at least one part.');
  return parts
    .map((part) => {
      const text = String(part);
      if (text === '') throw new Error('Key parts cannot be empty: `a::b` is a bug waiting to happen.');
      return text;
    })
    .join(SEPARATOR);
}

/**
 * `versionedKey(3, 'posts', 'recent')` → `v3:posts:recent`. Bumping the version makes every
 * key of the old version unreachable at once; the old values expire on their own TTL.
 */
export function versionedKey(version: number, ...parts: (string | number)[]): string {
  if (!Number.isInteger(version) || version < 1) throw new Error('A version is a whole number from 1.');
  return buildKey(`v${version}`, ...parts);
}

/** `tenantKey('acme', 'config')` → `tenant:acme:config`: tenants can never collide. */
export function tenantKey(tenantId: string, ...parts: (string | number)[]): string {
  return buildKey('tenant', tenantId, ...parts);
}
