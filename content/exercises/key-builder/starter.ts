/**
 * Key design: keys are built from parts joined by `:`, broadest first, so that
 * `list({ prefix })` can select a whole family (`user:123:` → everything of user 123).
 * A part must never contain the separator, or `acme:admin` could pose as two parts.
 */

const SEPARATOR = ':';
/** KV's limit on a key: 512 bytes of UTF-8 (KV › Platform › Limits). */
export const MAX_KEY_BYTES = 512;

/** `buildKey('user', 123, 'profile')` → `user:123:profile`. Empty parts and keys over 512 bytes are refused. */
export function buildKey(...parts: (string | number)[]): string {
  return '';
}

/** `versionedKey(3, 'posts', 'recent')` → `v3:posts:recent`. Versions start at 1. */
export function versionedKey(version: number, ...parts: (string | number)[]): string {
  return '';
}

/** `tenantKey('Acme', 'config')` → `tenant:acme:config`; `tenantKey('acme:admin', 'config')` must not be acme's. */
export function tenantKey(tenantId: string, ...parts: (string | number)[]): string {
  return '';
}
