/**
 * Key design: keys are built from parts joined by `:`, broadest first, so that
 * `list({ prefix })` can select a whole family (`user:123:` → everything of user 123).
 */

const SEPARATOR = ':';

/** `buildKey('user', 123, 'profile')` → `user:123:profile`. Empty parts are refused. */
export function buildKey(...parts: (string | number)[]): string {
  return '';
}

/** `versionedKey(3, 'posts', 'recent')` → `v3:posts:recent`. */
export function versionedKey(version: number, ...parts: (string | number)[]): string {
  return '';
}

/** `tenantKey('acme', 'config')` → `tenant:acme:config`: tenants can never collide. */
export function tenantKey(tenantId: string, ...parts: (string | number)[]): string {
  return '';
}
