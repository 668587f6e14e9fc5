import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext } from '@playwright/test';

// Exercises as a learner uses them (the editor in a real browser) and as the API contract
// states them; plus code that tries to hang or escape the sandbox while others are served.
// Every test that runs code is @serial: the sandbox runs one check per address at a time, and
// the whole suite shares 127.0.0.1 (playwright.config.ts).

// A learner's own solution of the cache-aside variant (it also remembers a "not found"),
// written differently from content/exercises/cache-aside/solution.ts.
const SOLUTION = `import type { KvApi } from '../kv/scoped-kv';

export async function cacheAside<T>(
  kv: KvApi,
  key: string,
  loadFromOrigin: () => Promise<T | null>,
  ttlSeconds = 3600,
): Promise<{ value: T | null; cache: 'HIT' | 'NEGATIVE' | 'MISS' }> {
  const cached = await kv.getWithMetadata<T, { missing?: boolean }>(key, 'json');
  if (cached.metadata?.missing) return { value: null, cache: 'NEGATIVE' };
  if (cached.value !== null) return { value: cached.value, cache: 'HIT' };
  const fresh = await loadFromOrigin();
  const missing = fresh === null;
  await kv.put(key, JSON.stringify(fresh), {
    expirationTtl: missing ? 60 : ttlSeconds,
    metadata: missing ? { cached_at: Date.now(), missing } : { cached_at: Date.now() },
  });
  return { value: fresh, cache: 'MISS' };
}
`;

/** The lines of a solution that give something away: long enough to mean something, not part of the starter. */
function revealingLines(slug: string): string[] {
  const read = (file: string) => readFileSync(`content/exercises/${slug}/${file}`, 'utf8');
  const starter = read('starter.ts');
  return read('solution.ts')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 30 && !starter.includes(line));
}

