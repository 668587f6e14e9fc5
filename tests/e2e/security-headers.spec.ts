import { expect, test, type Page } from '@playwright/test';
import { openHydrated } from './helpers';
import { builtPagePaths, pageSettled } from './site-pages';
import { asInstructor, INSTRUCTOR_TOKEN } from './workshop-helpers';

// The security headers as a browser meets them: one page policy without 'unsafe-inline' for
// scripts, on every page of the built site, and not one CSP violation while each page runs
// its scripts (theme, outline, progress, islands, code panels, search, the workshop socket).
// The same visit is the site's check that no page throws or logs an error while it loads and
// hydrates (a hydration mismatch, React #418, a failed chunk): any console error fails it.

const PAGES = builtPagePaths();

/** Directives of a policy, by name. */
function directives(policy: string | undefined): Map<string, string[]> {
  expect(policy, 'a Content-Security-Policy header').toBeTruthy();
  return new Map(
    policy!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

function expectStrictPagePolicy(policy: string | undefined) {
  const d = directives(policy);
  expect(d.get('script-src')).toEqual(expect.arrayContaining(["'self'"]));
  expect(d.get('script-src')).not.toContain("'unsafe-inline'");
  expect(d.get('script-src')).not.toContain("'unsafe-eval'");
  expect(d.get('connect-src')).toEqual(["'self'"]);
  expect(d.get('object-src')).toEqual(["'none'"]);
  expect(d.get('base-uri')).toEqual(["'none'"]);
  expect(d.get('frame-ancestors')).toEqual(["'none'"]);
}

/** Record CSP violations (the DOM event) and console errors and uncaught exceptions from the start. */
async function watchForViolations(page: Page) {
  const problems: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`);
    });
  });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  return problems;
}

test('there is a page list to check', () => {
  expect(PAGES.length).toBeGreaterThan(50);
  expect(PAGES).toEqual(expect.arrayContaining(['/', '/lessons/caching-patterns/', '/search/', '/workshop/console/', '/source/src/lib/patterns/ttl/']));
});

for (const path of PAGES) {
  test(`no CSP violation and no page error on ${path}`, async ({ page }) => {
    const problems = await watchForViolations(page);
    const url = path === '/search/' ? '/search/?q=cache' : path;
    const response = await openHydrated(page, url);
    expect(response?.status()).toBe(200);
    expectStrictPagePolicy(response?.headers()['content-security-policy']);
    await pageSettled(page, url);

    // The inline scripts ran: the theme button is shown by its script and switches the theme.
    const toggle = page.locator('[data-theme-toggle]');
    if (await toggle.count()) {
      await expect(toggle).toBeVisible();
      await toggle.click();
      await expect(page.locator('html')).toHaveAttribute('data-theme', /^(light|dark)$/);
    }
    // A code panel fetches its highlighted source when opened.
    const panel = page.locator('details.code-panel:visible').first();
    if (await panel.count()) {
      await panel.scrollIntoViewIfNeeded(); // panels load when open and on screen
      if (!(await panel.evaluate((d: HTMLDetailsElement) => d.open))) await panel.locator('summary').click();
      await expect(panel.locator('kv-source pre.astro-code')).toBeVisible();
    }
    if (path === '/search/') await expect(page.locator('[data-search-results] li').first()).toBeVisible();
    expect(problems, problems.join('\n')).toEqual([]);
  });
}

test('a page the Worker renders (404) has the page policy too, allowing no inline script at all', async ({ request }) => {
  const res = await request.get('/no-such-page/');
  expect(res.status()).toBe(404);
  const policy = res.headers()['content-security-policy'];
  expectStrictPagePolicy(policy);
  expect(directives(policy).get('script-src')!.filter((s) => s.startsWith("'sha"))).toEqual([]);
});

test('every API answer is no-store with the API policy, errors included', async ({ request }) => {
  const code = (await (await request.post('/api/workshops', { headers: asInstructor, data: {} })).json()).code;
  const answers = [
    await request.get('/api/health'),
    await request.get('/api/demos/cache-aside/posts/3'),
    await request.get('/api/kv?prefix='),
    await request.get('/api/no-such-endpoint'),
    await request.delete('/api/health'),
    await request.put('/api/kv/k', { data: 'x', headers: { 'content-type': 'text/plain' } }),
    await request.get('/api/workshops'),
    await request.get(`/api/workshops/${code}/export?format=csv`, { headers: asInstructor }),
    await request.get(`/api/workshops/${code}/live`),
  ];
  for (const res of answers) {
    const what = `${res.url()} ${res.status()}`;
    expect(res.headers()['cache-control'], what).toMatch(/\bno-store\b/);
    expect(res.headers()['content-security-policy'], what).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(res.headers()['x-content-type-options'], what).toBe('nosniff');
  }
});

test("the workshop console's live WebSocket connects under connect-src 'self'", async ({ page }) => {
  const problems = await watchForViolations(page);
  const sockets: string[] = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));
  await page.goto(`/workshop/console/#token=${INSTRUCTOR_TOKEN}`);
  await page.getByLabel('Title participants will see').fill('CSP check');
  await page.getByRole('button', { name: 'Create workshop' }).click();
  // The status dot turns live in the socket's onopen.
  await expect(page.locator('.wb-dot[data-live="true"]')).toBeAttached();
  expect(sockets.some((url) => /^ws:\/\/127\.0\.0\.1:\d+\/api\/workshops\/[^/]+\/live\?ticket=/.test(url)), sockets.join(', ')).toBe(true);
  expect(problems.filter((p) => /Content Security Policy|CSP violation/.test(p)), problems.join('\n')).toEqual([]);
});
