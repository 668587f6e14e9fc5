// The tests import src/lib modules directly; the runner only needs some Worker to host them,
// plus the Durable Object classes wrangler.toml declares.
export { WorkshopRoom } from '../../src/server/workshop/room';

export default {
  fetch: () => new Response('test runner'),
} satisfies ExportedHandler;
