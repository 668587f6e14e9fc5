import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { builtPagePaths } from './site-pages';

// Every page of the course: home, search (with results), each lesson and its presenter view.
// Lessons come from content/lessons (NN-slug.mdx), the same files the site is built from; the
// course spec checks that each one is reachable from the outline. Then the /source/ pages the
// code panels fetch, which a code panel's link opens as pages of their own without JavaScript.
const LESSONS = readdirSync('content/lessons')
  .map((f) => /^\d+-(.+)\.mdx$/.exec(f)?.[1])
  .filter((slug): slug is string => !!slug)
  .map((slug) => `/lessons/${slug}/`);
const SOURCES = builtPagePaths().filter((p) => p.startsWith('/source/'));
const PAGES = ['/', '/search/?q=cache', ...LESSONS, ...LESSONS.map((l) => `${l}present/`), ...SOURCES];

const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

// Every page in the light theme. The dark palette is the same stylesheet on every page, so it is
// checked on every page except the presenter views (the lessons again, in larger type), which
// keeps the suite within its time budget.
for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`axe, WCAG 2.2 AA, ${colorScheme} theme`, () => {
    test.use({ colorScheme });
    for (const path of PAGES.filter((p) => colorScheme === 'light' || !p.endsWith('/present/'))) {
      test(`no violations on ${path}`, async ({ page }) => {
        await page.goto(path);
        if (path.startsWith('/search/')) await expect(page.locator('[data-search-results] li').first()).toBeVisible();
        // Answer a prediction so the revealed feedback is checked too.
        const choice = page.locator('.predict-choice').first();
        if (await choice.count()) await choice.click();
        const { violations } = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
        const report = violations.map(
          (v) => `${v.id} (${v.impact}) ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n    ')}`,
        );
        expect(report, report.join('\n')).toEqual([]);
      });
    }
  });
}

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
