import { env } from 'cloudflare:workers';
import { z } from 'astro/zod';
import { cleanText } from '~/lib/workshop/codes';
import { createWorkshop, listWorkshops } from '~/lib/workshop/records';
import { endpoint, HttpError } from '~/server/endpoint';
import { optionalBody, requireInstructor } from '~/server/workshop/guards';
import { workshopJson } from '~/server/workshop/present';
import { json } from '~/lib/http/respond';

const NewWorkshop = z.object({ title: z.unknown().optional() });

export const { GET, POST, ALL } = endpoint({
  /** Create a workshop (instructor). Body: optional {"title"}. */
  POST: {
    async handler({ context }) {
      await requireInstructor(context);
      const { title: raw } = await optionalBody(context.request, NewWorkshop);
      const title = cleanText(raw ?? 'KV caching workshop', 80);
      if (!title) throw new HttpError(400, 'bad_request', '"title" must be text of 1 to 80 characters.');
      return json(workshopJson(await createWorkshop(env.DB, title), context.url.origin), 201);
    },
  },
  /** The instructor's recent workshops, newest first. */
  GET: {
    async handler({ context }) {
      await requireInstructor(context);
      const workshops = await listWorkshops(env.DB);
      return { workshops: workshops.map((w) => ({ ...workshopJson(w, context.url.origin), participants: w.participants })) };
    },
  },
});
