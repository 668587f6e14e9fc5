import type { APIRoute } from 'astro';
import { json, methodNotAllowed } from '~/lib/http/respond';
import { requireParticipant } from '~/server/workshop/http';
import { participantJson, workshopJson } from '~/server/workshop/present';

/** The calling participant and the workshop's current state (banner, reveals). */
export const GET: APIRoute = async (context) => {
  const auth = await requireParticipant(context);
  if (!auth.ok) return auth.response;
  const { workshop, participant } = auth.value;
  return json({ workshop: workshopJson(workshop, context.url.origin), participant: participantJson(participant) });
};

export const ALL: APIRoute = () => methodNotAllowed(['GET']);
