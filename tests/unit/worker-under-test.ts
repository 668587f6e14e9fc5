// The tests import src/lib modules directly; the runner only needs some Worker to host them.
export default {
  fetch: () => new Response('test runner'),
} satisfies ExportedHandler;
