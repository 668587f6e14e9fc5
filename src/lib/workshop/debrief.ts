import { QUESTIONS, findQuestion } from './questions';

/**
 * The debrief: every question the room answered, in course order, with the lesson's own
 * wording. A prediction shows each choice's text, how many picked it and which is right; a
 * reflection shows every answer in full with its author. The console, the JSON export and the
 * answers CSV all read this one shape.
 */

export interface PredictionDebrief {
  kind: 'predict';
  id: string;
  lesson: string;
  lessonTitle: string;
  question: string;
  total: number;
  choices: { text: string; correct: boolean; count: number }[];
}

export interface ReflectionDebrief {
  kind: 'reflect';
  id: string;
  lesson: string;
  lessonTitle: string;
  prompt: string;
  total: number;
  answers: { participantId: string; name: string; text: string; answeredAt: number }[];
}

export type DebriefItem = PredictionDebrief | ReflectionDebrief;

interface AnswerRow {
  kind: string;
  question_id: string;
  value: string;
  answered_at: number;
  participant_id: string;
  name: string;
}

const ANSWERS_WITH_NAMES = `
  SELECT a.kind, a.question_id, a.value, a.answered_at, a.participant_id, p.name
    FROM workshop_answers a JOIN workshop_participants p ON p.id = a.participant_id
   WHERE a.workshop_code = ?1
   ORDER BY a.answered_at, a.participant_id`;

/** The room's answers as a debrief. Answers to questions no lesson declares any more are left out. */
export async function loadDebrief(db: D1Database, code: string): Promise<DebriefItem[]> {
  const { results } = await db.prepare(ANSWERS_WITH_NAMES).bind(code).run<AnswerRow>();
  return debriefOf(results);
}

export function debriefOf(rows: AnswerRow[]): DebriefItem[] {
  const items = new Map<string, DebriefItem>();
  for (const row of rows) {
    const key = `${row.kind}:${row.question_id}`;
    const question = findQuestion(row.kind, row.question_id);
    if (!question) continue;
    let item = items.get(key);
    if (!item) {
      item =
        question.kind === 'predict'
          ? { ...question, total: 0, choices: question.choices.map((c) => ({ ...c, count: 0 })) }
          : { ...question, total: 0, answers: [] };
      items.set(key, item);
    }
    if (item.kind === 'predict') {
      const choice = item.choices[Number(row.value)];
      if (!choice) continue;
      choice.count++;
    } else {
      item.answers.push({ participantId: row.participant_id, name: row.name, text: row.value, answeredAt: row.answered_at });
    }
    item.total++;
  }
  const order = [...QUESTIONS.keys()];
  return [...items.entries()].sort(([a], [b]) => order.indexOf(a) - order.indexOf(b)).map(([, item]) => item);
}

/**
 * Names replaced by "Participant 1", "Participant 2"… in the order they first answered, for
 * projecting the room's reflections without putting anyone on the spot.
 */
export function anonymise(items: DebriefItem[]): DebriefItem[] {
  const numbers = new Map<string, number>();
  const label = (id: string) => {
    if (!numbers.has(id)) numbers.set(id, numbers.size + 1);
    return `Participant ${numbers.get(id)}`;
  };
  return items.map((item) =>
    item.kind === 'predict' ? item : { ...item, answers: item.answers.map((a) => ({ ...a, name: label(a.participantId) })) },
  );
}

/** One row per answer, for the answers CSV. */
export function debriefRows(items: DebriefItem[]): string[][] {
  const rows = [['lesson', 'kind', 'question_id', 'question', 'answer', 'correct', 'count', 'participant']];
  for (const item of items) {
    if (item.kind === 'predict') {
      for (const c of item.choices) rows.push([item.lesson, 'predict', item.id, item.question, c.text, c.correct ? 'yes' : 'no', String(c.count), '']);
    } else {
      for (const a of item.answers) rows.push([item.lesson, 'reflect', item.id, item.prompt, a.text, '', '1', a.name]);
    }
  }
  return rows;
}
