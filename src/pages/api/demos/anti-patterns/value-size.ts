import type { APIRoute } from 'astro';
import { errorJson, methodNotAllowed } from '~/lib/http/respond';
import { readJsonObject } from '~/lib/http/parse';
import { choiceField, integerField } from '~/lib/http/fields';
import { compareValueSize, VALUE_SHAPES } from '~/lib/demos/anti-patterns';
import { demoEnv } from '~/server/demo-env';
import { demoResponse } from '~/server/demo-response';
import { BUDGETS, Slots, spendAll } from '~/server/limits';

/** One giant value at a time: several at once stall every other request for seconds. */
const giantSlot = new Slots(1);

/** `{"shape":"giant"|"small"|"query","postId":3}` — answer one question three ways, measured. */
export const POST: APIRoute = async ({ request, locals }) => {
  const body = await readJsonObject(request, 1024);
  if (!body.ok) return body.response;
  const shape = choiceField(body.value, 'shape', VALUE_SHAPES);
  if (!shape.ok) return errorJson(400, 'bad_request', shape.message);
  const postId = integerField(body.value, 'postId', { min: 1, max: 30, fallback: 3 });
  if (!postId.ok) return errorJson(400, 'bad_request', postId.message);
  const run = async () =>
    demoResponse(locals, 'anti-patterns', await compareValueSize(demoEnv(locals), locals.learner, shape.value, postId.value));
  if (shape.value !== 'giant') return run();

  // Megabytes through D1, KV and JSON.parse on every run: one at a time, and budgets of its
  // own per learner and per address.
  const release = giantSlot.take();
  if (!release) {
    return errorJson(429, 'rate_limited', 'Another giant value is being built right now, and this server builds one at a time. Try again in 2 seconds.', { 'retry-after': '2' });
  }
  try {
    const refused = await spendAll([
      [BUDGETS.giant, `giant:${locals.learner.id}`],
      [BUDGETS.giantAddress, `giant:${locals.address}`],
    ]);
    return refused ?? (await run());
  } finally {
    release();
  }
};

export const ALL: APIRoute = () => methodNotAllowed(['POST']);
