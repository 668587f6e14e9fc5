import { API_POLICY, COMMON_HEADERS, pagePolicy, withHeaderOnlyDirectives } from '../lib/http/security-headers';

/**
 * The security headers on what the Worker answers itself (src/lib/http/security-headers.ts has
 * the policy; prerendered pages get it from dist/client/_headers instead).
 *
 * - /api: the API policy, and `Cache-Control: no-store` on every answer: each one is about this
 *   learner (their keys, their origin edits, their workshop) or this moment, so no shared or
 *   browser cache may keep it.
 * - Pages the Worker renders (404s): the page policy with no inline script allowed; a policy
 *   Astro set on a page it rendered is kept and completed with `frame-ancestors`.
 */
export function withSecurityHeaders(response: Response, isApi: boolean): Response {
  if (response.status === 101) return response; // a WebSocket upgrade carries no page
  const apply = (headers: Headers) => {
    for (const [name, value] of Object.entries(COMMON_HEADERS)) headers.set(name, value);
    const policy = headers.get('content-security-policy');
    if (isApi) {
      headers.set('content-security-policy', API_POLICY);
      if (!/\bno-store\b/i.test(headers.get('cache-control') ?? '')) headers.set('cache-control', 'no-store');
    } else {
      headers.set('content-security-policy', policy ? withHeaderOnlyDirectives(policy) : pagePolicy());
    }
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
