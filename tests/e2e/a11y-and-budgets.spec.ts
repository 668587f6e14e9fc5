import { expect, test as base, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expectStrictPagePolicy, useThePage, watchForProblems } from './page-policy';
import { builtPagePaths, pageSettled } from './site-pages';

// Every page of the built site (lessons, presenter views, demos, exercises with their editor,
// search with results, workshop pages, the /source/ pages of the code panels), at desktop and
// phone width, in the light and the dark theme — and, in the same visit, its page policy and
// not one CSP violation, console error or uncaught exception while it loads, hydrates and is
// used (tests/e2e/page-policy.ts).
const SOURCES = builtPagePaths().filter((p) => p.startsWith('/source/'));
const PAGES = builtPagePaths().map((p) => (p === '/search/' ? '/search/?q=cache' : p));

const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/** What a theme changes is colour: between themes, only the rules that read colours can differ. */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

// Two pages per worker, reused for every URL (no browser context per test), checking two URLs
// at a time. axe is injected once per navigation and run four times there (AxeBuilder would
// inject it for each run).
const AXE_SOURCE = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');
/** Each reused page's CSP violations, console errors and uncaught exceptions, emptied per URL. */
const problemsOf = new Map<Page, string[]>();
const test = base.extend<object, { axePages: Page[] }>({
  axePages: [
    async ({ browser }, use) => {
      const context = await browser.newContext();
      const pages = [await context.newPage(), await context.newPage()];
      for (const page of pages) problemsOf.set(page, await watchForProblems(page));
      await use(pages);
      await context.close();
    },
    { scope: 'worker' },
  ],
});

async function violations(page: Page, label: string, only: { rules: string[] } | { tags: string[] }): Promise<string[]> {
  const found = await page.evaluate(async (only) => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    const runOnly = 'rules' in only ? { type: 'rule' as const, values: only.rules } : { type: 'tag' as const, values: only.tags };
    const result = await axe.run(document, { runOnly, resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id} (${v.impact}) ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n    ')}`);
  }, only);
  return found.map((v) => `${label}: ${v}`);
}

/**
 * Every rule on the desktop light page, then what a theme or a narrow screen can change; then
 * the page is used as a reader would (theme button, a code panel, search results). Whatever it
 * logged as an error on the way is part of the report.
 */
async function auditPage(page: Page, path: string): Promise<string[]> {
  const problems = problemsOf.get(page)!;
  problems.length = 0;
  await page.setViewportSize(DESKTOP);
  await page.emulateMedia({ colorScheme: 'light' });
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  expectStrictPagePolicy(response?.headers()['content-security-policy']);
  await pageSettled(page, path);
  // Answer a prediction so the revealed feedback is checked too.
  const choice = page.locator('.predict-choice').first();
  if (await choice.count()) await choice.click();
  await page.evaluate(AXE_SOURCE);
  const report = await violations(page, `${path} desktop, light`, { tags: WCAG_22_AA });
  await page.emulateMedia({ colorScheme: 'dark' });
  report.push(...(await violations(page, `${path} desktop, dark`, { rules: COLOUR_RULES })));
  // The presenter view is for a projector, not a phone.
  if (!path.endsWith('/present/')) {
    // A narrow layout can hide, overlap or scroll what the wide one did not: every rule again.
    await page.setViewportSize(PHONE);
    report.push(...(await violations(page, `${path} phone, dark`, { tags: WCAG_22_AA })));
    await page.emulateMedia({ colorScheme: 'light' });
    report.push(...(await violations(page, `${path} phone, light`, { rules: COLOUR_RULES })));
  }
  await useThePage(page, path);
  report.push(...problems.map((p) => `${path} logged: ${p}`));
  return report;
}

