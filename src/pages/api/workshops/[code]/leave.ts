import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { json, methodNotAllowed } from '~/lib/http/respond';
import { endSession } from '~/lib/workshop/store';
import { clearSessionCookie } from '~/server/workshop/auth';
import { isSecure, notifyRoom, requireParticipant } from '~/server/workshop/http';

/**
 * Leave: the session ends, the learner cookie stays. Joining again with the same code from
 * this browser restores the participant, their namespace and progress.
 */
export const POST: APIRoute = async (context) => {
  const auth = await requireParticipant(context);
  if (!auth.ok) return auth.response;
  const { workshop, participant } = auth.value;
  await endSession(env.DB, participant.id);
  clearSessionCookie(context.cookies, isSecure(context.url));
  notifyRoom(context.locals, workshop.code);
  return json({ left: true });
};

export const ALL: APIRoute = () => methodNotAllowed(['POST']);
