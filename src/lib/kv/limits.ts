/**
 * KV's own limits (KV › Platform › Limits, KV › Write key-value pairs, as of 2026-11), checked
 * before KV sees a request so the learner gets a clear sentence instead of an opaque 4xx.
 * Each check returns `null` when the input is fine, or the message to show.
 */

export const KV_LIMITS = {
  keyBytes: 512,
  valueBytes: 25 * 1024 * 1024,
  metadataBytes: 1024,
  minTtlSeconds: 60,
  listLimitMax: 1000,
  bulkGetMaxKeys: 100,
} as const;

const utf8Length = (text: string) => new TextEncoder().encode(text).byteLength;

/** `prefixBytes`: bytes of the learner's private prefix, which count toward the 512. */
export function checkKey(key: unknown, prefixBytes = 0): string | null {
  if (typeof key !== 'string' || key === '') return 'A key cannot be empty.';
  if (key === '.' || key === '..') return 'KV does not allow the keys "." and "..".';
  const budget = KV_LIMITS.keyBytes - prefixBytes;
  const size = utf8Length(key);
  if (size > budget) {
    return prefixBytes
      ? `Keys are at most 512 bytes (UTF-8). Your private prefix uses ${prefixBytes}, leaving ${budget}; this key has ${size}.`
      : `Keys are at most 512 bytes (UTF-8); this key has ${size}.`;
  }
  return null;
}

export function checkTtl(ttl: unknown): string | null {
  if (typeof ttl !== 'number' || !Number.isInteger(ttl)) return 'expirationTtl is a whole number of seconds.';
  if (ttl < KV_LIMITS.minTtlSeconds) {
    return `expirationTtl must be at least 60 seconds; KV rejects ${ttl} with "400 Invalid expiration_ttl".`;
  }
  return null;
}

/** `expiration` is absolute: seconds since the epoch, at least 60 s in the future. */
export function checkExpiration(expiration: unknown, nowMs = Date.now()): string | null {
  if (typeof expiration !== 'number' || !Number.isInteger(expiration)) {
    return 'expiration is a whole number: seconds since the Unix epoch.';
  }
  const inSeconds = expiration - Math.floor(nowMs / 1000);
  if (inSeconds < KV_LIMITS.minTtlSeconds) {
    return `expiration must be at least 60 seconds in the future; this one is ${inSeconds} s away. (Milliseconds instead of seconds is a common slip.)`;
  }
  if (expiration > 1e10) return 'expiration looks like milliseconds; KV wants seconds since the epoch.';
  return null;
}

export function checkMetadata(metadata: unknown): string | null {
  if (metadata === undefined) return null;
  let serialised: string | undefined;
  try {
    serialised = JSON.stringify(metadata);
  } catch {
    return 'Metadata must be serialisable as JSON.';
  }
  if (serialised === undefined) return 'Metadata must be serialisable as JSON.';
  const size = utf8Length(serialised);
  if (size > KV_LIMITS.metadataBytes) return `Metadata is at most 1024 bytes as JSON; this is ${size}.`;
  return null;
}

export function checkListLimit(limit: unknown): string | null {
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > KV_LIMITS.listLimitMax) {
    return 'limit is a whole number from 1 to 1000 (KV caps a page at 1000 keys).';
  }
  return null;
}

export function checkValueSize(value: string, maxBytes: number = KV_LIMITS.valueBytes): string | null {
  const size = utf8Length(value);
  if (size > maxBytes) {
    return maxBytes === KV_LIMITS.valueBytes
      ? `Values are at most 25 MiB; this is ${size} bytes.`
      : `This playground accepts values up to ${maxBytes} bytes (KV itself allows 25 MiB); this is ${size}.`;
  }
  return null;
}

export { utf8Length };
