/**
 * Every exercise, by slug: which src/lib module is its reference solution and which of its
 * exports the learner writes. The statement, starter code and hints are content
 * (content/exercises/<slug>/); the checks are in ./checks/. One list, so that pages, the
 * API and tests agree on what exists. No Worker-only imports: pages read it at build time.
 */
export const EXERCISES = {
  'cache-aside': { reference: 'src/lib/patterns/cache-aside.ts', exports: ['cacheAside'] },
  'write-through-invalidate': { reference: 'src/lib/patterns/write-through.ts', exports: ['writeThrough'] },
  'stale-while-revalidate': { reference: 'src/lib/patterns/stale-while-revalidate.ts', exports: ['staleWhileRevalidate'] },
  'key-builder': { reference: 'src/lib/patterns/keys.ts', exports: ['buildKey', 'versionedKey', 'tenantKey'] },
  'ttl-until-midnight': { reference: 'src/lib/patterns/ttl.ts', exports: ['secondsUntilMidnightUtc'] },
  'get-cached-or-fresh': { reference: 'src/lib/patterns/get-cached-or-fresh.ts', exports: ['getCachedOrFresh'] },
  'list-all-keys': { reference: 'src/lib/patterns/list-all-keys.ts', exports: ['listAllKeys'] },
} as const satisfies Record<string, { reference: string; exports: readonly string[] }>;

export type ExerciseSlug = keyof typeof EXERCISES;
export const EXERCISE_SLUGS = Object.keys(EXERCISES) as ExerciseSlug[];

export const isExerciseSlug = (slug: string | undefined): slug is ExerciseSlug =>
  slug !== undefined && Object.hasOwn(EXERCISES, slug);

// The real text of the pattern modules, read at build time: the reference solution the
// sandbox runs and the learner compares against is the file the lessons show.
const PATTERNS = import.meta.glob('../../lib/patterns/*.ts', { query: '?raw', import: 'default', eager: true });

/** The reference solution's source: the src/lib module itself. */
export function referenceSource(slug: ExerciseSlug): string {
  const path = EXERCISES[slug].reference;
  const code = PATTERNS[path.replace(/^src\/lib\//, '../../lib/')];
  if (typeof code !== 'string') throw new Error(`Exercise ${slug} names ${path}, which does not exist.`);
  return code;
}

export const exerciseHref = (slug: ExerciseSlug) => `/exercises/${slug}/`;
