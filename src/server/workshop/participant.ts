import type { APIContext } from 'astro';
import { env } from 'cloudflare:workers';
import { json } from '../../lib/http/respond';
import { cleanName } from '../../lib/workshop/codes';
import { endSession, joinWorkshop, recordAnswer, recordProgress, type Participant, type Workshop } from '../../lib/workshop/records';
import { parseAnswer, parseProgress } from '../../lib/workshop/validate';
import { HttpError } from '../endpoint';
import { setLearnerCookie } from '../learner';
import { BUDGETS, spend } from '../limits';
import { notifyRoom } from './actions';
import { clearSessionCookie, sessionToken, setSessionCookie } from './auth';
import { findWorkshop, isSecure, stillRunning, valid } from './guards';
import { participantJson, workshopJson } from './present';

/**
 * What a participant's routes do (src/pages/api/workshops/[code]/…): join and leave, their
 * progress and answers. Each one that changes D1 tells the room, so consoles refresh.
 */

type Caller = { workshop: Workshop; participant: Participant };

/**
 * Join with a display name (no account): sets the participant's session cookie and points
 * `kvlab_learner` at the participant's own learner id. The same browser joining again gets
 * the same participant back (200 instead of 201).
 */
export async function join(context: APIContext, rawName: unknown): Promise<Response> {
  // Per address before anything else (also bounds guessing codes); per workshop once it is known.
  const fromAddress = await spend(BUDGETS.joinAddress, `join:${context.locals.address}`);
  if (fromAddress) return fromAddress;
  const workshop = await findWorkshop(context.params.code);
  if (workshop.endedAt !== null) throw new HttpError(410, 'gone', 'This workshop has ended. The course itself stays open at /.');
  // cleanName is the one rule for names shown to the room.
  const name = valid(cleanName(rawName));
  const intoWorkshop = await spend(BUDGETS.joinWorkshop, `join:${workshop.code}`);
  if (intoWorkshop) return intoWorkshop;

  const { participant, sessionToken: token, rejoined } = await joinWorkshop(env.DB, workshop.code, name, {
    sessionToken: sessionToken(context.cookies),
    learnerId: context.locals.learner.id,
  });
  const secure = isSecure(context.url);
  setSessionCookie(context.cookies, token, secure);
  await setLearnerCookie(context.cookies, participant.learnerId, secure);
  notifyRoom(context.locals, workshop.code);
  return json({ workshop: workshopJson(workshop, context.url.origin), participant: participantJson(participant), rejoined }, rejoined ? 200 : 201);
}

/** Leave: the session ends, the learner cookie (and with it the namespace and progress) stays. */
export async function leave(context: APIContext, { workshop, participant }: Caller) {
  await endSession(env.DB, participant.id);
  clearSessionCookie(context.cookies, isSecure(context.url));
  notifyRoom(context.locals, workshop.code);
  return { left: true };
}

/** Progress and whereabouts, checked by parseProgress; recorded only while the workshop runs. */
export async function saveProgress(locals: App.Locals, { workshop, participant }: Caller, body: Record<string, unknown>) {
  stillRunning(workshop, 'progress is');
  const result = await recordProgress(env.DB, participant, valid(parseProgress(body)));
  notifyRoom(locals, workshop.code);
  return { done: result.done.length, progressed: result.progressed };
}

/** An answer, checked against the lessons' own questions by parseAnswer (which a zod shape cannot know). */
export async function saveAnswer(locals: App.Locals, { workshop, participant }: Caller, body: Record<string, unknown>) {
  stillRunning(workshop, 'answers are');
  await recordAnswer(env.DB, participant, valid(parseAnswer(body)));
  notifyRoom(locals, workshop.code);
  return { recorded: true };
}
