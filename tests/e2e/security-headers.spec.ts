import { expect, test } from '@playwright/test';
import { builtPagePaths } from './site-pages';
import { directives, expectStrictPagePolicy, watchForProblems } from './page-policy';
import { asInstructor, INSTRUCTOR_TOKEN } from './workshop-helpers';

// The security headers as a browser meets them. Every built page's own policy, and that not
// one page logs a CSP violation or an error while it loads, hydrates and is used, is checked in
// the one visit a11y-and-budgets.spec.ts makes to each page (tests/e2e/page-policy.ts); here:
// the list of pages that sweep covers, the Worker's own pages and the API's answers.

const PAGES = builtPagePaths();

test('there is a page list to check', () => {
  expect(PAGES.length).toBeGreaterThan(50);
  expect(PAGES).toEqual(expect.arrayContaining(['/', '/lessons/caching-patterns/', '/search/', '/workshop/console/', '/source/src/lib/patterns/ttl/']));
});

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
  const problems = await watchForProblems(page);
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
