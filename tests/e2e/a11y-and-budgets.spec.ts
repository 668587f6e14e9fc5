import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext } from '@playwright/test';

// Every page of the course, found the way a visitor finds them: from the home page's outline.
async function coursePages(request: APIRequestContext): Promise<string[]> {
  const home = await (await request.get('/')).text();
  const lessons = [...new Set([...home.matchAll(/href="(\/lessons\/[^"/]+\/)"/g)].map((m) => m[1]!))];
  expect(lessons).toHaveLength(9);
  return ['/', '/search/?q=cache', ...lessons, ...lessons.map((l) => `${l}present/`)];
}

// Every page in the light theme. The dark palette is the same stylesheet on every page, so it is
// checked on every page except the presenter views (the lessons again, in larger type), which
// keeps the suite within its time budget.
for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe finds no WCAG 2.2 AA violations on ${colorScheme === 'light' ? 'any page' : 'any page but the presenter views'} (${colorScheme})`, async ({ browser, request }) => {
    test.setTimeout(120_000);
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    const failures: string[] = [];
    const pages = (await coursePages(request)).filter((p) => colorScheme === 'light' || !p.endsWith('/present/'));
    for (const path of pages) {
      await page.goto(path);
      if (path.startsWith('/search/')) await expect(page.locator('[data-search-results] li').first()).toBeVisible();
      // Answer a prediction so the revealed feedback is checked too.
      const choice = page.locator('.predict-choice').first();
      if (await choice.count()) await choice.click();
      const { violations } = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
        .analyze();
      for (const v of violations) {
        failures.push(`${path}: ${v.id} (${v.impact}) ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n    ')}`);
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
    await context.close();
  });
}

test('pages stay small: no script files without an island, little inline JS, small HTML and CSS', async ({ request }) => {
  const cssFiles = new Set<string>();
  for (const path of await coursePages(request)) {
    const html = await (await request.get(path)).text();
    expect(html.length, `${path} HTML bytes`).toBeLessThan(120_000);
    const hasIsland = html.includes('<astro-island');
    const external = [...html.matchAll(/<script[^>]*\ssrc=/g)];
    if (!hasIsland) expect(external, `${path} loads script files`).toHaveLength(0);
    const inlineJs = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].reduce((n, m) => n + m[1]!.length, 0);
    // Theme, progress, copy buttons and prompts are tiny helpers; a page with an island also
    // carries Astro's island loader.
    expect(inlineJs, `${path} inline JS bytes`).toBeLessThan(hasIsland ? 12_000 : 7_000);
    for (const m of html.matchAll(/<link[^>]+href="([^"]+\.css)"/g)) cssFiles.add(m[1]!);
  }
  let css = 0;
  for (const file of cssFiles) css += (await (await request.get(file)).body()).length;
  expect(css, 'CSS bytes, all stylesheets').toBeLessThan(20_000);
});
