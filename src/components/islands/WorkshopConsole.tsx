import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Dashboard, ParticipantView } from '../../lib/workshop/dashboard';
import type { Workshop as WorkshopRecord } from '../../lib/workshop/store';

/**
 * The instructor's console: create or open a workshop, watch the room live, drive it.
 * The instructor token comes from the URL fragment (as `npm start` prints it) or is typed
 * in; it is kept in sessionStorage only and sent as a Bearer header. All names and answers
 * are rendered as React text, which escapes them.
 */

interface Lesson {
  slug: string;
  title: string;
  sections: { id: string; text: string }[];
}
interface Props {
  lessons: Lesson[];
  exercises: string[];
}
// The console shows what the server computes: the same types, imported (types only, no code).
type Workshop = WorkshopRecord & { participants?: number };

const TOKEN_KEY = 'kvlab:instructor-token';
const formatCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;
const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);
const msText = (x: number | null) => (x === null ? '—' : `${x.toFixed(x < 10 ? 1 : 0)} ms`);
const ago = (t: number, now: number) => {
  const s = Math.max(0, Math.round((now - t) / 1000));
  return s < 60 ? `${s}s ago` : s < 3600 ? `${Math.floor(s / 60)} min ago` : `${Math.floor(s / 3600)} h ago`;
};

