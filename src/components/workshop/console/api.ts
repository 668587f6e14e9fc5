import { useCallback } from 'react';

/**
 * The console's calls: every request carries the instructor token as a Bearer header; a 401
 * forgets the token, so the sign-in form comes back with the server's sentence.
 */

export const TOKEN_KEY = 'kvlab:instructor-token';

export type Api = <T>(path: string, init?: RequestInit) => Promise<{ ok: boolean; status: number; body: T & { error?: { message: string } } }>;

export function readToken(): string {
  const hash = new URLSearchParams(location.hash.slice(1));
  const fromHash = hash.get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    // Out of the address bar, history and screenshots.
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export function useConsoleApi(token: string, onUnauthorized: (message: string) => void): Api {
  return useCallback(
    async <T,>(path: string, init: RequestInit = {}): Promise<{ ok: boolean; status: number; body: T & { error?: { message: string } } }> => {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${token}`);
      if (init.body) headers.set('content-type', 'application/json');
      try {
        const res = await fetch(path, { ...init, headers });
        const body = (await res.json().catch(() => ({ error: { message: `The server answered ${res.status}.` } }))) as T & { error?: { message: string } };
        if (res.status === 401) {
          sessionStorage.removeItem(TOKEN_KEY);
          onUnauthorized(body?.error?.message ?? 'The instructor token was not accepted.');
        }
        return { ok: res.ok, status: res.status, body };
      } catch {
        return { ok: false, status: 0, body: { error: { message: 'Could not reach the server.' } } as T & { error: { message: string } } };
      }
    },
    [token, onUnauthorized],
  );
}
