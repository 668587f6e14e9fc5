import { useEffect, useState } from 'react';
import type { Api } from './api';
import { Controls } from './Controls';
import { Debrief } from './Debrief';
import { formatCode } from './format';
import { JoinQr } from './JoinQr';
import { Herd, Propagation } from './Labs';
import { ParticipantsTable } from './Participants';
import { RoomStats } from './RoomStats';
import type { Lesson } from './types';
import { useLiveDashboard } from './use-live-dashboard';

/** One open workshop: its header, controls, stats, participants, debrief and labs. */
export function Room({ code, api, token, lessons, exercises, onClose }: { code: string; api: Api; token: string; lessons: Lesson[]; exercises: string[]; onClose: () => void }) {
  const { dashboard, status, error, refresh } = useLiveDashboard(code, api);
  const [message, setMessage] = useState('');
  const [stuckMinutes, setStuckMinutes] = useState(5);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 5000);
    return () => clearInterval(t);
  }, []);

  async function act(path: string, body: unknown, done: (b: Record<string, unknown>) => string) {
    const r = await api<Record<string, unknown>>(`/api/workshops/${code}/${path}`, { method: 'POST', body: JSON.stringify(body) });
    setMessage(r.ok ? done(r.body) : (r.body.error?.message ?? 'That did not work.'));
    if (r.ok) void refresh();
  }

  async function download(format: 'csv' | 'json', of: 'participants' | 'answers' = 'participants') {
    const res = await fetch(`/api/workshops/${code}/export?format=${format}&of=${of}`, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) return setMessage('The export failed.');
    const url = URL.createObjectURL(await res.blob());
    const a = Object.assign(document.createElement('a'), { href: url, download: `workshop-${code}${of === 'answers' ? '-answers' : ''}.${format}` });
    a.click();
    URL.revokeObjectURL(url);
  }

  if (error && !dashboard) return <p className="error-text" role="alert">{error} <button type="button" className="secondary" onClick={onClose}>Back</button></p>;
  if (!dashboard) return <p className="panel-note">Connecting to the room…</p>;
  const w = dashboard.workshop;
  const joinUrl = `${location.origin}/workshop/?code=${w.code}`;
  const ended = w.endedAt !== null;

  return (
    <div className="console">
      <header className="console-head panel">
        <div>
          <p className="panel-note">Workshop{ended ? ' · ended' : ''}</p>
          <h2 className="console-title">{w.title}</h2>
          <p>
            Join at <a href={joinUrl}>{joinUrl}</a>{' '}
            <button type="button" className="secondary" onClick={() => navigator.clipboard?.writeText(joinUrl).then(() => setMessage('Join link copied.'))}>
              Copy link
            </button>
          </p>
        </div>
        <div className="console-code" aria-label={`Join code ${formatCode(w.code)}`}>{formatCode(w.code)}</div>
        <JoinQr url={joinUrl} />
        <div className="console-status">
          <span className="wb-dot" data-live={status === 'live' && !ended} /> {ended ? 'Ended' : status === 'live' ? 'Live' : status === 'connecting' ? 'Connecting…' : 'Reconnecting…'}
          <br />
          <strong data-testid="online-count">{dashboard.online}</strong> online of {dashboard.participants.length}
          <br />
          <button type="button" className="secondary" onClick={onClose}>All workshops</button>
        </div>
      </header>
      <p className="visually-hidden" role="status" aria-live="polite">{message}</p>
      {message && <p className="console-message">{message}</p>}

      <div className="console-grid">
        <Controls lessons={lessons} exercises={exercises} workshop={w} disabled={ended} act={act} download={download} />
        <RoomStats room={dashboard.room} />
      </div>

      <section className="panel" aria-labelledby="participants-title">
        <div className="console-row">
          <h3 id="participants-title">Participants</h3>
          <label className="inline-label">
            Stuck after{' '}
            <select value={stuckMinutes} onChange={(e) => setStuckMinutes(Number(e.target.value))}>
              {[2, 5, 10, 15, 20].map((m) => <option key={m} value={m}>{m} min</option>)}
            </select>{' '}
            without progress
          </label>
        </div>
        <ParticipantsTable participants={dashboard.participants} lessons={lessons} now={now} stuckMs={stuckMinutes * 60_000} ended={ended}
          onReset={(p) => act('reset', { participant: p.id }, () => `Reset ${p.name}'s cache and origin edits.`)} />
      </section>

      <div className="console-grid">
        <Debrief code={code} api={api} answers={dashboard.answers} />
        <Propagation data={dashboard.propagation} disabled={ended} start={() => act('propagation', {}, (b) => String(b.note ?? 'Round started.'))} />
      </div>
      <Herd runs={dashboard.herd} online={dashboard.online} disabled={ended} start={(coalesce) => act('herd', { coalesce }, (b) => `Sent “fetch now” to ${b.delivered} browsers, ${b.fanOut} clients each: ${b.requestsExpected} requests for one cold key${coalesce ? ', with coalescing' : ''}.`)} />
    </div>
  );
}

