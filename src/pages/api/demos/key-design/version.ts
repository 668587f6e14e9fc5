import { bumpTenantPosts } from '~/lib/demos/key-design';
import { endpoint, method, tenantId } from '~/server/endpoint';

/** Bump a tenant's posts family to the next version: `{"tenant":"acme"}`. */
export const { POST, ALL } = endpoint({
  POST: method({
    body: { tenant: tenantId() },
    bodyLimit: 1024,
    demo: 'key-design',
    handler: ({ body, learner, bindings }) => bumpTenantPosts(bindings, learner, body.tenant),
  }),
});
