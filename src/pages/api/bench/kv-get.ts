import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';

/**
 * The benchmark's baseline: one KV read of the learner's `post:1` key and nothing else, so
 * `npm run bench` can measure what the cache-aside demo adds on top (timing, shaping,
 * the monitoring record) in the same runtime.
 */
export const GET: APIRoute = async ({ locals }) => {
  const value = await env.KV.get(`${locals.learner.kvPrefix}post:1`, 'json');
  return new Response(JSON.stringify({ found: value !== null }), {
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });
};
