import type { Dashboard } from './dashboard';
import { findQuestion } from './questions';
import { listParticipants } from './records';

/** A workshop's progress for the instructor's records: one row per participant. */
export interface ExportRow {
  id: string;
  name: string;
  joinedAt: string;
  lastProgressAt: string;
  lesson: string | null;
  section: string | null;
  done: string[];
  exercisesPassed: string[];
  /** `answer` is the choice's text for a prediction, the text typed for a reflection. */
  answers: { kind: string; id: string; answer: string; correct?: boolean }[];
}

/** A stored answer in words: a prediction's choice index becomes the lesson's choice text. */
function readable(kind: string, id: string, value: string): { kind: string; id: string; answer: string; correct?: boolean } {
  const question = findQuestion(kind, id);
  if (question?.kind !== 'predict') return { kind, id, answer: value };
  const choice = question.choices[Number(value)];
  return choice ? { kind, id, answer: choice.text, correct: choice.correct } : { kind, id, answer: value };
}

export async function exportRows(db: D1Database, dashboard: Dashboard): Promise<ExportRow[]> {
  const code = dashboard.workshop.code;
  const [participants, answers] = await Promise.all([
    listParticipants(db, code),
    db
      .prepare(`SELECT participant_id, kind, question_id, value FROM workshop_answers WHERE workshop_code = ?1 ORDER BY kind, question_id`)
      .bind(code)
      .run<{ participant_id: string; kind: string; question_id: string; value: string }>(),
  ]);
  const views = new Map(dashboard.participants.map((v) => [v.id, v]));
  return participants.map((p) => ({
    id: p.id,
    name: p.name,
    joinedAt: new Date(p.joinedAt).toISOString(),
    lastProgressAt: new Date(views.get(p.id)?.lastProgressAt ?? p.lastProgressAt).toISOString(),
    lesson: p.lesson,
    section: p.section,
    done: p.done,
    exercisesPassed: views.get(p.id)?.exercisesPassed ?? [],
    answers: answers.results
      .filter((a) => a.participant_id === p.id)
      .map((a) => readable(a.kind, a.question_id, a.value)),
  }));
}

const CSV_COLUMNS = ['id', 'name', 'joined_at', 'last_progress_at', 'lesson', 'section', 'done_count', 'done', 'exercises_passed', 'answers'];

/**
 * RFC 4180 CSV, safe to open in a spreadsheet whatever separator it splits on:
 * - a cell holding a separator — comma, semicolon (the list separator where the decimal mark is
 *   a comma), tab — or a quote or line break is quoted;
 * - wherever a spreadsheet could begin a cell with a formula (=, +, -, @ or their full-width
 *   forms, after any spaces) — at the start of the value, and after each separator or line
 *   break in it — an apostrophe goes first, so it stays text. A program that splits on `;` takes
 *   `1,"x;=1+1"` as `1,"x` and `=1+1"`: quotes only count at the start of a cell, which is why
 *   quoting alone would not do. A participant named `=HYPERLINK(…)` stays text on the
 *   instructor's machine, and so does `x;=1+1`.
 */
export function toCsv(rows: ExportRow[]): string {
  return csvTable([
    CSV_COLUMNS,
    ...rows.map((r) => [
        r.id,
        r.name,
        r.joinedAt,
        r.lastProgressAt,
        r.lesson ?? '',
        r.section ?? '',
        String(r.done.length),
        r.done.join(' '),
        r.exercisesPassed.join(' '),
      r.answers.map((a) => `${a.id}: ${a.answer}${a.correct === undefined ? '' : a.correct ? ' (right)' : ' (wrong)'}`).join('; '),
    ]),
  ]);
}

/** Rows of cells as CSV (see csvCell for what keeps it safe). */
export function csvTable(rows: string[][]): string {
  return rows.map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

const FORMULA_AT_CELL_START = /(^|[,;\t\r\n])([\s\u3000]*)(?=[=+\-@\uff1d\uff0b\uff0d\uff20])/g;

export function csvCell(value: string): string {
  const safe = value.replace(FORMULA_AT_CELL_START, "$1'$2");
  return /[",;\t\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
