import type { APIRoute } from 'astro';
import { errorJson, methodNotAllowed } from '~/lib/http/respond';
import { parseId } from '~/lib/http/parse';
import { readTenantPost, TENANT_ID } from '~/lib/demos/key-design';
import { demoEnv } from '~/server/demo-env';
import { demoResponse } from '~/server/demo-response';

export const GET: APIRoute = async ({ params, locals }) => {
  const tenant = params.tenant ?? '';
  if (!TENANT_ID.test(tenant)) {
    return errorJson(400, 'bad_request', 'A tenant id is 1 to 32 lowercase letters, digits or dashes, like "acme".');
  }
  const id = parseId(params.id);
  if (id === null) return errorJson(400, 'bad_request', 'A post id is a whole number from 1 upwards.');
  const result = await readTenantPost(demoEnv(locals), locals.learner, tenant, id);
  if (result.data === null) return errorJson(404, 'not_found', `There is no post ${id}. The seed data has posts 1 to 30.`);
  return demoResponse(locals, 'key-design', result);
};

export const ALL: APIRoute = () => methodNotAllowed(['GET']);
