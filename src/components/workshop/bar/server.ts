import type { AnswerEvent } from '../../../lib/workshop/messages';
import { OUTBOX_KEY, readJson, writeJson } from './storage';

/**
 * Requests to the workshop API. Answers go through an outbox kept in localStorage: an answer
 * leaves it only once the server recorded it, so one given just before the page closes is
 * sent with `keepalive` (it outlives the page), and whatever still failed is sent again from
 * the next page.
 */

export type Outcome = 'ok' | 'offline' | 'signed-out' | { message: string };

export function workshopApi(code: string) {
  const api = `/api/workshops/${encodeURIComponent(code)}`;

  async function post(path: string, body: unknown, keepalive = false): Promise<Outcome> {
    const res = await fetch(`${api}/${path}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      keepalive,
    }).catch(() => null);
    if (!res) return 'offline';
    if (res.status === 401 || res.status === 403) return 'signed-out';
    if (res.ok) return 'ok';
    const err = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    return { message: err?.error?.message ?? `The workshop server answered ${res.status}.` };
  }

  const outbox = () => readJson<Record<string, AnswerEvent>>(OUTBOX_KEY) ?? {};
  const keyOf = (a: AnswerEvent) => `${a.kind}:${a.id}`;

  /** Send every undelivered answer; a refused one (400: not a question any more) is dropped too. */
  async function flushAnswers(keepalive = false): Promise<Outcome> {
    let last: Outcome = 'ok';
    for (const answer of Object.values(outbox())) {
      last = await post('answer', answer, keepalive);
      if (last === 'offline' || last === 'signed-out') return last;
      const rest = outbox();
      // Only if it was not answered again meanwhile: the newer answer still has to go.
      if (JSON.stringify(rest[keyOf(answer)]) === JSON.stringify(answer)) delete rest[keyOf(answer)];
      writeJson(OUTBOX_KEY, rest);
    }
    return last;
  }

  function queueAnswer(answer: AnswerEvent): Promise<Outcome> {
    writeJson(OUTBOX_KEY, { ...outbox(), [keyOf(answer)]: answer });
    return flushAnswers();
  }

  const get = <T>(path: string) =>
    fetch(`${api}/${path}`, { credentials: 'same-origin' })
      .then(async (res) => ({ status: res.status, body: (await res.json().catch(() => null)) as T | null }))
      .catch(() => ({ status: 0, body: null as T | null }));

  return { api, post, get, queueAnswer, flushAnswers };
}

export type WorkshopApi = ReturnType<typeof workshopApi>;
