import { defineCollection, reference } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { DEMO_IDS } from './course/demos';

/**
 * The curriculum. One MDX file per lesson in content/lessons, named `NN-slug.mdx`:
 * NN orders the course; slug is the lesson's id (what exercises and the workshop name it by)
 * and its URL (/lessons/slug/), so renumbering lessons changes no reference.
 *
 * In the body, lessons may use these components without importing them:
 * `<Live demo="id">…</Live>` (a section with its live demo beside it), `<Exercise slug="…" />`,
 * `<Predict id question choices check? />`, `<Reflect id prompt />` and, last in every lesson,
 * `<Remember>` around a 3–5 point Markdown list.
 */
const lessons = defineCollection({
  loader: glob({
    base: './content/lessons',
    pattern: '*.mdx',
    generateId: ({ entry }) => entry.replace(/^\d+-/, '').replace(/\.mdx$/, ''),
  }),
  schema: z
    .object({
      title: z.string().min(3).describe('Page heading, outline entry and <title>.'),
      summary: z
        .string()
        .min(20)
        .max(200)
        .describe('One sentence for the outline, search results and the meta description.'),
      minutes: z.number().int().positive().describe('Honest reading time, demos included.'),
      goals: z
        .array(z.string().min(10))
        .min(2)
        .max(5)
        .describe('What the learner can do after the lesson, shown under the heading. Start each with a verb.'),
      demos: z
        .array(z.enum(DEMO_IDS))
        .default([])
        .describe(
          'Live demos the lesson mounts with <Live demo="…">, in page order. Planned demos are allowed: their slot says the demo is not built yet.',
        ),
      exercises: z
        .array(reference('exercises'))
        .default([])
        .describe('Exercises the lesson places with <Exercise slug="…" />, in page order: folder names in content/exercises.'),
    })
    .strict(),
});

/**
 * Exercises, the one place each is described: one folder per exercise in
 * content/exercises/<slug>/ holding `index.md` (title, lesson, order, statement, hints) and
 * `starter.ts` (the code the editor opens with; its exported functions are what the learner
 * writes), and `solution.ts` (the reference solution, handed out only by the solution lock). The
 * folder name is the slug. The checks are code: src/server/exercises/registry.ts, keyed by the
 * same slug (a test keeps the two in step).
 */
const exercises = defineCollection({
  loader: glob({
    base: './content/exercises',
    pattern: '*/index.md',
    generateId: ({ entry }) => entry.split('/')[0]!,
  }),
  schema: z
    .object({
      title: z.string().min(3).describe('Page heading, exercise list entry and <title>.'),
      summary: z.string().min(20).max(200).describe('One sentence: what the learner builds.'),
      order: z.number().int().positive().describe('Position in the list of exercises; follows the order of the lessons.'),
      lesson: reference('lessons').describe('The lesson that teaches the pattern (its slug); it places the exercise with <Exercise slug>.'),
      hints: z
        .array(z.string().min(10))
        .min(1)
        .describe('Revealed one at a time, from a nudge to nearly the answer. Markdown inline code allowed.'),
    })
    .strict(),
});

export const collections = { lessons, exercises };
