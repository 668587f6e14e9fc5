import type { APIRoute } from 'astro';
import { errorJson } from '~/lib/http/respond';
import { dotDotKey } from '~/server/kv-playground';

/**
 * Unknown API paths answer JSON, not the HTML 404 page, whatever the method (so not
 * endpoint(), whose other methods are 405s). /api/ itself is where a request for the KV key
 * ".." arrives (/api/kv/.. resolves to it): that answers with KV's rule.
 */
export const ALL: APIRoute = ({ url, request }) =>
  url.pathname === '/api/' && ['GET', 'PUT', 'DELETE'].includes(request.method)
    ? dotDotKey()
    : errorJson(404, 'not_found', `There is no API endpoint at ${url.pathname}. See the README's API table.`);
