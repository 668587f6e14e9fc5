import { getCollection, type CollectionEntry } from 'astro:content';

export type Lesson = CollectionEntry<'lessons'> & { slug: string; order: number };

/** The course in order: `03-caching-patterns` becomes order 3, URL /lessons/caching-patterns. */
export async function getCourse(): Promise<Lesson[]> {
  const entries = await getCollection('lessons');
  return entries
    .map((entry) => {
      const match = /^(\d+)-(.+)$/.exec(entry.id);
      if (!match) throw new Error(`Lesson file ${entry.id} must be named NN-slug.mdx`);
      return Object.assign(entry, { order: Number(match[1]), slug: match[2] });
    })
    .sort((a, b) => a.order - b.order);
}

export const lessonHref = (lesson: Pick<Lesson, 'slug'>) => `/lessons/${lesson.slug}/`;
