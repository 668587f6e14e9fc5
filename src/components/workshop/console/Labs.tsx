import type { Dashboard } from '../../../lib/workshop/dashboard';
import { HERD_MIN_REQUESTS, herdFanOut } from '../../../lib/workshop/messages';

/** The room-wide labs: propagation across locations, and the thundering herd. */

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

export function Propagation({ data, disabled, start }: { data: Dashboard['propagation']; disabled: boolean; start: () => void }) {
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

export function Herd({ runs, online, disabled, start }: { runs: Dashboard['herd']; online: number; disabled: boolean; start: (coalesce: boolean) => void }) {
  return (
    <section className="panel" aria-labelledby="herd-title">
      <h3 id="herd-title">Thundering herd</h3>
      <p className="panel-note">
        Every connected browser ({online}) fetches the same cold key at the same moment, standing for {herdFanOut(online)} client{herdFanOut(online) === 1 ? '' : 's'} —
        so even a small room is a herd of at least {HERD_MIN_REQUESTS} (now {online * herdFanOut(online)}). Without coalescing, each miss loads the origin; with coalescing,
        the misses wait for one shared load.
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
