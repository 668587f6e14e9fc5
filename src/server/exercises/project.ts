import { projectFiles, zipProject, type ProjectFiles } from '~/lib/project/worker-project';
import { HttpError } from '../endpoint';
import type { ExerciseSlug } from './registry';

/**
 * GET /api/exercises/:slug/project: the learner's Worker project, for an exercise that has a
 * project template (content/exercises/<slug>/project/), once the learner has passed it. The
 * code in it is the learner's last passing run, kept by recordResult (run.ts).
 */

// The template's real files, read raw at build time (the dotfile needs its own pattern).
const TEMPLATE_FILES = {
  ...import.meta.glob('../../../content/exercises/*/project/**/*', { query: '?raw', import: 'default', eager: true }),
  ...import.meta.glob('../../../content/exercises/*/project/.gitignore', { query: '?raw', import: 'default', eager: true }),
} as Record<string, string>;

const TEMPLATE_PATH = /^\.\.\/\.\.\/\.\.\/content\/exercises\/([^/]+)\/project\/(.+)$/;

/** Each project template by exercise slug, as project-relative path → text. */
export const PROJECT_TEMPLATES: Record<string, ProjectFiles> = {};
for (const [path, text] of Object.entries(TEMPLATE_FILES)) {
  const [, slug, file] = TEMPLATE_PATH.exec(path) ?? [];
  if (!slug || !file) continue;
  (PROJECT_TEMPLATES[slug] ??= {})[file] = text;
}

export const hasProject = (slug: string) => Object.hasOwn(PROJECT_TEMPLATES, slug);

const PASSING_CODE = 'SELECT code, passed_at FROM passing_code WHERE learner_id = ?1 AND slug = ?2';

/** The zip of the learner's project, or a 404 (no project for this exercise) or 403 (not passed yet). */
export async function downloadProject(db: D1Database, learnerId: string, slug: ExerciseSlug): Promise<Response> {
  const template = PROJECT_TEMPLATES[slug];
  if (!template) throw new HttpError(404, 'not_found', `The exercise "${slug}" has no project to download; the capstone, product-catalogue, has.`);
  const row = await db.prepare(PASSING_CODE).bind(learnerId, slug).first<{ code: string; passed_at: number }>();
  if (!row) {
    throw new HttpError(403, 'not_passed', 'Your project is built from your passing code: pass every check of this exercise first, then download it.');
  }
  const passedAt = new Date(row.passed_at);
  const zip = zipProject(slug, projectFiles(template, row.code, passedAt), passedAt);
  return new Response(zip, {
    headers: {
      'content-type': 'application/zip',
      'content-disposition': `attachment; filename="${slug}.zip"`,
      'cache-control': 'private, no-store',
    },
  });
}
