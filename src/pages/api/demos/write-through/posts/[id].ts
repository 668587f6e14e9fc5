import type { APIRoute } from 'astro';
import { editPost } from '~/lib/demos/write-through';
import { parseId, readJsonObject, stringField } from '~/lib/http/parse';
import { badPostId, errorJson, postNotFound } from '~/lib/http/respond';
import { demoEnv } from '~/server/demo-env';
import { demoResponse } from '~/server/demo-response';

const MODES = ['write-through', 'origin-only'] as const;
type Mode = (typeof MODES)[number];

/** Edit a post: `{"title","body","mode"}`, mode `write-through` (default) or `origin-only`. */
export const PUT: APIRoute = async ({ params, request, locals }) => {
  const id = parseId(params.id);
  if (id === null) return badPostId();
  const parsed = await readJsonObject(request);
  if (!parsed.ok) return parsed.response;

  const title = stringField(parsed.value, 'title', { max: 200, optional: true });
  if (!title.ok) return errorJson(400, 'bad_request', title.message);
  const body = stringField(parsed.value, 'body', { max: 5000, optional: true });
  if (!body.ok) return errorJson(400, 'bad_request', body.message);
  if (!title.value && !body.value) return errorJson(400, 'bad_request', 'Send a "title", a "body" or both.');
  const mode = parsed.value.mode ?? 'write-through';
  if (!MODES.includes(mode as Mode)) {
    return errorJson(400, 'bad_request', '"mode" is "write-through" or "origin-only".');
  }

  const result = await editPost(demoEnv(locals), locals.learner, id, { title: title.value, body: body.value }, mode as Mode);
  if (result.busy) {
    return errorJson(409, 'conflict', `Another edit of post ${id} is still being saved. Try again in a moment.`, { 'retry-after': '1' });
  }
  if (result.data === null) return postNotFound(id);
  return demoResponse(locals, 'write-through', result);
};
