import { expect, test } from '@playwright/test';
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
import { exerciseTitle, openHydrated } from './helpers';

// The capstone as a learner finishes it: the reference solution typed into the editor, every
// check passing, "Download your project", and then the downloaded project's own
// `npm install && npm test` run for real, in workerd, the way the learner runs it at home.

const SLUG = 'product-catalogue';
const run = promisify(execFile);

/** npm with this process's PATH: under `npx playwright` node_modules/.bin comes first, so Node 24 runs it. */
async function npm(cwd: string, args: string[]) {
  const started = Date.now();
  try {
    const { stdout } = await run('npm', args, { cwd, env: { ...process.env, CI: 'true', NO_COLOR: '1' }, maxBuffer: 16 * 1024 * 1024 });
    return { seconds: (Date.now() - started) / 1000, stdout };
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`npm ${args.join(' ')} failed in ${cwd}:\n${stdout?.slice(-4000)}\n${stderr?.slice(-4000)}`);
  }
}

test('the capstone passes with its reference solution, and the downloaded project installs and passes npm test', { tag: '@serial' }, async ({ page }) => {
  test.setTimeout(300_000);
  const solution = await readFile(`content/exercises/${SLUG}/solution.ts`, 'utf8');

  await openHydrated(page, `/exercises/${SLUG}/`);
  await expect(page.getByRole('heading', { level: 1, name: `Exercise: ${exerciseTitle(SLUG)}`, exact: true })).toBeVisible();
  await expect(page.getByText('appears below the editor')).toBeVisible();
  // Not passed yet: no button, and the endpoint says why.
  await expect(page.getByRole('button', { name: 'Download your project' })).toHaveCount(0);
  const refused = await page.request.get(`/api/exercises/${SLUG}/project`);
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe('not_passed');
  expect((await (await page.request.get('/api/exercises/cache-aside/project')).json()).error.code).toBe('not_found');
  expect((await page.request.get('/api/exercises/no-such-exercise/project')).status()).toBe(404);
  expect((await page.request.post(`/api/exercises/${SLUG}/project`, { data: {} })).status()).toBe(405);

  const editor = page.getByRole('textbox', { name: 'Your code (TypeScript)' });
  await expect(editor).toContainText('export async function listProducts');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(solution);
  await page.getByRole('button', { name: 'Run checks' }).click();
  await expect(page.getByRole('heading', { name: 'All checks pass' })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('check').filter({ hasText: 'Failed:' })).toHaveCount(0);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download your project' }).click()]);
  expect(download.suggestedFilename()).toBe(`${SLUG}.zip`);
  await expect(page.getByRole('status').filter({ hasText: `Downloaded ${SLUG}.zip` })).toBeVisible();
  const zipPath = await download.path();
  const files = unzipSync(new Uint8Array(await readFile(zipPath)));

  // Everything in one folder; the learner's module is the code that passed, as typed.
  const names = Object.keys(files);
  expect(names.every((n) => n.startsWith(`${SLUG}/`))).toBe(true);
  for (const file of ['package.json', 'wrangler.toml', 'README.md', 'src/index.ts', 'src/catalogue.ts', 'migrations/0001_create_products.sql']) {
    expect(names).toContain(`${SLUG}/${file}`);
  }
  expect(strFromU8(files[`${SLUG}/src/catalogue.ts`]!)).toContain(solution.trim());

  const root = await mkdtemp(join(tmpdir(), 'kvlab-project-'));
  try {
    for (const [name, bytes] of Object.entries(files)) {
      if (name.endsWith('/')) continue;
      const target = join(root, name);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, bytes);
    }
    const project = join(root, SLUG);
    const install = await npm(project, ['install', '--no-audit', '--no-fund', '--prefer-offline']);
    const tests = await npm(project, ['test']);
    expect(tests.stdout).toMatch(/Tests\s+\d+ passed/);
    expect(tests.stdout).not.toMatch(/failed/);
    console.log(`downloaded project: npm install ${install.seconds.toFixed(1)} s, npm test ${tests.seconds.toFixed(1)} s`);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
