import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { json, methodNotAllowed } from '~/lib/http/respond';
import { startHerdRun } from '~/lib/workshop/herd';
import { instructorWorkshop, optionalJson, roomOf } from '~/server/workshop/http';

/**
 * "Everyone fetch the cold key now": {"coalesce": false} shows the thundering herd (every
 * miss loads the origin), {"coalesce": true} the same room with request coalescing.
 */
export const POST: APIRoute = async (context) => {
  const found = await instructorWorkshop(context);
  if (!found.ok) return found.response;
  const body = await optionalJson(context.request);
  if (!body.ok) return body.response;
  const coalesce = body.value.coalesce === true;
  const { code } = found.value;
  const run = await startHerdRun(env.DB, code, coalesce);
  const delivered = await roomOf(code).broadcast(code, { type: 'herd', run: run.run });
  return json({ ...run, delivered });
};

export const ALL: APIRoute = () => methodNotAllowed(['POST']);
