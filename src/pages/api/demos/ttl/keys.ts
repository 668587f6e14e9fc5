import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { errorJson, methodNotAllowed } from '~/lib/http/respond';
import { readJsonObject } from '~/lib/http/parse';
import { checkTtl } from '~/lib/kv/limits';
import { cacheWithTtl, DEMO_MAX_TTL_SECONDS, listTtlKeys, TTL_CHOICES, ttlChoice } from '~/lib/demos/ttl';
import { demoResponse } from '~/server/demo-response';

export const GET: APIRoute = async ({ locals }) => demoResponse(locals, 'ttl', await listTtlKeys(env, locals.learner));

/**
 * `{"preset":"session"}` or `{"ttl":90}`: cache a value with that TTL and answer with the
 * absolute expiration `list()` reports. A whole-number TTL from 1 to 59 goes to KV, so its
 * refusal comes back in KV's own words.
 */
export const POST: APIRoute = async ({ request, locals }) => {
  const body = await readJsonObject(request, 1024);
  if (!body.ok) return body.response;
  const { preset, ttl } = body.value;

  let name: string;
  let ttlSeconds: number;
  if (preset !== undefined) {
    const choice = typeof preset === 'string' ? ttlChoice(preset) : undefined;
    if (!choice) {
      return errorJson(400, 'bad_request', `"preset" must be one of: ${TTL_CHOICES.map((c) => c.id).join(', ')}.`);
    }
    name = choice.id;
    ttlSeconds = choice.ttlSeconds();
  } else {
    if (ttl === undefined) {
      return errorJson(400, 'bad_request', 'Send {"preset": "session"} or {"ttl": 90} (seconds).');
    }
    const sentToKv = typeof ttl === 'number' && Number.isInteger(ttl) && ttl >= 1;
    if (!sentToKv) return errorJson(400, 'bad_request', checkTtl(ttl) ?? '"ttl" is a whole number of seconds.');
    if (ttl > DEMO_MAX_TTL_SECONDS) {
      return errorJson(400, 'bad_request', `This demo accepts TTLs up to a year (${DEMO_MAX_TTL_SECONDS} s); KV itself sets no maximum.`);
    }
    name = 'custom';
    ttlSeconds = ttl;
  }

  const result = await cacheWithTtl(env, locals.learner, name, ttlSeconds);
  if (!result.ok) {
    return errorJson(
      400,
      'bad_request',
      `KV refused expirationTtl ${result.ttlSeconds}: “${result.kvMessage}” ` +
        'An expiration must be at least 60 seconds away. For shorter freshness, cache for 60 s and ' +
        'check a cached_at time in metadata, or keep the value in memory.',
    );
  }
  const { ok: _ok, ...answer } = result;
  return demoResponse(locals, 'ttl', { ...answer, data: { expiresAt: answer.expiration && new Date(answer.expiration * 1000).toISOString() } });
};

export const ALL: APIRoute = () => methodNotAllowed(['GET', 'POST']);
