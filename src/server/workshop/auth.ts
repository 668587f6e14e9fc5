import type { AstroCookies } from 'astro';
import { SESSION_TOKEN_PATTERN } from '../../lib/workshop/codes';

/**
 * Who may do what in workshop mode. The instructor proves themselves with the
 * INSTRUCTOR_TOKEN secret as a Bearer token; a participant with the session cookie set on join.
 */

/** HttpOnly session cookie of a workshop participant (beside `kvlab_learner`). */
export const PARTICIPANT_COOKIE = 'kvlab_workshop';
const SESSION_MAX_AGE_S = 14 * 24 * 3600;

export type InstructorCheck = 'ok' | 'missing' | 'invalid' | 'unconfigured';

const encoder = new TextEncoder();

/**
 * Compare the Bearer token with INSTRUCTOR_TOKEN in constant time. Both sides are hashed
 * first, so neither the content nor the length of the secret leaks through timing.
 */
export async function checkInstructor(request: Request, secret: string | undefined): Promise<InstructorCheck> {
  if (!secret || secret.length < 16) return 'unconfigured';
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) return 'missing';
  return (await sameSecret(match[1], secret)) ? 'ok' : 'invalid';
}

export async function sameSecret(given: string, secret: string): Promise<boolean> {
  const [a, b] = await Promise.all([
    crypto.subtle.digest('SHA-256', encoder.encode(given)),
    crypto.subtle.digest('SHA-256', encoder.encode(secret)),
  ]);
  // workerd's constant-time comparison (the DOM typings in scope do not declare it).
  return (crypto.subtle as unknown as { timingSafeEqual(a: ArrayBuffer, b: ArrayBuffer): boolean }).timingSafeEqual(a, b);
}

// ── Console tickets ─────────────────────────────────────────────────────────────────────
// Browsers cannot put an Authorization header on a WebSocket. The console trades its
// Bearer token for a ticket that opens one workshop's live feed for a minute; the ticket
// rides in the WebSocket URL, the token never does.

const TICKET_TTL_MS = 60_000;

async function hmacKey(secret: string) {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
}
const b64url = (bytes: ArrayBuffer) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes))).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
function fromB64url(text: string): Uint8Array<ArrayBuffer> | null {
  try {
    const bin = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

export async function createConsoleTicket(secret: string, code: string, now = Date.now()) {
  const expiresAt = now + TICKET_TTL_MS;
  const sig = await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(`console:${code}:${expiresAt}`));
  return { ticket: `${expiresAt}.${b64url(sig)}`, expiresAt };
}

export async function verifyConsoleTicket(secret: string | undefined, code: string, ticket: string, now = Date.now()) {
  if (!secret || secret.length < 16) return false;
  const m = /^(\d{13})\.([A-Za-z0-9_-]{43})$/.exec(ticket);
  if (!m || Number(m[1]) < now) return false;
  const sig = fromB64url(m[2]);
  if (!sig) return false;
  // HMAC verification compares in constant time.
  return crypto.subtle.verify('HMAC', await hmacKey(secret), sig, encoder.encode(`console:${code}:${m[1]}`));
}

// ── Participant session ─────────────────────────────────────────────────────────────────

export function sessionToken(cookies: AstroCookies): string | undefined {
  const value = cookies.get(PARTICIPANT_COOKIE)?.value;
  return value && SESSION_TOKEN_PATTERN.test(value) ? value : undefined;
}

/** The session token from a raw Cookie header (WebSocket upgrades bypass Astro). */
export function sessionTokenFromHeader(cookieHeader: string | null): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === PARTICIPANT_COOKIE) {
      const value = rest.join('=');
      return SESSION_TOKEN_PATTERN.test(value) ? value : undefined;
    }
  }
  return undefined;
}

export function setSessionCookie(cookies: AstroCookies, token: string, secure: boolean) {
  cookies.set(PARTICIPANT_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: SESSION_MAX_AGE_S });
}

export function clearSessionCookie(cookies: AstroCookies, secure: boolean) {
  cookies.delete(PARTICIPANT_COOKIE, { path: '/', secure, httpOnly: true, sameSite: 'lax' });
}