/** Pages by kind (lessons, presenter views, demos, exercises, code pages, the rest). */
const KINDS: Record<string, string> = { lessons: 'lessons', demos: 'demo pages', exercises: 'exercises', source: 'code pages' };
const kindOf = (p: string) => (p.endsWith('/present/') ? 'presenter views' : (KINDS[p.split('/')[1]!] ?? 'home, search and workshop'));
const BY_KIND = new Map<string, string[]>();
for (const p of PAGES) BY_KIND.set(kindOf(p), [...(BY_KIND.get(kindOf(p)) ?? []), p]);
/** At most this many pages of a kind in one test, so that the workers share the tests out evenly. */
const PER_TEST = 9;
const GROUPS = new Map<string, string[]>();
for (const [kind, paths] of BY_KIND) {
  const size = Math.ceil(paths.length / Math.ceil(paths.length / PER_TEST));
  for (let i = 0; i < paths.length; i += size) {
    const part = size < paths.length ? `${i + 1}–${Math.min(i + size, paths.length)} of ` : '';
    GROUPS.set(`${kind} (${part}${paths.length})`, paths.slice(i, i + size));
  }
}

test.describe('every page: axe (WCAG 2.2 AA, light and dark, desktop and phone), its page policy, no CSP violation or page error', () => {
  for (const [group, paths] of GROUPS) {
    test(`no violations on the ${group}`, async ({ axePages }) => {
      test.setTimeout(paths.length * 14_000);
      const queue = [...paths];
      const report: string[] = [];
      await Promise.all(axePages.map(async (page) => {
        for (let path = queue.shift(); path; path = queue.shift()) report.push(...(await auditPage(page, path)));
      }));
      expect(report, report.join('\n')).toEqual([]);
    });
  }
});

test('the /source/ pages are complete documents: title, language, the code, a way back', async ({ page }) => {
  expect(SOURCES.length).toBeGreaterThan(20);
  for (const path of SOURCES) {
    await page.goto(path);
    const file = `src${path.slice('/source/src'.length, -1)}.ts`;
    await expect(page).toHaveTitle(`${file} · KV Caching Lab`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(file);
    await expect(page.locator('main pre.astro-code')).toBeVisible();
    await expect(page.getByRole('link', { name: 'all demos' })).toHaveAttribute('href', '/demos/');
    expect(await page.locator('main p a[href^="/demos/"]').count()).toBeGreaterThan(1);
  }
});

test('a code panel shows only the code of its source page', async ({ page }) => {
  await page.goto('/demos/ttl/');
  const panel = page.locator('details.code-panel').first();
  await expect(panel.locator('kv-source pre.astro-code')).toBeVisible();
  await expect(panel.locator('kv-source h1, kv-source header, kv-source a')).toHaveCount(0);
});

test('pages stay small: no script files without an island, little inline JS, small HTML and CSS', async ({ request }) => {
  const cssFiles = new Set<string>();
  for (const path of PAGES) {
    const html = await (await request.get(path)).text();
    expect(html.length, `${path} HTML bytes`).toBeLessThan(120_000);
    const hasIsland = html.includes('<astro-island');
    // The workshop bar's loader is the one script file every page has: outside a workshop it
    // reads one localStorage key and loads nothing more (src/components/WorkshopBar.astro).
    const external = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].filter((m) => !/\/WorkshopBar\.astro_astro_type_script/.test(m[1]!));
    if (!hasIsland) expect(external, `${path} loads script files`).toHaveLength(0);
    const inlineJs = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].reduce((n, m) => n + m[1]!.length, 0);
    // Theme, progress, copy buttons and prompts are tiny helpers; a page with an island also
    // carries Astro's island loader.
    expect(inlineJs, `${path} inline JS bytes`).toBeLessThan(hasIsland ? 12_000 : 7_000);
    for (const m of html.matchAll(/<link[^>]+href="([^"]+\.css)"/g)) cssFiles.add(m[1]!);
  }
  let css = 0;
  for (const file of cssFiles) css += (await (await request.get(file)).body()).length;
  // Lessons, demos, exercises and the workshop console together (uncompressed).
  expect(css, 'CSS bytes, all stylesheets').toBeLessThan(24_000);
});
