import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

// Unit and integration tests run inside workerd with Miniflare's real KV and D1, using the
// bindings declared in wrangler.toml. The D1 migrations (schema and seed) are applied once
// per test file by tests/unit/apply-migrations.ts.
/** Workshop mode's instructor secret for the tests (the Worker reads it as env.INSTRUCTOR_TOKEN). */
const TEST_INSTRUCTOR_TOKEN = 'test-instructor-token-0123456789';
// wrangler.toml declares the secret as required; wrangler's config reader looks for it in the
// environment and warns on every test file when it is absent.
process.env.INSTRUCTOR_TOKEN ??= TEST_INSTRUCTOR_TOKEN;
// …and then notes "Using secrets defined in process.env" on every test file: its warnings and
// errors are what a test run should show.
process.env.WRANGLER_LOG ??= 'warn';

export default defineConfig(async () => {
  const migrations = await readD1Migrations('migrations');
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: './wrangler.toml' },
        // The Astro entry in wrangler.toml needs the built site; tests import src/lib directly.
        main: './tests/unit/worker-under-test.ts',
        miniflare: { bindings: { TEST_MIGRATIONS: migrations, INSTRUCTOR_TOKEN: TEST_INSTRUCTOR_TOKEN } },
      }),
    ],
    resolve: { alias: { '~': new URL('./src', import.meta.url).pathname } },
    test: {
      include: ['tests/unit/**/*.test.ts'],
      setupFiles: ['./tests/unit/apply-migrations.ts'],
      // A fresh worker per test file, on purpose: files share no module state (budgets, caches
      // in module scope). Said explicitly, Vitest stops suggesting `isolate: false` after each run.
      isolate: true,
      // Some tests run a dozen sandboxed attacks in a row; on a busy 2-core machine that takes
      // longer than vitest's 5 s default. Each attack still asserts its own bound (< 6 s).
      testTimeout: 30_000,
      // Two test files at a time, each in a workerd of its own with its own storage: much of a
      // file's time is waiting (timers, sandbox budgets), so two overlap well even on 2 cores
      // (about 90 s down to about 60 s here). Vitest's default on 2 cores is one at a time.
      maxWorkers: 2,
    },
  };
});
