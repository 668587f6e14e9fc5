import { getCollection, type CollectionEntry } from 'astro:content';

/**
 * The exercises, as content/exercises describes them: the one place an exercise's title,
 * lesson, order and hints are written. Pages and the API read them from here; the checks live
 * in src/server/exercises/registry.ts under the same slug, which alone reads solution.ts.
 */
export type Exercise = CollectionEntry<'exercises'> & { slug: string };

// Only the names: an exercise with a project template offers "Download your project" once passed.
const PROJECTS = import.meta.glob('../../content/exercises/*/project/package.json');

const STARTERS = import.meta.glob('../../content/exercises/*/starter.ts', { query: '?raw', import: 'default', eager: true });

/** Every exercise, in course order. */
export async function getExercises(): Promise<Exercise[]> {
  const entries = await getCollection('exercises');
  return entries.map((e) => Object.assign(e, { slug: e.id })).sort((a, b) => a.data.order - b.data.order);
}

export const exerciseHref = (slug: string) => `/exercises/${slug}/`;

/** The code the editor starts with. */
export function starterSource(slug: string): string {
  const code = STARTERS[`../../content/exercises/${slug}/starter.ts`];
  if (typeof code !== 'string') throw new Error(`content/exercises/${slug}/starter.ts is missing`);
  return code;
}

/** The functions the learner writes: what the starter exports. */
export function starterExports(slug: string): string[] {
  return [...starterSource(slug).matchAll(/^export\s+(?:async\s+)?function\s+([A-Za-z_$][\w$]*)/gm)].map((m) => m[1]!);
}

/** The exercise has a Worker project to download (content/exercises/<slug>/project/). */
export const hasProjectDownload = (slug: string) => Object.hasOwn(PROJECTS, `../../content/exercises/${slug}/project/package.json`);
