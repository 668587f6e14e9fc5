import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { errorJson, json, methodNotAllowed } from '~/lib/http/respond';
import { readJsonObject } from '~/lib/http/parse';
import { parseAnswer } from '~/lib/workshop/validate';
import { recordAnswer } from '~/lib/workshop/store';
import { notifyRoom, requireParticipant } from '~/server/workshop/http';

/** An answer to a prediction or reflection question: {"kind":"predict"|"reflect","id","value"}. */
export const POST: APIRoute = async (context) => {
  const auth = await requireParticipant(context);
  if (!auth.ok) return auth.response;
  const { workshop, participant } = auth.value;
  if (workshop.endedAt !== null) return errorJson(409, 'conflict', 'This workshop has ended; answers are no longer recorded.');
  const body = await readJsonObject(context.request, 4 * 1024);
  if (!body.ok) return body.response;
  const answer = parseAnswer(body.value);
  if (!answer.ok) return errorJson(400, 'bad_request', answer.message);
  await recordAnswer(env.DB, participant, answer.value);
  notifyRoom(context.locals, workshop.code);
  return json({ recorded: true });
};

export const ALL: APIRoute = () => methodNotAllowed(['POST']);
