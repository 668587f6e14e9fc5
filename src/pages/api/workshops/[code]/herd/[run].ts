import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { errorJson, methodNotAllowed } from '~/lib/http/respond';
import { parseId } from '~/lib/http/parse';
import { Meter } from '~/lib/observe';
import { getHerdRun, herdKey, loadAndCache, queueHerdCount } from '~/lib/workshop/herd';
import type { Post } from '~/lib/origin/posts';
import { requireParticipant, roomOf } from '~/server/workshop/http';
import { demoResponse } from '~/server/demo-response';
import { originScanRows } from '~/server/demo-env';

/** One participant's fetch of the room's shared cold key, in a herd run. */
export const GET: APIRoute = async (context) => {
  const auth = await requireParticipant(context);
  if (!auth.ok) return auth.response;
  const { workshop } = auth.value;
  const runId = parseId(context.params.run);
  const run = runId === null ? null : await getHerdRun(env.DB, workshop.code, runId);
  if (!run) return errorJson(404, 'not_found', 'There is no such herd run in this workshop.');

  const meter = new Meter();
  const key = herdKey(workshop.code, run.run, run.postId);
  let post = await meter.time('kv', () => env.KV.get<Post>(key, 'json'));
  const miss = post === null;
  let fromOrigin = false;
  if (miss) {
    const loaded = run.coalesced
      ? await meter.time('d1', () => roomOf(workshop.code).coalescedLoad(key, run.postId))
      : await meter.time('d1', async () => ({ post: await loadAndCache(env.KV, env.DB, key, run.postId, originScanRows()), fromOrigin: true }));
    post = loaded.post as Post | null;
    fromOrigin = loaded.fromOrigin;
  }
  queueHerdCount(
    env.DB,
    { code: workshop.code, run: run.run, miss, originLoads: fromOrigin ? 1 : 0 },
    (promise) => context.locals.cfContext.waitUntil(promise),
    () => roomOf(workshop.code).changed(workshop.code),
  );
  return demoResponse(context.locals, 'workshop-herd', {
    cache: miss ? 'MISS' : 'HIT',
    key,
    run: run.run,
    coalesced: run.coalesced,
    // Whether this request's miss went to the origin or waited for someone else's load.
    originLoad: fromOrigin,
    data: post ? { id: post.id, title: post.title } : null,
    timings: meter.timings(),
  });
};

export const ALL: APIRoute = () => methodNotAllowed(['GET']);
