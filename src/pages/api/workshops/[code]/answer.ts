import { env } from 'cloudflare:workers';
import { z } from 'astro/zod';
import { recordAnswer } from '~/lib/workshop/records';
import { parseAnswer } from '~/lib/workshop/validate';
import { endpoint, HttpError } from '~/server/endpoint';
import { notifyRoom } from '~/server/workshop/actions';
import { requireParticipant, stillRunning } from '~/server/workshop/guards';

/** The question is checked against the lessons' own (parseAnswer), which a zod shape cannot know. */
const Answer = z.record(z.string(), z.unknown());

export const { POST, ALL } = endpoint({
  /** An answer to a prediction or reflection question: {"kind":"predict"|"reflect","id","value"}. */
  POST: {
    body: Answer,
    bodyLimit: 12 * 1024,
    async handler({ body, context }) {
      const { workshop, participant } = await requireParticipant(context);
      stillRunning(workshop, 'answers are');
      const answer = parseAnswer(body);
      if (!answer.ok) throw new HttpError(400, 'bad_request', answer.message);
      await recordAnswer(env.DB, participant, answer.value);
      notifyRoom(context.locals, workshop.code);
      return { recorded: true };
    },
  },
});
