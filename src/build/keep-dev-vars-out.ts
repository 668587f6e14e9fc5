import type { Plugin } from 'vite';

/**
 * Keeps local secrets out of the build. @cloudflare/vite-plugin (under @astrojs/cloudflare) writes
 * the Worker's local vars — `.dev.vars`, or `.env` files and the environment for the secrets
 * wrangler.toml declares (INSTRUCTOR_TOKEN) — into dist/server/.dev.vars, so that `vite preview`
 * on the build has them. Nothing here previews that way (scripts/lib/serve-build.mjs reads the
 * project's own .dev.vars), and a token in dist/ travels wherever the build is copied. The file is
 * dropped from the bundle before it is written; scripts/check-secrets.mjs checks the result.
 */
export function keepDevVarsOutOfBuild(): Plugin {
  return {
    name: 'kvlab:keep-dev-vars-out-of-build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const fileName of Object.keys(bundle)) {
        if (/(^|\/)\.(dev\.vars|env)(\.|$)/.test(fileName)) delete bundle[fileName];
      }
    },
  };
}
