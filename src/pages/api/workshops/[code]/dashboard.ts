import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { errorJson, json, methodNotAllowed } from '~/lib/http/respond';
import { loadDashboard } from '~/lib/workshop/dashboard';
import { instructorWorkshop, roomOf } from '~/server/workshop/http';
import { workshopJson } from '~/server/workshop/present';

/**
 * The instructor's view of the room: participants with section, progress, exercises and
 * "stuck" (no progress for `?stuckMinutes=` minutes, default 5), room hit rate and latency,
 * answer histograms, the propagation lab and herd runs. The console receives the same
 * object live over its WebSocket.
 */
export const GET: APIRoute = async (context) => {
  const found = await instructorWorkshop(context);
  if (!found.ok) return found.response;
  const raw = context.url.searchParams.get('stuckMinutes');
  const stuckMinutes = raw === null ? 5 : Number(raw);
  if (!Number.isInteger(stuckMinutes) || stuckMinutes < 1 || stuckMinutes > 180) {
    return errorJson(400, 'bad_request', '"stuckMinutes" must be a whole number of minutes from 1 to 180.');
  }
  const online = new Set(await roomOf(found.value.code).online());
  const dashboard = await loadDashboard(env.DB, found.value, online, { stuckMinutes });
  return json({ ...dashboard, workshop: workshopJson(found.value, context.url.origin) });
};

export const ALL: APIRoute = () => methodNotAllowed(['GET']);
