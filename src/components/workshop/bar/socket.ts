import type { ParticipantMessage } from '../../../lib/workshop/messages';
import type { Connection } from './view';

/**
 * The live connection to the room: pings to stay open, and reconnects with backoff and
 * jitter, so a restarted server is not hit by the whole room at once.
 */
export function connectToRoom(api: string, onMessage: (m: ParticipantMessage) => void, onState: (s: Connection) => void) {
  let socket: WebSocket | null = null;
  let retries = 0;
  let closed = false;
  let pinger: ReturnType<typeof setInterval> | undefined;

  function connect() {
    if (closed) return;
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${api}/live`);
    socket = ws;
    ws.onopen = () => {
      retries = 0;
      onState('live');
      pinger = setInterval(() => ws.readyState === WebSocket.OPEN && ws.send('ping'), 25_000);
    };
    ws.onmessage = (event) => {
      if (event.data === 'pong') return;
      try {
        onMessage(JSON.parse(String(event.data)) as ParticipantMessage);
      } catch {
        // Not a message of ours.
      }
    };
    ws.onclose = () => {
      clearInterval(pinger);
      if (closed || socket !== ws) return;
      onState('reconnecting');
      setTimeout(connect, Math.min(15_000, 1000 * 2 ** retries++) * (0.5 + Math.random()));
    };
  }
  connect();
  return {
    close() {
      closed = true;
      socket?.close();
    },
  };
}
