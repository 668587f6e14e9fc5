import { errorJson } from '../lib/http/respond';

/**
 * Which host names this server answers for: the defence against DNS rebinding.
 *
 * A page on a name the attacker controls (evil.example) can have that name re-resolve to
 * 127.0.0.1 and then drive a server on the learner's laptop with requests that are same-origin
 * for the browser: Host and Origin both say evil.example, so comparing one with the other proves
 * nothing. The names a server may be reached by have to come from somewhere else:
 *
 * - `ALLOWED_HOSTS` (a var: comma-separated `host` or `host:port`, compared with the Host header
 *   exactly, case aside). scripts/lib/serve-build.mjs — `npm start` and every test — always sets
 *   it: the served address, localhost, 127.0.0.1 and [::1] on the served port, this machine's
 *   own names and addresses when it listens on all of them, and any extra names from the
 *   ALLOWED_HOSTS environment variable or wrangler.toml.
 * - Deployed, with no ALLOWED_HOSTS var, every Host is accepted: Cloudflare only hands the Worker
 *   requests for the hostnames routed to it (its workers.dev name, custom domains, routes), and
 *   answers any other name with an error of its own, so a rebinding name never reaches it and
 *   workers.dev or a new custom domain needs no configuration. Setting the var there pins the
 *   Worker to those names as well.
 */
export function allowedHosts(env: object): Set<string> | null {
  const raw = (env as { ALLOWED_HOSTS?: unknown }).ALLOWED_HOSTS;
  if (typeof raw !== 'string' || !raw.trim()) return null;
  return new Set(raw.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean));
}

/** The Host the client asked for (the header; the URL's host when a runtime leaves it out). */
const requestedHost = (request: Request) => (request.headers.get('host') ?? new URL(request.url).host).toLowerCase();

/**
 * `null` when the request's Host is one this server answers for; otherwise the refusal:
 * 421 Misdirected Request, as JSON under /api and as a short text for anything else.
 */
export function refuseForeignHost(request: Request, env: object): Response | null {
  const hosts = allowedHosts(env);
  if (!hosts) return null;
  const host = requestedHost(request);
  if (hosts.has(host)) return null;
  const message = `This server does not answer for the host name "${host.slice(0, 100)}". Open it at one of its own addresses (see ALLOWED_HOSTS in the README).`;
  if (new URL(request.url).pathname.startsWith('/api/')) return errorJson(421, 'misdirected_request', message);
  return new Response(`${message}\n`, { status: 421, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
}

/**
 * Whether a request with this `Origin` comes from one of our own pages. With an allow-list, the
 * Origin's host must be on it (a page on localhost:4321 may call 127.0.0.1:4321, the same
 * server); without one (deployed), it must be the request's own origin.
 */
export function isOwnOrigin(origin: string, request: Request, env: object): boolean {
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  const hosts = allowedHosts(env);
  if (hosts) return hosts.has(parsed.host.toLowerCase());
  const own = new URL(request.url);
  return parsed.origin === own.origin;
}

