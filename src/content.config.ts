import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { DEMO_IDS } from './components/demos/catalog';

/**
 * The curriculum. One MDX file per lesson in content/lessons, named `NN-slug.mdx`:
 * NN orders the course, slug is the URL (/lessons/slug).
 */
const lessons = defineCollection({
  loader: glob({ base: './content/lessons', pattern: '*.mdx' }),
  schema: z
    .object({
      title: z.string().min(3).describe('Page heading, outline entry and <title>.'),
      summary: z
        .string()
        .min(20)
        .max(200)
        .describe('One sentence for the outline, search results and the meta description.'),
      minutes: z.number().int().positive().describe('Honest reading time, demos included.'),
      demos: z
        .array(z.enum(DEMO_IDS))
        .default([])
        .describe('Live demos the lesson mounts with <Live demo="…">, in page order.'),
      exercises: z
        .array(z.string())
        .default([])
        .describe('Slugs of the exercises this lesson links to, in page order.'),
    })
    .strict(),
});

export const collections = { lessons };
