import { defineMiddleware } from 'astro:middleware';
import { env } from 'cloudflare:workers';
import { discardBody } from './lib/http/parse';
import { errorJson } from './lib/http/respond';
import { isOwnOrigin } from './server/host-check';
import { admitApiRequest, budgetResponse } from './server/limits';
import { withSecurityHeaders } from './server/security-headers';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Browsers always send Origin on cross-site mutations; one that is not ours (compared with the
 * allowed hosts, src/server/host-check.ts) is another site driving this learner's cookie.
 * Clients without Origin (curl, scripts) carry no cookie a third party could ride, so they may
 * call the API directly.
 */
function refuseCrossSiteMutation(request: Request): Response | null {
  const origin = request.headers.get('origin');
  if (!UNSAFE_METHODS.has(request.method) || !origin || isOwnOrigin(origin, request, env)) return null;
  return errorJson(403, 'forbidden', 'Cross-site requests may not change data here.');
}

/**
 * Every /api request: refuse cross-site mutations, attach the learner, and turn any
 * uncaught error into a JSON 500 with a generic message (the detail goes to the log).
 */
export const onRequest = defineMiddleware(async (context, next) => {
  const isApi = context.url.pathname.startsWith('/api/');
  const response = isApi ? await handleApi(context, next) : await next();
  // A refusal (403, 404, 405, 429…) or a route that takes no body left it unread: consume it, so
  // the client's keep-alive connection survives (src/lib/http/parse.ts, DRAIN_LIMIT).
  await discardBody(context.request);
  return withSecurityHeaders(response, isApi);
});

async function handleApi(context: Parameters<Parameters<typeof defineMiddleware>[0]>[0], next: () => Promise<Response>) {
  const url = context.url;

  const crossSite = refuseCrossSiteMutation(context.request);
  if (crossSite) return crossSite;

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
