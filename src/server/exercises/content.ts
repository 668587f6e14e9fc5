import { getCollection, type CollectionEntry } from 'astro:content';
import { EXERCISE_SLUGS, isExerciseSlug, type ExerciseSlug } from './catalog';

export type Exercise = CollectionEntry<'exercises'> & { slug: ExerciseSlug };

const STARTERS = import.meta.glob('../../../content/exercises/*/starter.ts', { query: '?raw', import: 'default', eager: true });

/** Every exercise with content, in course order; fails loudly when content and catalog disagree. */
export async function getExercises(): Promise<Exercise[]> {
  const entries = await getCollection('exercises');
  for (const entry of entries) {
    if (!isExerciseSlug(entry.id)) throw new Error(`content/exercises/${entry.id} is not in src/server/exercises/catalog.ts`);
  }
  const missing = EXERCISE_SLUGS.filter((slug) => !entries.some((e) => e.id === slug));
  if (missing.length) throw new Error(`No content for the exercises ${missing.join(', ')}`);
  return entries.map((e) => Object.assign(e, { slug: e.id as ExerciseSlug })).sort((a, b) => a.data.order - b.data.order);
}

/** The code the editor starts with. */
export function starterSource(slug: ExerciseSlug): string {
  const code = STARTERS[`../../../content/exercises/${slug}/starter.ts`];
  if (typeof code !== 'string') throw new Error(`content/exercises/${slug}/starter.ts is missing`);
  return code;
}
