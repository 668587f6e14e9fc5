import { readTenantPost } from '~/lib/demos/key-design';
import { errorJson } from '~/lib/http/respond';
import { endpoint, method, postId, tenantId } from '~/server/endpoint';

export const { GET, ALL } = endpoint({
  GET: method({
    params: { tenant: tenantId('A tenant id is 1 to 32 lowercase letters, digits or dashes, like "acme".'), id: postId },
    demo: 'key-design',
    handler: async ({ params, learner, bindings }) => {
      const result = await readTenantPost(bindings, learner, params.tenant, params.id);
      return result.data === null ? errorJson(404, 'not_found', `There is no post ${params.id}. The seed data has posts 1 to 30.`) : result;
    },
  }),
});
