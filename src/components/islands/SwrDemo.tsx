import { useEffect, useRef, useState } from 'react';
import type { SwrAnswer } from '../../lib/demos/stale-while-revalidate';
import { ms } from './api';
import { CacheBadge, DemoPanel, ErrorNote, ScrollFrame } from './parts';
import { CallButton, useDemoCall, resettable } from './use-demo-call';

interface Row {
  n: number;
  at: number;
  cache: string;
  ageMs: number | null;
  totalMs: number;
  note: string;
}

/** Request the recent-posts list on a timeline and watch HIT turn STALE, then refresh in the background. */
function SwrDemo() {
  const { busy, error, announce, call } = useDemoCall();
  const [staleAfter, setStaleAfter] = useState(5);
  const [rows, setRows] = useState<Row[]>([]);
  const [auto, setAuto] = useState(false);
  const started = useRef<number | null>(null);
  const refreshPending = useRef(false);
  const lastAt = useRef<number | null>(null);

  // The timeline's requests run in the background, so they do not flicker the Fetch button every 2 s.
  async function fetchOnce(background = false) {
    const b = await call<SwrAnswer>(
      `/api/demos/swr/posts/recent?staleAfter=${staleAfter}`,
      {},
      (a) => `${a.cache}${a.ageMs !== null ? `, copy ${(a.ageMs / 1000).toFixed(1)} s old` : ''}.`,
      { background },
    );
    if (!b) return setAuto(false);
    const now = performance.now();
    started.current ??= now;
    // A copy younger than the gap since the previous request was written in between:
    // the background refresh that request scheduled has landed.
    const sincePrevious = lastAt.current === null ? null : now - lastAt.current;
    const refreshed = refreshPending.current && b.ageMs !== null && sincePrevious !== null && b.ageMs < sincePrevious;
    lastAt.current = now;
    let note = '';
    if (b.cache === 'MISS') note = 'nothing cached: waited for D1';
    else if (b.cache === 'STALE') note = `${refreshed ? 'refreshed copy, already past the threshold' : 'old copy'} served at once; new refresh sent to waitUntil`;
    else note = refreshed ? 'the background refresh landed: a fresh copy' : 'fresh enough: served from KV';
    refreshPending.current = b.cache === 'STALE';
    setRows((r) => [
      { n: (r[0]?.n ?? 0) + 1, at: (now - started.current!) / 1000, cache: b.cache, ageMs: b.ageMs, totalMs: b.timings.total, note },
      ...r,
    ].slice(0, 12));
  }

  useEffect(() => {
    if (!auto) return;
    let count = 0;
    const timer = setInterval(() => {
      count++;
      void fetchOnce(true);
      if (count >= 15) setAuto(false);
    }, 2000);
    return () => clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [auto, staleAfter]);

  return (
    <DemoPanel title="Live: stale-while-revalidate" announce={announce}>
      <div className="demo-controls">
        <label>
          Stale after (s)
          <input type="number" min={1} max={3600} value={staleAfter} onChange={(e) => setStaleAfter(Math.max(1, Math.min(3600, Math.trunc(Number(e.target.value)) || 1)))} />
        </label>
        <CallButton busy={busy} onClick={() => fetchOnce()}>
          Fetch recent posts
        </CallButton>
        <button type="button" className="secondary" aria-pressed={auto} onClick={() => setAuto((a) => !a)}>
          {auto ? 'Stop timeline' : 'Every 2 s for 30 s'}
        </button>
      </div>
      <ErrorNote message={error} />
      {rows.length > 0 ? (
        <ScrollFrame label="Requests, newest first">
          <table className="demo-log" data-testid="swr-timeline">
            <caption className="visually-hidden">Requests, newest first</caption>
            <thead>
              <tr>
                <th scope="col" className="num">t</th>
                <th scope="col">Cache</th>
                <th scope="col" className="num">Copy age</th>
                <th scope="col" className="num">Worker</th>
                <th scope="col">What happened</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.n}>
                  <td className="num">{r.at.toFixed(1)} s</td>
                  <td><CacheBadge status={r.cache} /></td>
                  <td className="num">{r.ageMs === null ? '—' : `${(r.ageMs / 1000).toFixed(1)} s`}</td>
                  <td className="num">{ms(r.totalMs)}</td>
                  <td>{r.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollFrame>
      ) : (
        <p className="panel-note">Start the timeline, wait past the staleness threshold, and watch a STALE answer arrive as fast as a HIT.</p>
      )}
    </DemoPanel>
  );
}

export default resettable(SwrDemo);
