import type { Dashboard } from './dashboard';
import { listParticipants } from './store';

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
  answers: { kind: string; id: string; value: string }[];
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
      .map((a) => ({ kind: a.kind, id: a.question_id, value: a.value })),
  }));
}

const CSV_COLUMNS = ['id', 'name', 'joined_at', 'last_progress_at', 'lesson', 'section', 'done_count', 'done', 'exercises_passed', 'answers'];

/**
 * RFC 4180 CSV. Cells a spreadsheet would run as a formula (=, +, -, @, tab, CR) get a
 * leading apostrophe: a participant named `=HYPERLINK(…)` stays text on the instructor's machine.
 */
export function toCsv(rows: ExportRow[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of rows) {
    lines.push(
      [
        r.id,
        r.name,
        r.joinedAt,
        r.lastProgressAt,
        r.lesson ?? '',
        r.section ?? '',
        String(r.done.length),
        r.done.join(' '),
        r.exercisesPassed.join(' '),
        r.answers.map((a) => `${a.kind}:${a.id}=${a.value}`).join('; '),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}

export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
