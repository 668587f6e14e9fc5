import type { AstroIntegration } from 'astro';
import { readFileSync } from 'node:fs';

/**
 * Keeps the build log to what a reader can act on, by answering two questions the Cloudflare
 * tooling asks of every local run, which a build has no use for.
 *
 * - `request.cf`: Miniflare, which @cloudflare/vite-plugin starts to prerender the pages (and
 *   `astro dev` to serve them), downloads Cloudflare's sample `request.cf` object from the
 *   internet; offline that is a warning with a stack trace. No page reads `request.cf`, and
 *   locally there is one location anyway (scripts/lib/serve-build.mjs passes `cf: false` for
 *   the same reason). `CLOUDFLARE_CF_FETCH_ENABLED=false` is Miniflare's switch for it.
 * - Required secrets: wrangler checks wrangler.toml's `[secrets] required` (INSTRUCTOR_TOKEN)
 *   each time it configures a Worker, and a build configures three (the Worker, the prerender
 *   Worker and its server): three "Missing required secrets" warnings on a fresh clone, for a
 *   token the build never reads. For `astro build` only, a secret set nowhere is set empty in
 *   this process, which wrangler counts as given and the Worker as absent (workshop mode off,
 *   src/server/workshop/guards.ts). An empty value has nothing to leak; a real one, from the
 *   environment or .dev.vars, is used as before and kept out of dist/ (./keep-dev-vars-out.ts,
 *   checked by `npm run build:check-secrets`). `astro dev` still warns: there the token matters.
 * - wrangler's own notes ("Using secrets defined in process.env", once per Worker) are info
 *   about local development; a build logs wrangler's warnings and errors only (WRANGLER_LOG).
 */
export function quietBuild(): AstroIntegration {
  return {
    name: 'kvlab:quiet-build',
    hooks: {
      'astro:config:setup': ({ command }) => {
        process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= 'false';
        if (command !== 'build') return;
        process.env.WRANGLER_LOG ??= 'warn';
        for (const name of requiredSecrets(readFileSync('wrangler.toml', 'utf8'))) process.env[name] ??= '';
      },
    },
  };
}

/** The names in wrangler.toml's `[secrets] required = [...]`. */
export function requiredSecrets(toml: string): string[] {
  const list = /^\[secrets\][^[]*?^required\s*=\s*\[([^\]]*)\]/m.exec(toml)?.[1] ?? '';
  return [...list.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
}
