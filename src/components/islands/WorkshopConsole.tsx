import { useCallback, useState } from 'react';
import { readToken, TOKEN_KEY, useConsoleApi } from '../workshop/console/api';
import { Room } from '../workshop/console/Room';
import { Picker, TokenForm } from '../workshop/console/SignIn';
import type { Lesson } from '../workshop/console/types';

/**
 * The instructor's console: create or open a workshop, watch the room live, drive it.
 * The instructor token comes from the URL fragment (as `npm start` prints it) or is typed
 * in; it is kept in sessionStorage only and sent as a Bearer header. All names and answers
 * are rendered as React text, which escapes them. The parts live in components/workshop/console/.
 */
export default function WorkshopConsole({ lessons, exercises }: { lessons: Lesson[]; exercises: string[] }) {
  const [token, setToken] = useState<string>(() => readToken());
  const [code, setCode] = useState<string | null>(() => new URLSearchParams(location.search).get('code'));
  const [authError, setAuthError] = useState<string | null>(null);
  const onUnauthorized = useCallback((message: string) => {
    setAuthError(message);
    setToken('');
  }, []);
  const api = useConsoleApi(token, onUnauthorized);

  const open = (next: string | null) => {
    setCode(next);
    history.pushState(null, '', next ? `?code=${next}` : location.pathname);
  };

  if (!token) return <TokenForm error={authError} onToken={(t) => { sessionStorage.setItem(TOKEN_KEY, t); setAuthError(null); setToken(t); }} />;
  if (!code) return <Picker api={api} onOpen={open} />;
  return <Room key={code} code={code} api={api} token={token} lessons={lessons} exercises={exercises} onClose={() => open(null)} />;
}
