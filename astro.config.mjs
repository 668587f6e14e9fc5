// @ts-check
import { defineConfig } from 'astro/config';
import cloudflare from '@astrojs/cloudflare';
import react from '@astrojs/react';
import mdx from '@astrojs/mdx';
import { keepDevVarsOutOfBuild } from './src/build/keep-dev-vars-out.ts';
import { quietBuild } from './src/build/quiet-build.ts';
import { securityHeaders } from './src/build/security-headers.ts';
import { shikiClasses } from './src/build/shiki-classes.ts';

export default defineConfig({
  // API routes run in the Worker; lesson pages opt in to prerendering (`export const prerender = true`)
  // so Shiki highlights at build time and never ships in the Worker bundle.
  output: 'server',
  adapter: cloudflare({
    // Images are static files in public/; no Cloudflare Images binding needed.
    imageService: 'passthrough',
    // The V8 inspector opens only when asked for, as with `npm start`: `INSPECTOR_PORT=9229 npm run dev`.
    // (Otherwise the build's prerender server would take a port, and say so when 9229 is busy.)
    inspectorPort: process.env.INSPECTOR_PORT ? Number(process.env.INSPECTOR_PORT) : false,
  }),
  // The app keeps no Astro sessions: learner identity is one cookie read in middleware.
  session: false,
  // Cross-site mutations are refused in src/middleware.ts for every content type, JSON
  // included; Astro's own check covers form bodies only and rejects body-less POSTs from curl.
  //
  // The page policy (src/lib/http/security-headers.ts) reaches the prerendered pages as a header,
  // from the _headers file securityHeaders() writes with the hashes of their inline scripts.
  // Astro's own `security.csp` is not used: with this adapter (no `staticHeaders`) it can only
  // write a <meta> policy, which cannot carry frame-ancestors, skips `is:inline` scripts, and
  // lists ~1.2 KB of hashes on every page (including ones for script files 'self' already allows).
  security: { checkOrigin: false },
  // quietBuild: no warnings about request.cf or the instructor secret, which a build never reads.
  integrations: [quietBuild(), react(), mdx(), securityHeaders()],
  vite: {
    // .dev.vars (the instructor token) stays out of dist/: see src/build/keep-dev-vars-out.ts.
    plugins: [keepDevVarsOutOfBuild()],
    build: {
      // Stylesheets (and import-free page scripts) under this size are inlined into the page
      // (Astro's inlineStylesheets: 'auto'). 4.5 KB instead of Vite's 4 KB keeps the exercise
      // page's own 4.2 KB of CSS in its HTML: no render-blocking request before the first paint.
      assetsInlineLimit: 4608,
      rollupOptions: {
        // Astro marks MDX modules with a "use astro:head-inject" directive that the bundler
        // reports once per lesson; it is Astro's own and harmless, and nobody reading the
        // build log can act on it. Every other warning is printed.
        onwarn(warning, warn) {
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('astro:head-inject')) return;
          warn(warning);
        },
      },
    },
  },
  markdown: {
    shikiConfig: {
      themes: { light: 'github-light-default', dark: 'github-dark-default' },
      // Small and readable: token styles become classes, colours meet WCAG AA contrast.
      transformers: [shikiClasses()],
    },
  },
});
