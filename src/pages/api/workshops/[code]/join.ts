import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { errorJson, json, methodNotAllowed } from '~/lib/http/respond';
import { readJsonObject } from '~/lib/http/parse';
import { cleanName } from '~/lib/workshop/codes';
import { joinWorkshop } from '~/lib/workshop/store';
import { setLearnerCookie } from '~/server/learner';
import { BUDGETS, spend } from '~/server/limits';
import { sessionToken, setSessionCookie } from '~/server/workshop/auth';
import { findWorkshop, isSecure, notifyRoom } from '~/server/workshop/http';
import { participantJson, workshopJson } from '~/server/workshop/present';

/**
 * Join with a display name (no account). Sets the participant's session cookie and points
 * `kvlab_learner` at the participant's own learner id, so every demo is isolated per
 * participant. Coming back (same browser) restores the same participant and namespace.
 */
export const POST: APIRoute = async (context) => {
  // Per address before anything else (also bounds guessing codes); per workshop once it is known.
  const fromAddress = await spend(BUDGETS.joinAddress, `join:${context.locals.address}`);
  if (fromAddress) return fromAddress;
  const found = await findWorkshop(context.params.code);
  if (!found.ok) return found.response;
  const workshop = found.value;
  if (workshop.endedAt !== null) return errorJson(410, 'gone', 'This workshop has ended. The course itself stays open at /.');

  const body = await readJsonObject(context.request, 4 * 1024);
  if (!body.ok) return body.response;
  const name = cleanName(body.value.name);
  if (!name.ok) return errorJson(400, 'bad_request', name.message);
  const intoWorkshop = await spend(BUDGETS.joinWorkshop, `join:${workshop.code}`);
  if (intoWorkshop) return intoWorkshop;

  const { participant, sessionToken: token, rejoined } = await joinWorkshop(env.DB, workshop.code, name.value, {
    sessionToken: sessionToken(context.cookies),
    learnerId: context.locals.learner.id,
  });
  const secure = isSecure(context.url);
  setSessionCookie(context.cookies, token, secure);
  await setLearnerCookie(context.cookies, participant.learnerId, secure);
  notifyRoom(context.locals, workshop.code);
  return json(
    { workshop: workshopJson(workshop, context.url.origin), participant: participantJson(participant), rejoined },
    rejoined ? 200 : 201,
  );
};

export const ALL: APIRoute = () => methodNotAllowed(['POST']);
