import { useMemo, useState } from 'react';
import type { Act, Download, Lesson, Workshop } from './types';

/** Driving the room: where everyone should be, reveal, reset, export, end. */
export function Controls({ lessons, exercises, workshop, disabled, act, download }: {
  lessons: Lesson[]; exercises: string[]; workshop: Workshop; disabled: boolean;
  act: Act;
  download: Download;
}) {
  const options = useMemo(
    () => lessons.flatMap((l) => [
      { value: `${l.slug}#`, label: l.title, lesson: l.slug, id: null as string | null },
      ...l.sections.map((s) => ({ value: `${l.slug}#${s.id}`, label: `${l.title} › ${s.text}`, lesson: l.slug, id: s.id as string | null })),
    ]),
    [lessons],
  );
  const [target, setTarget] = useState(options[0]?.value ?? '');
  const [slug, setSlug] = useState(exercises[0] ?? '');
  const selected = options.find((o) => o.value === target);
  return (
    <section className="panel" aria-labelledby="controls-title">
      <h3 id="controls-title">Drive the room</h3>
      <p className="panel-note">
        Now: {workshop.section ? <strong data-testid="current-section">{workshop.section.label}</strong> : 'no section set'}
      </p>
      <div className="console-form">
        <label>
          Section
          <select value={target} onChange={(e) => setTarget(e.target.value)}>
            {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </select>
        </label>
        <button type="button" disabled={disabled || !selected}
          onClick={() => selected && act('section', { lesson: selected.lesson, section: selected.id, label: selected.label }, (b) => `Room sent to ${selected.label} (${b.delivered} browsers told).`)}>
          Send the room here
        </button>
      </div>
      <div className="console-form">
        <label>
          Exercise
          <select value={slug} onChange={(e) => setSlug(e.target.value)}>
            {exercises.map((s) => <option key={s} value={s}>{s}{workshop.revealed.includes(s) ? ' (revealed)' : ''}</option>)}
          </select>
        </label>
        <button type="button" className="secondary" disabled={disabled}
          onClick={() => act('reveal', { slug }, () => `Solution to ${slug} revealed to everyone.`)}>
          Reveal solution
        </button>
      </div>
      <div className="console-form">
        <button type="button" className="secondary" disabled={disabled}
          onClick={() => confirm('Reset every participant’s cache and origin edits? Progress is kept.') && act('reset', { all: true }, (b) => `Reset ${b.participants} participants (${b.removedKeys} keys removed).`)}>
          Reset everyone’s namespace
        </button>
        <button type="button" className="secondary" onClick={() => download('csv')}>Export progress CSV</button>
        <button type="button" className="secondary" onClick={() => download('csv', 'answers')}>Export answers CSV</button>
        <button type="button" className="secondary" onClick={() => download('json')}>Export JSON</button>
        <button type="button" className="danger" disabled={disabled}
          onClick={() => confirm('End the workshop for everyone? Joining and progress stop; the data stays for export.') && act('end', {}, () => 'Workshop ended.')}>
          End workshop
        </button>
      </div>
    </section>
  );
}
