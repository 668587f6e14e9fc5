import { ScrollFrame } from './parts';

/**
 * Small inline-SVG charts for the demos. No chart library: a few rectangles and lines.
 * Every chart is `role="img"` with a sentence that says what it shows; the numbers behind it
 * are always also given as a table by the caller.
 */

export interface Series {
  label: string;
  /** CSS class that colours the bars (`bar-HIT`, `bar-MISS`). */
  className: string;
  counts: number[];
}

/**
 * Side-by-side bars per bucket, one colour per series. `bucketLabels` has one label per
 * bucket. `markers` draws vertical lines (p50, p95) on the bar of a bucket and series.
 */
export function HistogramChart({
  bucketLabels,
  series,
  description,
  markers = [],
}: {
  bucketLabels: string[];
  series: Series[];
  description: string;
  markers?: { label: string; bucket: number; series: number; className: string }[];
}) {
  const width = 560;
  const height = 220;
  const pad = { left: 36, right: 8, top: 26, bottom: 40 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const max = Math.max(1, ...series.flatMap((s) => s.counts));
  const slot = plotW / bucketLabels.length;
  const barW = Math.max(2, (slot - 6) / series.length);
  const y = (count: number) => pad.top + plotH - (count / max) * plotH;

  return (
    <ScrollFrame label="Chart" className="chart-scroll">
      <svg className="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={description}>
        <line x1={pad.left} x2={width - pad.right} y1={pad.top + plotH} y2={pad.top + plotH} className="axis" />
        <text x={pad.left - 6} y={pad.top + 4} className="tick" textAnchor="end">
          {max}
        </text>
        <text x={pad.left - 6} y={pad.top + plotH} className="tick" textAnchor="end">
          0
        </text>
        {bucketLabels.map((label, i) => (
          <g key={label}>
            {series.map((s, j) =>
              s.counts[i] ? (
                <rect
                  key={s.label}
                  className={s.className}
                  x={pad.left + i * slot + 3 + j * barW}
                  y={y(s.counts[i]!)}
                  width={barW}
                  height={pad.top + plotH - y(s.counts[i]!)}
                />
              ) : null,
            )}
            <text x={pad.left + i * slot + slot / 2} y={height - pad.bottom + 14} className="tick" textAnchor="middle">
              {label}
            </text>
          </g>
        ))}
        <text x={pad.left + plotW / 2} y={height - 6} className="tick" textAnchor="middle">
          Worker time per request, ms (bucket upper bound)
        </text>
        {markers.map((m, k) => {
          // On the bar of the marker's own series, so a p50 line sits on the bar it describes.
          const x = pad.left + m.bucket * slot + 3 + m.series * barW + barW / 2;
          return (
            <g key={m.label} className={m.className}>
              <line x1={x} x2={x} y1={pad.top - 4} y2={pad.top + plotH} className="marker" />
              <text x={x + 3} y={pad.top + 10 + k * 13} className="tick marker-label">
                {m.label}
              </text>
            </g>
          );
        })}
        {series.map((s, j) => (
          <g key={s.label} transform={`translate(${width - pad.right - 150 + j * 75}, 6)`}>
            <rect width="10" height="10" className={s.className} />
            <text x="14" y="9" className="tick">
              {s.label}
            </text>
          </g>
        ))}
      </svg>
    </ScrollFrame>
  );
}
