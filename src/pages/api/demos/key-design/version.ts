import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { errorJson, methodNotAllowed } from '~/lib/http/respond';
import { readJsonObject } from '~/lib/http/parse';
import { bumpTenantPosts, TENANT_ID } from '~/lib/demos/key-design';
import { demoResponse } from '~/server/demo-response';

/** Bump a tenant's posts family to the next version: `{"tenant":"acme"}`. */
export const POST: APIRoute = async ({ request, locals }) => {
  const body = await readJsonObject(request, 1024);
  if (!body.ok) return body.response;
  const tenant = body.value.tenant;
  if (typeof tenant !== 'string' || !TENANT_ID.test(tenant)) {
    return errorJson(400, 'bad_request', '"tenant" is 1 to 32 lowercase letters, digits or dashes, like "acme".');
  }
  return demoResponse(locals, 'key-design', await bumpTenantPosts(env, locals.learner, tenant));
};

export const ALL: APIRoute = () => methodNotAllowed(['POST']);
