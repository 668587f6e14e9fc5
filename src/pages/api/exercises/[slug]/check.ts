import { z } from 'astro/zod';
import { env } from 'cloudflare:workers';
import { endpoint, method } from '~/server/endpoint';
import { exerciseSlug } from '~/server/exercises/registry';
import { checkSubmission } from '~/server/exercises/run';
import { MAX_SOURCE_BYTES } from '~/server/sandbox/compile';

const CODE = 'Send {"code": "…"} with your code as a non-empty string.';

export const { POST, ALL } = endpoint({
  POST: method({
    params: { slug: exerciseSlug },
    body: { code: z.string({ error: CODE }).refine((code) => code.trim() !== '', CODE) },
    // A little more than the largest code accepted, for JSON escaping.
    bodyLimit: 4 * MAX_SOURCE_BYTES,
    handler: ({ params, body, learner, context }) => checkSubmission(env, learner, context.locals.address, params.slug, body.code),
  }),
});
