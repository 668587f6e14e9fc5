import { errorJson } from './respond';

/** Parse a positive integer id from a path segment, or `null` when it is not one. */
export function parseId(raw: string | undefined): number | null {
  if (!raw || !/^[1-9][0-9]{0,8}$/.test(raw)) return null;
  return Number(raw);
}

/** Request bodies larger than this are refused with 413 before they are read. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

export type Parsed<T> = { ok: true; value: T } | { ok: false; response: Response };

/**
 * Read a JSON object body: 415 unless it is sent as JSON, 413 when it is larger than
 * `maxBytes`, 400 when it is not valid JSON or not an object.
 */
export async function readJsonObject(
  request: Request,
  maxBytes = DEFAULT_BODY_LIMIT,
): Promise<Parsed<Record<string, unknown>>> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    return fail(415, 'unsupported_media_type', 'Send the body as JSON with Content-Type: application/json.');
  }
  const declared = Number(request.headers.get('content-length') ?? 0);
  const tooLarge = () =>
    fail(413, 'payload_too_large', `The body is larger than this endpoint accepts (${formatBytes(maxBytes)}).`);
  if (declared > maxBytes) return tooLarge();

  const text = await readLimited(request, maxBytes);
  if (text === null) return tooLarge();
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

/** The body as text, or `null` once it passes `maxBytes` (chunked bodies declare no length). */
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
      await reader.cancel();
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

function fail(status: number, code: Parameters<typeof errorJson>[1], message: string): { ok: false; response: Response } {
  return { ok: false, response: errorJson(status, code, message) };
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) ? 1 : 0)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(n % 1024 ? 1 : 0)} KiB`;
  return `${n} bytes`;
}

/** A string field of a JSON body: trimmed length within bounds, or an error message. */
export function stringField(
  body: Record<string, unknown>,
  name: string,
  { min = 1, max = 10_000, optional = false } = {},
): { ok: true; value: string | undefined } | { ok: false; message: string } {
  const raw = body[name];
  if (raw === undefined || raw === null) {
    return optional ? { ok: true, value: undefined } : { ok: false, message: `"${name}" is required.` };
  }
  if (typeof raw !== 'string') return { ok: false, message: `"${name}" must be a string.` };
  const value = raw.trim();
  if (value.length < min) return { ok: false, message: `"${name}" must have at least ${min} character${min === 1 ? '' : 's'}.` };
  if (value.length > max) return { ok: false, message: `"${name}" can have at most ${max} characters.` };
  return { ok: true, value };
}
