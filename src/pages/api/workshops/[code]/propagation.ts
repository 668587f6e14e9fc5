import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { errorJson, json, methodNotAllowed } from '~/lib/http/respond';
import { isRateLimited } from '~/lib/patterns/put-with-backoff';
import { isLocalHost, MODEL_WRITER, saveRound, writeRound } from '~/lib/workshop/propagation';
import { instructorWorkshop, roomOf } from '~/server/workshop/http';

/** Propagation lab: write a new value to the room's key and tell every browser to watch for it. */
export const POST: APIRoute = async (context) => {
  const found = await instructorWorkshop(context);
  if (!found.ok) return found.response;
  const { code } = found.value;
  const round = found.value.propagationRound + 1;
  const writtenAt = Date.now();
  try {
    await writeRound(env.KV, code, round, writtenAt);
  } catch (error) {
    if (isRateLimited(error)) {
      return errorJson(429, 'rate_limited', 'KV accepts one write per second to a key. Wait a second and start the round again.', { 'retry-after': '1' });
    }
    throw error;
  }
  await saveRound(env.DB, code, round, writtenAt);
  const delivered = await roomOf(code).broadcast(code, { type: 'propagation', round, writtenAt });
  const local = isLocalHost(context.url.hostname);
  const cf = (context.request as Request<unknown, IncomingRequestCfProperties>).cf;
  return json({
    round,
    writtenAt,
    delivered,
    local,
    writer: local ? MODEL_WRITER : (cf?.colo ?? 'unknown'),
    note: local
      ? 'Local development has one location and KV is immediately consistent here: visibility times come from the labelled model of several locations.'
      : 'Each browser reads the key through its nearest Cloudflare location and reports when the new value appears there.',
  });
};

export const ALL: APIRoute = () => methodNotAllowed(['POST']);
