import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { postsSummary } from '~/lib/demos/posts';
import { demoResponse } from '~/server/demo-response';

/** The cached recent-posts list and post count: the keys a delete must invalidate. */
export const GET: APIRoute = async ({ locals }) =>
  demoResponse(locals, 'invalidation', await postsSummary(env, locals.learner));
