import type { ParticipantMessage } from '../../../lib/workshop/messages';
import { joinHerd, propagationWatcher } from './labs';
import { workshopApi, type Outcome } from './server';
import { connectToRoom } from './socket';
import { forget, JOINED_KEY, readJson, REVEALED_KEY, writeJson, type Joined } from './storage';
import { createBarView } from './view';
import { trackWhereabouts } from './whereabouts';

/**
 * The participant's side of a workshop, in the browser: shows the instructor's banner, keeps
 * a live connection to the room, forwards progress and answers, and turns the instructor's
 * actions into page events (`kvlab:reveal`, `kvlab:reset`). Everything someone else wrote is
 * set as text, never as HTML.
 */

const ENDED = 'This workshop has ended. Thank you for taking part — the course stays open.';
let started = false;

export function startWorkshopBar() {
  if (started) return;
  const joined = readJson<Joined>(JOINED_KEY);
  const root = document.getElementById('kvlab-workshop-bar');
  if (!joined?.code || !root) return;
  started = true;
  const server = workshopApi(joined.code);
  let ended = false;
  let room: { close(): void } | null = null;
  const bar = createBarView(root, joined.name ?? '', joined.displayCode ?? joined.code, leave);

  function stop(message: string) {
    ended = true;
    room?.close();
    bar.follow(message);
    bar.setConnection('ended');
  }

  function report(outcome: Outcome) {
    if (outcome === 'offline') bar.say('Could not reach the workshop server. Your answers and progress are kept in this browser and sent again.');
    else if (outcome === 'signed-out') stop('Your workshop session has ended. Join again from /workshop/.');
    else if (outcome !== 'ok') bar.say(outcome.message);
  }
  const post = (path: string, body: unknown) => void (!ended && server.post(path, body).then(report));

  function reveal(slug: string, announce: boolean) {
    const all = new Set(readJson<string[]>(REVEALED_KEY) ?? []);
    const isNew = !all.has(slug);
    writeJson(REVEALED_KEY, [...all.add(slug)]);
    if (isNew || announce) window.dispatchEvent(new CustomEvent('kvlab:reveal', { detail: { slug } }));
    if (announce) bar.say(`The instructor revealed the solution to the “${slug}” exercise: it is unlocked on its page.`);
  }

  const watchPropagation = propagationWatcher(server, bar.say, () => ended);
  function handle(message: ParticipantMessage) {
    switch (message.type) {
      case 'state': {
        bar.follow(message.section);
        for (const slug of message.revealed) reveal(slug, false);
        if (message.ended) return stop(ENDED);
        if (message.propagation?.writtenAt && Date.now() - message.propagation.writtenAt < 90_000) void watchPropagation(message.propagation.round);
        // Back online: what could not be delivered goes now.
        return void server.flushAnswers().then(report);
      }
      case 'section':
        bar.follow(message.section);
        return bar.say(`The instructor moved the room to “${message.section.label}”.`);
      case 'reveal':
        return reveal(message.slug, true);
      case 'reset':
        window.dispatchEvent(new CustomEvent('kvlab:reset', { detail: {} }));
        return bar.say('The instructor reset your demo cache and origin edits: the demos on this page start afresh. Your progress is kept.');
      case 'ended':
        return stop(ENDED);
      case 'propagation':
        return void watchPropagation(message.round);
      case 'herd':
        return void joinHerd(server, message, bar.say);
    }
  }

  async function leave() {
    if (!ended) await server.post('leave', {});
    ended = true;
    room?.close();
    forget(JOINED_KEY);
    bar.hide();
    window.dispatchEvent(new CustomEvent('kvlab:workshop-left'));
  }

  trackWhereabouts(post);
  window.addEventListener('kvlab:answer', (event) => {
    const { kind, id, value } = (event as CustomEvent<{ kind?: string; id?: string; value?: unknown }>).detail ?? {};
    if ((kind === 'predict' || kind === 'reflect') && typeof id === 'string' && (typeof value === 'number' || typeof value === 'string') && !ended) {
      void server.queueAnswer({ kind, id, value }).then(report);
    }
  });
  // Leaving right after answering: a request with keepalive outlives the page.
  window.addEventListener('pagehide', () => void (!ended && server.flushAnswers(true)));

  // Confirm the session before going live: a stale flag (workshop over, cookie gone) is dropped.
  void server.get<{ participant?: { name?: string } }>('me').then(({ status, body }) => {
    if (status === 401 || status === 403 || status === 404) {
      forget(JOINED_KEY);
      ended = true;
      return bar.hide();
    }
    if (body?.participant?.name) bar.setName(body.participant.name);
    room = connectToRoom(server.api, handle, bar.setConnection);
  });
}
