import { HttpError } from '../endpoint';
import { referenceSource, type ExerciseSlug } from './registry';

/**
 * The solution is earned: it is never in the exercise page, and this answers it only to a
 * learner who passed, who asked for it after at least one run, or whose workshop instructor
 * revealed it. One D1 round trip decides.
 */
export type UnlockedBy = 'passed' | 'revealed' | 'asked';

const UNLOCK_STATE = `
  SELECT
    EXISTS (SELECT 1 FROM exercise_results WHERE learner_id = ?1 AND slug = ?2 AND passed = 1) AS passed,
    EXISTS (
      SELECT 1 FROM workshop_participants p JOIN workshop_reveals r ON r.workshop_code = p.workshop_code
      WHERE p.learner_id = ?1 AND r.slug = ?2
    ) AS revealed,
    EXISTS (SELECT 1 FROM solution_unlocks WHERE learner_id = ?1 AND slug = ?2) AS asked,
    EXISTS (SELECT 1 FROM exercise_results WHERE learner_id = ?1 AND slug = ?2) AS tried`;

const RECORD_ASK = `INSERT INTO solution_unlocks (learner_id, slug, unlocked_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING`;

export interface SolutionState {
  unlockedBy: UnlockedBy | null;
  /** At least one check run: the learner may ask for the solution. */
  tried: boolean;
}

export async function solutionState(db: D1Database, learnerId: string, slug: ExerciseSlug): Promise<SolutionState> {
  const row = await db.prepare(UNLOCK_STATE).bind(learnerId, slug).first<Record<'passed' | 'revealed' | 'asked' | 'tried', number>>();
  const unlockedBy = row?.passed ? 'passed' : row?.revealed ? 'revealed' : row?.asked ? 'asked' : null;
  return { unlockedBy, tried: Boolean(row?.tried) };
}

/** The JSON of GET and POST /api/exercises/:slug/solution; a locked solution is a 403 `solution_locked`. */
export interface SolutionAnswer {
  code: string;
  unlockedBy: UnlockedBy;
}

const locked = (message: string) => new HttpError(403, 'solution_locked', message);

const LOCKED = 'The solution unlocks when you pass the checks. You have tried: you can also ask for it (POST, the "Show me the solution" button).';
const UNTRIED = 'Run your code against the checks at least once first: the solution unlocks when you pass, or when you ask for it after trying.';

/** GET: the solution if this learner has unlocked it, else a 403 saying how to unlock it. */
export async function readSolution(db: D1Database, learnerId: string, slug: ExerciseSlug): Promise<SolutionAnswer> {
  const { unlockedBy, tried } = await solutionState(db, learnerId, slug);
  if (!unlockedBy) throw locked(tried ? LOCKED : UNTRIED);
  return { code: referenceSource(slug), unlockedBy };
}

/**
 * POST: the learner asks for the solution; granted after at least one run, and recorded.
 * Where no sandbox can run code (`canRun` false), asking is enough.
 */
export async function askForSolution(db: D1Database, learnerId: string, slug: ExerciseSlug, canRun: boolean, now = Date.now()): Promise<SolutionAnswer> {
  const state = await solutionState(db, learnerId, slug);
  if (state.unlockedBy) return { code: referenceSource(slug), unlockedBy: state.unlockedBy };
  if (!state.tried && canRun) throw locked(UNTRIED);
  await db.prepare(RECORD_ASK).bind(learnerId, slug, now).run();
  return { code: referenceSource(slug), unlockedBy: 'asked' };
}
