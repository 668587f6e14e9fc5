import type { AstroCookies } from 'astro';
import { SESSION_TOKEN_PATTERN, hashToken } from '../../lib/workshop/codes';
import { b64url } from '../signing';

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
// Browsers cannot put an Authorization header on a WebSocket. The console trades its Bearer
// token for a ticket that opens one workshop's live feed once, within a minute; the ticket rides
// in the WebSocket URL (where logs and history may keep it), the token never does. Tickets live
// in D1 (migrations/0010_create_console_tickets.sql) as hashes, and opening the socket deletes
// the row in the same statement that checks it, so a ticket seen in a log opens nothing.

const TICKET_TTL_MS = 60_000;
const TICKET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export async function createConsoleTicket(db: D1Database, code: string, now = Date.now()) {
  const ticket = b64url(crypto.getRandomValues(new Uint8Array(32)));
  const expiresAt = now + TICKET_TTL_MS;
  await db.batch([
    // Tickets nobody used: at most a minute old, so the table stays as small as the console's reconnects.
    db.prepare('DELETE FROM workshop_console_tickets WHERE expires_at < ?1').bind(now),
    db
      .prepare('INSERT INTO workshop_console_tickets (ticket_hash, workshop_code, expires_at) VALUES (?1, ?2, ?3)')
      .bind(await hashToken(ticket), code, expiresAt),
  ]);
  return { ticket, expiresAt };
}

/**
 * `true` once for a ticket issued for this workshop and not expired. One statement checks and
 * deletes it (`DELETE … RETURNING`): of two connections racing on one ticket, one gets the row.
 */
export async function consumeConsoleTicket(db: D1Database, code: string, ticket: string, now = Date.now()): Promise<boolean> {
  if (!TICKET_PATTERN.test(ticket)) return false;
  const row = await db
    .prepare('DELETE FROM workshop_console_tickets WHERE ticket_hash = ?1 AND workshop_code = ?2 AND expires_at >= ?3 RETURNING ticket_hash')
    .bind(await hashToken(ticket), code, now)
    .first();
  return row !== null;
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
