/**
 * Every exercise the course knows, by slug. A lesson lists the ones it links to in its
 * frontmatter (`exercises: [slug…]`) and places each with `<Exercise slug="…" />` at the end
 * of the section it practises. Switching an exercise from `planned` to `ready` turns its slot
 * into a link to /exercises/<slug>/ on every page at once; no lesson needs editing.
 */
export const EXERCISES = {
  'list-all-keys': {
    title: 'List every key under a prefix',
    lesson: 'basic-operations',
    status: 'ready',
  },
  'cache-aside': {
    title: 'Write cache-aside yourself',
    lesson: 'caching-patterns',
    status: 'ready',
  },
  'write-through-invalidate': {
    title: 'Write-through with invalidation of derived keys',
    lesson: 'caching-patterns',
    status: 'ready',
  },
  'stale-while-revalidate': {
    title: 'Stale-while-revalidate with a background refresh',
    lesson: 'caching-patterns',
    status: 'ready',
  },
  'key-builder': {
    title: 'A key builder that cannot collide',
    lesson: 'key-design',
    status: 'ready',
  },
  'ttl-until-midnight': {
    title: 'Expire at midnight UTC, never under 60 seconds',
    lesson: 'ttl-strategies',
    status: 'ready',
  },
  'get-cached-or-fresh': {
    title: 'A cache that never breaks the request',
    lesson: 'error-handling',
    status: 'ready',
  },
} as const satisfies Record<string, ExerciseEntry>;

export interface ExerciseEntry {
  /** What the learner builds, as the slot and the exercise page title it. */
  title: string;
  /** Slug of the lesson whose section the exercise practises. */
  lesson: string;
  /** `planned`: the slot says it is coming. `ready`: the slot links to /exercises/<slug>/. */
  status: 'planned' | 'ready';
}

export type ExerciseSlug = keyof typeof EXERCISES;
export const EXERCISE_SLUGS = Object.keys(EXERCISES) as [ExerciseSlug, ...ExerciseSlug[]];

export const exerciseHref = (slug: ExerciseSlug) => `/exercises/${slug}/`;
