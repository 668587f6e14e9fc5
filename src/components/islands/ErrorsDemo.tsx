import { useState } from 'react';
import { callApi, ms } from './api';
import { CacheBadge, DemoPanel, ErrorNote } from './parts';

interface ReadResult {
  cache: string;
  source: 'cache' | 'origin';
  cacheReadFailed: boolean;
  cacheWriteFailed: boolean;
  injected: string[];
  data: { title: string };
  timings: Record<string, number>;
}
interface HotKeyResult {
  ok: boolean;
  attempts: number;
  waitedMs: number[];
  injected: string[];
  message?: string;
  timings: Record<string, number>;
}

/** Switch on injected faults and watch getCachedOrFresh keep answering; retry a 429 with backoff. */
export default function ErrorsDemo() {
  const [faults, setFaults] = useState({ read: false, write: false, origin: false });
  const [postId, setPostId] = useState(11);
  const [limited, setLimited] = useState(3);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');
  const [read, setRead] = useState<ReadResult | null>(null);
  const [hot, setHot] = useState<HotKeyResult | null>(null);

  async function fetchPost() {
    setBusy(true);
    const on = Object.entries(faults).filter(([, v]) => v).map(([k]) => k).join(',');
    const res = await callApi<ReadResult>(`/api/demos/errors/posts/${postId}${on ? `?faults=${on}` : ''}`);
    setBusy(false);
    if (!res.ok) {
      setRead(null);
      setError(res.body.error?.message ?? 'Failed.');
      return setAnnounce(`Failed: ${res.body.error?.message}`);
    }
    setError(null);
    setRead(res.body);
    setAnnounce(`Answered from ${res.body.source}${res.body.injected.length ? `, ${res.body.injected.length} injected faults handled` : ''}.`);
  }

  async function writeHot() {
    setBusy(true);
    const res = await callApi<HotKeyResult>('/api/demos/errors/hot-key', { method: 'POST', body: JSON.stringify({ rateLimited: limited }) });
    setBusy(false);
    if (!res.ok) return setError(res.body.error?.message ?? 'Failed.');
    setError(null);
    setHot(res.body);
    setAnnounce(res.body.ok ? `Written after ${res.body.attempts} attempts.` : res.body.message ?? 'Gave up.');
  }

  const toggle = (name: keyof typeof faults) => setFaults((f) => ({ ...f, [name]: !f[name] }));
  return (
    <DemoPanel title="Live: error handling" announce={announce}>
      <fieldset className="demo-choice">
        <legend>
          <span className="fault-tag">Injected</span> faults (the real KV and D1 stay healthy)
        </legend>
        <label><input type="checkbox" checked={faults.read} onChange={() => toggle('read')} /> KV read fails</label>
        <label><input type="checkbox" checked={faults.write} onChange={() => toggle('write')} /> KV write fails</label>
        <label><input type="checkbox" checked={faults.origin} onChange={() => toggle('origin')} /> Origin (D1) fails</label>
      </fieldset>
      <div className="demo-controls">
        <label>
          Post id
          <input type="number" min={1} max={30} value={postId} onChange={(e) => setPostId(Math.max(1, Math.min(30, Math.trunc(Number(e.target.value)) || 1)))} />
        </label>
        <button type="button" onClick={fetchPost} disabled={busy}>Fetch with getCachedOrFresh</button>
      </div>
      <ErrorNote message={error} />
      {read && (
        <dl className="readout" data-testid="errors-read">
          <dt>Answer</dt>
          <dd>
            <CacheBadge status={read.cache} testId="errors-cache" /> from <strong>{read.source === 'cache' ? 'KV' : 'the origin'}</strong>: “{read.data.title}”
          </dd>
          <dt>KV read</dt>
          <dd>{read.cacheReadFailed ? 'failed — fell back to the origin' : 'ok'}</dd>
          <dt>KV write</dt>
          <dd>{read.source === 'cache' ? 'not needed' : read.cacheWriteFailed ? 'failed — data returned anyway' : 'ok'}</dd>
          {read.injected.length > 0 && (
            <>
              <dt>Faults fired</dt>
              <dd>{read.injected.map((m, i) => <div key={i}>{m}</div>)}</dd>
            </>
          )}
          <dt>Worker total</dt>
          <dd>{ms(read.timings.total)}</dd>
        </dl>
      )}
      <h4 className="demo-subhead">A hot key: 429 and exponential backoff</h4>
      <div className="demo-controls">
        <label>
          First puts answering 429
          <input type="number" min={0} max={6} value={limited} onChange={(e) => setLimited(Math.max(0, Math.min(6, Math.trunc(Number(e.target.value)) || 0)))} />
        </label>
        <button type="button" className="secondary" onClick={writeHot} disabled={busy}>Write hot key</button>
      </div>
      {hot && (
        <p className={hot.ok ? 'panel-note' : 'error-text'} data-testid="hot-result">
          {hot.ok ? `Written on attempt ${hot.attempts}` : hot.message}
          {hot.waitedMs.length > 0 && <> · waited {hot.waitedMs.map((w) => `${w} ms`).join(' → ')}</>} · {ms(hot.timings.total)} in all
        </p>
      )}
    </DemoPanel>
  );
}
