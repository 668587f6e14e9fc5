import type { APIRoute } from 'astro';
import { OriginUnavailable, readPostWithFaults, type ErrorDemoFaults } from '~/lib/demos/errors';
import { parseId } from '~/lib/http/parse';
import { badPostId, errorJson, postNotFound } from '~/lib/http/respond';
import { demoEnv } from '~/server/demo-env';
import { demoResponse } from '~/server/demo-response';

const FAULTS: Record<string, keyof ErrorDemoFaults> = { read: 'readFails', write: 'writeFails', origin: 'originFails' };

/** Read a post through getCachedOrFresh with injected faults: `?faults=read,write,origin`. */
export const GET: APIRoute = async ({ params, url, locals }) => {
  const id = parseId(params.id);
  if (id === null) return badPostId();
  const faults: ErrorDemoFaults = {};
  for (const name of (url.searchParams.get('faults') ?? '').split(',').filter(Boolean)) {
    const flag = FAULTS[name];
    if (!flag) return errorJson(400, 'bad_request', `Unknown fault "${name}". Choose from read, write, origin.`);
    faults[flag as 'readFails'] = true;
  }
  try {
    const result = await readPostWithFaults(demoEnv(locals), locals.learner, id, faults);
    if (result.data === null) return postNotFound(id);
    return demoResponse(locals, 'errors', result);
  } catch (error) {
    if (!(error instanceof OriginUnavailable)) throw error;
    return errorJson(503, 'origin_unavailable', error.message, { 'x-cache': 'ERROR' });
  }
};
