/** KV refuses an expiration less than 60 seconds away (KV › Write key-value pairs). */
export const KV_MIN_TTL_SECONDS = 60;

/** TTLs by how often the data changes and how stale it may be. */
export const TTL_PRESETS = {
  'site config (24 h)': 86_400,
  'static page (1 h)': 3_600,
  'session (30 min)': 1_800,
  'recent posts (5 min)': 300,
} as const;

// #region seconds-until-midnight
/**
 * Seconds until the next midnight UTC: daily statistics are valid until the day ends, not for
 * 24 hours from whenever they were computed. Never less than KV's minimum, so a value
 * computed at 23:59:30 lives 60 s into the new day rather than being rejected.
 */
export function secondsUntilMidnightUtc(now = new Date()): number {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return Math.max(KV_MIN_TTL_SECONDS, Math.ceil((midnight - now.getTime()) / 1000));
}
// #endregion seconds-until-midnight
