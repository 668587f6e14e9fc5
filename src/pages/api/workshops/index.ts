import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { errorJson, json, methodNotAllowed } from '~/lib/http/respond';
import { cleanText } from '~/lib/workshop/codes';
import { createWorkshop, listWorkshops } from '~/lib/workshop/store';
import { optionalJson, requireInstructor } from '~/server/workshop/http';
import { workshopJson } from '~/server/workshop/present';

/** Create a workshop (instructor). Body: optional {"title"}. */
export const POST: APIRoute = async (context) => {
  const denied = await requireInstructor(context);
  if (denied) return denied;
  const body = await optionalJson(context.request);
  if (!body.ok) return body.response;
  const rawTitle = body.value.title ?? 'KV caching workshop';
  const title = cleanText(rawTitle, 80);
  if (!title) return errorJson(400, 'bad_request', '"title" must be text of 1 to 80 characters.');
  const workshop = await createWorkshop(env.DB, title);
  return json(workshopJson(workshop, context.url.origin), 201);
};

/** The instructor's recent workshops, newest first. */
export const GET: APIRoute = async (context) => {
  const denied = await requireInstructor(context);
  if (denied) return denied;
  const workshops = await listWorkshops(env.DB);
  return json({
    workshops: workshops.map((w) => ({ ...workshopJson(w, context.url.origin), participants: w.participants })),
  });
};

export const ALL: APIRoute = () => methodNotAllowed(['GET', 'POST']);
