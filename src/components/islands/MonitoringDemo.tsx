import { useEffect, useState } from 'react';
import type { MonitoringStatsAnswer } from '../../lib/demos/monitoring';
import { callApi, ms } from './api';
import { HistogramChart } from './charts';
import { DemoPanel, ErrorNote, ScrollFrame } from './parts';
import { CallButton, useDemoCall, resettable } from './use-demo-call';

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(rate === 1 ? 0 : 1)} %`);
const bucketOf = (bounds: number[], value: number | null) => {
  if (value === null) return -1;
  const i = bounds.findIndex((b) => value <= b);
  return i === -1 ? bounds.length : i;
};

/** Run the cache-aside demo N times and see hit rate and latency from what D1 recorded. */
function MonitoringDemo() {
  const { busy, error, announce, setAnnounce, setError, call } = useDemoCall();
  const [stats, setStats] = useState<MonitoringStatsAnswer['data'] | null>(null);
  const [runs, setRuns] = useState(20);
  const [spread, setSpread] = useState(5);
  const [progress, setProgress] = useState<{ done: number; total: number; stopped?: boolean } | null>(null);
  const sampling = progress !== null && !progress.stopped && progress.done < progress.total;

  const load = async (say?: string) => {
    const body = await call<MonitoringStatsAnswer>('/api/demos/monitoring/stats');
    if (body) {
      setStats(body.data);
      if (say) setAnnounce(say);
    }
  };
  useEffect(() => {
    void load();
  }, []);

  /** Requests run one after another, so each is measured alone, not queued behind the others. */
  const sample = async () => {
    setProgress({ done: 0, total: runs });
    setError(null);
    const seen = { HIT: 0, MISS: 0, other: 0 };
    let ran = 0;
    let failure: string | null = null;
    for (let i = 0; i < runs; i++) {
      const id = 1 + Math.floor(Math.random() * spread);
      const res = await callApi<{ cache: string }>(`/api/demos/cache-aside/posts/${id}`);
      if (res.status === 429 || res.status === 0) {
        // Out of budget, or the server is gone: the rest would fail the same way, so stop here.
        // (A post deleted in another demo answers 404 and counts as neither hit nor miss.)
        failure = res.body.error?.message ?? `Request failed (${res.status}).`;
        setProgress({ done: i, total: runs, stopped: true });
        break;
      }
      ran++;
      if (res.body.cache === 'HIT') seen.HIT++;
      else if (res.body.cache === 'MISS') seen.MISS++;
      else seen.other++;
      setProgress({ done: i + 1, total: runs });
    }
    // Each event is written after its response (waitUntil): give the last one a moment.
    await new Promise((r) => setTimeout(r, 300));
    const stopped = ran < runs ? ` (stopped after ${ran} of ${runs})` : '';
    await load(`Ran ${ran} requests${stopped}: ${seen.HIT} hits, ${seen.MISS} misses. Statistics updated.`);
    if (failure) setError(failure);
  };

  const clear = async () => {
    await call('/api/demos/monitoring/stats', { method: 'DELETE' });
    await load('Your statistics were cleared.');
  };

  const bounds = stats?.bucketBoundsMs ?? [];
  const bucketLabels = [...bounds.map((b) => `≤${b}`), `>${bounds.at(-1) ?? ''}`];
  const hit = stats?.byStatus.HIT;
  const miss = stats?.byStatus.MISS;

  return (
    <DemoPanel title="Live: monitoring" announce={announce}>
      <div className="demo-controls">
        <label>
          Requests
          <select value={runs} onChange={(e) => setRuns(Number(e.target.value))}>
            {[10, 20, 50, 100].map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </label>
        <label>
          Spread over posts
          <select value={spread} onChange={(e) => setSpread(Number(e.target.value))}>
            {[1, 5, 15, 30].map((n) => <option key={n} value={n}>1–{n}</option>)}
          </select>
        </label>
        <CallButton busy={busy || sampling} onClick={sample}>Run {runs} requests</CallButton>
        <CallButton busy={busy || sampling} className="secondary" onClick={() => load('Statistics refreshed.')}>Refresh</CallButton>
        <CallButton busy={busy || sampling} className="secondary" onClick={clear}>Clear my statistics</CallButton>
      </div>
      {progress && (
        <label className="progress-label">
          Sampler: {progress.done} of {progress.total} requests
          <progress max={progress.total} value={progress.done} />
        </label>
      )}
      <p className="panel-note">
        Each request goes to the cache-aside demo for a random post in the range, on a budget of its own
        (250 a minute, so a workshop's participant limit is not touched). Every demo request you make anywhere
        in the course is recorded in D1 and counted here. Hit rate = (HIT + STALE) / (HIT + STALE + MISS).
      </p>
      <ErrorNote message={error} />

      {stats && stats.requests === 0 && <p>No requests recorded yet. Run the sampler or any demo.</p>}
      {stats && stats.requests > 0 && hit && miss && (
        <>
          <dl className="readout stat-tiles" aria-label="Summary">
            <dt>Requests</dt>
            <dd data-testid="stat-requests">{stats.requests}</dd>
            <dt>Hit rate</dt>
            <dd data-testid="stat-hit-rate">{percent(stats.hitRate)}</dd>
            <dt>HIT p50 / p95</dt>
            <dd>{ms(hit.p50 ?? undefined)} / {ms(hit.p95 ?? undefined)}</dd>
            <dt>MISS p50 / p95</dt>
            <dd>{ms(miss.p50 ?? undefined)} / {ms(miss.p95 ?? undefined)}</dd>
          </dl>
          <HistogramChart
            bucketLabels={bucketLabels}
            series={[
              { label: 'HIT', className: 'bar-HIT', counts: hit.histogram },
              { label: 'MISS', className: 'bar-MISS', counts: miss.histogram },
            ]}
            markers={[
              { label: 'HIT p50', bucket: bucketOf(bounds, hit.p50), series: 0, className: 'mark-HIT' },
              { label: 'HIT p95', bucket: bucketOf(bounds, hit.p95), series: 0, className: 'mark-HIT' },
              { label: 'MISS p50', bucket: bucketOf(bounds, miss.p50), series: 1, className: 'mark-MISS' },
              { label: 'MISS p95', bucket: bucketOf(bounds, miss.p95), series: 1, className: 'mark-MISS' },
            ].filter((m) => m.bucket >= 0)}
            description={`Latency histogram: ${hit.count} hits, median ${ms(hit.p50 ?? undefined)}, p95 ${ms(hit.p95 ?? undefined)}; ${miss.count} misses, median ${ms(miss.p50 ?? undefined)}, p95 ${ms(miss.p95 ?? undefined)}. The table below has every bucket.`}
          />
          <details className="chart-data">
            <summary>The chart as a table</summary>
            <table className="demo-log">
              <caption>Requests per latency bucket</caption>
              <thead>
                <tr><th scope="col">Worker time</th><th scope="col" className="num">HIT</th><th scope="col" className="num">MISS</th></tr>
              </thead>
              <tbody>
                {bucketLabels.map((label, i) => (
                  <tr key={label}>
                    <th scope="row">{label} ms</th>
                    <td className="num">{hit.histogram[i]}</td>
                    <td className="num">{miss.histogram[i]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
          <ScrollFrame label="By demo">
            <table className="demo-log">
              <caption>By demo (your last {stats.requests} recorded requests)</caption>
              <thead>
                <tr>
                  <th scope="col">Demo</th>
                  <th scope="col" className="num">HIT</th>
                  <th scope="col" className="num">MISS</th>
                  <th scope="col" className="num">Other</th>
                  <th scope="col" className="num">Hit rate</th>
                  <th scope="col" className="num">p50</th>
                  <th scope="col" className="num">p95</th>
                </tr>
              </thead>
              <tbody>
                {stats.byDemo.map((d) => (
                  <tr key={d.demo}>
                    <th scope="row">{d.demo}</th>
                    <td className="num">{d.counts.HIT}</td>
                    <td className="num">{d.counts.MISS}</td>
                    <td className="num">{d.counts.STALE + d.counts.BYPASS + d.counts.ERROR}</td>
                    <td className="num">{percent(d.hitRate)}</td>
                    <td className="num">{ms(d.latency.p50 ?? undefined)}</td>
                    <td className="num">{ms(d.latency.p95 ?? undefined)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollFrame>
        </>
      )}
    </DemoPanel>
  );
}

export default resettable(MonitoringDemo);
