/**
 * Identifiers of workshop mode and the checks on text participants type.
 */

/** No 0/O, 1/I/L: a code read aloud or copied from a projector survives. */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 8;

/**
 * A join code: 8 characters from 31, about 8.5 × 10^11 codes (~40 bits), drawn with
 * `crypto.getRandomValues`. Guessing a live workshop's code by trying codes is hopeless
 * at any request rate the Worker would serve. Shown as `ABCD-EFGH`.
 */
export function newJoinCode(): string {
  // Rejection sampling keeps every character equally likely (256 is not a multiple of 31).
  const limit = 256 - (256 % CODE_ALPHABET.length);
  let code = '';
  while (code.length < CODE_LENGTH) {
    for (const byte of crypto.getRandomValues(new Uint8Array(16))) {
      if (byte < limit && code.length < CODE_LENGTH) code += CODE_ALPHABET[byte % CODE_ALPHABET.length];
    }
  }
  return code;
}

/** `abcd-efgh`, `ABCDEFGH` and ` abcd efgh ` all mean `ABCDEFGH`; anything else is `null`. */
export function normalizeJoinCode(raw: string | undefined | null): string | null {
  if (typeof raw !== 'string') return null;
  const code = raw.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== CODE_LENGTH) return null;
  for (const ch of code) if (!CODE_ALPHABET.includes(ch)) return null;
  return code;
}

export const formatJoinCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;

/** 16 random bytes as base64url (22 characters): session tokens and learner ids. */
export function randomToken(bytes = 16): string {
  const raw = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...raw)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** Participant ids are public (the console shows them): shorter, still random. */
export const newParticipantId = () => randomToken(9);
export const PARTICIPANT_ID_PATTERN = /^[A-Za-z0-9_-]{12}$/;
export const SESSION_TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/** SHA-256 hex of a session token: what D1 stores, so a leaked table opens no sessions. */
export async function hashToken(token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

// Control characters and bidi overrides can hide or reorder text on the console.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * A display name: trimmed, inner whitespace collapsed, invisible characters removed,
 * 1–40 characters. Markup is kept as typed — it is text, escaped wherever it is shown.
 */
export function cleanName(raw: unknown): { ok: true; value: string } | { ok: false; message: string } {
  if (typeof raw !== 'string') return { ok: false, message: '"name" must be a string, like {"name": "Ada"}.' };
  const value = raw.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
  if (value.length < 1) return { ok: false, message: 'Choose a display name (1 to 40 characters).' };
  if ([...value].length > 40) return { ok: false, message: 'A display name can have at most 40 characters.' };
  return { ok: true, value };
}

/** Free text from a participant (answers, section labels): same cleaning, other bounds. */
export function cleanText(raw: unknown, max: number): string | null {
  if (typeof raw !== 'string') return null;
  const value = raw.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
  if (value.length < 1 || [...value].length > max) return null;
  return value;
}

/** Like cleanText, for a paragraph or two: line breaks stay (at most one blank line in a row). */
export function cleanParagraphs(raw: unknown, max: number): string | null {
  if (typeof raw !== 'string') return null;
  const value = raw
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (value.length < 1 || [...value].length > max) return null;
  return value;
}

/** Ids of lessons, sections, questions and exercises: slugs, never free text. */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9_-]{0,79}$/i;
export const isSlug = (v: unknown): v is string => typeof v === 'string' && SLUG_PATTERN.test(v);

