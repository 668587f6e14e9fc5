import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { json, methodNotAllowed } from '~/lib/http/respond';
import { createConsoleTicket } from '~/server/workshop/auth';
import { instructorWorkshop } from '~/server/workshop/http';

/** A ticket that opens this workshop's live feed once, within a minute (WebSockets carry no Bearer header). */
export const POST: APIRoute = async (context) => {
  const found = await instructorWorkshop(context);
  if (!found.ok) return found.response;
  const { ticket, expiresAt } = await createConsoleTicket(env.DB, found.value.code);
  return json({ ticket, expiresAt, url: `/api/workshops/${found.value.code}/live?ticket=${encodeURIComponent(ticket)}` });
};

export const ALL: APIRoute = () => methodNotAllowed(['POST']);