function readToken(): string {
  const hash = new URLSearchParams(location.hash.slice(1));
  const fromHash = hash.get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    // Out of the address bar, history and screenshots.
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export default function WorkshopConsole({ lessons, exercises }: Props) {
  const [token, setToken] = useState<string>(() => readToken());
  const [code, setCode] = useState<string | null>(() => new URLSearchParams(location.search).get('code'));
  const [authError, setAuthError] = useState<string | null>(null);

  const api = useCallback(
    async <T,>(path: string, init: RequestInit = {}): Promise<{ ok: boolean; status: number; body: T & { error?: { message: string } } }> => {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${token}`);
      if (init.body) headers.set('content-type', 'application/json');
      try {
        const res = await fetch(path, { ...init, headers });
        const body = (await res.json().catch(() => ({ error: { message: `The server answered ${res.status}.` } }))) as T & { error?: { message: string } };
        if (res.status === 401) {
          sessionStorage.removeItem(TOKEN_KEY);
          setAuthError(body?.error?.message ?? 'The instructor token was not accepted.');
          setToken('');
        }
        return { ok: res.ok, status: res.status, body };
      } catch {
        return { ok: false, status: 0, body: { error: { message: 'Could not reach the server.' } } as T & { error: { message: string } } };
      }
    },
    [token],
  );

  const open = (next: string | null) => {
    setCode(next);
    history.pushState(null, '', next ? `?code=${next}` : location.pathname);
  };

  if (!token) return <TokenForm error={authError} onToken={(t) => { sessionStorage.setItem(TOKEN_KEY, t); setAuthError(null); setToken(t); }} />;
  if (!code) return <Picker api={api} onOpen={open} />;
  return <Room key={code} code={code} api={api} token={token} lessons={lessons} exercises={exercises} onClose={() => open(null)} />;
}

type Api = <T>(path: string, init?: RequestInit) => Promise<{ ok: boolean; status: number; body: T & { error?: { message: string } } }>;

function TokenForm({ error, onToken }: { error: string | null; onToken: (t: string) => void }) {
  const [value, setValue] = useState('');
  return (
    <form className="panel console-token" onSubmit={(e) => { e.preventDefault(); if (value.trim()) onToken(value.trim()); }}>
      <h2>Instructor sign-in</h2>
      <p className="panel-note">
        Paste the instructor token. Locally, <code>npm start</code> prints a console link that carries it; deployed, it
        is the <code>INSTRUCTOR_TOKEN</code> secret. It stays in this tab only.
      </p>
      <label>
        Instructor token
        <input type="password" value={value} onChange={(e) => setValue(e.target.value)} autoComplete="current-password" required />
      </label>
      <button type="submit">Open the console</button>
      {error && <p className="error-text" role="alert">{error}</p>}
    </form>
  );
}

function Picker({ api, onOpen }: { api: Api; onOpen: (code: string) => void }) {
  const [title, setTitle] = useState('KV caching workshop');
  const [list, setList] = useState<Workshop[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void api<{ workshops: Workshop[] }>('/api/workshops').then((r) => r.ok && setList(r.body.workshops));
  }, [api]);
  async function create(e: { preventDefault(): void }) {
    e.preventDefault();
    const r = await api<{ code: string }>('/api/workshops', { method: 'POST', body: JSON.stringify({ title }) });
    if (r.ok) onOpen(r.body.code);
    else setError(r.body.error?.message ?? 'Could not create the workshop.');
  }
  return (
    <div className="console-picker">
      <form className="panel" onSubmit={create}>
        <h2>New workshop</h2>
        <label>
          Title participants will see
          <input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={80} required />
        </label>{' '}
        <button type="submit">Create workshop</button>
        {error && <p className="error-text" role="alert">{error}</p>}
      </form>
      <div className="panel">
        <h2>Recent workshops</h2>
        {list === null ? <p className="panel-note">Loading…</p> : list.length === 0 ? <p className="panel-note">None yet.</p> : (
          <ul className="plain-list">
            {list.map((w) => (
              <li key={w.code}>
                <button type="button" className="secondary" onClick={() => onOpen(w.code)}>
                  {formatCode(w.code)}
                </button>{' '}
                {w.title} · {w.participants ?? 0} participants {w.endedAt ? '· ended' : ''}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

function useLiveDashboard(code: string, api: Api) {
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
          const message = JSON.parse(String(event.data)) as { type: string; dashboard?: Dashboard };
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

function Room({ code, api, token, lessons, exercises, onClose }: { code: string; api: Api; token: string; lessons: Lesson[]; exercises: string[]; onClose: () => void }) {
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

  async function download(format: 'csv' | 'json') {
    const res = await fetch(`/api/workshops/${code}/export?format=${format}`, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) return setMessage('The export failed.');
    const url = URL.createObjectURL(await res.blob());
    const a = Object.assign(document.createElement('a'), { href: url, download: `workshop-${code}.${format}` });
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
        <div className="console-status">
          <span className="wb-dot" data-live={status === 'live'} /> {status === 'live' ? 'Live' : status === 'connecting' ? 'Connecting…' : 'Reconnecting…'}
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
        <Answers answers={dashboard.answers} />
        <Propagation data={dashboard.propagation} disabled={ended} start={() => act('propagation', {}, (b) => String(b.note ?? 'Round started.'))} />
      </div>
      <Herd runs={dashboard.herd} online={dashboard.online} disabled={ended} start={(coalesce) => act('herd', { coalesce }, (b) => `Sent “fetch now” to ${b.delivered} browsers${coalesce ? ', with coalescing' : ''}.`)} />
    </div>
  );
}

function Controls({ lessons, exercises, workshop, disabled, act, download }: {
  lessons: Lesson[]; exercises: string[]; workshop: Workshop; disabled: boolean;
  act: (path: string, body: unknown, done: (b: Record<string, unknown>) => string) => Promise<void>;
  download: (f: 'csv' | 'json') => void;
}) {
  const options = useMemo(
    () => lessons.flatMap((l) => [
      { value: `${l.slug}#`, label: l.title, lesson: l.slug, id: null as string | null },
      ...l.sections.map((s) => ({ value: `${l.slug}#${s.id}`, label: `${l.title} › ${s.text}`, lesson: l.slug, id: s.id as string | null })),
    ]),
    [lessons],
  );
  const [target, setTarget] = useState(options[0]?.value ?? '');
  const [slug, setSlug] = useState(exercises[0] ?? '');
  const selected = options.find((o) => o.value === target);
  return (
    <section className="panel" aria-labelledby="controls-title">
      <h3 id="controls-title">Drive the room</h3>
      <p className="panel-note">
        Now: {workshop.section ? <strong data-testid="current-section">{workshop.section.label}</strong> : 'no section set'}
      </p>
      <div className="console-form">
        <label>
          Section
          <select value={target} onChange={(e) => setTarget(e.target.value)}>
            {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </select>
        </label>
        <button type="button" disabled={disabled || !selected}
          onClick={() => selected && act('section', { lesson: selected.lesson, section: selected.id, label: selected.label }, (b) => `Room sent to ${selected.label} (${b.delivered} browsers told).`)}>
          Send the room here
        </button>
      </div>
      <div className="console-form">
        <label>
          Exercise
          <select value={slug} onChange={(e) => setSlug(e.target.value)}>
            {exercises.map((s) => <option key={s} value={s}>{s}{workshop.revealed.includes(s) ? ' (revealed)' : ''}</option>)}
          </select>
        </label>
        <button type="button" className="secondary" disabled={disabled}
          onClick={() => act('reveal', { slug }, () => `Solution to ${slug} revealed to everyone.`)}>
          Reveal solution
        </button>
      </div>
      <div className="console-form">
        <button type="button" className="secondary" disabled={disabled}
          onClick={() => confirm('Reset every participant’s cache and origin edits? Progress is kept.') && act('reset', { all: true }, (b) => `Reset ${b.participants} participants (${b.removedKeys} keys removed).`)}>
          Reset everyone’s namespace
        </button>
        <button type="button" className="secondary" onClick={() => download('csv')}>Export CSV</button>
        <button type="button" className="secondary" onClick={() => download('json')}>Export JSON</button>
        <button type="button" className="danger" disabled={disabled}
          onClick={() => confirm('End the workshop for everyone? Joining and progress stop; the data stays for export.') && act('end', {}, () => 'Workshop ended.')}>
          End workshop
        </button>
      </div>
    </section>
  );
}

function RoomStats({ room }: { room: Dashboard['room'] }) {
  const hits = room.byCache.HIT ?? 0;
  const misses = room.byCache.MISS ?? 0;
  const other = room.requests - hits - misses;
  return (
    <section className="panel" aria-labelledby="stats-title">
      <h3 id="stats-title">The room’s cache</h3>
      <dl className="readout">
        <dt>Hit rate (all)</dt><dd data-testid="room-hit-rate">{pct(room.hitRate)}</dd>
        <dt>Requests</dt><dd>{room.requests} ({hits} HIT · {misses} MISS{other ? ` · ${other} other` : ''})</dd>
        <dt>Last minute</dt><dd>{room.recent.requests} requests · {room.recent.perSecond}/s · hit rate {pct(room.recent.hitRate)}</dd>
        <dt>Latency (Worker)</dt><dd>p50 {msText(room.recent.p50)} · p95 {msText(room.recent.p95)}</dd>
      </dl>
      {room.requests > 0 && (
        <div className="hitbar" aria-hidden="true">
          <span className="hitbar-hit" style={{ width: `${(hits / room.requests) * 100}%` }} />
          <span className="hitbar-miss" style={{ width: `${(misses / room.requests) * 100}%` }} />
        </div>
      )}
    </section>
  );
}

function ParticipantsTable({ participants, lessons, now, stuckMs, ended, onReset }: {
  participants: ParticipantView[]; lessons: Lesson[]; now: number; stuckMs: number; ended: boolean; onReset: (p: ParticipantView) => void;
}) {
  const sectionText = (p: ParticipantView) => {
    const lesson = lessons.find((l) => l.slug === p.lesson);
    if (!p.lesson) return '—';
    const section = lesson?.sections.find((s) => s.id === p.section);
    return `${lesson?.title ?? p.lesson}${p.section ? ` › ${section?.text ?? p.section}` : ''}`;
  };
  if (participants.length === 0) return <p className="panel-note">Nobody has joined yet. Share the code or the join link.</p>;
  return (
    <table className="demo-log participants">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Where</th>
          <th scope="col" className="num">Sections done</th>
          <th scope="col">Exercises passed</th>
          <th scope="col">Last progress</th>
          <th scope="col"><span className="visually-hidden">Actions</span></th>
        </tr>
      </thead>
      <tbody>
        {participants.map((p) => {
          const stuck = p.online && !ended && now - p.lastProgressAt > stuckMs;
          return (
            <tr key={p.id} data-participant={p.name}>
              <td>
                <span className="wb-dot" data-live={p.online} title={p.online ? 'online' : 'offline'} />
                <span className="visually-hidden">{p.online ? 'online: ' : 'offline: '}</span>
                {p.name}
              </td>
              <td>{sectionText(p)}</td>
              <td className="num" data-testid="done-count">{p.done}</td>
              <td>{p.exercisesPassed.length ? `${p.exercisesPassed.length}: ${p.exercisesPassed.join(', ')}` : '0'}</td>
              <td>
                {ago(p.lastProgressAt, now)} {stuck && <span className="badge badge-MISS">stuck?</span>}
              </td>
              <td>
                <button type="button" className="secondary small" disabled={ended} onClick={() => onReset(p)}>
                  Reset<span className="visually-hidden"> {p.name}</span>
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Bars({ rows, unit = '' }: { rows: { label: string; value: number; note?: string }[]; unit?: string }) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <ul className="bars">
      {rows.map((r) => (
        <li key={r.label}>
          <span className="bars-label">{r.label}</span>
          <span className="bars-track"><span className="bars-fill" style={{ width: `${(r.value / max) * 100}%` }} /></span>
          <span className="bars-value">{r.value}{unit}{r.note ? ` ${r.note}` : ''}</span>
        </li>
      ))}
    </ul>
  );
}

function Answers({ answers }: { answers: Dashboard['answers'] }) {
  return (
    <section className="panel" aria-labelledby="answers-title">
      <h3 id="answers-title">Predictions and reflections</h3>
      {answers.length === 0 ? <p className="panel-note">No answers yet. They appear here as participants answer the questions in the lessons.</p> : answers.map((q) => (
        <figure key={`${q.kind}:${q.id}`} className="histogram">
          <figcaption>{q.kind === 'predict' ? 'Prediction' : 'Reflection'} <code>{q.id}</code> · {q.total} answers</figcaption>
          <Bars rows={q.values.map((v) => ({ label: v.value, value: v.count }))} />
        </figure>
      ))}
    </section>
  );
}

function Propagation({ data, disabled, start }: { data: Dashboard['propagation']; disabled: boolean; start: () => void }) {
  return (
    <section className="panel" aria-labelledby="propagation-title">
      <h3 id="propagation-title">Propagation lab</h3>
      <p className="panel-note">
        Write a new value to one key; every participant’s browser polls it through its nearest Cloudflare location and
        reports when the new value appears there.
      </p>
      <button type="button" disabled={disabled} onClick={start}>Write a new value</button>
      {data && (
        <>
          <p>
            Round {data.round}: {data.seen} {data.seen === 1 ? 'browser has' : 'browsers have'} seen it.
            {data.simulated && <strong> Model, not measurement:</strong>}
            {data.simulated && ' local development has one location, so locations and delays come from the consistency demo’s model of KV’s caching (src/lib/consistency/model.ts), as placed by src/lib/workshop/propagation.ts.'}
          </p>
          <Bars rows={data.byLocation.map((l) => ({ label: l.colo, value: Math.round(l.medianMs / 100) / 10, note: `s median · ${l.count} browser${l.count === 1 ? '' : 's'} (max ${(l.maxMs / 1000).toFixed(1)} s)` }))} />
        </>
      )}
    </section>
  );
}

function Herd({ runs, online, disabled, start }: { runs: Dashboard['herd']; online: number; disabled: boolean; start: (coalesce: boolean) => void }) {
  return (
    <section className="panel" aria-labelledby="herd-title">
      <h3 id="herd-title">Thundering herd</h3>
      <p className="panel-note">
        Every connected browser ({online}) fetches the same cold key at the same moment. Without coalescing, each miss loads
        the origin; with coalescing, the misses share one load.
      </p>
      <div className="console-form">
        <button type="button" disabled={disabled} onClick={() => start(false)}>Everyone fetch the cold key now</button>
        <button type="button" disabled={disabled} onClick={() => start(true)}>Same, with request coalescing</button>
      </div>
      {runs.length > 0 && (
        <table className="demo-log">
          <thead>
            <tr><th scope="col">Run</th><th scope="col">Coalescing</th><th scope="col" className="num">Requests</th><th scope="col" className="num">KV misses</th><th scope="col" className="num">Origin loads</th></tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.run} data-testid={`herd-run-${r.run}`}>
                <td>{r.run}</td><td>{r.coalesced ? 'on' : 'off'}</td><td className="num" data-testid="herd-requests">{r.requests}</td><td className="num" data-testid="kv-misses">{r.kvMisses}</td>
                <td className="num" data-testid="origin-loads"><strong>{r.originLoads}</strong></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
