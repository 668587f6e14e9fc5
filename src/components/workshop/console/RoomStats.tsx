import type { Dashboard } from '../../../lib/workshop/dashboard';
import { msText, pct } from './format';

export function RoomStats({ room }: { room: Dashboard['room'] }) {
  const hits = room.byCache.HIT ?? 0;
  const misses = room.byCache.MISS ?? 0;
  const other = room.requests - hits - misses;
  return (
    <section className="panel" aria-labelledby="stats-title">
      <h3 id="stats-title">The room’s cache</h3>
      <dl className="readout">
        <dt>Hit rate (all)</dt><dd data-testid="room-hit-rate">{pct(room.hitRate)}</dd>
        <dt>Requests</dt><dd>{room.requests} ({hits} HIT · {misses} MISS{other ? ` · ${other} other` : ''})</dd>
        <dt>Last minute</dt><dd>{room.recent.requests} requests · {room.recent.perSecond}/s · hit rate {pct(room.recent.hitRate)}</dd>
        <dt>Latency (Worker)</dt><dd>p50 {msText(room.recent.p50)} · p95 {msText(room.recent.p95)}</dd>
      </dl>
      <p className="panel-note">Hit rate = (HIT + STALE) / (HIT + STALE + MISS), as the monitoring lesson defines it.</p>
      {room.requests > 0 && (
        <div className="hitbar" aria-hidden="true">
          <span className="hitbar-hit" style={{ width: `${(hits / room.requests) * 100}%` }} />
          <span className="hitbar-miss" style={{ width: `${(misses / room.requests) * 100}%` }} />
        </div>
      )}
    </section>
  );
}
