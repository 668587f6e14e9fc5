import type { ParticipantView } from '../../../lib/workshop/dashboard';
import { ago } from './format';
import type { Lesson } from './types';

export function ParticipantsTable({ participants, lessons, now, stuckMs, ended, onReset }: {
  participants: ParticipantView[]; lessons: Lesson[]; now: number; stuckMs: number; ended: boolean; onReset: (p: ParticipantView) => void;
}) {
  const sectionText = (p: ParticipantView) => {
    const lesson = lessons.find((l) => l.slug === p.lesson);
    if (!p.lesson) return '—';
    const section = lesson?.sections.find((s) => s.id === p.section);
    return `${lesson?.title ?? p.lesson}${p.section ? ` › ${section?.text ?? p.section}` : ''}`;
  };
  if (participants.length === 0) return <p className="panel-note">Nobody has joined yet. Share the code or the join link.</p>;
  return (
    <table className="demo-log participants">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Where</th>
          <th scope="col" className="num">Sections done</th>
          <th scope="col">Exercises passed</th>
          <th scope="col">Last progress</th>
          <th scope="col"><span className="visually-hidden">Actions</span></th>
        </tr>
      </thead>
      <tbody>
        {participants.map((p) => {
          const stuck = p.online && !ended && now - p.lastProgressAt > stuckMs;
          return (
            <tr key={p.id} data-participant={p.name}>
              <td>
                <span className="wb-dot" data-live={p.online} title={p.online ? 'online' : 'offline'} />
                <span className="visually-hidden">{p.online ? 'online: ' : 'offline: '}</span>
                {p.name}
              </td>
              <td>{sectionText(p)}</td>
              <td className="num" data-testid="done-count">{p.done}</td>
              <td>{p.exercisesPassed.length ? `${p.exercisesPassed.length}: ${p.exercisesPassed.join(', ')}` : '0'}</td>
              <td>
                {ago(p.lastProgressAt, now)} {stuck && <span className="badge badge-MISS">stuck?</span>}
              </td>
              <td>
                <button type="button" className="secondary small" disabled={ended} onClick={() => onReset(p)}>
                  Reset<span className="visually-hidden"> {p.name}</span>
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
