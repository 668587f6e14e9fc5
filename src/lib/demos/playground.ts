import { KV_LIMITS, checkExpiration, checkKey, checkListLimit, checkMetadata, checkTtl, checkValueSize, utf8Length } from '../kv/limits';
import { openCursor, sealCursor } from '../kv/sealed-cursor';
import { scopeKv } from '../kv/scoped-kv';
import type { LearnerScope } from '../learner-scope';
import { Meter } from '../observe';

/**
 * The operations playground: the KV API itself, one call per request, on the learner's keys.
 * Input is checked against KV's limits first, so a mistake reads as a sentence, not a 400 code.
 * Each function returns `{ error }` (a message for a 400) or the result.
 */

/** Values are capped below KV's 25 MiB here: the playground is for learning, not bulk storage. */
export const PLAYGROUND_VALUE_BYTES = 256 * 1024;

type Failure = { error: string };
const prefixBytes = (learner: LearnerScope) => utf8Length(learner.kvPrefix);
const kvFor = (kv: KVNamespace, learner: LearnerScope, meter: Meter) => meter.kv(scopeKv(kv, learner.kvPrefix));

export async function playgroundGet(
  kv: KVNamespace,
  learner: LearnerScope,
  key: string,
  { type = 'text', withMetadata = false }: { type?: 'text' | 'json'; withMetadata?: boolean },
): Promise<Failure | Record<string, unknown>> {
  const problem = checkKey(key, prefixBytes(learner));
  if (problem) return { error: problem };
  const meter = new Meter();
  const scoped = kvFor(kv, learner, meter);
  try {
    if (withMetadata) {
      const { value, metadata } = await scoped.getWithMetadata(key, type as 'text');
      return { operation: 'getWithMetadata', key, type, value, metadata, found: value !== null, timings: meter.timings() };
    }
    const value = await scoped.get(key, type as 'text');
    return { operation: 'get', key, type, value, found: value !== null, timings: meter.timings() };
  } catch (error) {
    if (type === 'json' && error instanceof SyntaxError) {
      return { error: `The value of "${key}" is not valid JSON, so get(key, "json") throws. Read it as text.` };
    }
    throw error;
  }
}

export interface PutInput {
  value?: unknown;
  expirationTtl?: unknown;
  expiration?: unknown;
  metadata?: unknown;
}

export async function playgroundPut(kv: KVNamespace, learner: LearnerScope, key: string, input: PutInput) {
  const problem =
    checkKey(key, prefixBytes(learner)) ??
    (typeof input.value !== 'string' ? '"value" must be a string (send JSON as text; read it back with type json).' : null) ??
    checkValueSize(input.value as string, PLAYGROUND_VALUE_BYTES) ??
    (input.expirationTtl !== undefined && input.expiration !== undefined
      ? 'Give expirationTtl (seconds from now) or expiration (an absolute time), not both.'
      : null) ??
    (input.expirationTtl !== undefined ? checkTtl(input.expirationTtl) : null) ??
    (input.expiration !== undefined ? checkExpiration(input.expiration) : null) ??
    checkMetadata(input.metadata);
  if (problem) return { error: problem };

  const options: KVNamespacePutOptions = {};
  if (input.expirationTtl !== undefined) options.expirationTtl = input.expirationTtl as number;
  if (input.expiration !== undefined) options.expiration = input.expiration as number;
  if (input.metadata !== undefined) options.metadata = input.metadata;

  const meter = new Meter();
  await kvFor(kv, learner, meter).put(key, input.value as string, options);
  return { operation: 'put', key, options, bytes: utf8Length(input.value as string), timings: meter.timings() };
}

export async function playgroundDelete(kv: KVNamespace, learner: LearnerScope, key: string) {
  const problem = checkKey(key, prefixBytes(learner));
  if (problem) return { error: problem };
  const meter = new Meter();
  // KV answers success whether or not the key existed.
  await kvFor(kv, learner, meter).delete(key);
  return { operation: 'delete', key, timings: meter.timings() };
}

export async function playgroundList(
  kv: KVNamespace,
  learner: LearnerScope,
  { prefix = '', limit = 1000, cursor }: { prefix?: string; limit?: number; cursor?: string },
) {
  const problem =
    (prefix && utf8Length(prefix) > KV_LIMITS.keyBytes - prefixBytes(learner) ? 'That prefix is longer than any key can be.' : null) ??
    checkListLimit(limit);
  if (problem) return { error: problem };
  // The cursor the browser holds is sealed for this learner and prefix (../kv/sealed-cursor.ts).
  const kvCursor = cursor === undefined ? undefined : cursor.length <= 4096 ? await openCursor(learner.id, prefix, cursor) : null;
  if (kvCursor === null) return { error: 'That cursor is not one this playground gave you. Use the one from the previous page, with the same prefix.' };
  const meter = new Meter();
  try {
    const page = await kvFor(kv, learner, meter).list({ prefix, limit, cursor: kvCursor });
    return {
      operation: 'list',
      prefix,
      limit,
      keys: page.keys,
      list_complete: page.list_complete,
      cursor: page.list_complete ? null : await sealCursor(learner.id, prefix, page.cursor),
      timings: meter.timings(),
    };
  } catch (error) {
    // The only input KV can still reject here is a cursor it did not issue.
    if (cursor !== undefined) return { error: 'KV did not accept that cursor. Use the one from the previous page, with the same prefix.' };
    throw error;
  }
}

/** The JSON of GET /api/kv?prefix=…: one page (a `Failure` is answered as a 400). */
export type ListPageAnswer = Exclude<Awaited<ReturnType<typeof playgroundList>>, Failure>;

export async function playgroundBulkGet(kv: KVNamespace, learner: LearnerScope, keys: string[]) {
  if (keys.length === 0 || keys.length > KV_LIMITS.bulkGetMaxKeys) {
    return { error: 'A bulk get takes from 1 to 100 keys.' };
  }
  for (const key of keys) {
    const problem = checkKey(key, prefixBytes(learner));
    if (problem) return { error: `${problem} (key "${key.slice(0, 40)}")` };
  }
  const meter = new Meter();
  const values = await kvFor(kv, learner, meter).get(keys);
  return { operation: 'get (bulk)', values: Object.fromEntries(values), timings: meter.timings() };
}
