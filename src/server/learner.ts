import type { AstroCookies } from 'astro';
import { env } from 'cloudflare:workers';
import { learnerScope, type LearnerScope } from '../lib/learner-scope';

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
const encoder = new TextEncoder();

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
// The key is derived from INSTRUCTOR_TOKEN, the secret every deployment already has
// (wrangler.toml requires it; npm start writes one), so nothing new needs configuring.
// HKDF makes it a separate key: a learner cookie reveals nothing about the token. Changing the
// token makes every learner cookie invalid once, and those browsers get new learner ids.

let keyFor: { secret: string | undefined; key: Promise<CryptoKey> } | undefined;

function signingKey(): Promise<CryptoKey> {
  const secret = env.INSTRUCTOR_TOKEN && env.INSTRUCTOR_TOKEN.length >= 16 ? env.INSTRUCTOR_TOKEN : undefined;
  if (!keyFor || keyFor.secret !== secret) keyFor = { secret, key: deriveKey(secret) };
  return keyFor.key;
}

async function deriveKey(secret: string | undefined): Promise<CryptoKey> {
  const hmac = { name: 'HMAC', hash: 'SHA-256', length: 256 } as const;
  if (!secret) {
    // Without the secret (`astro dev` before `npm start` ever wrote .dev.vars) a random key
    // per isolate: ids stay unforgeable, and only last until the isolate restarts.
    console.warn('INSTRUCTOR_TOKEN is not set: learner cookies are signed with a key that lasts until this isolate restarts.');
    return crypto.subtle.generateKey(hmac, false, ['sign']) as Promise<CryptoKey>;
  }
  const material = await crypto.subtle.importKey('raw', encoder.encode(secret), 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: encoder.encode('kvlab learner id v1') },
    material,
    hmac,
    false,
    ['sign'],
  );
}

/** The first 16 bytes of HMAC-SHA256(id): 128 bits, as much as the id itself. */
async function sign(id: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await signingKey(), encoder.encode(`learner:${id}`));
  return b64url(new Uint8Array(mac, 0, 16));
}

async function verify(id: string, signature: string): Promise<boolean> {
  const expected = encoder.encode(await sign(id));
  const given = encoder.encode(signature);
  // Same length by the cookie pattern; compared in constant time (workerd's extension).
  return (crypto.subtle as unknown as { timingSafeEqual(a: ArrayBufferView, b: ArrayBufferView): boolean }).timingSafeEqual(expected, given);
}

function b64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}
