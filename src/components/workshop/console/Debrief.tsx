import { useEffect, useState } from 'react';
import type { AnswerCount } from '../../../lib/workshop/dashboard';
import { anonymise, type DebriefItem } from '../../../lib/workshop/debrief';
import type { Api } from './api';

/**
 * The debrief, for talking the room through its answers: each question in the lesson's own
 * words, each choice with how many picked it and the right one marked, every reflection in
 * full with its author, or numbered instead of named while projecting.
 */
export function Debrief({ code, api, answers }: { code: string; api: Api; answers: AnswerCount[] }) {
  const [items, setItems] = useState<DebriefItem[] | null>(null);
  const [anonymous, setAnonymous] = useState(false);
  // The live dashboard carries counts only; the words are fetched when the counts move.
  const signature = answers.map((a) => `${a.kind}:${a.id}:${a.total}`).join('|');
  useEffect(() => {
    void api<{ questions: DebriefItem[] }>(`/api/workshops/${code}/debrief`).then((r) => r.ok && setItems(r.body.questions));
  }, [api, code, signature]);
  const shown = items && (anonymous ? anonymise(items) : items);

  return (
    <section className="panel debrief" aria-labelledby="debrief-title">
      <div className="console-row">
        <h3 id="debrief-title">Debrief: predictions and reflections</h3>
        <label className="inline-label">
          <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} /> Anonymise names (for projecting)
        </label>
      </div>
      {!shown || shown.length === 0 ? (
        <p className="panel-note">No answers yet. They appear here as participants answer the questions in the lessons.</p>
      ) : (
        shown.map((q) => (
          <article key={`${q.kind}:${q.id}`} className="debrief-question" data-question={q.id}>
            <h4>
              <span className="kicker">{q.kind === 'predict' ? 'Prediction' : 'Reflection'} · {q.lessonTitle}</span>{' '}
              {q.kind === 'predict' ? q.question : q.prompt}
            </h4>
            <p className="panel-note">{q.total} {q.total === 1 ? 'answer' : 'answers'}</p>
            {q.kind === 'predict' ? (
              <ul className="bars debrief-choices">
                {q.choices.map((c) => (
                  <li key={c.text} data-correct={c.correct}>
                    <span className="bars-label">
                      {c.correct && <strong>✓ </strong>}
                      {c.text}
                      {c.correct && <span className="visually-hidden"> (the right answer)</span>}
                    </span>
                    <span className="bars-track"><span className="bars-fill" style={{ width: `${q.total ? (c.count / q.total) * 100 : 0}%` }} /></span>
                    <span className="bars-value" data-testid="choice-count">{c.count}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <ul className="debrief-reflections">
                {q.answers.map((a) => (
                  <li key={a.participantId}>
                    <blockquote>{a.text}</blockquote>
                    <p className="debrief-author">— {a.name}</p>
                  </li>
                ))}
              </ul>
            )}
          </article>
        ))
      )}
    </section>
  );
}
