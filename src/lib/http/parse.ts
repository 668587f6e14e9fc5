import { errorJson } from './respond';

/** Parse a positive integer id from a path segment, or `null` when it is not one. */
export function parseId(raw: string | undefined): number | null {
  if (!raw || !/^[1-9][0-9]{0,8}$/.test(raw)) return null;
  return Number(raw);
}

/** Request bodies larger than this are refused with 413 before they are read. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

/**
 * A body we refuse is still read to its end, and thrown away, up to this size. workerd answers
 * a request whose body the Worker left unread with `Connection: close` and closes the socket with
 * those bytes still in it, which makes the kernel reset the connection: a keep-alive client that
 * has already sent its next request on it gets ECONNRESET (or EPIPE) instead of an answer.
 * Reading the rest keeps the connection usable. Past this size the body is cancelled instead
 * and the connection closes: sending megabytes to a 64 KiB endpoint is not worth the bandwidth.
 */
export const DRAIN_LIMIT = 1024 * 1024;

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * A Content-Type header parsed as RFC 9110 §8.3 describes it: `type/subtype` (lower-cased) and
 * its parameters (names and charset lower-cased, quotes removed); `null` when it is not one.
 * Only the exact type `application/json` is JSON here: `application/json-patch+json` is another
 * format with its own meaning, which a prefix test would have let through.
 */
export function mediaType(header: string | null): { essence: string; params: Map<string, string> } | null {
  if (!header) return null;
  const [head, ...rest] = header.split(';');
  const [type, subtype, extra] = head!.trim().split('/');
  if (extra !== undefined || !type || !subtype || !TOKEN.test(type) || !TOKEN.test(subtype)) return null;
  const params = new Map<string, string>();
  for (const part of rest) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim().toLowerCase();
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1).replace(/\\(.)/g, '$1');
    if (TOKEN.test(name) && !params.has(name)) params.set(name, name === 'charset' ? value.toLowerCase() : value);
  }
  return { essence: `${type}/${subtype}`.toLowerCase(), params };
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; response: Response };

/**
 * Read a JSON object body: 415 unless it is sent as JSON, 413 when it is larger than
 * `maxBytes`, 400 when it is not valid JSON or not an object.
 */
export async function readJsonObject(
  request: Request,
  maxBytes = DEFAULT_BODY_LIMIT,
): Promise<Parsed<Record<string, unknown>>> {
  // A body that will not be used is still consumed, so the connection can serve the next request.
  const refuse = async (status: number, code: Parameters<typeof errorJson>[1], message: string) => {
    await discardBody(request);
    return fail(status, code, message);
  };
  const type = mediaType(request.headers.get('content-type'));
  if (type?.essence !== 'application/json' || !['utf-8', undefined].includes(type.params.get('charset'))) {
    const got = type ? ` (this one is ${type.essence}${type.params.has('charset') ? `; charset=${type.params.get('charset')}` : ''})` : '';
    return refuse(415, 'unsupported_media_type', `Send the body as JSON with Content-Type: application/json${got}.`);
  }
  const declared = Number(request.headers.get('content-length') ?? 0);
  const tooLarge = `The body is larger than this endpoint accepts (${formatBytes(maxBytes)}).`;
  if (declared > maxBytes) return refuse(413, 'payload_too_large', tooLarge);

  const text = await readLimited(request, maxBytes);
  if (text === null) return fail(413, 'payload_too_large', tooLarge);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail(400, 'bad_request', 'The body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail(400, 'bad_request', 'The body must be a JSON object, like {"title": "…"}.');
  }
  return { ok: true, value: value as Record<string, unknown> };
}

/**
 * The body as text, or `null` once it passes `maxBytes` (chunked bodies declare no length); the
 * rest of a body that is too large is discarded like any refused body.
 */
async function readLimited(request: Request, maxBytes: number): Promise<string | null> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await drain(reader, DRAIN_LIMIT - size);
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

/**
 * Consume a request body that will not be used (see DRAIN_LIMIT): read and dropped when it is
 * small enough, cancelled when it is larger. Does nothing when there is no body or it was read.
 */
export async function discardBody(request: Request): Promise<void> {
  if (!request.body || request.bodyUsed) return;
  if (Number(request.headers.get('content-length') ?? 0) > DRAIN_LIMIT) {
    await request.body.cancel().catch(() => {});
    return;
  }
  await drain(request.body.getReader(), DRAIN_LIMIT);
}

async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, budget: number): Promise<void> {
  try {
    for (let left = budget; ; ) {
      const { done, value } = await reader.read();
      if (done) return;
      left -= value.byteLength;
      if (left < 0) return void (await reader.cancel());
    }
  } catch {
    // The client went away; there is no connection left to keep.
  }
}

function fail(status: number, code: Parameters<typeof errorJson>[1], message: string): { ok: false; response: Response } {
  return { ok: false, response: errorJson(status, code, message) };
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) ? 1 : 0)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(n % 1024 ? 1 : 0)} KiB`;
  return `${n} bytes`;
}
