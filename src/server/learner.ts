import type { AstroCookies } from 'astro';
import { learnerScope, type LearnerScope } from '../lib/learner-scope';
import { b64url, isSignature, signature } from './signing';

/**
 * Anonymous learner identity. Each browser gets a random id in an HttpOnly cookie; every KV
 * key a demo touches lives under `learner:<id>:` and every origin edit is stored against the id.
 *
 * The cookie is `<id>.<signature>`: an HMAC of the id under a key only the server has. Budgets
 * are counted per learner id (src/server/limits.ts), so an id a client made up itself must not
 * count as a learner, or every request could bring a fresh one and a fresh budget.
 */

export const LEARNER_COOKIE = 'kvlab_learner';
const COOKIE_PATTERN = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})$/;
const ONE_YEAR_S = 365 * 24 * 3600;

/** 16 random bytes, base64url: 22 characters that cannot be guessed or enumerated. */
export function newLearnerId(): string {
  return b64url(crypto.getRandomValues(new Uint8Array(16)));
}

/** The verified learner of this request, or null when the cookie is missing, malformed or forged. */
export async function readLearner(cookies: AstroCookies): Promise<LearnerScope | null> {
  const match = COOKIE_PATTERN.exec(cookies.get(LEARNER_COOKIE)?.value ?? '');
  if (!match) return null;
  const [, id, signature] = match;
  return (await verify(id!, signature!)) ? learnerScope(id!) : null;
}

/** A new learner, with its signed cookie set on the response. */
export async function mintLearner(cookies: AstroCookies, secure: boolean): Promise<LearnerScope> {
  const id = newLearnerId();
  await setLearnerCookie(cookies, id, secure);
  return learnerScope(id);
}

/** Point the browser at learner `id` (a new learner, or a workshop participant's own id). */
export async function setLearnerCookie(cookies: AstroCookies, id: string, secure: boolean) {
  cookies.set(LEARNER_COOKIE, await learnerCookieValue(id), {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: ONE_YEAR_S,
  });
}

export async function learnerCookieValue(id: string): Promise<string> {
  return `${id}.${await sign(id)}`;
}

// ── Signing ──────────────────────────────────────────────────────────────────────────────
// Under the learner-id key of ./signing.ts. Changing INSTRUCTOR_TOKEN makes every learner
// cookie invalid once, and those browsers get new learner ids.

const PURPOSE = 'kvlab learner id v1';
const sign = (id: string) => signature(PURPOSE, `learner:${id}`);
const verify = (id: string, given: string) => isSignature(PURPOSE, `learner:${id}`, given);
