import type { CacheStatus } from '../observe';

/**
 * Hit rate and latency distribution from recorded demo events. Pure functions, so the same
 * numbers can be computed in the Worker, in tests, and from any list of measurements.
 */

/** One measured request, as stored in `demo_events`. */
export interface EventRow {
  demo: string;
  cache: CacheStatus;
  total_ms: number;
}

/**
 * The p-th percentile (0–100) by the nearest-rank method: always a value that was actually
 * measured, never an interpolation between two. `null` for no values.
 */
export function percentile(sortedAscending: readonly number[], p: number): number | null {
  if (sortedAscending.length === 0) return null;
  const rank = Math.ceil((p / 100) * sortedAscending.length);
  return sortedAscending[Math.min(sortedAscending.length, Math.max(1, rank)) - 1]!;
}

/**
 * Upper bounds (ms) of the histogram buckets. Roughly logarithmic: a HIT takes about a
 * millisecond and a MISS can take hundreds, and both must be visible on one chart.
 */
export const BUCKET_BOUNDS_MS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] as const;

/** Counts per bucket: bucket i holds values ≤ bounds[i] (and > bounds[i-1]); the last holds the rest. */
export function histogram(values: readonly number[], bounds: readonly number[] = BUCKET_BOUNDS_MS): number[] {
  const counts = new Array<number>(bounds.length + 1).fill(0);
  for (const value of values) {
    const index = bounds.findIndex((bound) => value <= bound);
    counts[index === -1 ? bounds.length : index]! += 1;
  }
  return counts;
}

export interface LatencySummary {
  count: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
}

export function summarizeLatency(values: readonly number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? null,
  };
}

export const CACHE_STATUSES: readonly CacheStatus[] = ['HIT', 'MISS', 'STALE', 'BYPASS', 'ERROR'];

export type StatusCounts = Record<CacheStatus, number>;

/**
 * Hit rate, the one definition the course uses (the monitoring lesson states it, the
 * monitoring demo and the workshop console compute it here): the share of lookups the cache
 * answered, `(HIT + STALE) / (HIT + STALE + MISS)`. A STALE answer came from the cache while
 * a refresh ran in the background, so it is a hit; BYPASS and ERROR never consulted the cache
 * and count neither way. Missing statuses count 0; `null` when there is nothing to divide.
 */
export function hitRate(counts: Partial<Record<CacheStatus, number>>): number | null {
  const served = (counts.HIT ?? 0) + (counts.STALE ?? 0);
  const consulted = served + (counts.MISS ?? 0);
  return consulted === 0 ? null : served / consulted;
}

/** Everything the monitoring dashboard shows, overall and per demo. */
export function summarize(rows: readonly EventRow[]) {
  const counts = (subset: readonly EventRow[]) => {
    const c = Object.fromEntries(CACHE_STATUSES.map((s) => [s, 0])) as StatusCounts;
    for (const row of subset) if (row.cache in c) c[row.cache] += 1;
    return c;
  };
  const byStatus = Object.fromEntries(
    CACHE_STATUSES.map((status) => {
      const values = rows.filter((r) => r.cache === status).map((r) => r.total_ms);
      return [status, { ...summarizeLatency(values), histogram: histogram(values) }];
    }),
  ) as Record<CacheStatus, LatencySummary & { histogram: number[] }>;

  const demos = [...new Set(rows.map((r) => r.demo))].sort();
  const byDemo = demos.map((demo) => {
    const subset = rows.filter((r) => r.demo === demo);
    const c = counts(subset);
    return { demo, counts: c, hitRate: hitRate(c), latency: summarizeLatency(subset.map((r) => r.total_ms)) };
  });

  const all = counts(rows);
  return {
    requests: rows.length,
    counts: all,
    hitRate: hitRate(all),
    latency: summarizeLatency(rows.map((r) => r.total_ms)),
    byStatus,
    bucketBoundsMs: [...BUCKET_BOUNDS_MS],
    byDemo,
  };
}

export type MonitoringSummary = ReturnType<typeof summarize>;
