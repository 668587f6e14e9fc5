import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

// End-to-end tests drive a real Chromium against the production build served by workerd
// (scripts/start.mjs), with their own local KV/D1 state, wiped at the start of every run.
//
// Tests run in parallel: two workers (E2E_WORKERS to change it), and the tests of one file are
// spread over them too, in any order, while all of them talk to the same server. A test is
// parallel-safe when it
//   - brings its own state: its own learner (every `page`/`request` fixture is a fresh cookie
//     jar; `playwright.request.newContext()` for a second learner), its own workshop
//     (createWorkshop), its own keys — and asserts on what it made, never on server-wide
//     totals or on what another test left behind;
//   - needs nothing from a test before it in its file (no shared variables, no order);
//   - claims a client address of its own (CF-Connecting-IP, one no other test uses) when it
//     spends a per-address budget on purpose (127.0.0.1, the suite's own, has none: limits.ts);
//   - runs a server of its own (own-server.ts, on a free port with its own state folder) when it
//     stops, kills or restarts one.
// The server has a few things only one or two requests can hold at a time: the sandbox's run
// slots (two, one per address — every test shares 127.0.0.1) and the giant value's slot. A test
// that runs learner code on the shared server or builds the giant value carries the tag
// `@serial` (`test('…', { tag: '@serial' }, …)`): those run one after another, on one worker,
// beside the others.
const PORT = Number(process.env.E2E_PORT ?? 4329);
/** The same build without the Worker Loader binding, as on a plan that lacks it (no-loader.spec.ts). */
const NO_LOADER_PORT = PORT + 1;
/** Specs that stop and restart servers of their own (tests/e2e/own-server.ts). */
const OWN_SERVER_SPECS = /(workshop-restart|write-through-crash)\.spec\.ts/;
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
  fullyParallel: true,
  workers: Number(process.env.E2E_WORKERS ?? 2),
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
    // First in line, because they are the longest (servers started again and again) and need
    // little of the shared server: they overlap everything else instead of ending the run alone.
    { name: 'own servers', use: { ...devices['Desktop Chrome'] }, testMatch: OWN_SERVER_SPECS },
    // Tagged @serial: one at a time (see the top of this file), still in parallel with the rest.
    { name: 'one at a time', use: { ...devices['Desktop Chrome'] }, grep: /@serial/, testIgnore: [OWN_SERVER_SPECS, /no-loader\.spec\.ts/], workers: 1 },
    { name: 'chromium', use: { ...devices['Desktop Chrome'] }, grepInvert: /@serial/, testIgnore: [OWN_SERVER_SPECS, /no-loader\.spec\.ts/] },
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
