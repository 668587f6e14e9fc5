import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { errorJson, methodNotAllowed } from '~/lib/http/respond';
import { readJsonObject, stringField } from '~/lib/http/parse';
import { booleanField, booleanParam } from '~/lib/http/fields';
import { readTenantConfig, saveTenantConfig, TENANT_ID } from '~/lib/demos/key-design';
import { demoResponse } from '~/server/demo-response';

const TENANT_MESSAGE = '"tenant" is 1 to 32 lowercase letters, digits or dashes, like "acme".';

/** `?tenant=acme&namespaced=false` — read the tenant's configuration back. */
export const GET: APIRoute = async ({ url, locals }) => {
  const tenant = url.searchParams.get('tenant') ?? '';
  if (!TENANT_ID.test(tenant)) return errorJson(400, 'bad_request', TENANT_MESSAGE);
  const namespaced = booleanParam(url.searchParams, 'namespaced', true);
  if (!namespaced.ok) return errorJson(400, 'bad_request', namespaced.message);
  return demoResponse(locals, 'key-design', await readTenantConfig(env, locals.learner, tenant, namespaced.value));
};

/** `{"tenant":"acme","theme":"orange","namespaced":false}` — save it under `config` or `tenant:acme:config`. */
export const PUT: APIRoute = async ({ request, locals }) => {
  const body = await readJsonObject(request, 1024);
  if (!body.ok) return body.response;
  const tenant = body.value.tenant;
  if (typeof tenant !== 'string' || !TENANT_ID.test(tenant)) return errorJson(400, 'bad_request', TENANT_MESSAGE);
  const theme = stringField(body.value, 'theme', { max: 40 });
  if (!theme.ok) return errorJson(400, 'bad_request', theme.message);
  const namespaced = booleanField(body.value, 'namespaced');
  if (!namespaced.ok) return errorJson(400, 'bad_request', namespaced.message);
  return demoResponse(
    locals,
    'key-design',
    await saveTenantConfig(env, locals.learner, tenant, theme.value!, namespaced.value),
  );
};

export const ALL: APIRoute = () => methodNotAllowed(['GET', 'PUT']);
