/** KV refuses an expiration less than 60 seconds away. */
export const KV_MIN_TTL_SECONDS = 60;

/**
 * Seconds until the next midnight where the tenant is, for a zone `utcOffsetMinutes` ahead of
 * UTC (330 for India, -300 for New York in winter): a tenant's daily statistics are final at
 * the end of its own day. Whole seconds, rounded up, never less than KV's minimum.
 */
export function secondsUntilLocalMidnight(utcOffsetMinutes: number, now = new Date()): number {
  const offsetMs = utcOffsetMinutes * 60_000;
  // The tenant's wall clock, read with the UTC getters: shifted, not converted.
  const local = new Date(now.getTime() + offsetMs);
  const nextLocalMidnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + 1) - offsetMs;
  return Math.max(KV_MIN_TTL_SECONDS, Math.ceil((nextLocalMidnight - now.getTime()) / 1000));
}
