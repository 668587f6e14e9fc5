import { checkTtl } from '../kv/limits';
import { scopeKv } from '../kv/scoped-kv';
import type { LearnerScope } from '../learner-scope';
import { Meter } from '../observe';
import { buildKey } from '../patterns/keys';
import { KV_MIN_TTL_SECONDS, secondsUntilMidnightUtc, TTL_PRESETS } from '../patterns/ttl';
import type { DemoBindings } from './cache-aside';

/** The TTL choices the demo offers: the presets plus one computed at the moment of writing. */
export const TTL_CHOICES = [
  ...Object.entries(TTL_PRESETS).map(([label, seconds]) => ({
    id: label.split(' (')[0]!.replaceAll(' ', '-'),
    label,
    ttlSeconds: (): number => seconds,
  })),
  { id: 'daily-stats', label: 'daily stats (until midnight UTC)', ttlSeconds: () => secondsUntilMidnightUtc() },
];

export type TtlChoiceId = string;
export const ttlChoice = (id: string) => TTL_CHOICES.find((choice) => choice.id === id);

/** The longest TTL this demo writes. KV sets no upper bound; a year keeps the demo tidy. */
export const DEMO_MAX_TTL_SECONDS = 365 * 24 * 3600;

/** All TTL demo keys live under `ttl:` so the listing shows only them. */
const PREFIX = 'ttl:';
export const ttlKey = (name: string) => buildKey('ttl', name);

export interface TtlMetadata {
  cached_at: number;
  ttl: number;
}

export type CacheWithTtlResult =
  | { ok: true; key: string; ttlSeconds: number; expiration: number | null; now: number; timings: Record<string, number> }
  | { ok: false; key: string; ttlSeconds: number; kvMessage: string };

/** The JSON of POST /api/demos/ttl/keys: the successful result without `ok` (KV's refusal is a 400). */
export type TtlWriteAnswer = Omit<Extract<CacheWithTtlResult, { ok: true }>, 'ok'>;

/**
 * What POST /api/demos/ttl/keys asks for: `{"preset":"session"}` or `{"ttl":90}`, as a key
 * name and seconds, or the sentence saying what is wrong. A whole-number TTL from 1 to 59 is
 * accepted here: it goes to KV, so its refusal comes back in KV's own words.
 */
export function ttlRequest(body: { preset?: unknown; ttl?: unknown }): { ok: true; value: { name: string; ttlSeconds: number } } | { ok: false; message: string } {
  const { preset, ttl } = body;
  if (preset !== undefined) {
    const choice = typeof preset === 'string' ? ttlChoice(preset) : undefined;
    if (!choice) return { ok: false, message: `"preset" must be one of: ${TTL_CHOICES.map((c) => c.id).join(', ')}.` };
    return { ok: true, value: { name: choice.id, ttlSeconds: choice.ttlSeconds() } };
  }
  if (ttl === undefined) return { ok: false, message: 'Send {"preset": "session"} or {"ttl": 90} (seconds).' };
  if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 1) {
    return { ok: false, message: checkTtl(ttl) ?? '"ttl" is a whole number of seconds.' };
  }
  if (ttl > DEMO_MAX_TTL_SECONDS) {
    return { ok: false, message: `This demo accepts TTLs up to a year (${DEMO_MAX_TTL_SECONDS} s); KV itself sets no maximum.` };
  }
  return { ok: true, value: { name: 'custom', ttlSeconds: ttl } };
}

/** KV's refusal of a TTL under 60 s, and what to do instead. */
export const ttlRefusal = (result: Extract<CacheWithTtlResult, { ok: false }>) =>
  `KV refused expirationTtl ${result.ttlSeconds}: “${result.kvMessage}” ` +
  'An expiration must be at least 60 seconds away. For shorter freshness, cache for 60 s and ' +
  'check a cached_at time in metadata, or keep the value in memory.';

/**
 * Cache a value for `ttlSeconds`, then read back the expiration the way `list()` reports it:
 * an absolute time in seconds since the epoch, even though it was written as a relative TTL.
 *
 * A TTL under 60 s is sent to KV anyway, so the learner sees KV's own refusal rather than a
 * rule this app made up.
 */
export async function cacheWithTtl(
  env: DemoBindings,
  learner: LearnerScope,
  name: string,
  ttlSeconds: number,
): Promise<CacheWithTtlResult> {
  const meter = new Meter();
  const kv = meter.kv(scopeKv(env.KV, learner.kvPrefix));
  const key = ttlKey(name);
  try {
    await kv.put(key, JSON.stringify({ name, cachedAt: new Date().toISOString() }), {
      expirationTtl: ttlSeconds,
      metadata: { cached_at: Date.now(), ttl: ttlSeconds } satisfies TtlMetadata,
    });
  } catch (error) {
    if (ttlSeconds < KV_MIN_TTL_SECONDS) {
      return { ok: false, key, ttlSeconds, kvMessage: error instanceof Error ? error.message : String(error) };
    }
    throw error;
  }
  const page = await kv.list<TtlMetadata>({ prefix: key, limit: 10 });
  const entry = page.keys.find((k) => k.name === key);
  return { ok: true, key, ttlSeconds, expiration: entry?.expiration ?? null, now: Date.now(), timings: meter.timings() };
}

/** Every TTL demo key still alive, with its absolute expiration from `list()`. */
export async function listTtlKeys(env: DemoBindings, learner: LearnerScope) {
  const meter = new Meter();
  const kv = meter.kv(scopeKv(env.KV, learner.kvPrefix));
  const page = await kv.list<TtlMetadata>({ prefix: PREFIX, limit: 100 });
  const keys = page.keys.map(({ name, expiration, metadata }) => ({
    name,
    expiration: expiration ?? null,
    ttl: metadata?.ttl ?? null,
    cachedAt: metadata?.cached_at ?? null,
  }));
  return { data: { keys }, now: Date.now(), timings: meter.timings() };
}

/** The JSON of GET /api/demos/ttl/keys. */
export type TtlKeysAnswer = Awaited<ReturnType<typeof listTtlKeys>>;

/** Read one TTL demo key: a HIT while it lives, a MISS once KV has expired it. */
export async function readTtlKey(env: DemoBindings, learner: LearnerScope, name: string) {
  const meter = new Meter();
  const kv = meter.kv(scopeKv(env.KV, learner.kvPrefix));
  const key = ttlKey(name);
  const { value, metadata } = await kv.getWithMetadata<{ name: string; cachedAt: string }, TtlMetadata>(key, 'json');
  return {
    cache: value === null ? ('MISS' as const) : ('HIT' as const),
    key,
    data: value,
    ageSeconds: metadata ? Math.round((Date.now() - metadata.cached_at) / 1000) : null,
    now: Date.now(),
    timings: meter.timings(),
  };
}

/** The JSON of GET /api/demos/ttl/keys/:name. */
export type TtlReadAnswer = Awaited<ReturnType<typeof readTtlKey>>;
