import { defineMiddleware } from 'astro:middleware';
import { errorJson } from './lib/http/respond';
import { admitApiRequest, budgetResponse } from './server/limits';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The same policy as public/_headers gives static pages; API answers are JSON and load nothing. */
const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};
const PAGE_CSP =
  "default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
const API_CSP = "default-src 'none'; frame-ancestors 'none'";

function secure(response: Response, isApi: boolean): Response {
  if (response.status === 101) return response; // a WebSocket upgrade carries no page
  const apply = (headers: Headers) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
    if (!headers.has('content-security-policy')) headers.set('content-security-policy', isApi ? API_CSP : PAGE_CSP);
  };
  try {
    // In place, so the cookies Astro attached to this response object are kept.
    apply(response.headers);
    return response;
  } catch {
    // Headers of a fetched response are immutable: copy it.
    const copy = new Response(response.body, response);
    apply(copy.headers);
    return copy;
  }
}

/**
 * Every /api request: refuse cross-site mutations, attach the learner, and turn any
 * uncaught error into a JSON 500 with a generic message (the detail goes to the log).
 */
export const onRequest = defineMiddleware(async (context, next) => {
  const isApi = context.url.pathname.startsWith('/api/');
  return secure(isApi ? await handleApi(context, next) : await next(), isApi);
});

async function handleApi(context: Parameters<Parameters<typeof defineMiddleware>[0]>[0], next: () => Promise<Response>) {
  const url = context.url;

  // Browsers always send Origin on cross-site mutations; a mismatch is another site
  // driving this learner's cookie. Clients without Origin (curl, scripts) carry no cookie
  // a third party could ride, so they may call the API directly.
  const origin = context.request.headers.get('origin');
  if (UNSAFE_METHODS.has(context.request.method) && origin && origin !== url.origin) {
    return errorJson(403, 'forbidden', 'Cross-site requests may not change data here.');
  }

  // The learner, and the request budgets everyone has (src/server/limits.ts).
  const limited = await admitApiRequest(context);
  if (limited) return limited;

  try {
    const response = await next();
    // Whatever Astro answered itself (a method a route does not export, a path it could not
    // match) must still reach API clients as JSON, never as an HTML page.
    if (response.status < 400 || response.headers.get('content-type')?.includes('application/json')) return response;
    return response.status === 405
      ? errorJson(405, 'method_not_allowed', `${context.request.method} is not accepted at ${url.pathname}.`)
      : response.status === 404
        ? errorJson(404, 'not_found', `There is no API endpoint at ${url.pathname}. See the README's API table.`)
        : errorJson(response.status, 'internal', 'Something went wrong on our side. Please try again.');
  } catch (error) {
    const spent = budgetResponse(error);
    if (spent) return spent;
    console.error(`${context.request.method} ${url.pathname} failed:`, error);
    return errorJson(500, 'internal', 'Something went wrong on our side. Please try again.');
  }
}
