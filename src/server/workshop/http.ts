import type { APIContext } from 'astro';
import { env } from 'cloudflare:workers';
import { errorJson } from '../../lib/http/respond';
import { readJsonObject } from '../../lib/http/parse';
import { normalizeJoinCode } from '../../lib/workshop/codes';
import { getWorkshop, type Participant, type Workshop } from '../../lib/workshop/store';
import { checkInstructor, currentParticipant, sessionToken } from './auth';

/**
 * What every workshop route does first: find the workshop, then make sure the caller may
 * act on it. Each helper answers either the value or the error Response to return.
 */

export type Result<T> = { ok: true; value: T } | { ok: false; response: Response };

export async function findWorkshop(raw: string | undefined): Promise<Result<Workshop>> {
  const code = normalizeJoinCode(raw);
  // Unknown and malformed codes answer alike: nothing to learn from trying codes.
  const workshop = code ? await getWorkshop(env.DB, code) : null;
  if (!workshop) {
    return { ok: false, response: errorJson(404, 'not_found', 'There is no workshop with this code. Check it with your instructor.') };
  }
  return { ok: true, value: workshop };
}

/**
 * Instructor only. 401 without a valid token; 403 when the caller is a participant (they
 * are known, and this is not theirs to do).
 */
export async function requireInstructor(context: APIContext): Promise<Response | null> {
  const check = await checkInstructor(context.request, env.INSTRUCTOR_TOKEN);
  if (check === 'ok') return null;
  if (check === 'unconfigured') {
    return errorJson(401, 'unauthorized', 'Workshop mode is off: this server has no INSTRUCTOR_TOKEN secret (16+ characters).');
  }
  if (sessionToken(context.cookies) && check === 'missing') {
    return errorJson(403, 'forbidden', 'Only the instructor can do this.');
  }
  return errorJson(401, 'unauthorized', 'Send the instructor token as "Authorization: Bearer <token>".', {
    'www-authenticate': 'Bearer realm="workshop"',
  });
}

/** A workshop the instructor may act on. */
export async function instructorWorkshop(context: APIContext): Promise<Result<Workshop>> {
  const denied = await requireInstructor(context);
  if (denied) return { ok: false, response: denied };
  return findWorkshop(context.params.code);
}

/** The calling participant, who must belong to this workshop. */
export async function requireParticipant(context: APIContext): Promise<Result<{ workshop: Workshop; participant: Participant }>> {
  const found = await findWorkshop(context.params.code);
  if (!found.ok) return found;
  const participant = await currentParticipant(env.DB, context.cookies);
  if (!participant) {
    return { ok: false, response: errorJson(401, 'unauthorized', 'Join the workshop first: open /workshop/ and enter its code.') };
  }
  if (participant.workshopCode !== found.value.code) {
    return { ok: false, response: errorJson(403, 'forbidden', 'You joined a different workshop.') };
  }
  return { ok: true, value: { workshop: found.value, participant } };
}

/** A JSON body, or `{}` when the request has none (body-less POSTs from curl). */
export async function optionalJson(request: Request): Promise<Result<Record<string, unknown>>> {
  const length = request.headers.get('content-length');
  if (!request.body || length === '0') return { ok: true, value: {} };
  return readJsonObject(request, 16 * 1024);
}

export function roomOf(code: string) {
  return env.WORKSHOP_ROOM.get(env.WORKSHOP_ROOM.idFromName(code));
}

export const isSecure = (url: URL) => url.protocol === 'https:';
