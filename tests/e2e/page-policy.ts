import { expect, type Page } from '@playwright/test';

// What every page of the site must hold to as it loads and runs: the strict page policy, and
// not one CSP violation, console error or uncaught exception while its scripts run (theme,
// outline, progress, islands, code panels, search). The sweep over every built page is in
// a11y-and-budgets.spec.ts, which visits each page once for axe and for this.

/** Directives of a policy, by name. */
export function directives(policy: string | undefined): Map<string, string[]> {
  expect(policy, 'a Content-Security-Policy header').toBeTruthy();
  return new Map(
    policy!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

/** One page policy without 'unsafe-inline' or 'unsafe-eval' for scripts, talking only to itself. */
export function expectStrictPagePolicy(policy: string | undefined) {
  const d = directives(policy);
  expect(d.get('script-src')).toEqual(expect.arrayContaining(["'self'"]));
  expect(d.get('script-src')).not.toContain("'unsafe-inline'");
  expect(d.get('script-src')).not.toContain("'unsafe-eval'");
  expect(d.get('connect-src')).toEqual(["'self'"]);
  expect(d.get('object-src')).toEqual(["'none'"]);
  expect(d.get('base-uri')).toEqual(["'none'"]);
  expect(d.get('frame-ancestors')).toEqual(["'none'"]);
}

/**
 * Record CSP violations (the DOM event), console errors and uncaught exceptions of `page`,
 * from its next navigation on, into the returned list (empty it between pages to reuse one).
 */
export async function watchForProblems(page: Page): Promise<string[]> {
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

/**
 * What a reader does first on a page, which runs the scripts the page load did not: the theme
 * button switches the theme (then the theme is left to the system again), a code panel fetches
 * its highlighted source when opened, search lists its results.
 */
export async function useThePage(page: Page, path: string) {
  const toggle = page.locator('[data-theme-toggle]');
  if (await toggle.count()) {
    await expect(toggle).toBeVisible();
    await toggle.click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', /^(light|dark)$/);
    await page.evaluate(() => localStorage.removeItem('kvlab:theme'));
  }
  const panel = page.locator('details.code-panel:visible').first();
  if (await panel.count()) {
    await panel.scrollIntoViewIfNeeded(); // panels load when open and on screen
    if (!(await panel.evaluate((d: HTMLDetailsElement) => d.open))) await panel.locator('summary').click();
    await expect(panel.locator('kv-source pre.astro-code')).toBeVisible();
  }
  if (path.startsWith('/search/')) await expect(page.locator('[data-search-results] li').first()).toBeVisible();
}
