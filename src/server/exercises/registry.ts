import { known } from '../schemas';
import type { Check } from './check';
import { checks as cacheAside } from './checks/cache-aside';
import { checks as getCachedOrFresh } from './checks/get-cached-or-fresh';
import { checks as keyBuilder } from './checks/key-builder';
import { checks as listAllKeys } from './checks/list-all-keys';
import { checks as productCatalogue } from './checks/product-catalogue';
import { checks as staleWhileRevalidate } from './checks/stale-while-revalidate';
import { checks as ttlUntilMidnight } from './checks/ttl-until-midnight';
import { checks as writeThroughInvalidate } from './checks/write-through-invalidate';

/**
 * What running an exercise needs, by slug: its checks and its reference solution (the src/lib
 * module the lessons show, or content/exercises/<slug>/solution.ts; it passes every check —
 * tests/unit/exercises.test.ts runs it).
 * Everything a learner reads about an exercise is content (content/exercises/<slug>/); a test
 * keeps the slugs here and there the same.
 */
export const EXERCISES = {
  'list-all-keys': { reference: 'src/lib/patterns/list-all-keys.ts', checks: listAllKeys },
  'cache-aside': { reference: 'src/lib/patterns/cache-aside.ts', checks: cacheAside },
  'write-through-invalidate': { reference: 'src/lib/patterns/write-through.ts', checks: writeThroughInvalidate },
  'stale-while-revalidate': { reference: 'src/lib/patterns/stale-while-revalidate.ts', checks: staleWhileRevalidate },
  'key-builder': { reference: 'src/lib/patterns/keys.ts', checks: keyBuilder },
  'ttl-until-midnight': { reference: 'src/lib/patterns/ttl.ts', checks: ttlUntilMidnight },
  'get-cached-or-fresh': { reference: 'src/lib/patterns/get-cached-or-fresh.ts', checks: getCachedOrFresh },
  // The capstone combines the patterns in one module of its own, so its solution is content.
  'product-catalogue': { reference: 'content/exercises/product-catalogue/solution.ts', checks: productCatalogue },
} as const satisfies Record<string, { reference: string; checks: Check[] }>;

export type ExerciseSlug = keyof typeof EXERCISES;
export const EXERCISE_SLUGS = Object.keys(EXERCISES) as ExerciseSlug[];

export const isExerciseSlug = (slug: string | undefined): slug is ExerciseSlug =>
  slug !== undefined && Object.hasOwn(EXERCISES, slug);

// The real text of the reference solutions: a pattern module the lessons show, or a solution
// kept beside the exercise's content (content/exercises/<slug>/solution.ts).
const SOURCES: Record<string, unknown> = {
  ...import.meta.glob('../../lib/patterns/*.ts', { query: '?raw', import: 'default', eager: true }),
  ...import.meta.glob('../../../content/exercises/*/solution.ts', { query: '?raw', import: 'default', eager: true }),
};

/** The reference solution's source: the file the registry names, as it is in the repository. */
export function referenceSource(slug: ExerciseSlug): string {
  const path = EXERCISES[slug].reference;
  const code = SOURCES[path.replace(/^src\//, '../../').replace(/^content\//, '../../../content/')];
  if (typeof code !== 'string') throw new Error(`Exercise ${slug} names ${path}, which does not exist.`);
  return code;
}

/** An exercise slug in a path: one that names no exercise is a 404. */
export const exerciseSlug = known(isExerciseSlug, (slug) => `There is no exercise "${slug}". GET /api/exercises lists them.`);
