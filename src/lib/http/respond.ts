/**
 * The one place JSON responses are shaped: every error is `{"error":{"code","message"}}` —
 * never HTML, never a stack. (A demo's headers are added in src/server/demo-response.ts.)
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
  | 'not_passed'
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

/** Answer for a method a route does not support, naming the ones it does. */
export function methodNotAllowed(allowed: string[]): Response {
  return errorJson(
    405,
    'method_not_allowed',
    `This endpoint accepts ${allowed.join(', ')}.`,
    { allow: allowed.join(', ') },
  );
}

/**
 * A demo result as its route sends it when a `null` `data` is answered with a 404 instead
 * (`postNotFound`): in the JSON that arrives, `data` is never null.
 */
export type Found<T extends { data: unknown }> = Omit<T, 'data'> & { data: NonNullable<T['data']> };

/** 404 for a post the learner cannot see: never seeded, or deleted in a demo. */
export const postNotFound = (id: number) =>
  errorJson(404, 'not_found', `There is no post ${id}: the seed has posts 1 to 30, and one you deleted stays gone until you reset.`);

/** A post demo's result, or the 404 when the post is not there (its `data` is null). */
export const postOr404 = <T extends { data: unknown }>(result: T, id: number) => (result.data === null ? postNotFound(id) : result);
