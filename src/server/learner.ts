import type { AstroCookies } from 'astro';
import { learnerScope, type LearnerScope } from '../lib/learner-scope';

/**
 * Anonymous learner identity. Each browser gets a random id in an HttpOnly cookie; every KV
 * key a demo touches lives under `learner:<id>:` and every origin edit is stored against the id.
 */

export const LEARNER_COOKIE = 'kvlab_learner';
const ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;
const ONE_YEAR_S = 365 * 24 * 3600;


/** 16 random bytes, base64url: 22 characters that cannot be guessed or enumerated. */
export function newLearnerId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

/** The learner this request belongs to; sets the cookie when the browser has none yet. */
export function identifyLearner(cookies: AstroCookies, secure: boolean): LearnerScope {
  const existing = cookies.get(LEARNER_COOKIE)?.value;
  if (existing && ID_PATTERN.test(existing)) return learnerScope(existing);

  const id = newLearnerId();
  cookies.set(LEARNER_COOKIE, id, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: ONE_YEAR_S,
  });
  return learnerScope(id);
}
