/**
 * The Worker entry. Astro's handler serves pages and API routes; later entries (Durable
 * Objects, RPC bridges) are exported from here too, which is why this file exists at all.
 */
import { handle } from '@astrojs/cloudflare/handler';
import { withSecurityHeaders } from './server/security-headers';
import { LIVE_PATH, openLiveSocket } from './server/workshop/live';

export { WorkshopRoom } from './server/workshop/room';

export default {
  async fetch(request, env, ctx) {
    // Workshop WebSockets go straight to the room: Astro would rewrap the 101 response.
    const live = LIVE_PATH.exec(new URL(request.url).pathname);
    if (live) return withSecurityHeaders(await openLiveSocket(request, env, live[1]!), true);
    return handle(request, env, ctx);
  },
} satisfies ExportedHandler<Env>;
