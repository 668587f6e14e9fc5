import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { json, methodNotAllowed } from '~/lib/http/respond';
import { endWorkshop } from '~/lib/workshop/store';
import { instructorWorkshop, roomOf } from '~/server/workshop/http';

/** End the workshop: no more joins or progress; participants are told, the data stays for export. */
export const POST: APIRoute = async (context) => {
  const found = await instructorWorkshop(context);
  if (!found.ok) return found.response;
  await endWorkshop(env.DB, found.value.code);
  await roomOf(found.value.code).broadcast(found.value.code, { type: 'ended' });
  return json({ ended: true });
};

export const ALL: APIRoute = () => methodNotAllowed(['POST']);
