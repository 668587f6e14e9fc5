import { env } from 'cloudflare:workers';
import { resetLearner } from '../../lib/demos/reset';
import type { DemoResult } from '../demo-response';
import { learnerScope } from '../../lib/learner-scope';
import { Meter } from '../../lib/observe';
import type { Post } from '../../lib/origin/posts';
import { isRateLimited } from '../../lib/patterns/put-with-backoff';
import { getHerdRun, herdKey, loadAndCache, queueHerdCount, startHerdRun } from '../../lib/workshop/herd';
import { herdFanOut, type ParticipantMessage } from '../../lib/workshop/messages';
import { isLocalHost, MODEL_WRITER, modelDelayMs, modelLocation, readRound, recordSighting, saveRound, writeRound } from '../../lib/workshop/propagation';
import { normalizeJoinCode } from '../../lib/workshop/codes';
import type { Participant, Workshop } from '../../lib/workshop/records';
import { originScanRows } from '../demo-env';
import { HttpError } from '../endpoint';
import { herdTicket, isHerdTicket } from './herd-ticket';

/**
 * What the workshop's routes do beyond reading and writing records: talk to the room's
 * Durable Object, reset namespaces, run the herd and propagation labs. Routes declare input
 * and call these.
 */

export function roomOf(code: string) {
  return env.WORKSHOP_ROOM.get(env.WORKSHOP_ROOM.idFromName(code));
}

/** Send to every participant (or one) and say how many open pages received it. */
export function broadcast(code: string, message: ParticipantMessage, participantId?: string): Promise<number> {
  return roomOf(code).broadcast(code, message, participantId);
}

const lastNotified = new Map<string, number>();
const NOTIFY_INTERVAL_MS = 250;

/**
 * Tell the room that D1 changed, so consoles refresh. A busy room reports progress many
 * times a second; one notice per quarter second from this isolate is plenty, and the room
 * also refreshes consoles on its own every few seconds, so a skipped notice is never lost.
 */
export function notifyRoom(locals: App.Locals, code: string): void {
  const now = Date.now();
  if (now - (lastNotified.get(code) ?? 0) < NOTIFY_INTERVAL_MS) return;
  lastNotified.set(code, now);
  if (lastNotified.size > 1000) lastNotified.clear();
  locals.cfContext.waitUntil(roomOf(code).changed(code));
}

/**
 * Empty the demo namespaces of `targets` (cached keys and origin edits go; progress stays,
 * it is the participant's, not the cache's), then tell their open pages to clear their panels.
 */
export async function resetParticipants(code: string, targets: Participant[], everyone: boolean) {
  let removedKeys = 0;
  let restoredPosts = 0;
  // A few at a time: each reset lists and deletes keys, and a room can be a hundred people.
  for (let i = 0; i < targets.length; i += 10) {
    const results = await Promise.all(targets.slice(i, i + 10).map((p) => resetLearner(env, learnerScope(p.learnerId))));
    for (const r of results) {
      removedKeys += r.removedKeys;
      restoredPosts += r.restoredPosts;
    }
  }
  const delivered = await broadcast(code, { type: 'reset' }, everyone ? undefined : targets[0]?.id);
  return { participants: targets.length, removedKeys, restoredPosts, delivered };
}

/** "Everyone fetch the cold key now": a new run, announced to every open page with its ticket. */
export async function startHerd(code: string, coalesce: boolean) {
  const run = await startHerdRun(env.DB, code, coalesce);
  const fanOut = herdFanOut((await roomOf(code).online()).length);
  const delivered = await broadcast(code, { type: 'herd', run: run.run, fanOut, ticket: await herdTicket(code, run.run) });
  return { ...run, delivered, fanOut, requestsExpected: delivered * fanOut };
}

/**
 * One browser's share of a herd run: `clients` fetches of the run's shared cold key, started
 * together inside this request so they really arrive at once (a browser's own requests would
 * queue on its six connections). A miss loads the origin, or with coalescing waits for the
 * room's one load. Every fetch is counted in the run. Only pages that got the run's signal
 * (its ticket, ./herd-ticket.ts) take part; a learner's first fetch of a run is what the signal
 * asked for and spends no request budget, any further one is budgeted like any other request.
 */
