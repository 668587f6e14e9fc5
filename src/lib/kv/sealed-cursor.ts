/**
 * KV's list cursor, sealed before it reaches the browser.
 *
 * The cursor KV hands out is opaque by contract but not secret: locally it is the base64 of the
 * last key listed, and every key of a learner starts with `learner:<id>:`, the id the HttpOnly
 * cookie keeps away from page scripts. So the playground gives out the cursor encrypted
 * (AES-GCM) under a key derived from that learner's id, with the list prefix as associated
 * data. The page sees random bytes; a cursor from another learner, for another prefix, or made
 * up does not open, and the request answers 400 instead of KV quietly listing from the start.
 */

const VERSION = 'c1.';
const encoder = new TextEncoder();

async function keyFor(learnerId: string): Promise<CryptoKey> {
  const secret = await crypto.subtle.importKey('raw', encoder.encode(learnerId), 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: encoder.encode('kvlab list cursor'), info: new Uint8Array() },
    secret,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

const toBase64Url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');

export async function sealCursor(learnerId: string, prefix: string, cursor: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(prefix) }, await keyFor(learnerId), encoder.encode(cursor));
  const out = new Uint8Array(iv.length + sealed.byteLength);
  out.set(iv);
  out.set(new Uint8Array(sealed), iv.length);
  return VERSION + toBase64Url(out);
}

/** KV's cursor inside `sealed`, or `null` when it was not sealed for this learner and prefix. */
export async function openCursor(learnerId: string, prefix: string, sealed: string): Promise<string | null> {
  if (!sealed.startsWith(VERSION) || !/^[A-Za-z0-9_-]+$/.test(sealed.slice(VERSION.length))) return null;
  try {
    const bytes = Uint8Array.from(atob(sealed.slice(VERSION.length).replaceAll('-', '+').replaceAll('_', '/')), (c) => c.charCodeAt(0));
    if (bytes.length < 12 + 16) return null;
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: bytes.subarray(0, 12), additionalData: encoder.encode(prefix) },
      await keyFor(learnerId),
      bytes.subarray(12),
    );
    return new TextDecoder().decode(plain);
  } catch {
    return null;
  }
}
