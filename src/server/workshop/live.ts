import { errorJson } from '../../lib/http/respond';
import { normalizeJoinCode } from '../../lib/workshop/codes';
import { getWorkshop, participantBySession } from '../../lib/workshop/records';
import { isOwnOrigin } from '../host-check';
import { consumeConsoleTicket, sessionTokenFromHeader } from './auth';

/** `/api/workshops/:code/live`: the room's WebSocket, for the console and for participants. */
export const LIVE_PATH = /^\/api\/workshops\/([^/]+)\/live\/?$/;

/**
 * Authenticate a WebSocket upgrade and hand it to the room's Durable Object. This runs in
 * the Worker entry, before Astro: a 101 response must reach the client untouched.
 * The console presents a ticket (from `POST …/ticket`, Bearer-authenticated); a participant
 * presents the session cookie set on join.
 */
export async function openLiveSocket(request: Request, env: Env, rawCode: string): Promise<Response> {
  const url = new URL(request.url);
  if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket') {
    return errorJson(426, 'upgrade_required', 'This endpoint is a WebSocket: connect with new WebSocket(url).', { upgrade: 'websocket' });
  }
  // Cross-site WebSocket hijacking: a page elsewhere could open this with the participant's cookie.
  const origin = request.headers.get('origin');
  if (origin && !isOwnOrigin(origin, request, env)) return errorJson(403, 'forbidden', 'Cross-site connections are refused.');

  let decoded: string;
  try {
    decoded = decodeURIComponent(rawCode);
  } catch {
    return errorJson(404, 'not_found', 'There is no workshop with this code.');
  }
  const code = normalizeJoinCode(decoded);
  const workshop = code ? await getWorkshop(env.DB, code) : null;
  if (!code || !workshop) return errorJson(404, 'not_found', 'There is no workshop with this code.');

  const headers = new Headers(request.headers);
  headers.set('x-kvlab-code', code);
  const ticket = url.searchParams.get('ticket');
  if (ticket) {
    if (!(await consumeConsoleTicket(env.DB, code, ticket))) {
      return errorJson(401, 'unauthorized', 'The console ticket is invalid, expired or already used; the console asks for a new one.');
    }
    headers.set('x-kvlab-role', 'console');
  } else {
    const token = sessionTokenFromHeader(request.headers.get('cookie'));
    const participant = token ? await participantBySession(env.DB, token) : null;
    if (!participant) return errorJson(401, 'unauthorized', 'Join the workshop first.');
    if (participant.workshopCode !== code) return errorJson(403, 'forbidden', 'You joined a different workshop.');
    headers.set('x-kvlab-role', 'participant');
    headers.set('x-kvlab-participant', participant.id);
  }
  const room = env.WORKSHOP_ROOM.get(env.WORKSHOP_ROOM.idFromName(code));
  return room.fetch(new Request(url.toString(), { headers }));
}
