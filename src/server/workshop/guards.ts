import type { APIContext } from 'astro';
import { env } from 'cloudflare:workers';
import type { z } from 'astro/zod';
import { readJsonObject } from '../../lib/http/parse';
import type { ErrorCode } from '../../lib/http/respond';
import { normalizeJoinCode } from '../../lib/workshop/codes';
import { getWorkshop, getWorkshopAndParticipant, type Participant, type Workshop } from '../../lib/workshop/records';
import { HttpError } from '../endpoint';
import { BUDGETS, spendAllOrThrow } from '../limits';
import { checkInstructor, sessionToken } from './auth';

/**
 * What every workshop route does first: find the workshop, then make sure the caller may act
 * on it. A route names its guard as endpoint()'s `caller`; each guard answers the value the
 * handler gets or throws the HttpError that `endpoint()` turns into the usual 4xx JSON.
 */

const noSuchWorkshop = () => new HttpError(404, 'not_found', 'There is no workshop with this code. Check it with your instructor.');

export async function findWorkshop(raw: string | undefined): Promise<Workshop> {
  const code = normalizeJoinCode(raw);
  // Unknown and malformed codes answer alike: nothing to learn from trying codes.
  const workshop = code ? await getWorkshop(env.DB, code) : null;
  if (!workshop) throw noSuchWorkshop();
  return workshop;
}

/**
 * Instructor only. 401 without a valid token; 403 when the caller is a participant (they
 * are known, and this is not theirs to do).
 */
export async function requireInstructor(context: APIContext): Promise<void> {
  const check = await checkInstructor(context.request, env.INSTRUCTOR_TOKEN);
  if (check === 'ok') return;
  if (check === 'unconfigured') {
    throw new HttpError(401, 'unauthorized', 'Workshop mode is off: this server has no INSTRUCTOR_TOKEN secret (16+ characters).');
  }
  if (sessionToken(context.cookies) && check === 'missing') throw new HttpError(403, 'forbidden', 'Only the instructor can do this.');
  throw new HttpError(401, 'unauthorized', 'Send the instructor token as "Authorization: Bearer <token>".', {
    'www-authenticate': 'Bearer realm="workshop"',
  });
}

/** A workshop the instructor may act on. */
export async function instructorWorkshop(context: APIContext): Promise<Workshop> {
  await requireInstructor(context);
  return findWorkshop(context.params.code);
}

/** The calling participant, who must belong to this workshop. */
export async function requireParticipant(context: APIContext): Promise<{ workshop: Workshop; participant: Participant }> {
  const code = normalizeJoinCode(context.params.code);
  const { workshop, participant } = code
    ? await getWorkshopAndParticipant(env.DB, code, sessionToken(context.cookies))
    : { workshop: null, participant: null };
  if (!workshop) throw noSuchWorkshop();
  if (!participant) throw new HttpError(401, 'unauthorized', 'Join the workshop first: open /workshop/ and enter its code.');
  if (participant.workshopCode !== workshop.code) throw new HttpError(403, 'forbidden', 'You joined a different workshop.');
  // The middleware counted this request on the cookie's learner. When that is not the learner
  // the session belongs to (the learner cookie was dropped or swapped), count it on the
  // session's own: every participant request costs their one budget (src/server/limits.ts).
  if (participant.learnerId !== context.locals.learner.id) {
    await spendAllOrThrow([[BUDGETS.participant, `learner:${participant.learnerId}`]]);
  }
  return { workshop, participant };
}

/** A workshop still running, for what only counts while it runs. */
export function stillRunning(workshop: Workshop, what: string): void {
  if (workshop.endedAt !== null) throw new HttpError(409, 'conflict', `This workshop has ended; ${what} no longer recorded.`);
}

/**
 * A JSON body checked by `schema`, or `{}` checked by it when the request has none: the
 * console's buttons and `curl -X POST` send body-less POSTs.
 */
export async function optionalBody<T>(request: Request, schema: z.ZodType<T>): Promise<T> {
  const length = request.headers.get('content-length');
  let value: unknown = {};
  if (request.body && length !== '0') {
    const read = await readJsonObject(request, 16 * 1024);
    if (!read.ok) {
      const { error } = (await read.response.json()) as { error: { code: ErrorCode; message: string } };
      throw new HttpError(read.response.status, error.code, error.message);
    }
    value = read.value;
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new HttpError(400, 'bad_request', parsed.error.issues[0]?.message ?? 'The body is not valid.');
  return parsed.data;
}

export const isSecure = (url: URL) => url.protocol === 'https:';

/** The value of a check from src/lib/workshop (names, progress, answers…), or its sentence as a 400. */
export function valid<T>(checked: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!checked.ok) throw new HttpError(400, 'bad_request', checked.message);
  return checked.value;
}
