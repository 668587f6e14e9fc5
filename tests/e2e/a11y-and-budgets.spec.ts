import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { readdirSync } from 'node:fs';

// Every page of the course: home, search (with results), each lesson and its presenter view.
// Lessons come from content/lessons (NN-slug.mdx), the same files the site is built from; the
// course spec checks that each one is reachable from the outline.
const LESSONS = readdirSync('content/lessons')
  .map((f) => /^\d+-(.+)\.mdx$/.exec(f)?.[1])
  .filter((slug): slug is string => !!slug)
  .map((slug) => `/lessons/${slug}/`);
const PAGES = ['/', '/search/?q=cache', ...LESSONS, ...LESSONS.map((l) => `${l}present/`)];

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
