import { useEffect, useRef, useState } from 'react';
import {
  convergence,
  createModel,
  localWrite,
  MIN_CACHE_TTL_SECONDS,
  MODEL_LOCATIONS,
  readAt,
  timeline,
  trimEvents,
  type ModelState,
} from '../../lib/consistency/model';
import type { StoreReadAnswer, StoreWriteAnswer } from '../../lib/demos/consistency';
import { DemoPanel, ErrorNote, ScrollFrame } from './parts';
import { CallButton, jsonBody, useDemoCall, resettable } from './use-demo-call';

/** Each simulated location receives a reader's request this often (model time). */
const READ_EVERY_MS = 5_000;
/** Locations start reading at staggered moments, so their cached copies expire at different times. */
const firstReads = () => Object.fromEntries(MODEL_LOCATIONS.map((l, i) => [l.id, 500 + i * 1_700]));
const SPEEDS = [
  { value: 1, label: 'Real time' },
  { value: 10, label: 'Time-lapse 10×' },
  { value: 30, label: 'Time-lapse 30×' },
];

const shown = (value: string | null) => (value === null ? '(not found)' : `“${value}”`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const labelOf = (id: string) => MODEL_LOCATIONS.find((l) => l.id === id)?.label ?? id;
/** Thrown by a store read whose error the hook has already shown: it stops the readers. */
const STORE_FAILED = new Error('The store could not be read.');

/** A model of several KV locations, each caching for cacheTtl, in front of the real KV. */
function ConsistencyDemo() {
  const { busy, error, announce, setAnnounce, setError, call } = useDemoCall();
  const [cacheTtl, setCacheTtl] = useState(30);
  const [speed, setSpeed] = useState(10);
  const [running, setRunning] = useState(false);
  const [model, setModel] = useState<ModelState>(() => createModel(30));
  const [now, setNow] = useState(0);
  const [latest, setLatest] = useState<string | null>(null);
  const [writeAt, setWriteAt] = useState<string>(MODEL_LOCATIONS[0]!.id);
  const [draft, setDraft] = useState('hello');
  const [lastWrite, setLastWrite] = useState<{ at: number; value: string; location: string } | null>(null);
  const [convergedAt, setConvergedAt] = useState<number | null>(null);
  const [storeCalls, setStoreCalls] = useState(0);

  const modelRef = useRef(model);
  const clock = useRef(0);
  const nextRead = useRef<Record<string, number>>(firstReads());

  /**
   * A real KV read through the Worker: what a location does when its cached copy has expired.
   * In the background, so the readers' own reads never disable Pause.
   */
  const readStore = async () => {
    const body = await call<StoreReadAnswer>('/api/demos/consistency/value', {}, undefined, { background: true });
    setStoreCalls((n) => n + 1);
    if (!body) throw STORE_FAILED;
    return body.data.value;
  };
  const stopOn = (e: unknown) => {
    setRunning(false);
    if (e !== STORE_FAILED) setError(e instanceof Error ? e.message : String(e));
  };

  const publish = () => {
    modelRef.current = trimEvents(modelRef.current, clock.current - 10 * 60_000);
    setModel(modelRef.current);
    setNow(clock.current);
  };

  const readHere = async (location: string) => {
    try {
      const result = await readAt(modelRef.current, location, clock.current, readStore);
      modelRef.current = result.state;
      publish();
      setAnnounce(`${labelOf(location)} read ${shown(result.value)} from ${result.source === 'store' ? 'KV' : 'its own cache'}.`);
    } catch (e) {
      stopOn(e);
    }
  };

  // The model's clock and its readers. Reads run one at a time, so each sees the state the
  // previous one left.
  useEffect(() => {
    if (!running) return;
    let stopped = false;
    let last = performance.now();
    void (async () => {
      while (!stopped) {
        await new Promise((r) => setTimeout(r, 200));
        const t = performance.now();
        clock.current += (t - last) * speed;
        last = t;
        for (const { id } of MODEL_LOCATIONS) {
          if (stopped || nextRead.current[id]! > clock.current) continue;
          try {
            modelRef.current = (await readAt(modelRef.current, id, clock.current, readStore)).state;
          } catch (e) {
            stopOn(e);
            return;
          }
          nextRead.current[id] = clock.current + READ_EVERY_MS;
        }
        publish();
      }
    })();
    return () => {
      stopped = true;
    };
  }, [running, speed]);

  const views = convergence(model, latest, now);
  const allConverged = views.every((v) => v.converged);
  useEffect(() => {
    if (lastWrite && convergedAt === null && allConverged && model.events.some((e) => e.at > lastWrite.at)) {
      setConvergedAt(now);
      setAnnounce(`All ${views.length} locations now serve ${shown(lastWrite.value)}, ${seconds(now - lastWrite.at)} after the write.`);
    }
  }, [now, allConverged]);

  const write = async () => {
    const body = await call<StoreWriteAnswer>('/api/demos/consistency/value', jsonBody('PUT', { value: draft }));
    if (!body) return;
    // The model time at which KV has the write: after the real request came back.
    const at = clock.current;
    modelRef.current = localWrite(modelRef.current, writeAt, body.data.value, at);
    setLatest(body.data.value);
    setLastWrite({ at, value: body.data.value, location: writeAt });
    setConvergedAt(null);
    publish();
    setAnnounce(`Wrote ${shown(body.data.value)} to KV from ${labelOf(writeAt)} at t = ${seconds(at)}.`);
  };

  const startOver = async (ttl = cacheTtl) => {
    setRunning(false);
    if (!Number.isInteger(ttl) || ttl < MIN_CACHE_TTL_SECONDS) {
      setError(`cacheTtl must be a whole number of at least ${MIN_CACHE_TTL_SECONDS} seconds: KV refuses less.`);
      return;
    }
    const cleared = await call('/api/demos/consistency/value', { method: 'DELETE' });
    if (!cleared) return;
    modelRef.current = createModel(ttl);
    clock.current = 0;
    nextRead.current = firstReads();
    setLatest(null);
    setLastWrite(null);
    setConvergedAt(null);
    setStoreCalls(0);
    publish();
    setAnnounce(`Started over: the key is deleted in KV and every location’s cache is empty (cacheTtl ${ttl} s).`);
  };

  return (
    <DemoPanel title="Live: eventual consistency (a model)" announce={announce}>
      <p className="model-banner" role="note">
        <strong>This is a model, not KV.</strong> Local KV has one location and is strongly consistent. Here,{' '}
        {MODEL_LOCATIONS.length} simulated locations each keep what they read for <code>cacheTtl</code> seconds —
        “not found” included — in front of the real KV. The locations, their caches and the clock are simulated;
        every read that reaches KV and every write is a real request.
      </p>
      <div className="demo-controls">
        <label>
          cacheTtl (s)
          <input type="number" min={MIN_CACHE_TTL_SECONDS} value={cacheTtl}
            onChange={(e) => setCacheTtl(Number(e.target.value))}
            onBlur={() => cacheTtl * 1000 !== model.cacheTtlMs && void startOver(cacheTtl)} />
        </label>
        <label>
          Clock
          <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
            {SPEEDS.map((s) => <option key={s.value} value={s.value}>{s.label}</option>)}
          </select>
        </label>
        <button type="button" onClick={() => setRunning((r) => !r)} disabled={busy}>
          {running ? 'Pause readers' : 'Start readers'}
        </button>
        <CallButton busy={busy} className="secondary" onClick={() => startOver()}>Start over</CallButton>
      </div>
      {speed !== 1 && (
        <p className="panel-note">
          Time-lapse: the model’s clock runs {speed}× faster than yours. Requests to KV still take their real time.
        </p>
      )}
      <div className="demo-controls">
        <label>
          Write at
          <select value={writeAt} onChange={(e) => setWriteAt(e.target.value)}>
            {MODEL_LOCATIONS.map((l) => <option key={l.id} value={l.id}>{l.label}</option>)}
          </select>
        </label>
        <label>
          Value
          <input type="text" value={draft} maxLength={200} onChange={(e) => setDraft(e.target.value)} />
        </label>
        <CallButton busy={busy} onClick={write} disabled={draft.trim() === ''}>Write to KV</CallButton>
      </div>
      <ErrorNote message={error} />

      <p className="verdict" data-testid="consistency-summary">
        Model time {seconds(now)} · KV holds {shown(latest)} · {storeCalls} real KV reads so far.{' '}
        {lastWrite &&
          (convergedAt !== null
            ? `All ${views.length} locations now serve ${shown(lastWrite.value)} (converged ${seconds(convergedAt - lastWrite.at)} after the write).`
            : `${views.filter((v) => !v.converged).length} of ${views.length} locations still serve an older answer.`)}
      </p>

      {/* The timeline first: it is what the demo is about, so it stays in view beside the text. */}
      <Timeline model={model} now={now} latest={latest} />
      <ScrollFrame label="Each location now">
        <table className="demo-log">
          <caption>Each location now</caption>
          <thead>
            <tr>
              <th scope="col">Location</th>
              <th scope="col">Serves (cached)</th>
              <th scope="col">Until</th>
              <th scope="col">State</th>
              <th scope="col"><span className="visually-hidden">Read</span></th>
            </tr>
          </thead>
          <tbody>
            {views.map((v) => (
              <tr key={v.location.id}>
                <th scope="row">{v.location.label}</th>
                <td>{v.serving ? shown(v.serving.value) : 'nothing cached'}</td>
                <td className="mono nowrap">{v.serving ? `t=${seconds(v.serving.until)}` : '—'}</td>
                <td>{v.converged ? 'up to date' : 'stale'}</td>
                <td>
                  <CallButton busy={busy} className="secondary small" onClick={() => readHere(v.location.id)}
                    aria-label={`Read at ${v.location.label}`}>
                    Read
                  </CallButton>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollFrame>

      <EventLog model={model} />
    </DemoPanel>
  );
}

/** What each location served from its cache over the last stretch of model time. */
function Timeline({ model, now, latest }: { model: ModelState; now: number; latest: string | null }) {
  const windowMs = Math.max(90_000, 3 * model.cacheTtlMs);
  const start = Math.max(0, now - windowMs);
  const width = 560;
  const rowH = 26;
  const left = 82;
  const plotW = width - left - 24;
  const height = MODEL_LOCATIONS.length * rowH + 34;
  const x = (t: number) => left + ((Math.max(t, start) - start) / windowMs) * plotW;
  const segments = timeline(model, now).filter((s) => s.to > start);
  const writes = model.events.filter((e) => e.kind === 'write' && e.at >= start);
  const storeReads = model.events.filter((e) => e.kind === 'read' && e.source === 'store' && e.at >= start);
  const ticks = Array.from({ length: 7 }, (_, i) => start + (i * windowMs) / 6);
  const cls = (value: string | null) => (value === null ? 'seg-null' : value === latest ? 'seg-latest' : 'seg-old');

  return (
    // Focusable, so keyboard users can scroll the timeline when it is wider than the screen.
    <figure className="timeline chart-scroll scroll-frame" tabIndex={0} aria-label="Timeline of the simulated locations">
      <svg viewBox={`0 0 ${width} ${height}`} role="img"
        aria-label="Timeline of what each simulated location served from its cache; the event log below lists the same events as text.">
        {MODEL_LOCATIONS.map((l, i) => (
          <g key={l.id}>
            <text x={left - 6} y={i * rowH + 17} className="tick" textAnchor="end">{l.label}</text>
            <line x1={left} x2={left + plotW} y1={i * rowH + 13} y2={i * rowH + 13} className="axis faint" />
          </g>
        ))}
        {segments.map((s, k) => {
          const row = MODEL_LOCATIONS.findIndex((l) => l.id === s.location);
          return <rect key={k} className={cls(s.value)} x={x(s.from)} y={row * rowH + 4} width={Math.max(1, x(s.to) - x(s.from))} height={18} rx={3} />;
        })}
        {storeReads.map((e, k) => {
          const row = MODEL_LOCATIONS.findIndex((l) => l.id === e.location);
          return <circle key={k} cx={x(e.at)} cy={row * rowH + 13} r={3.5} className="dot-store" />;
        })}
        {writes.map((e, k) => (
          <line key={k} x1={x(e.at)} x2={x(e.at)} y1={0} y2={MODEL_LOCATIONS.length * rowH} className="marker write-line" />
        ))}
        {ticks.map((t) => (
          <text key={t} x={x(t)} y={height - 16} className="tick" textAnchor="middle">{Math.round(t / 1000)} s</text>
        ))}
        <text x={left + plotW / 2} y={height - 2} className="tick" textAnchor="middle">model time</text>
      </svg>
      <figcaption className="legend">
        <span><i className="swatch seg-latest" /> what KV holds now</span>
        <span><i className="swatch seg-old" /> an older value</span>
        <span><i className="swatch seg-null" /> cached “not found”</span>
        <span><i className="swatch dot-store round" /> real KV read</span>
        <span><i className="swatch write-swatch" /> write</span>
      </figcaption>
    </figure>
  );
}

/** The same events as text, newest first: the timeline's accessible alternative. */
function EventLog({ model }: { model: ModelState }) {
  const relevant = model.events.filter((e) => e.kind === 'write' || e.source === 'store');
  const recent = relevant.slice(-12);
  // The latest write stays in the log however many reads followed it: it is what they converge on.
  const lastWrite = relevant.findLast((e) => e.kind === 'write');
  if (lastWrite && !recent.includes(lastWrite)) recent.unshift(lastWrite);
  const events = recent.reverse();
  if (events.length === 0) return <p className="panel-note">Start the readers or write a value to see events here.</p>;
  return (
    <details className="chart-data">
      <summary>Event log (the timeline as text)</summary>
      <ol className="event-log">
        {events.map((e, k) => (
          <li key={k}>
            t = {seconds(e.at)} · {labelOf(e.location)} ·{' '}
            {e.kind === 'write'
              ? `wrote ${shown(e.value)} to KV and keeps it in its own cache`
              : `read ${shown(e.value)} from KV and caches it for the cacheTtl`}
          </li>
        ))}
      </ol>
    </details>
  );
}

export default resettable(ConsistencyDemo);
