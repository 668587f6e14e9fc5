import { useState } from 'react';
import { callApi, type ApiResult } from './api';

/**
 * One demo's request state: busy while a call runs, the last error as a sentence, and the
 * announcement for the live region. `call` resolves to the JSON body, or `null` on an error.
 */
export function useDemoCall() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');

  async function call<T>(
    path: string,
    init: RequestInit = {},
    describe?: (body: T, res: ApiResult<T>) => string,
  ): Promise<(T & { roundTripMs: number }) | null> {
    setBusy(true);
    const res = await callApi<T>(path, init);
    setBusy(false);
    if (!res.ok) {
      const message = res.body.error?.message ?? `Request failed (${res.status}).`;
      setError(message);
      setAnnounce(`Error: ${message}`);
      return null;
    }
    setError(null);
    if (describe) setAnnounce(describe(res.body, res));
    return { ...res.body, roundTripMs: res.roundTripMs };
  }

  return { busy, error, announce, setAnnounce, setError, call };
}

/** A JSON request body for `call`. */
export const jsonBody = (method: string, body: unknown): RequestInit => ({ method, body: JSON.stringify(body) });
