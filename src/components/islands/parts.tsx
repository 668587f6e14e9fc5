import { Fragment, type ReactNode, useEffect, useRef } from 'react';
import { ms } from './api';

/** Shared pieces of the demo islands, so every demo reads the same way. */

export function CacheBadge({ status, testId }: { status: string; testId?: string }) {
  return (
    <span className={`badge badge-${status}`} data-testid={testId}>
      {status}
    </span>
  );
}

/**
 * A demo's frame: title, controls, a polite live region that announces each result.
 * Its effect releases the disabled <fieldset> DemoMount wraps it in: effects run only after
 * React has committed hydration, so a character typed before then cannot be overwritten by
 * React taking over the field (Astro drops `ssr` from the island earlier than that).
 */
export function DemoPanel({ title, announce, children }: { title: string; announce: string; children: ReactNode }) {
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const frame = root.current?.closest<HTMLFieldSetElement>('fieldset.demo-frame[data-hydrating]');
    if (!frame) return;
    frame.disabled = false;
    delete frame.dataset.hydrating;
  }, []);
  return (
    <div className="panel" ref={root}>
      <h3>{title}</h3>
      {children}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announce}
      </p>
    </div>
  );
}

/** Worker timings as a definition list: kv, d1 and total, in the order measured. */
export function TimingRows({ timings, roundTripMs }: { timings: Record<string, number>; roundTripMs?: number }) {
  const labels: Record<string, string> = { kv: 'KV', d1: 'D1 (origin)', total: 'Worker total' };
  return (
    <>
      {Object.entries(timings).map(([phase, value]) => (
        <div key={phase} className="readout-row">
          <dt>{labels[phase] ?? phase}</dt>
          <dd>{ms(value)}</dd>
        </div>
      ))}
      {roundTripMs !== undefined && (
        <div className="readout-row">
          <dt>Round trip</dt>
          <dd>{ms(roundTripMs)} (seen by your browser)</dd>
        </div>
      )}
    </>
  );
}

export function ErrorNote({ message }: { message: string | null }) {
  return message ? (
    <p className="error-text" role="alert">
      {message}
    </p>
  ) : null;
}

/** The post demos' id field: a whole number within the seeded posts, 1 to 30. */
export function PostIdField({ value, onChange }: { value: number; onChange: (id: number) => void }) {
  return (
    <label>
      Post id
      <input type="number" min={1} max={30} value={value}
        onChange={(e) => onChange(Math.max(1, Math.min(30, Math.trunc(Number(e.target.value)) || 1)))} />
    </label>
  );
}

/**
 * A table or chart that may be wider than a phone: it scrolls inside its own frame, with a
 * shadow at the edge that has more to show (demos.css), and takes keyboard focus so the
 * arrow keys scroll it too.
 */
export function ScrollFrame({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div className={className ? `scroll-frame ${className}` : 'scroll-frame'} tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}

/** A KV key that wraps at its separators (`:` and `/`), never one letter per line. */
export function KeyName({ name }: { name: string }) {
  const parts = name.split(/(?<=[:/])/);
  return (
    <span className="key-name">
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </span>
  );
}
