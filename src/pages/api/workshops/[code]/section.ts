import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { errorJson, json, methodNotAllowed } from '~/lib/http/respond';
import { readJsonObject } from '~/lib/http/parse';
import { setSection } from '~/lib/workshop/store';
import { parseSection } from '~/lib/workshop/validate';
import { instructorWorkshop, roomOf } from '~/server/workshop/http';

/** Send the room to a section: {"lesson", "section"?, "label"?}. Participants see a banner. */
export const POST: APIRoute = async (context) => {
  const found = await instructorWorkshop(context);
  if (!found.ok) return found.response;
  const body = await readJsonObject(context.request, 4 * 1024);
  if (!body.ok) return body.response;
  const parsed = parseSection(body.value);
  if (!parsed.ok) return errorJson(400, 'bad_request', parsed.message);
  const section = await setSection(env.DB, found.value.code, parsed.value);
  const delivered = await roomOf(found.value.code).broadcast(found.value.code, { type: 'section', section });
  return json({ section, delivered });
};

export const ALL: APIRoute = () => methodNotAllowed(['POST']);
