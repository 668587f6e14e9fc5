import { getCollection, type CollectionEntry } from 'astro:content';
import { DEMO_IDS } from './demos';
import { referenceProblems } from './references';

export type Lesson = CollectionEntry<'lessons'> & { slug: string; order: number };

/**
 * The course in order: `03-caching-patterns.mdx` is order 3, id and URL caching-patterns.
 * Fails the build when a lesson's frontmatter and the demos/exercises its body places disagree.
 */
export async function getCourse(): Promise<Lesson[]> {
  const [entries, exercises] = await Promise.all([getCollection('lessons'), getCollection('exercises')]);
  const exerciseIds = exercises.map((e) => e.id);
  const problems: string[] = [];
  const course = entries
    .map((entry) => {
      const match = /(\d+)-[^/]+\.mdx$/.exec(entry.filePath ?? '');
      if (!match) throw new Error(`Lesson file ${entry.filePath} must be named NN-slug.mdx`);
      const front = { demos: entry.data.demos, exercises: entry.data.exercises.map((r) => r.id) };
      problems.push(...referenceProblems(entry.id, entry.body ?? '', front, DEMO_IDS, exerciseIds));
      return Object.assign(entry, { order: Number(match[1]), slug: entry.id });
    })
    .sort((a, b) => a.order - b.order);
  if (problems.length) throw new Error(`Lesson references are out of step:\n${problems.join('\n')}`);
  return course;
}

export const lessonHref = (lesson: Pick<Lesson, 'slug'>) => `/lessons/${lesson.slug}/`;
export const presenterHref = (lesson: Pick<Lesson, 'slug'>) => `/lessons/${lesson.slug}/present/`;

/** The lessons before and after `slug`, for prev/next links. */
export function neighbours(course: Lesson[], slug: string): { prev?: Lesson; next?: Lesson } {
  const i = course.findIndex((l) => l.slug === slug);
  return { prev: course[i - 1], next: course[i + 1] };
}
