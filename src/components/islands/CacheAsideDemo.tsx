import { useState } from 'react';
import { callApi, ms } from './api';

interface PostResponse {
  cache: 'HIT' | 'MISS';
  key: string;
  data: { id: number; title: string; author: string; stats: { views: number; visitors: number } };
  origin: { queries: number; rowsRead: number };
  timings: { kv?: number; d1?: number; total: number };
}

interface LogRow {
  n: number;
  id: number;
  cache: string;
  serverMs: number;
  roundTripMs: number;
}

/** Fetch a post through cache-aside and watch the first read MISS and the next one HIT. */
export default function CacheAsideDemo() {
  const [postId, setPostId] = useState(1);
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<(PostResponse & { roundTripMs: number }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [log, setLog] = useState<LogRow[]>([]);
  const [status, setStatus] = useState('');

  async function fetchPost() {
    setBusy(true);
    const res = await callApi<PostResponse>(`/api/demos/cache-aside/posts/${postId}`);
    setBusy(false);
    if (!res.ok) {
      setError(res.body.error?.message ?? `Request failed (${res.status}).`);
      setStatus(`Error: ${res.body.error?.message ?? res.status}`);
      return;
    }
    setError(null);
    setLast({ ...res.body, roundTripMs: res.roundTripMs });
    setLog((rows) =>
      [
        { n: (rows[0]?.n ?? 0) + 1, id: postId, cache: res.body.cache, serverMs: res.body.timings.total, roundTripMs: res.roundTripMs },
        ...rows,
      ].slice(0, 8),
    );
    setStatus(`Post ${postId}: cache ${res.body.cache}, ${ms(res.body.timings.total)} in the Worker.`);
  }

  async function reset() {
    setBusy(true);
    const res = await callApi<{ removedKeys: number }>('/api/demos/reset', { method: 'POST' });
    setBusy(false);
    setLast(null);
    setLog([]);
    setStatus(res.ok ? `Reset: ${res.body.removedKeys} cached keys removed.` : 'Reset failed.');
  }

  return (
    <div className="panel">
      <h3>Live: cache-aside</h3>
      <div className="demo-controls">
        <label>
          Post id
          <input
            type="number"
            min={1}
            max={30}
            value={postId}
            onChange={(e) => setPostId(Math.max(1, Math.min(30, Number(e.target.value) || 1)))}
          />
        </label>
        <button type="button" onClick={fetchPost} disabled={busy}>
          Fetch post
        </button>
        <button type="button" className="secondary" onClick={reset} disabled={busy}>
          Reset my cache
        </button>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">{status}</p>
      {error && <p className="error-text" role="alert">{error}</p>}
      {last && (
        <>
          <dl className="readout" aria-label="Last request">
            <dt>Cache</dt>
            <dd>
              <span className={`badge badge-${last.cache}`} data-testid="cache-status">{last.cache}</span>
            </dd>
            <dt>Key</dt>
            <dd>{last.key}</dd>
            <dt>Post</dt>
            <dd>
              “{last.data.title}” · {last.data.stats.views.toLocaleString('en')} views
            </dd>
            <dt>KV</dt>
            <dd>{ms(last.timings.kv)}</dd>
            <dt>D1 (origin)</dt>
            <dd>
              {last.timings.d1 === undefined
                ? 'not called'
                : `${ms(last.timings.d1)} · ${last.origin.rowsRead.toLocaleString('en')} rows read`}
            </dd>
            <dt>Worker total</dt>
            <dd>{ms(last.timings.total)}</dd>
            <dt>Round trip</dt>
            <dd>{ms(last.roundTripMs)} (seen by your browser)</dd>
          </dl>
        </>
      )}
      {log.length > 0 && (
        <table className="demo-log">
          <caption className="visually-hidden">Recent requests, newest first</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Post</th>
              <th scope="col">Cache</th>
              <th scope="col" className="num">Worker</th>
              <th scope="col" className="num">Round trip</th>
            </tr>
          </thead>
          <tbody>
            {log.map((row) => (
              <tr key={row.n}>
                <td>{row.n}</td>
                <td>{row.id}</td>
                <td>
                  <span className={`badge badge-${row.cache}`}>{row.cache}</span>
                </td>
                <td className="num">{ms(row.serverMs)}</td>
                <td className="num">{ms(row.roundTripMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!last && !error && (
        <p className="panel-note">
          The first fetch of a post misses and reads D1; the next one is answered from KV.
        </p>
      )}
    </div>
  );
}
