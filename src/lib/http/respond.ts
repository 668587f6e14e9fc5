import type { CacheStatus, Timings } from '../observe';

/**
 * The one place responses are shaped. Every demo answers with the same JSON fields and the
 * same headers, and every error is `{"error":{"code","message"}}` — never HTML, never a stack.
 */

const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  // Demo answers are per learner and per moment: no shared cache may keep them.
  'cache-control': 'no-store',
};

export function json(body: unknown, status = 200, headers: HeadersInit = {}): Response {
  const h = new Headers(JSON_HEADERS);
  for (const [name, value] of new Headers(headers)) h.set(name, value);
  return new Response(JSON.stringify(body), { status, headers: h });
}

export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'not_found'
  | 'conflict'
  | 'gone'
  | 'upgrade_required'
  | 'method_not_allowed'
  | 'forbidden'
  | 'misdirected_request'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'origin_unavailable'
  | 'sandbox_unavailable'
  | 'solution_locked'
  | 'internal';

/** The body of every error answer; the islands show `message` as it is. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

export function errorJson(
  status: number,
  code: ErrorCode,
  message: string,
  headers: HeadersInit = {},
): Response {
  return json({ error: { code, message } } satisfies ErrorBody, status, headers);
}

export interface DemoResult {
  /** What the cache did for this request; omitted by demos where it does not apply. */
  cache?: CacheStatus;
  data: unknown;
  timings: Timings;
  [extra: string]: unknown;
}

/** A demo's answer: the JSON body plus `X-Cache` and `Server-Timing` headers. */
export function demoJson(result: DemoResult, status = 200): Response {
  const headers = new Headers({ 'server-timing': serverTiming(result.timings) });
  if (result.cache) headers.set('x-cache', result.cache);
  return json(result, status, headers);
}

/** `kv;dur=1.2, d1;dur=14.8, total;dur=16.3` — readable in the browser's network panel. */
export function serverTiming(timings: Timings): string {
  return Object.entries(timings)
    .map(([phase, ms]) => `${phase};dur=${ms}`)
    .join(', ');
}

/** Answer for a method a route does not support, naming the ones it does. */
export function methodNotAllowed(allowed: string[]): Response {
  return errorJson(
    405,
    'method_not_allowed',
    `This endpoint accepts ${allowed.join(', ')}.`,
    { allow: allowed.join(', ') },
  );
}

/** 400 for a path id that is not a post id. */
export const badPostId = () =>
  errorJson(400, 'bad_request', 'A post id is a whole number from 1 upwards, like /posts/3.');

/**
 * A demo result as its route sends it when a `null` `data` is answered with a 404 instead
 * (`postNotFound`): in the JSON that arrives, `data` is never null.
 */
export type Found<T extends { data: unknown }> = Omit<T, 'data'> & { data: NonNullable<T['data']> };

/** 404 for a post the learner cannot see: never seeded, or deleted in a demo. */
export const postNotFound = (id: number) =>
  errorJson(404, 'not_found', `There is no post ${id}: the seed has posts 1 to 30, and one you deleted stays gone until you reset.`);
