import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { errorJson, json, methodNotAllowed } from '~/lib/http/respond';
import { readJsonObject } from '~/lib/http/parse';
import { resetLearner } from '~/lib/demos/reset';
import { learnerScope } from '~/lib/learner-scope';
import { PARTICIPANT_ID_PATTERN } from '~/lib/workshop/codes';
import { listParticipants, participantById, type Participant } from '~/lib/workshop/store';
import { instructorWorkshop, roomOf } from '~/server/workshop/http';

/**
 * Reset namespaces: {"participant": id} for one, {"all": true} for the room. Cached keys
 * and origin edits go; progress stays (it is the participant's, not the cache's).
 */
export const POST: APIRoute = async (context) => {
  const found = await instructorWorkshop(context);
  if (!found.ok) return found.response;
  const code = found.value.code;
  const body = await readJsonObject(context.request, 4 * 1024);
  if (!body.ok) return body.response;

  let targets: Participant[];
  if (body.value.all === true) {
    targets = await listParticipants(env.DB, code);
  } else if (typeof body.value.participant === 'string' && PARTICIPANT_ID_PATTERN.test(body.value.participant)) {
    const one = await participantById(env.DB, code, body.value.participant);
    if (!one) return errorJson(404, 'not_found', 'No participant with this id in this workshop.');
    targets = [one];
  } else {
    return errorJson(400, 'bad_request', 'Send {"participant": "<id>"} or {"all": true}.');
  }

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
  const room = roomOf(code);
  if (body.value.all === true) await room.broadcast(code, { type: 'reset' });
  else await room.broadcast(code, { type: 'reset' }, targets[0].id);
  return json({ participants: targets.length, removedKeys, restoredPosts });
};

export const ALL: APIRoute = () => methodNotAllowed(['POST']);
