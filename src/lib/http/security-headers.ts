/**
 * The security headers of every answer, in one place. Two readers:
 *
 * - src/build/security-headers.ts writes them into dist/client/_headers for the prerendered
 *   pages and static files (Workers Static Assets serve those without running the Worker), with
 *   the hashes of the inline scripts the built pages contain;
 * - src/server/security-headers.ts sets them on everything the Worker answers itself: the API,
 *   and pages rendered on request (404s), which get no inline script at all.
 *
 * Plain data and string functions, no imports: the build (Node) and the Worker (workerd) share it.
 */

/** Headers every answer carries, pages and API alike. */
export const COMMON_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

/**
 * The page policy besides `script-src`, `style-src` and the header-only directives.
 * `connect-src 'self'` covers WebSockets to this origin too (ws:/wss: on the same host, CSP 3),
 * which is all the workshop's live feed needs.
 */
export const PAGE_DIRECTIVES: readonly string[] = [
  "default-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
];

/**
 * Scripts: files from this origin and inline scripts by hash only. 'wasm-unsafe-eval' lets the
 * Pagefind search index (WebAssembly) run; it allows no JavaScript eval.
 */
export const SCRIPT_SOURCES: readonly string[] = ["'self'", "'wasm-unsafe-eval'"];

/**
 * Styles stay open to inline `<style>` and `style=""`: Shiki's build-time highlighting writes a
 * `<style>` block and a `style` attribute per code block, CodeMirror injects its theme at run
 * time and React sets style attributes. CSS cannot run script; scripts are what the policy holds.
 */
export const STYLE_SOURCES: readonly string[] = ["'self'", "'unsafe-inline'"];

/** Directives a `<meta>` policy may not carry (browsers ignore them there): kept apart for that reason. */
export const HEADER_ONLY_DIRECTIVES: readonly string[] = ["frame-ancestors 'none'"];

/** API answers are JSON: they load nothing and may not be framed. */
export const API_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** The whole page policy as a header value, with the hashes (`sha256-…`) of allowed inline scripts. */
export function pagePolicy(scriptHashes: readonly string[] = []): string {
  return [
    ...PAGE_DIRECTIVES,
    ['script-src', ...SCRIPT_SOURCES, ...scriptHashes.map((h) => `'${h}'`)].join(' '),
    ['style-src', ...STYLE_SOURCES].join(' '),
    ...HEADER_ONLY_DIRECTIVES,
  ].join('; ');
}

/**
 * A policy a page rendered in the Worker set for itself (for instance Astro's `security.csp`,
 * should a server-rendered page with inline scripts ever need it), completed with the
 * header-only directives.
 */
export function withHeaderOnlyDirectives(policy: string): string {
  const missing = HEADER_ONLY_DIRECTIVES.filter((d) => !policy.includes(d.split(' ')[0]!));
  return missing.length ? `${policy.replace(/[;\s]+$/, '')}; ${missing.join('; ')}` : policy;
}

/** The `_headers` rule that gives every static file the common headers and the page policy. */
export function staticHeadersRule(scriptHashes: readonly string[]): string {
  const headers = { 'Content-Security-Policy': pagePolicy(scriptHashes), ...COMMON_HEADERS };
  return ['/*', ...Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`)].join('\n') + '\n';
}
