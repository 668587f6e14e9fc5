/**
 * The Worker entry. Astro's handler serves pages and API routes; later entries (Durable
 * Objects, RPC bridges) are exported from here too, which is why this file exists at all.
 */
import { handle } from '@astrojs/cloudflare/handler';
import { refuseForeignHost } from './server/host-check';
import { withSecurityHeaders } from './server/security-headers';
import { LIVE_PATH, openLiveSocket } from './server/workshop/live';

export { WorkshopRoom } from './server/workshop/room';

export default {
  async fetch(request, env, ctx) {
    const { pathname } = new URL(request.url);
    // DNS rebinding: a host name this server does not answer for (src/server/host-check.ts).
    const foreign = refuseForeignHost(request, env);
    if (foreign) return withSecurityHeaders(foreign, pathname.startsWith('/api/'));
    // Workshop WebSockets go straight to the room: Astro would rewrap the 101 response.
    const live = LIVE_PATH.exec(pathname);
    if (live) return withSecurityHeaders(await openLiveSocket(request, env, live[1]!), true);
    return handle(request, env, ctx);
  },
} satisfies ExportedHandler<Env>;
