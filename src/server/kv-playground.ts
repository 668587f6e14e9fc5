import { checkKey } from '../lib/kv/limits';
import { errorJson } from '../lib/http/respond';
import { HttpError } from './endpoint';

/**
 * What the KV playground's routes (/api/kv, /api/kv/:key) share: the key read from the URL,
 * the playground's refusals as 400s, and the answers for the keys "." and "..".
 */

/** The key is everything after /api/kv/, percent-decoded: keys may contain `/` and spaces. */
export function keyFromPath(url: URL): string {
  try {
    return decodeURIComponent(url.pathname.slice('/api/kv/'.length));
  } catch {
    throw new HttpError(400, 'bad_request', 'The key in the URL is not valid percent-encoding.');
  }
}

/** A playground result (src/lib/demos/playground.ts), or its `{ error }` as a 400. */
export function answered<T extends object>(result: T | { error: string }): T {
  if ('error' in result && typeof result.error === 'string') throw new HttpError(400, 'bad_request', result.error);
  return result as T;
}

// The keys "." and ".." cannot travel in a URL path: clients and the runtime resolve them as
// dot segments before the Worker sees the request (/api/kv/. arrives as /api/kv/, and
// /api/kv/.. as /api/), percent-encoded or not. The addresses they resolve to answer 400 with
// KV's rule, as a key route would, rather than 404 or a listing.

export const emptyOrDotKey = () =>
  errorJson(
    400,
    'bad_request',
    `${checkKey('')} ${checkKey('.')} (In a URL, /api/kv/. resolves to /api/kv/, which names no key. To list keys, GET /api/kv without the slash.)`,
  );

export const dotDotKey = () =>
  errorJson(
    400,
    'bad_request',
    `There is no endpoint at /api/ itself. If you meant the key "..": ${checkKey('..')} (In a URL, /api/kv/.. resolves to /api/.)`,
  );
