import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { errorJson, json, methodNotAllowed } from '~/lib/http/respond';
import { parseId } from '~/lib/http/parse';
import { isLocalHost, modelDelayMs, modelLocation, readRound, recordSighting } from '~/lib/workshop/propagation';
import { notifyRoom, requireParticipant } from '~/server/workshop/http';

/**
 * A participant's browser polls this until it sees the round's value. Deployed, the answer
 * comes from the location serving this browser (`request.cf.colo`); locally the location
 * and its delay come from the labelled model (`simulated: true`).
 */
export const GET: APIRoute = async (context) => {
  const auth = await requireParticipant(context);
  if (!auth.ok) return auth.response;
  const { workshop, participant } = auth.value;
  const round = parseId(context.params.round);
  if (round === null || round > workshop.propagationRound) {
    return errorJson(404, 'not_found', 'The instructor has not started this propagation round.');
  }
  const writtenAt = round === workshop.propagationRound ? workshop.propagationWrittenAt : null;
  if (writtenAt === null) return json({ round, seen: false, over: true });

  const now = Date.now();
  const value = await readRound(env.KV, workshop.code);
  const local = isLocalHost(context.url.hostname);
  const cf = (context.request as Request<unknown, IncomingRequestCfProperties>).cf;
  const colo = local ? modelLocation(participant.id) : (cf?.colo ?? 'unknown');
  let seen = value !== null && value.round >= round;
  if (local) seen &&= now - writtenAt >= modelDelayMs(round, colo);

  if (seen) {
    const first = await recordSighting(env.DB, {
      code: workshop.code,
      round,
      participantId: participant.id,
      colo,
      simulated: local,
      visibleMs: now - writtenAt,
    });
    if (first) notifyRoom(context.locals, workshop.code);
  }
  return json({ round, seen, colo, simulated: local, ageMs: now - writtenAt });
};

export const ALL: APIRoute = () => methodNotAllowed(['GET']);
