import { useState } from 'react';
import type { CacheAsideAnswer } from '../../lib/demos/cache-aside';
import type { ResetAnswer } from '../../lib/demos/reset';
import { ms } from './api';
import { CacheBadge, DemoPanel, ErrorNote, PostIdField, ScrollFrame } from './parts';
import { CallButton, useDemoCall, type Answer, resettable } from './use-demo-call';

/** Fetch a post through cache-aside and watch the first read MISS and the next one HIT. */
function CacheAsideDemo() {
  const { busy, error, announce, call } = useDemoCall();
  const [postId, setPostId] = useState(1);
  // The answers, newest first and numbered; the first is the one shown in full.
  const [log, setLog] = useState<(Answer<CacheAsideAnswer> & { n: number })[]>([]);
  const last = log[0];

  async function fetchPost() {
    const body = await call<CacheAsideAnswer>(`/api/demos/cache-aside/posts/${postId}`, {}, (b) =>
      `Post ${b.data.id}: cache ${b.cache}, ${ms(b.timings.total)} in the Worker.`,
    );
    if (body) setLog((rows) => [{ ...body, n: (rows[0]?.n ?? 0) + 1 }, ...rows].slice(0, 8));
  }

  async function reset() {
    const body = await call<ResetAnswer>('/api/demos/reset', { method: 'POST' }, (b) =>
      `Reset: ${b.removedKeys} cached keys removed.`,
    );
    if (body) setLog([]);
  }

  return (
    <DemoPanel title="Live: cache-aside" announce={announce}>
      <div className="demo-controls">
        <PostIdField value={postId} onChange={setPostId} />
        <CallButton busy={busy} onClick={fetchPost}>
          Fetch post
        </CallButton>
        <CallButton busy={busy} className="secondary" onClick={reset}>
          Reset my cache
        </CallButton>
      </div>
      <ErrorNote message={error} />
      {last && (
        <dl className="readout" aria-label="Last request">
          <dt>Cache</dt>
          <dd>
            <CacheBadge status={last.cache} testId="cache-status" />
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
      )}
      {log.length > 0 && (
        <ScrollFrame label="Recent requests">
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
                  <td>{row.data.id}</td>
                  <td>
                    <CacheBadge status={row.cache} />
                  </td>
                  <td className="num">{ms(row.timings.total)}</td>
                  <td className="num">{ms(row.roundTripMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollFrame>
      )}
      {!last && !error && (
        <p className="panel-note">
          The first fetch of a post misses and reads D1; the next one is answered from KV.
        </p>
      )}
    </DemoPanel>
  );
}

export default resettable(CacheAsideDemo);
