import type { KVStore } from '../kv/scoped-kv';

/**
 * The propagation lab. The instructor writes one key; every participant's browser polls it
 * through the Cloudflare location nearest to them and reports when the new value shows up
 * there. Deployed, that measures KV's real eventual consistency per location
 * (`request.cf.colo`). Locally there is one location and KV is immediately consistent, so
 * the lab switches to a labelled model of several locations instead (below).
 */

export const propagationKey = (code: string) => `workshop:${code}:propagation`;

export interface PropagationValue {
  round: number;
  writtenAt: number;
}

/** Write a new round's value. KV allows one write per second per key; callers map a 429. */
export async function writeRound(kv: KVStore, code: string, round: number, writtenAt: number): Promise<void> {
  await kv.put(propagationKey(code), JSON.stringify({ round, writtenAt } satisfies PropagationValue));
}

/**
 * Read the key as this location sees it. KV's default read caching applies (a location that
 * read the old value may serve it for up to 60 s): exactly what the lab measures.
 */
export async function readRound(kv: KVStore, code: string): Promise<PropagationValue | null> {
  return kv.get<PropagationValue>(propagationKey(code), 'json');
}

// ── The labelled model, for local development ───────────────────────────────────────────
//
// MODEL, NOT MEASUREMENT. Each participant is placed at one of these locations (by a hash of
// their id). The writer's location sees the write at once. Elsewhere, per Cloudflare's "How
// KV works": a location that had read the key recently keeps serving its cached copy until
// that copy's cacheTtl (default 60 s) runs out, so the delay is anywhere in 0–60 s; a
// location with no cached copy reads through to the central store on its next request,
// a few hundred milliseconds away.

export const MODEL_LOCATIONS = ['LHR', 'FRA', 'IAD', 'SJC', 'GRU', 'NRT', 'SIN', 'SYD'] as const;
export const MODEL_WRITER = 'LHR';
const CACHE_TTL_MS = 60_000;
/** Share of locations that had the key cached when it was written. */
const WARM_SHARE = 0.6;

/** A stable pseudo-random number in [0, 1) for a string. */
function unit(seed: string): number {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  h = Math.imul(h ^ (h >>> 15), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  return ((h ^ (h >>> 16)) >>> 0) / 2 ** 32;
}

/** The model location a participant is placed at, the same for every round. */
export function modelLocation(participantId: string): string {
  return MODEL_LOCATIONS[Math.floor(unit(`loc:${participantId}`) * MODEL_LOCATIONS.length)];
}

/** How long after the write `colo` starts serving round `round`'s value, in the model. */
export function modelDelayMs(round: number, colo: string): number {
  if (colo === MODEL_WRITER) return 0;
  const warm = unit(`warm:${round}:${colo}`) < WARM_SHARE;
  return warm
    ? Math.round(unit(`age:${round}:${colo}`) * CACHE_TTL_MS) // until the cached copy expires
    : Math.round(150 + unit(`cold:${round}:${colo}`) * 450); // a read-through to the central store
}

/** True when the request did not come through Cloudflare's network (one local location). */
export function isLocalHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]' || hostname.endsWith('.localhost');
}

// ── Rounds in D1 ────────────────────────────────────────────────────────────────────────

/** Advance the workshop to `round`, written at `writtenAt` (after the KV write succeeded). */
export async function saveRound(db: D1Database, code: string, round: number, writtenAt: number): Promise<void> {
  await db
    .prepare(`UPDATE workshops SET propagation_round = ?2, propagation_written_at = ?3 WHERE code = ?1`)
    .bind(code, round, writtenAt)
    .run();
}

/** The first time a participant saw the round's value; later sightings change nothing. */
export async function recordSighting(
  db: D1Database,
  sighting: { code: string; round: number; participantId: string; colo: string; simulated: boolean; visibleMs: number },
): Promise<boolean> {
  const result = await db
    .prepare(
      `INSERT INTO workshop_propagation (workshop_code, round, participant_id, colo, simulated, visible_ms)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING`,
    )
    .bind(sighting.code, sighting.round, sighting.participantId, sighting.colo, sighting.simulated ? 1 : 0, sighting.visibleMs)
    .run();
  return (result.meta.changes ?? 0) > 0;
}
