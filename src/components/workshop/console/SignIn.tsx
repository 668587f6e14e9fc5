import { useEffect, useState } from 'react';
import type { Api } from './api';
import { formatCode } from './format';
import type { Workshop } from './types';

/** Before a room is open: the token form and the list of workshops. */

export function TokenForm({ error, onToken }: { error: string | null; onToken: (t: string) => void }) {
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

export function Picker({ api, onOpen }: { api: Api; onOpen: (code: string) => void }) {
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
