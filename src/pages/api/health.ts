import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { json } from '~/lib/http/respond';
import { checkHealth } from '~/lib/health';

export const GET: APIRoute = async () => {
  const health = await checkHealth(env.KV, env.DB);
  return json(health, health.ok ? 200 : 503);
};
