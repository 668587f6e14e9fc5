import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { errorJson, json, methodNotAllowed } from '~/lib/http/respond';
import { readJsonObject } from '~/lib/http/parse';
import { parseProgress } from '~/lib/workshop/validate';
import { recordProgress } from '~/lib/workshop/store';
import { notifyRoom, requireParticipant } from '~/server/workshop/http';

/**
 * The participant's progress and whereabouts, forwarded by the workshop bar from the
 * lesson pages' `kvlab:progress` events. Body: {"done"?: string[], "lesson"?, "section"?}.
 */
export const POST: APIRoute = async (context) => {
  const auth = await requireParticipant(context);
  if (!auth.ok) return auth.response;
  const { workshop, participant } = auth.value;
  if (workshop.endedAt !== null) return errorJson(409, 'conflict', 'This workshop has ended; progress is no longer recorded.');
  const body = await readJsonObject(context.request, 32 * 1024);
  if (!body.ok) return body.response;
  const update = parseProgress(body.value);
  if (!update.ok) return errorJson(400, 'bad_request', update.message);
  const result = await recordProgress(env.DB, participant, update.value);
  notifyRoom(context.locals, workshop.code);
  return json({ done: result.done.length, progressed: result.progressed });
};

export const ALL: APIRoute = () => methodNotAllowed(['POST']);
