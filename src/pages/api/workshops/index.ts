import { endpoint, method } from '~/server/endpoint';
import { requireInstructor } from '~/server/workshop/guards';
import { openWorkshop, recentWorkshops } from '~/server/workshop/instructor';

export const { GET, POST, ALL } = endpoint({
  /** Create a workshop (instructor). Body: optional {"title"}. */
  POST: method({ caller: requireInstructor, handler: ({ context }) => openWorkshop(context.request, context.url.origin) }),
  /** The instructor's recent workshops, newest first. */
  GET: method({ caller: requireInstructor, handler: ({ context }) => recentWorkshops(context.url.origin) }),
});
