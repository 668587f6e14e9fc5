import { useCallback, useEffect, useState } from 'react';
import type { Dashboard } from '../../../lib/workshop/dashboard';
import type { ConsoleMessage } from '../../../lib/workshop/messages';
import type { Api } from './api';

/** The room's dashboard: fetched once, then pushed over the room's WebSocket (reconnecting with backoff). */
export function useLiveDashboard(code: string, api: Api) {
  const [dashboard, setDashboard] = useState<Dashboard | null>(null);
  const [status, setStatus] = useState<'connecting' | 'live' | 'reconnecting'>('connecting');
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(async () => {
    const r = await api<Dashboard>(`/api/workshops/${code}/dashboard`);
    if (r.ok) setDashboard(r.body);
    else setError(r.body.error?.message ?? 'Could not load the dashboard.');
    return r.ok;
  }, [api, code]);

  useEffect(() => {
    let closed = false;
    let socket: WebSocket | null = null;
    let retries = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let pinger: ReturnType<typeof setInterval> | undefined;
    async function connect() {
      if (closed) return;
      const ticket = await api<{ url: string }>(`/api/workshops/${code}/ticket`, { method: 'POST' });
      if (!ticket.ok) {
        if (ticket.status === 404) return setError('There is no workshop with this code.');
        return retry();
      }
      const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${ticket.body.url}`);
      socket = ws;
      ws.onopen = () => {
        retries = 0;
        setStatus('live');
        pinger = setInterval(() => ws.readyState === WebSocket.OPEN && ws.send('ping'), 25_000);
      };
      ws.onmessage = (event) => {
        if (event.data === 'pong') return;
        try {
          const message = JSON.parse(String(event.data)) as ConsoleMessage;
          if (message.type === 'dashboard' && message.dashboard) setDashboard(message.dashboard);
        } catch {
          // Not ours.
        }
      };
      ws.onclose = () => {
        clearInterval(pinger);
        if (!closed) retry();
      };
    }
    function retry() {
      setStatus('reconnecting');
      timer = setTimeout(connect, Math.min(10_000, 500 * 2 ** retries++));
    }
    void refresh();
    void connect();
    return () => {
      closed = true;
      clearTimeout(timer);
      clearInterval(pinger);
      socket?.close();
    };
  }, [api, code, refresh]);
  return { dashboard, status, error, refresh };
}
