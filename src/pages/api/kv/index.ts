import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { playgroundBulkGet, playgroundList } from '~/lib/demos/playground';
import { errorJson, json } from '~/lib/http/respond';
import { emptyOrDotKey } from './_dot-keys';

/** `?prefix=&limit=&cursor=` lists one page; `?keys=a&keys=b` is a bulk get of up to 100 keys. */
export const GET: APIRoute = async ({ url, locals }) => {
  // /api/kv/ is where GET /api/kv/. arrives (./_dot-keys.ts); the listing is /api/kv.
  if (url.pathname.endsWith('/')) return emptyOrDotKey();
  const params = url.searchParams;
  const keys = params.getAll('keys');
  const result = keys.length
    ? await playgroundBulkGet(env.KV, locals.learner, keys)
    : await playgroundList(env.KV, locals.learner, {
        prefix: params.get('prefix') ?? '',
        limit: params.has('limit') ? (/^\d{1,5}$/.test(params.get('limit')!) ? Number(params.get('limit')) : NaN) : 1000,
        cursor: params.get('cursor') ?? undefined,
      });
  return 'error' in result && typeof result.error === 'string' ? errorJson(400, 'bad_request', result.error) : json(result);
};

/** PUT or DELETE without a key, or with "." (which arrives as /api/kv/): KV's rule, as for any key. */
export const PUT: APIRoute = () => emptyOrDotKey();
export const DELETE: APIRoute = () => emptyOrDotKey();
