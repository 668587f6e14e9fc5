import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { errorJson, methodNotAllowed } from '~/lib/http/respond';
import { readJsonObject } from '~/lib/http/parse';
import { booleanField } from '~/lib/http/fields';
import { isSimulatedUser, signIn } from '~/lib/demos/anti-patterns';
import { demoResponse } from '~/server/demo-response';

/** `{"user":"alice","scoped":false}` — a simulated user signs in and their profile is cached. */
export const POST: APIRoute = async ({ request, locals }) => {
  const body = await readJsonObject(request, 1024);
  if (!body.ok) return body.response;
  if (!isSimulatedUser(body.value.user)) return errorJson(400, 'bad_request', '"user" must be "alice" or "bob".');
  const scoped = booleanField(body.value, 'scoped');
  if (!scoped.ok) return errorJson(400, 'bad_request', scoped.message);
  return demoResponse(locals, 'anti-patterns', await signIn(env, locals.learner, body.value.user, scoped.value));
};

export const ALL: APIRoute = () => methodNotAllowed(['POST']);
