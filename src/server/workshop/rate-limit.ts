import type { AstroCookies } from 'astro';
import { env } from 'cloudflare:workers';
import { errorJson } from '../../lib/http/respond';
import { sessionToken } from './auth';

/**
 * A request budget per workshop participant: 100 requests per 10 seconds (wrangler.toml,
 * `PARTICIPANT_LIMITER`, the Workers Rate Limiting binding — it works locally too).
 * Keyed on the participant's session, never the IP address: a whole room shares one NAT
 * address, and one enthusiastic clicker must not lock out the other 99.
 * Requests from outside a workshop are not counted here.
 */
export async function limitParticipant(cookies: AstroCookies): Promise<Response | null> {
  const token = sessionToken(cookies);
  if (!token) return null;
  const { success } = await env.PARTICIPANT_LIMITER.limit({ key: `participant:${token}` });
  if (success) return null;
  return errorJson(
    429,
    'rate_limited',
    'You are sending requests faster than this workshop allows (100 per 10 seconds per participant). Wait a few seconds and try again.',
    { 'retry-after': '10' },
  );
}
