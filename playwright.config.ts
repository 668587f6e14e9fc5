import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

// End-to-end tests drive a real Chromium against the production build served by workerd
// (scripts/start.mjs), with their own local KV/D1 state, wiped at the start of every run.
const PORT = Number(process.env.E2E_PORT ?? 4329);
/** The same build without the Worker Loader binding, as on a plan that lacks it (no-loader.spec.ts). */
const NO_LOADER_PORT = PORT + 1;
/** Workshop mode's instructor secret for the test server (tests/e2e/workshop-helpers.ts). */
export const E2E_INSTRUCTOR_TOKEN = 'e2e-instructor-token-0123456789';

/** Playwright's own Chromium when installed, else Debian's; otherwise say how to get one. */
function findChromium(): string | undefined {
  const bundled = chromium.executablePath();
  if (existsSync(bundled)) return undefined; // Playwright finds its own browser by itself.
  for (const path of ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (existsSync(path)) return path;
  }
  throw new Error(
    'No Chromium found. Install one: `npx playwright install chromium`, or on Debian/Ubuntu `sudo apt-get install chromium`.',
  );
}

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: findChromium(),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'chromium', use: { ...devices['Desktop Chrome'] }, testIgnore: /no-loader\.spec\.ts/ },
    {
      name: 'without the Worker Loader',
      use: { ...devices['Desktop Chrome'], baseURL: `http://127.0.0.1:${NO_LOADER_PORT}` },
      testMatch: /no-loader\.spec\.ts/,
    },
  ],
  webServer: [
    {
      // State per port: two runs on different ports never wipe each other's.
      command: `node scripts/start.mjs --no-build --state .wrangler/e2e-state-${PORT} --fresh`,
      // ALLOWED_HOSTS: one extra host name the server must answer for (tests/e2e/host-check.spec.ts).
      env: { PORT: String(PORT), INSTRUCTOR_TOKEN: E2E_INSTRUCTOR_TOKEN, ALLOWED_HOSTS: 'kvlab.test' },
      url: `http://127.0.0.1:${PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `node scripts/start.mjs --no-build --state .wrangler/e2e-no-loader-state-${NO_LOADER_PORT} --fresh --quiet --no-loader`,
      env: { PORT: String(NO_LOADER_PORT), INSTRUCTOR_TOKEN: E2E_INSTRUCTOR_TOKEN },
      url: `http://127.0.0.1:${NO_LOADER_PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
