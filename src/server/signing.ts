import { env } from 'cloudflare:workers';

/**
 * Values only this server can have made: the first 16 bytes of an HMAC-SHA256, base64url
 * (22 characters, 128 bits). Each purpose signs under a key of its own, derived (HKDF) from
 * INSTRUCTOR_TOKEN, the secret every deployment already has (wrangler.toml requires it; npm
 * start writes one), so nothing new needs configuring and a signature of one kind reveals
 * nothing about the token or about another kind. Changing the token invalidates them all once.
 */

const encoder = new TextEncoder();
const HMAC = { name: 'HMAC', hash: 'SHA-256', length: 256 } as const;

/** One derived key per purpose, for the secret it was derived from. */
const keys = new Map<string, { secret: string | undefined; key: Promise<CryptoKey> }>();

function keyFor(purpose: string): Promise<CryptoKey> {
  const secret = env.INSTRUCTOR_TOKEN && env.INSTRUCTOR_TOKEN.length >= 16 ? env.INSTRUCTOR_TOKEN : undefined;
  let known = keys.get(purpose);
  if (!known || known.secret !== secret) {
    known = { secret, key: deriveKey(secret, purpose) };
    keys.set(purpose, known);
  }
  return known.key;
}

async function deriveKey(secret: string | undefined, purpose: string): Promise<CryptoKey> {
  if (!secret) {
    // Without the secret (`astro dev` before `npm start` ever wrote .dev.vars) a random key
    // per isolate: signatures stay unforgeable, and only last until the isolate restarts.
    console.warn(`INSTRUCTOR_TOKEN is not set: "${purpose}" values are signed with a key that lasts until this isolate restarts.`);
    return crypto.subtle.generateKey(HMAC, false, ['sign']) as Promise<CryptoKey>;
  }
  const material = await crypto.subtle.importKey('raw', encoder.encode(secret), 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: encoder.encode(purpose) },
    material,
    HMAC,
    false,
    ['sign'],
  );
}

/** The signature of `message` for `purpose` (e.g. "kvlab learner id v1"). */
export async function signature(purpose: string, message: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await keyFor(purpose), encoder.encode(message));
  return b64url(new Uint8Array(mac, 0, 16));
}

/** Whether `given` is the signature of `message` for `purpose`, compared in constant time. */
export async function isSignature(purpose: string, message: string, given: string): Promise<boolean> {
  const expected = encoder.encode(await signature(purpose, message));
  const actual = encoder.encode(given);
  if (actual.length !== expected.length) return false;
  // workerd's constant-time comparison (the DOM typings in scope do not declare it).
  return (crypto.subtle as unknown as { timingSafeEqual(a: ArrayBufferView, b: ArrayBufferView): boolean }).timingSafeEqual(expected, actual);
}

export function b64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}
