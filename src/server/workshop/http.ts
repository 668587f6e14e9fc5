import type { APIContext } from 'astro';
import { env } from 'cloudflare:workers';
import { errorJson } from '../../lib/http/respond';
import { readJsonObject } from '../../lib/http/parse';
import { normalizeJoinCode } from '../../lib/workshop/codes';
import { getWorkshop, getWorkshopAndParticipant, type Participant, type Workshop } from '../../lib/workshop/store';
import { checkInstructor, sessionToken } from './auth';

/**
 * What every workshop route does first: find the workshop, then make sure the caller may
 * act on it. Each helper answers either the value or the error Response to return.
 */

export type Result<T> = { ok: true; value: T } | { ok: false; response: Response };

export async function findWorkshop(raw: string | undefined): Promise<Result<Workshop>> {
  const code = normalizeJoinCode(raw);
  // Unknown and malformed codes answer alike: nothing to learn from trying codes.
  const workshop = code ? await getWorkshop(env.DB, code) : null;
  if (!workshop) return { ok: false, response: NO_SUCH_WORKSHOP() };
  return { ok: true, value: workshop };
}

const NO_SUCH_WORKSHOP = () => errorJson(404, 'not_found', 'There is no workshop with this code. Check it with your instructor.');

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
  const code = normalizeJoinCode(context.params.code);
  const { workshop, participant } = code
    ? await getWorkshopAndParticipant(env.DB, code, sessionToken(context.cookies))
    : { workshop: null, participant: null };
  if (!workshop) return { ok: false, response: NO_SUCH_WORKSHOP() };
  if (!participant) {
    return { ok: false, response: errorJson(401, 'unauthorized', 'Join the workshop first: open /workshop/ and enter its code.') };
  }
  if (participant.workshopCode !== workshop.code) {
    return { ok: false, response: errorJson(403, 'forbidden', 'You joined a different workshop.') };
  }
  return { ok: true, value: { workshop, participant } };
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

const lastNotified = new Map<string, number>();
const NOTIFY_INTERVAL_MS = 250;

/**
 * Tell the room that D1 changed, so consoles refresh. A busy room reports progress many
 * times a second; one notice per quarter second from this isolate is plenty, and the room
 * also refreshes consoles on its own every few seconds, so a skipped notice is never lost.
 */
export function notifyRoom(locals: App.Locals, code: string): void {
  const now = Date.now();
  if (now - (lastNotified.get(code) ?? 0) < NOTIFY_INTERVAL_MS) return;
  lastNotified.set(code, now);
  if (lastNotified.size > 1000) lastNotified.clear();
  locals.cfContext.waitUntil(roomOf(code).changed(code));
}

export const isSecure = (url: URL) => url.protocol === 'https:';
