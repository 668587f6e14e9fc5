import { useState } from 'react';
import type { FaultyReadAnswer, HotKeyAnswer } from '../../lib/demos/errors';
import { ms } from './api';
import { CacheBadge, DemoPanel, ErrorNote, PostIdField } from './parts';
import { CallButton, jsonBody, useDemoCall, resettable } from './use-demo-call';

/** Switch on injected faults and watch getCachedOrFresh keep answering; retry a 429 with backoff. */
function ErrorsDemo() {
  const { busy, error, announce, call } = useDemoCall();
  const [faults, setFaults] = useState({ read: false, write: false, origin: false });
  const [postId, setPostId] = useState(11);
  const [limited, setLimited] = useState(3);
  const [read, setRead] = useState<FaultyReadAnswer | null>(null);
  const [hot, setHot] = useState<HotKeyAnswer | null>(null);

  async function fetchPost() {
    const on = Object.entries(faults).filter(([, v]) => v).map(([k]) => k).join(',');
    // A failed read clears the last answer, so an old one does not sit beside the error.
    setRead(
      await call<FaultyReadAnswer>(`/api/demos/errors/posts/${postId}${on ? `?faults=${on}` : ''}`, {}, (b) =>
        `${b.cacheReadFailed ? 'KV read failed; served' : 'Served'} from ${b.source === 'cache' ? 'KV' : 'the origin'}${b.injected.length ? `, ${b.injected.length} injected faults handled` : ''}.`,
      ),
    );
  }

  async function writeHot() {
    const body = await call<HotKeyAnswer>('/api/demos/errors/hot-key', jsonBody('POST', { rateLimited: limited }), (b) =>
      b.ok ? `Written after ${b.attempts} attempts.` : (b.message ?? 'Gave up.'),
    );
    if (body) setHot(body);
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
        <PostIdField value={postId} onChange={setPostId} />
        <CallButton busy={busy} onClick={fetchPost}>Fetch with getCachedOrFresh</CallButton>
      </div>
      <ErrorNote message={error} />
      {read && (
        <dl className="readout" data-testid="errors-read">
          <dt>Answer</dt>
          <dd>
            <CacheBadge status={read.cache} testId="errors-cache" /> from <strong>{read.source === 'cache' ? 'KV' : 'the origin'}</strong>: “{read.data.title}”
          </dd>
          <dt>Outcome</dt>
          <dd data-testid="errors-story">
            {read.source === 'cache'
              ? 'Served from the cached copy.'
              : read.cacheReadFailed
                ? 'KV read failed, served from the origin: a success, only slower.'
                : 'No copy in KV yet: a miss, served from the origin.'}
          </dd>
          <dt>KV read</dt>
          <dd>{read.cacheReadFailed ? 'failed — treated as a miss' : 'ok'}</dd>
          <dt>KV write</dt>
          <dd>
            {read.cacheWrite === 'not needed'
              ? 'not needed'
              : read.cacheWrite === 'failed'
                ? 'failed in the background (waitUntil) — the answer did not wait for it'
                : 'stored in the background (waitUntil)'}
          </dd>
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
      <p className="panel-note">The pattern waits about 1 s, 2 s, 4 s…; this demo starts at a tenth of that, so four retries take seconds, not 15.</p>
      <div className="demo-controls">
        <label>
          First puts answering 429
          <input type="number" min={0} max={6} value={limited} onChange={(e) => setLimited(Math.max(0, Math.min(6, Math.trunc(Number(e.target.value)) || 0)))} />
        </label>
        <CallButton busy={busy} className="secondary" onClick={writeHot}>Write hot key</CallButton>
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

export default resettable(ErrorsDemo);
