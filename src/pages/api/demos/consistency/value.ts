import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { errorJson, methodNotAllowed } from '~/lib/http/respond';
import { readJsonObject, stringField } from '~/lib/http/parse';
import { clearStore, readStore, writeStore } from '~/lib/demos/consistency';
import { demoResponse } from '~/server/demo-response';

// The store behind the consistency model: real KV reads and writes of one learner-scoped key.

export const GET: APIRoute = async ({ locals }) => demoResponse(locals, 'consistency', await readStore(env, locals.learner));

/** `{"value":"hello"}` */
export const PUT: APIRoute = async ({ request, locals }) => {
  const body = await readJsonObject(request, 1024);
  if (!body.ok) return body.response;
  const value = stringField(body.value, 'value', { max: 200 });
  if (!value.ok) return errorJson(400, 'bad_request', value.message);
  return demoResponse(locals, 'consistency', await writeStore(env, locals.learner, value.value!));
};

export const DELETE: APIRoute = async ({ locals }) => demoResponse(locals, 'consistency', await clearStore(env, locals.learner));

export const ALL: APIRoute = () => methodNotAllowed(['GET', 'PUT', 'DELETE']);
