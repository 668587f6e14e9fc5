import { useEffect, useState } from 'react';
import type { TtlKeysAnswer, TtlReadAnswer, TtlWriteAnswer } from '../../lib/demos/ttl';
import { ms } from './api';
import { CacheBadge, DemoPanel, ErrorNote, KeyName, ScrollFrame } from './parts';
import { CallButton, jsonBody, useDemoCall, resettable } from './use-demo-call';

// The same choices as src/lib/demos/ttl.ts; the Worker computes the seconds at write time.
const CHOICES = [
  { id: 'site-config', label: 'Site config: 24 h' },
  { id: 'static-page', label: 'Static page: 1 h' },
  { id: 'session', label: 'Session: 30 min' },
  { id: 'recent-posts', label: 'Recent posts: 5 min' },
  { id: 'daily-stats', label: 'Daily stats: until midnight UTC' },
  { id: 'custom', label: 'Custom (seconds)…' },
];

type KeyRow = TtlKeysAnswer['data']['keys'][number];

/** "1 h 02 min 05 s": a remaining time a person can read at a glance. */
function duration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h ? `${h} h ${pad(m)} min ${pad(sec)} s` : m ? `${m} min ${pad(sec)} s` : `${sec} s`;
}
const utc = (seconds: number) => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z').replace('T', ' ');

/** Pick a TTL, see the absolute expiration list() reports, and watch it count down. */
function TtlDemo() {
  const { busy, error, announce, call } = useDemoCall();
  const [choice, setChoice] = useState('session');
  const [custom, setCustom] = useState(90);
  const [written, setWritten] = useState<TtlWriteAnswer | null>(null);
  const [keys, setKeys] = useState<KeyRow[]>([]);
  const [reads, setReads] = useState<Record<string, { cache: string; total: number }>>({});
  // Server clock minus browser clock, so countdowns follow the Worker's idea of "now".
  const [skewMs, setSkewMs] = useState(0);
  const [tick, setTick] = useState(() => Date.now());

  useEffect(() => {
    const timer = setInterval(() => setTick(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const nowSeconds = (tick + skewMs) / 1000;

  const refresh = async () => {
    const body = await call<TtlKeysAnswer>('/api/demos/ttl/keys');
    if (body) {
      setKeys(body.data.keys);
      setSkewMs(body.now - Date.now());
    }
  };
  useEffect(() => {
    void refresh();
  }, []);

  const write = async () => {
    const payload = choice === 'custom' ? { ttl: custom } : { preset: choice };
    const body = await call<TtlWriteAnswer>('/api/demos/ttl/keys', jsonBody('POST', payload), (b) =>
      `Cached ${b.key} with expirationTtl ${b.ttlSeconds}; list() reports expiration ${b.expiration}.`,
    );
    if (body) {
      setWritten(body);
      setSkewMs(body.now - Date.now());
      await refresh();
    } else {
      setWritten(null);
    }
  };

  const read = async (name: string) => {
    const body = await call<TtlReadAnswer>(`/api/demos/ttl/keys/${name.replace(/^ttl:/, '')}`, {}, (b) =>
      `${name}: ${b.cache === 'HIT' ? 'still cached' : 'expired, gone from KV'} (${b.cache}).`,
    );
    if (body) setReads((r) => ({ ...r, [name]: { cache: body.cache, total: body.timings.total ?? 0 } }));
  };

  return (
    <DemoPanel title="Live: TTL strategies" announce={announce}>
      <div className="demo-controls">
        <label>
          Expiration
          <select value={choice} onChange={(e) => setChoice(e.target.value)}>
            {CHOICES.map((c) => (
              <option key={c.id} value={c.id}>{c.label}</option>
            ))}
          </select>
        </label>
        {choice === 'custom' && (
          <label>
            expirationTtl (s)
            <input type="number" value={custom} onChange={(e) => setCustom(Number(e.target.value))} />
          </label>
        )}
        <CallButton busy={busy} onClick={write}>Cache with this TTL</CallButton>
      </div>
      <p className="panel-note">Try a custom TTL of 30 seconds: KV itself refuses anything under 60.</p>
      <ErrorNote message={error} />

      {written && (
        <dl className="readout" aria-label="Last write">
          <dt>Key</dt>
          <dd><KeyName name={written.key} /></dd>
          <dt>Sent</dt>
          <dd>expirationTtl: {written.ttlSeconds}</dd>
          <dt>list() says</dt>
          <dd data-testid="ttl-expiration">
            expiration: {written.expiration ?? '—'}
            {written.expiration !== null && <> ({utc(written.expiration)} UTC)</>}
          </dd>
          <dt>Expires in</dt>
          <dd>{written.expiration === null ? '—' : duration(written.expiration - nowSeconds)}</dd>
          <dt>Worker</dt>
          <dd>put + list: {ms(written.timings.kv)}</dd>
        </dl>
      )}

      {keys.length > 0 && (
        <ScrollFrame label="Your TTL keys">
          <table className="demo-log">
            <caption>Your TTL keys, as list() reports them</caption>
            <thead>
              <tr>
                <th scope="col">Key</th>
                <th scope="col" className="num">TTL</th>
                <th scope="col">Expires (UTC)</th>
                <th scope="col" className="num">Remaining</th>
                <th scope="col"><span className="visually-hidden">Read</span></th>
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => {
                const left = k.expiration === null ? null : k.expiration - nowSeconds;
                return (
                  <tr key={k.name}>
                    <td className="mono key-cell"><KeyName name={k.name} /></td>
                    <td className="num">{k.ttl === null ? '—' : `${k.ttl} s`}</td>
                    <td className="mono">{k.expiration === null ? 'never' : utc(k.expiration)}</td>
                    <td className="num" aria-live="off">{left === null ? '—' : left > 0 ? duration(left) : 'expired'}</td>
                    <td>
                      <CallButton busy={busy} className="secondary small" onClick={() => read(k.name)}
                        aria-label={`Read ${k.name}`}>
                        Read
                      </CallButton>{' '}
                      {reads[k.name] && (
                        <>
                          <CacheBadge status={reads[k.name]!.cache} /> <span className="mono">{ms(reads[k.name]!.total)}</span>
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollFrame>
      )}
    </DemoPanel>
  );
}

export default resettable(TtlDemo);
