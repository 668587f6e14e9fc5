import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { errorJson, methodNotAllowed } from '~/lib/http/respond';
import { booleanParam } from '~/lib/http/fields';
import { isSimulatedUser, viewProfile } from '~/lib/demos/anti-patterns';
import { demoResponse } from '~/server/demo-response';

/** `?user=alice&scoped=false` — the profile page as that simulated user would see it. */
export const GET: APIRoute = async ({ url, locals }) => {
  const user = url.searchParams.get('user');
  if (!isSimulatedUser(user)) return errorJson(400, 'bad_request', '"user" must be "alice" or "bob".');
  const scoped = booleanParam(url.searchParams, 'scoped', true);
  if (!scoped.ok) return errorJson(400, 'bad_request', scoped.message);
  return demoResponse(locals, 'anti-patterns', await viewProfile(env, locals.learner, user, scoped.value));
};

export const ALL: APIRoute = () => methodNotAllowed(['GET']);