export async function fetchHerdKey(locals: App.Locals, rawCode: string | undefined, runId: number, clients: number, ticket: string): Promise<DemoResult> {
  const code = normalizeJoinCode(rawCode);
  if (!code || !(await isHerdTicket(code, runId, ticket))) {
    throw new HttpError(403, 'forbidden', "This is not a ticket for this herd run: herd fetches start from the instructor's signal to the room.");
  }
  const run = await getHerdRun(env.DB, code, runId);
  if (!run) throw new HttpError(404, 'not_found', 'There is no such herd run in this workshop.');
  const meter = new Meter();
  const key = herdKey(code, run.run, run.postId);
  const one = async () => {
    let post = await env.KV.get<Post>(key, 'json');
    const miss = post === null;
    let fromOrigin = false;
    if (miss) {
      const loaded = run.coalesced
        ? await roomOf(code).coalescedLoad(key, run.postId)
        : { post: await loadAndCache(env.KV, env.DB, key, run.postId, originScanRows()), fromOrigin: true };
      post = loaded.post as Post | null;
      fromOrigin = loaded.fromOrigin;
    }
    queueHerdCount(
      env.DB,
      { code, run: run.run, miss, originLoads: fromOrigin ? 1 : 0 },
      (promise) => locals.cfContext.waitUntil(promise),
      () => roomOf(code).changed(code),
    );
    return { miss, fromOrigin, post };
  };
  const results = await meter.time('herd', () => Promise.all(Array.from({ length: clients }, one)));
  const misses = results.filter((r) => r.miss).length;
  const post = results.find((r) => r.post)?.post;
  return {
    cache: misses > 0 ? 'MISS' : 'HIT',
    key,
    run: run.run,
    coalesced: run.coalesced,
    clients,
    misses,
    // How many of these fetches went to the origin (the rest hit KV or waited for a shared load).
    originLoads: results.filter((r) => r.fromOrigin).length,
    data: post ? { id: post.id, title: post.title } : null,
    timings: meter.timings(),
  };
}

/** Propagation lab: write a new value to the room's key and tell every browser to watch for it. */
export async function startPropagationRound(workshop: Workshop, url: URL, request: Request) {
  const { code } = workshop;
  const round = workshop.propagationRound + 1;
  const writtenAt = Date.now();
  try {
    await writeRound(env.KV, code, round, writtenAt);
  } catch (error) {
    if (!isRateLimited(error)) throw error;
    throw new HttpError(429, 'rate_limited', 'KV accepts one write per second to a key. Wait a second and start the round again.', { 'retry-after': '1' });
  }
  await saveRound(env.DB, code, round, writtenAt);
  const delivered = await broadcast(code, { type: 'propagation', round, writtenAt });
  const local = isLocalHost(url.hostname);
  return {
    round,
    writtenAt,
    delivered,
    local,
    writer: local ? MODEL_WRITER : (colo(request) ?? 'unknown'),
    note: local
      ? 'Local development has one location and KV is immediately consistent here: visibility times come from the labelled model of several locations.'
      : 'Each browser reads the key through its nearest Cloudflare location and reports when the new value appears there.',
  };
}

const colo = (request: Request) => (request as Request<unknown, IncomingRequestCfProperties>).cf?.colo;

/**
 * A participant's poll of a round. Deployed, the answer comes from the location serving this
 * browser (`request.cf.colo`); locally the location and its delay come from the labelled model.
 */
export async function pollPropagation(locals: App.Locals, workshop: Workshop, participant: Participant, round: number, url: URL, request: Request) {
  if (round > workshop.propagationRound) throw new HttpError(404, 'not_found', 'The instructor has not started this propagation round.');
  const writtenAt = round === workshop.propagationRound ? workshop.propagationWrittenAt : null;
  if (writtenAt === null) return { round, seen: false, over: true };
  const now = Date.now();
  const value = await readRound(env.KV, workshop.code);
  const local = isLocalHost(url.hostname);
  const where = local ? modelLocation(participant.id) : (colo(request) ?? 'unknown');
  let seen = value !== null && value.round >= round;
  if (local) seen &&= now - writtenAt >= modelDelayMs(round, where);
  if (seen) {
    const first = await recordSighting(env.DB, { code: workshop.code, round, participantId: participant.id, colo: where, simulated: local, visibleMs: now - writtenAt });
    if (first) notifyRoom(locals, workshop.code);
  }
  return { round, seen, colo: where, simulated: local, ageMs: now - writtenAt };
}
