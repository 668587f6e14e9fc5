/**
 * Key design: keys are built from parts joined by `:`, broadest first, so that
 * `list({ prefix })` can select a whole family (`user:123:` → everything of user 123).
 *
 * Every part is escaped with `encodeURIComponent`, which turns `:` into `%3A` (and `%` into
 * `%25`, so the escape itself cannot be forged). A part therefore never contains the
 * separator: the tenant `acme:admin` gets `tenant:acme%3Aadmin:…`, not `tenant:acme:admin:…`,
 * and distinct parts always give distinct keys.
 */

const SEPARATOR = ':';

// #region parts
/** One key part as it appears in the key: not empty, separator escaped. */
export function keyPart(part: string | number): string {
  const text = String(part);
  if (text === '') throw new Error('Key parts cannot be empty: `a::b` is a bug waiting to happen.');
  try {
    return encodeURIComponent(text);
  } catch {
    // A lone UTF-16 surrogate has no UTF-8 form, so it cannot be part of a key at all.
    throw new Error(`Key part ${JSON.stringify(text)} is not valid Unicode text.`);
  }
}

/** `buildKey('user', 123, 'profile')` → `user:123:profile`. Empty parts are refused. */
export function buildKey(...parts: (string | number)[]): string {
  if (parts.length === 0) throw new Error('A key needs at least one part.');
  return parts.map(keyPart).join(SEPARATOR);
}
// #endregion parts

/**
 * Parts added below a key that is already built (its parts already escaped):
 * `childKey('tenant:acme:posts', 'version')` → `tenant:acme:posts:version`.
 */
export function childKey(parent: string, ...parts: (string | number)[]): string {
  return `${parent}${SEPARATOR}${buildKey(...parts)}`;
}

/**
 * `versionedKey(3, 'posts', 'recent')` → `v3:posts:recent`. Bumping the version makes every
 * key of the old version unreachable at once; the old values expire on their own TTL.
 */
export function versionedKey(version: number, ...parts: (string | number)[]): string {
  if (!Number.isInteger(version) || version < 1) throw new Error('A version is a whole number from 1.');
  return buildKey(`v${version}`, ...parts);
}

// #region tenants
/**
 * `tenantKey('acme', 'config')` → `tenant:acme:config`. The tenant id is escaped like every
 * part, so `tenantKey('acme:admin', 'config')` is `tenant:acme%3Aadmin:config`: no tenant id
 * can produce another tenant's key or fall under another tenant's prefix.
 */
export function tenantKey(tenantId: string, ...parts: (string | number)[]): string {
  return buildKey('tenant', tenantId, ...parts);
}

/** The prefix that lists one tenant's keys and nobody else's: `tenant:acme:`. */
export const tenantPrefix = (tenantId: string) => `${buildKey('tenant', tenantId)}${SEPARATOR}`;
// #endregion tenants
