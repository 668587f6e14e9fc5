import { cachedAt, createModel, DEFAULT_CACHE_TTL_SECONDS, localWrite, MODEL_LOCATIONS, storeRead } from '../consistency/model';
import type { KvApi } from '../kv/scoped-kv';

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
export async function writeRound(kv: KvApi, code: string, round: number, writtenAt: number): Promise<void> {
  await kv.put(propagationKey(code), JSON.stringify({ round, writtenAt } satisfies PropagationValue));
}

/**
 * Read the key as this location sees it. KV's default read caching applies (a location that
 * read the old value may serve it for up to 60 s): exactly what the lab measures.
 */
export async function readRound(kv: KvApi, code: string): Promise<PropagationValue | null> {
  return kv.get<PropagationValue>(propagationKey(code), 'json');
}

// ── The labelled model, for local development ───────────────────────────────────────────
//
// MODEL, NOT MEASUREMENT. The consistency demo's model of KV's locations (src/lib/consistency/
// model.ts) answers the question; only the placing is decided here. Each participant is placed
// at one of the model's locations (by a hash of their id), and the write happens at the first.
// Some locations had read the key shortly before the write: they keep serving that copy until
// its cacheTtl (60 s by default) runs out, so anywhere in 0–60 s. The others have nothing
// cached and read through to the central store on their next request, a few hundred ms away.

/** Model locations as colo-style codes: FRA, GRU, NRT, SYD. */
const locationCode = (id: string) => id.toUpperCase();
export const MODEL_WRITER = locationCode(MODEL_LOCATIONS[0]!.id);
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
  return locationCode(MODEL_LOCATIONS[Math.floor(unit(`loc:${participantId}`) * MODEL_LOCATIONS.length)]!.id);
}

/** How long after the write `colo` starts serving round `round`'s value, in the model. */
export function modelDelayMs(round: number, colo: string): number {
  const location = MODEL_LOCATIONS.find((l) => locationCode(l.id) === colo);
  if (!location) throw new RangeError(`${colo} is not a model location.`);
  // The model's clock: the write happens at 0; a warm location read the old value `age` before.
  const ttlMs = DEFAULT_CACHE_TTL_SECONDS * 1000;
  let state = createModel(DEFAULT_CACHE_TTL_SECONDS);
  if (unit(`warm:${round}:${colo}`) < WARM_SHARE) {
    state = storeRead(state, location.id, 'previous round', -Math.round(unit(`age:${round}:${colo}`) * ttlMs));
  }
  state = localWrite(state, MODEL_LOCATIONS[0]!.id, `round ${round}`, 0);
  const cached = cachedAt(state, location.id, 0);
  if (cached?.value === `round ${round}`) return 0; // the writer's own location
  if (cached) return cached.expiresAt; // the old copy, until its cacheTtl runs out
  return Math.round(150 + unit(`cold:${round}:${colo}`) * 450); // a read-through to the central store
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
