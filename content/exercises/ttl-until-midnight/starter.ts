/** KV refuses an expiration less than 60 seconds away. */
export const KV_MIN_TTL_SECONDS = 60;

/**
 * Seconds until the next midnight UTC: daily statistics are valid until the day ends, not for
 * 24 hours from whenever they were computed. Never less than KV's minimum.
 */
export function secondsUntilMidnightUtc(now = new Date()): number {
  return 24 * 60 * 60;
}