/** Page HTML as text, with entities and JSON string escapes undone, so an escaped copy is found too. */
function unescaped(html: string): string {
  return html
    .replace(/&quot;/g, '"')
    .replace(/&#0*39;|&#x27;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#x60;|&#96;/g, '`')
    .replace(/&amp;/g, '&')
    .replace(/\\n/g, '\n')
    .replace(/\\"/g, '"')
    .replace(/\\\\/g, '\\');
}

const check = (request: APIRequestContext, slug: string, code: string) =>
  request.post(`/api/exercises/${slug}/check`, { data: { code } });

test('learner types a solution into the editor, runs the checks and sees them pass', { tag: '@serial' }, async ({ page }) => {
  await page.goto('/exercises/cache-aside/');
  await expect(page.getByRole('heading', { level: 1, name: 'Exercise: Cache-aside' })).toBeVisible();
  const editor = page.getByRole('textbox', { name: 'Your code (TypeScript)' });
  await expect(editor).toContainText('export async function cacheAside');

  // The starter fails: the checks say which parts are missing.
  await page.getByRole('button', { name: 'Run checks' }).click();
  await expect(page.getByRole('heading', { name: /of 6 checks pass/ })).toBeVisible();

  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(SOLUTION);
  await page.getByRole('button', { name: 'Run checks' }).click();
  await expect(page.getByRole('heading', { name: 'All checks pass' })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('check')).toHaveCount(6);
  await expect(page.getByTestId('check').filter({ hasText: 'Failed:' })).toHaveCount(0);
  // The pass counts towards progress: the exercises index marks it.
  expect(await page.evaluate(() => JSON.parse(localStorage.getItem('kvlab:progress')!).passed)).toEqual(['cache-aside']);

  // The trace shows what the code did: a MISS then a HIT.
  await page.getByText(/What your code did/).click();
  await expect(page.locator('.trace').getByText('HIT').first()).toBeVisible();
  await expect(page.locator('.trace').getByText('MISS').first()).toBeVisible();

  // A reload keeps the code and the result.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'All checks pass' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Your code (TypeScript)' })).toContainText('if (cached.metadata?.missing)');
});

test('hints come one at a time; the solution is locked until a run, then a diff keeps my code; reset restores the starter', { tag: '@serial' }, async ({ page }) => {
  await page.goto('/exercises/list-all-keys/');
  await page.getByRole('button', { name: /Show a hint \(1 of 3\)/ }).click();
  await expect(page.getByRole('region', { name: 'Hints' }).getByRole('listitem')).toHaveCount(1);
  await page.getByRole('button', { name: /Show a hint \(2 of 3\)/ }).click();
  await expect(page.getByRole('region', { name: 'Hints' }).getByRole('listitem')).toHaveCount(2);

  const editor = page.getByRole('textbox', { name: 'Your code (TypeScript)' });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.insertText('\n// my note');
  // Before any run the solution stays locked, and says how to unlock it.
  await page.getByRole('button', { name: 'Compare with solution' }).click();
  await expect(page.locator('.solution-locked')).toContainText('Run your code');
  await expect(page.getByRole('button', { name: 'Show me the solution' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Run checks' }).click();
  await expect(page.getByRole('heading', { name: /checks pass/ })).toBeVisible({ timeout: 15_000 });
  await page.getByRole('button', { name: 'Compare with solution' }).click();
  await page.getByRole('button', { name: 'Show me the solution' }).click();
  const comparison = page.getByRole('region', { name: 'Your code compared with the solution' });
  await expect(comparison.getByRole('textbox', { name: 'The solution' })).toContainText('list_complete');
  await expect(comparison.getByRole('textbox', { name: 'Your code' })).toContainText('// my note');
  await page.getByRole('button', { name: 'Back to my code' }).click();
  await expect(editor).toContainText('// my note');

  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Reset to starter' }).click();
  await expect(editor).not.toContainText('// my note');
});

test('a syntax error is shown with its line and column', { tag: '@serial' }, async ({ page }) => {
  await page.goto('/exercises/ttl-until-midnight/');
  const editor = page.getByRole('textbox', { name: 'Your code (TypeScript)' });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText('export function secondsUntilLocalMidnight() {\n  return 1 +;\n}\n');
  await page.getByRole('button', { name: 'Run checks' }).click();
  await expect(page.getByRole('alert')).toContainText('Your code does not compile');
  await expect(page.getByRole('button', { name: 'line 2, column 13' })).toBeVisible();
});

test('GET /api/exercises lists every exercise with slug and title', async ({ request }) => {
  const res = await request.get('/api/exercises');
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.sandbox).toBe(true);
  expect(body.exercises.map((e: { slug: string }) => e.slug)).toEqual([
    'list-all-keys',
    'cache-aside',
    'write-through-invalidate',
    'stale-while-revalidate',
    'key-builder',
    'ttl-until-midnight',
    'get-cached-or-fresh',
    'product-catalogue',
  ]);
  for (const e of body.exercises) expect(e.title).toEqual(expect.any(String));
});

test('solutions are earned: locked for a fresh learner and absent from the pages; passing unlocks one', { tag: '@serial' }, async ({ playwright, baseURL }) => {
  const learner = await playwright.request.newContext({ baseURL });
  const { exercises } = await (await learner.get('/api/exercises')).json();
  for (const { slug, href } of exercises as { slug: string; href: string }[]) {
    const locked = await learner.get(`/api/exercises/${slug}/solution`);
    expect(locked.status(), slug).toBe(403);
    expect((await locked.json()).error.code, slug).toBe('solution_locked');
    // Asking before any run is refused too.
    expect((await learner.post(`/api/exercises/${slug}/solution`)).status(), slug).toBe(403);
    // The page carries the starter, never a line of the solution that the starter lacks.
    const html = await (await learner.get(href)).text();
    const text = unescaped(html);
    const lines = revealingLines(slug);
    expect(lines.length, slug).toBeGreaterThan(3);
    for (const line of lines) {
      expect(html, `${slug}: ${line}`).not.toContain(line);
      expect(text, `${slug}: ${line}`).not.toContain(line);
    }
  }
  expect((await learner.get('/api/exercises/no-such/solution')).status()).toBe(404);

  const passed = await check(learner, 'cache-aside', SOLUTION);
  expect((await passed.json()).passed).toBe(true);
  const unlocked = await learner.get('/api/exercises/cache-aside/solution');
  expect(unlocked.status()).toBe(200);
  expect(await unlocked.json()).toMatchObject({ unlockedBy: 'passed', code: expect.stringContaining('export async function cacheAside') });
  // Another exercise stays locked until this learner has tried it, then asking unlocks it.
  expect((await learner.get('/api/exercises/key-builder/solution')).status()).toBe(403);
  await check(learner, 'key-builder', 'export function buildKey() { return 1; }');
  const asked = await learner.post('/api/exercises/key-builder/solution');
  expect(asked.status()).toBe(200);
  expect((await asked.json()).unlockedBy).toBe('asked');
  await learner.dispose();
});

test('POST check: the contract for good and bad input', { tag: '@serial' }, async ({ request }) => {
  const ok = await check(request, 'cache-aside', SOLUTION);
  expect(ok.status()).toBe(200);
  const report = await ok.json();
  expect(report).toMatchObject({ passed: true, checks: expect.any(Array), trace: expect.any(Array) });
  for (const c of report.checks) expect(c).toEqual({ name: expect.any(String), passed: true, message: expect.any(String) });

  const unknown = await check(request, 'no-such-exercise', 'x');
  expect(unknown.status()).toBe(404);
  expect((await unknown.json()).error.code).toBe('not_found');

  for (const data of [{}, { code: 42 }, { code: '' }, []]) {
    const bad = await request.post('/api/exercises/cache-aside/check', { data });
    expect(bad.status(), JSON.stringify(data)).toBe(400);
    expect((await bad.json()).error).toMatchObject({ code: 'bad_request', message: expect.any(String) });
  }
  const notJson = await request.post('/api/exercises/cache-aside/check', { data: '{nope', headers: { 'content-type': 'application/json' } });
  expect(notJson.status()).toBe(400);
  const huge = await check(request, 'cache-aside', 'x'.repeat(100_000));
  expect(huge.status()).toBe(413);
  const wrongMethod = await request.get('/api/exercises/cache-aside/check');
  expect(wrongMethod.status()).toBe(405);
});

/** Run `code` as the cache-aside exercise while polling /api/health from another client. */
async function whileHealthAnswers(request: APIRequestContext, code: string) {
  const started = Date.now();
  const run = check(request, 'cache-aside', code).then(async (r) => ({ status: r.status(), body: await r.json(), ms: Date.now() - started }));
  const healthTimes: number[] = [];
  let done = false;
  void run.finally(() => (done = true));
  while (!done) {
    const t = Date.now();
    const health = await request.get('/api/health', { timeout: 3_000 });
    expect(health.status()).toBe(200);
    healthTimes.push(Date.now() - t);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { ...(await run), healthTimes };
}

const attack = (body: string) => `export async function cacheAside(kv: any, key: string, load: any) {\n${body}\n}`;

test('an infinite loop gives a clear error and /api/health keeps answering', { tag: '@serial' }, async ({ request }) => {
  const { body, ms, healthTimes } = await whileHealthAnswers(request, attack('while (true) {}'));
  expect(body.passed).toBe(false);
  expect(body.error.message).toMatch(/ran too long/);
  expect(ms).toBeLessThan(5_000);
  expect(healthTimes.length).toBeGreaterThan(0);
  expect(Math.max(...healthTimes)).toBeLessThan(2_000);
});

test('a fetch to the network is refused and /api/health keeps answering', { tag: '@serial' }, async ({ request }) => {
  const { body } = await whileHealthAnswers(request, attack("await fetch('https://example.com/'); return { value: 1, cache: 'MISS' };"));
  expect(body.passed).toBe(false);
  expect(body.checks[0].message).toMatch(/not permitted to access the internet/);
  expect(body.error).toMatchObject({ kind: 'runtime', line: 2 });
});

test("another learner's keys cannot be reached, and /api/health keeps answering", { tag: '@serial' }, async ({ playwright, baseURL }) => {
  const alice = await playwright.request.newContext({ baseURL });
  const mallory = await playwright.request.newContext({ baseURL });
  // Alice caches a post; Mallory tries to read it and list everything.
  expect((await alice.get('/api/demos/cache-aside/posts/3')).status()).toBe(200);
  const { body } = await whileHealthAnswers(
    mallory,
    attack(`
      const names = [];
      for (const prefix of ['', 'learner:', '../']) names.push(...(await kv.list({ prefix })).keys.map((k: any) => k.name));
      const guess = await kv.get('../post:3');
      throw new Error('seen: ' + JSON.stringify({ names, guess }));`),
  );
  expect(body.checks[0].message).toContain('seen: {"names":[],"guess":null}');
  await alice.dispose();
  await mallory.dispose();
});

test('a syntax error is a clear failure with its position, and /api/health keeps answering', { tag: '@serial' }, async ({ request }) => {
  const { body } = await whileHealthAnswers(request, 'export async function cacheAside(kv) {\n  return {;\n}');
  expect(body.error).toMatchObject({ kind: 'syntax', line: 2, column: 11 });
  expect(body.checks.every((c: { passed: boolean }) => !c.passed)).toBe(true);
});

test('a promise that never settles, a recursion bomb and a huge allocation each end clearly', { tag: '@serial' }, async ({ request }) => {
  for (const [code, pattern] of [
    ['await new Promise(() => {});', /never settles/],
    ['function f(): void { try { f(); } catch { f(); } } f();', /ran too long/],
    ['new Array(1e9).fill(0);', /too much memory/],
  ] as const) {
    const { body, ms } = await whileHealthAnswers(request, attack(code));
    expect(body.error.message, code).toMatch(pattern);
    expect(ms, code).toBeLessThan(7_000);
  }
});
