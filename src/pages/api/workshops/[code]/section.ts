import { z } from 'astro/zod';
import { endpoint, method } from '~/server/endpoint';
import { instructorWorkshop } from '~/server/workshop/guards';
import { sendToSection } from '~/server/workshop/instructor';

export const { POST, ALL } = endpoint({
  /** Send the room to a section: {"lesson", "section"?, "label"?}. Participants see a banner. */
  POST: method({
    body: z.record(z.string(), z.unknown()),
    bodyLimit: 4 * 1024,
    caller: instructorWorkshop,
    handler: ({ body, caller }) => sendToSection(caller, body),
  }),
});
