/**
 * Key design: keys are built from parts joined by `:`, broadest first, so that
 * `list({ prefix })` can select a whole family (`user:123:` → everything of user 123).
 * Every part is escaped, so a part never contains the separator; tenant ids are compared
 * without case; and no key may pass KV's limit of 512 bytes.
 */

const SEPARATOR = ':';
/** KV's limit on a key: 512 bytes of UTF-8 (KV › Platform › Limits). */
export const MAX_KEY_BYTES = 512;

/** One part as it appears in the key: not empty, `:` (and `%`) escaped. */
function part(value: string | number): string {
  const text = String(value);
  if (text === '') throw new Error('Key parts cannot be empty: `a::b` is a bug waiting to happen.');
  return encodeURIComponent(text);
}

/** `buildKey('user', 123, 'profile')` → `user:123:profile`. Empty parts and keys over 512 bytes are refused. */
export function buildKey(...parts: (string | number)[]): string {
  const key = parts.map(part).join(SEPARATOR);
  // An escaped key is plain ASCII, one byte per character; TextEncoder counts bytes either way.
  const bytes = new TextEncoder().encode(key).length;
  if (bytes > MAX_KEY_BYTES) throw new Error(`A key of ${bytes} bytes is over KV's limit of ${MAX_KEY_BYTES}: hash long parts.`);
  return key;
}

/** `versionedKey(3, 'posts', 'recent')` → `v3:posts:recent`. Versions start at 1. */
export function versionedKey(version: number, ...parts: (string | number)[]): string {
  if (!Number.isInteger(version) || version < 1) throw new Error('A version is a whole number from 1.');
  return buildKey(`v${version}`, ...parts);
}

/**
 * `tenantKey('Acme', 'config')` → `tenant:acme:config`. Tenant ids are names people type in
 * any case: one tenant, one spelling, or `Acme` and `acme` would keep two caches.
 */
export function tenantKey(tenantId: string, ...parts: (string | number)[]): string {
  return buildKey('tenant', tenantId.toLowerCase(), ...parts);
}
