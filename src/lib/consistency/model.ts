/**
 * A MODEL of KV's eventual consistency — not KV. Local KV has a single location and is
 * strongly consistent, so the several locations of production are simulated here: each one
 * keeps what it last read for `cacheTtl` seconds (missing keys too: negative lookups are
 * cached) and only then asks the store again. The store behind the model is the real KV.
 *
 * Pure functions over plain data with an explicit clock (`now`, in ms on the model's own
 * clock), so the browser can run the model in real time or time-lapse and tests can run it
 * without waiting.
 */

/** KV's minimum `cacheTtl` (lowered from 60 to 30 seconds on 2026-01-30). */
export const MIN_CACHE_TTL_SECONDS = 30;
/** What a location keeps a read for when the reader sets no `cacheTtl`. */
export const DEFAULT_CACHE_TTL_SECONDS = 60;

export interface ModelLocation {
  id: string;
  label: string;
}

/** Four simulated locations. Names only: nothing here runs in those places. */
export const MODEL_LOCATIONS: readonly ModelLocation[] = [
  { id: 'fra', label: 'Frankfurt' },
  { id: 'gru', label: 'São Paulo' },
  { id: 'nrt', label: 'Tokyo' },
  { id: 'syd', label: 'Sydney' },
];

/** What a location remembers of its last read. `value: null` is a cached "not found". */
export interface CachedRead {
  value: string | null;
  storedAt: number;
  expiresAt: number;
}

export type ModelEvent =
  | { at: number; location: string; kind: 'read'; source: 'location-cache' | 'store'; value: string | null }
  | { at: number; location: string; kind: 'write'; value: string };

export interface ModelState {
  cacheTtlMs: number;
  locations: readonly ModelLocation[];
  caches: Readonly<Record<string, CachedRead>>;
  events: readonly ModelEvent[];
}

/** A new model with empty location caches. Refuses a `cacheTtl` below KV's 30 s minimum. */
export function createModel(cacheTtlSeconds: number, locations: readonly ModelLocation[] = MODEL_LOCATIONS): ModelState {
  if (!Number.isInteger(cacheTtlSeconds) || cacheTtlSeconds < MIN_CACHE_TTL_SECONDS) {
    throw new RangeError(`cacheTtl is a whole number of seconds, at least ${MIN_CACHE_TTL_SECONDS}.`);
  }
  if (locations.length === 0) throw new RangeError('The model needs at least one location.');
  return { cacheTtlMs: cacheTtlSeconds * 1000, locations, caches: {}, events: [] };
}

/** The location's cached read if it is still fresh at `now`, else `null` (it must ask the store). */
export function cachedAt(state: ModelState, location: string, now: number): CachedRead | null {
  const entry = state.caches[location];
  return entry && now < entry.expiresAt ? entry : null;
}

/** Remember a read from the store at `location`, including a `null` for a missing key. */
export function storeRead(state: ModelState, location: string, value: string | null, now: number): ModelState {
  return withEntry(state, location, value, now, { at: now, location, kind: 'read', source: 'store', value });
}

/**
 * A write at `location`. The store (the real KV) is written by the caller; here the writing
 * location keeps its own value, which is why a writer usually sees its write at once.
 * Every other location keeps what it had cached until that expires.
 */
export function localWrite(state: ModelState, location: string, value: string, now: number): ModelState {
  return withEntry(state, location, value, now, { at: now, location, kind: 'write', value });
}

/**
 * Read at `location`: from its cache while fresh, otherwise from the store through
 * `readStore` (the real KV), caching the answer for `cacheTtl`.
 */
export async function readAt(
  state: ModelState,
  location: string,
  now: number,
  readStore: () => Promise<string | null>,
): Promise<{ state: ModelState; value: string | null; source: 'location-cache' | 'store' }> {
  const hit = cachedAt(state, location, now);
  if (hit) {
    const event: ModelEvent = { at: now, location, kind: 'read', source: 'location-cache', value: hit.value };
    return { state: { ...state, events: [...state.events, event] }, value: hit.value, source: 'location-cache' };
  }
  const value = await readStore();
  return { state: storeRead(state, location, value, now), value, source: 'store' };
}

export interface LocationView {
  location: ModelLocation;
  /** What a reader here would get now without asking the store, or undefined if it must ask. */
  serving: { value: string | null; until: number } | undefined;
  /** True when the location serves `latest` (or would fetch it, having nothing cached). */
  converged: boolean;
}

/**
 * Where each location stands against the value the store holds now. A location with no
 * fresh cache entry counts as converged: its next read goes to the store.
 */
export function convergence(state: ModelState, latest: string | null, now: number): LocationView[] {
  return state.locations.map((location) => {
    const entry = cachedAt(state, location.id, now);
    return {
      location,
      serving: entry ? { value: entry.value, until: entry.expiresAt } : undefined,
      converged: !entry || entry.value === latest,
    };
  });
}

/** A stretch of time during which a location served one value from its cache. */
export interface Segment {
  location: string;
  from: number;
  to: number;
  value: string | null;
}

/**
 * The timeline: for each location, the stretches during which it served a value from its
 * cache (from the read or write that filled it until it expired or was replaced), up to `now`.
 */
export function timeline(state: ModelState, now: number): Segment[] {
  const segments: Segment[] = [];
  for (const { id } of state.locations) {
    let open: Segment | null = null;
    const fills = state.events.filter(
      (e) => e.location === id && (e.kind === 'write' || (e.kind === 'read' && e.source === 'store')),
    );
    for (const event of fills) {
      if (open) segments.push({ ...open, to: Math.min(open.to, event.at) });
      open = { location: id, from: event.at, to: event.at + state.cacheTtlMs, value: event.value };
    }
    if (open) segments.push({ ...open, to: Math.min(open.to, now) });
  }
  return segments.filter((s) => s.to > s.from);
}

/** Drop events older than `keepFrom`, so a long-running model stays small. */
export function trimEvents(state: ModelState, keepFrom: number): ModelState {
  return { ...state, events: state.events.filter((e) => e.at >= keepFrom) };
}

function withEntry(state: ModelState, location: string, value: string | null, now: number, event: ModelEvent): ModelState {
  if (!state.locations.some((l) => l.id === location)) throw new RangeError(`Unknown location ${location}.`);
  return {
    ...state,
    caches: { ...state.caches, [location]: { value, storedAt: now, expiresAt: now + state.cacheTtlMs } },
    events: [...state.events, event],
  };
}
