import type { APIRoute } from 'astro';
import { errorJson, methodNotAllowed } from '~/lib/http/respond';
import { readJsonObject } from '~/lib/http/parse';
import { choiceField, integerField } from '~/lib/http/fields';
import { compareValueSize, VALUE_SHAPES } from '~/lib/demos/anti-patterns';
import { demoEnv } from '~/server/demo-env';
import { demoResponse } from '~/server/demo-response';

/** `{"shape":"giant"|"small"|"query","postId":3}` — answer one question three ways, measured. */
export const POST: APIRoute = async ({ request, locals }) => {
  const body = await readJsonObject(request, 1024);
  if (!body.ok) return body.response;
  const shape = choiceField(body.value, 'shape', VALUE_SHAPES);
  if (!shape.ok) return errorJson(400, 'bad_request', shape.message);
  const postId = integerField(body.value, 'postId', { min: 1, max: 30, fallback: 3 });
  if (!postId.ok) return errorJson(400, 'bad_request', postId.message);
  return demoResponse(locals, 'anti-patterns', await compareValueSize(demoEnv(locals), locals.learner, shape.value, postId.value));
};

export const ALL: APIRoute = () => methodNotAllowed(['POST']);
