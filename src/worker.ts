/**
 * The Worker entry. Astro's handler serves pages and API routes; later entries (Durable
 * Objects, RPC bridges) are exported from here too, which is why this file exists at all.
 */
import { handle } from '@astrojs/cloudflare/handler';

export default {
  fetch: handle,
} satisfies ExportedHandler<Env>;
