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
 * What running an exercise needs, by slug: its checks and its reference solution, a file of
 * its own beside the statement (content/exercises/<slug>/solution.ts). Each exercise asks for
 * a variant of the lesson's worked example, so the module the lesson shows does not pass it
 * (tests/unit/exercises.test.ts holds both: the reference passes every check, the lesson's
 * module fails). Everything a learner reads about an exercise is content; a test keeps the
 * slugs here and there the same.
 */
export const EXERCISES = {
  'list-all-keys': { reference: 'content/exercises/list-all-keys/solution.ts', checks: listAllKeys },
  'cache-aside': { reference: 'content/exercises/cache-aside/solution.ts', checks: cacheAside },
  'write-through-invalidate': { reference: 'content/exercises/write-through-invalidate/solution.ts', checks: writeThroughInvalidate },
  'stale-while-revalidate': { reference: 'content/exercises/stale-while-revalidate/solution.ts', checks: staleWhileRevalidate },
  'key-builder': { reference: 'content/exercises/key-builder/solution.ts', checks: keyBuilder },
  'ttl-until-midnight': { reference: 'content/exercises/ttl-until-midnight/solution.ts', checks: ttlUntilMidnight },
  'get-cached-or-fresh': { reference: 'content/exercises/get-cached-or-fresh/solution.ts', checks: getCachedOrFresh },
  // The capstone: the patterns combined in one module for a small catalogue API.
  'product-catalogue': { reference: 'content/exercises/product-catalogue/solution.ts', checks: productCatalogue },
} as const satisfies Record<string, { reference: string; checks: Check[] }>;

export type ExerciseSlug = keyof typeof EXERCISES;
export const EXERCISE_SLUGS = Object.keys(EXERCISES) as ExerciseSlug[];

export const isExerciseSlug = (slug: string | undefined): slug is ExerciseSlug =>
  slug !== undefined && Object.hasOwn(EXERCISES, slug);

// The solutions' text, bundled into the Worker: only the solution lock hands it out.
const SOLUTIONS = import.meta.glob('../../../content/exercises/*/solution.ts', { query: '?raw', import: 'default', eager: true });

/** The reference solution's source: content/exercises/<slug>/solution.ts. */
export function referenceSource(slug: ExerciseSlug): string {
  const path = EXERCISES[slug].reference;
  const code = SOLUTIONS[`../../../${path}`];
  if (typeof code !== 'string') throw new Error(`Exercise ${slug} names ${path}, which does not exist.`);
  return code;
}

/** An exercise slug in a path: one that names no exercise is a 404. */
export const exerciseSlug = known(isExerciseSlug, (slug) => `There is no exercise "${slug}". GET /api/exercises lists them.`);
