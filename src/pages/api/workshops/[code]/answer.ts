import { z } from 'astro/zod';
import { endpoint, method } from '~/server/endpoint';
import { requireParticipant } from '~/server/workshop/guards';
import { saveAnswer } from '~/server/workshop/participant';

export const { POST, ALL } = endpoint({
  /** An answer to a prediction or reflection question: {"kind":"predict"|"reflect","id","value"}. */
  POST: method({
    body: z.record(z.string(), z.unknown()),
    bodyLimit: 12 * 1024,
    caller: requireParticipant,
    handler: ({ body, caller, context }) => saveAnswer(context.locals, caller, body),
  }),
});
