import type { ErrorBody } from '../../lib/http/respond';

/** Browser-side helper for the demo islands: one call, its JSON and what it cost. */
export interface ApiResult<T = Record<string, unknown>> {
  ok: boolean;
  status: number;
  /** On an error, the server's `{"error":{"code","message"}}`, or one made here when no JSON came. */
  body: T & { error?: ErrorBody['error'] | { code: 'network' | 'bad_response'; message: string } };
  /** Round trip as the browser saw it, in ms. */
  roundTripMs: number;
}

// The first API answer sets the learner cookie. Until it has arrived, parallel calls would each
// be given a different new learner id (the last Set-Cookie wins), so they wait for the first.
let firstCall: Promise<unknown> | null = null;

export async function callApi<T = Record<string, unknown>>(
  path: string,
  init: RequestInit = {},
): Promise<ApiResult<T>> {
  if (firstCall) await firstCall;
  else {
    const result = send<T>(path, init);
    firstCall = result;
    return result;
  }
  return send<T>(path, init);
}

async function send<T>(path: string, init: RequestInit): Promise<ApiResult<T>> {
  const started = performance.now();
  const headers = new Headers(init.headers);
  if (init.body !== undefined) headers.set('content-type', 'application/json');
  try {
    const response = await fetch(path, { ...init, headers, credentials: 'same-origin' });
    const body = (await response.json().catch(() => ({
      error: { code: 'bad_response', message: `The server answered ${response.status} without JSON.` },
    }))) as ApiResult<T>['body'];
    return { ok: response.ok, status: response.status, body, roundTripMs: performance.now() - started };
  } catch {
    return {
      ok: false,
      status: 0,
      body: { error: { code: 'network', message: 'Could not reach the server. Is it still running?' } } as ApiResult<T>['body'],
      roundTripMs: performance.now() - started,
    };
  }
}

/** Worker clocks tick in whole milliseconds; the browser's are finer. Show what was measured. */
export const ms = (n: number | undefined) =>
  n === undefined ? '—' : Number.isInteger(n) ? `${n} ms` : `${n.toFixed(n < 10 ? 2 : 1)} ms`;
