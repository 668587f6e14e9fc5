import { env } from 'cloudflare:workers';
import { checkHealth } from '~/lib/health';
import { json } from '~/lib/http/respond';
import { endpoint, method } from '~/server/endpoint';

export const { GET, ALL } = endpoint({
  GET: method({
    handler: async () => {
      const health = await checkHealth(env.KV, env.DB);
      return json(health, health.ok ? 200 : 503);
    },
  }),
});
