import { hashToken, newJoinCode, newParticipantId, randomToken } from './codes';

/**
 * Workshops, participants and their progress in D1. Every function takes the database as
 * an argument, so routes, the room's Durable Object and tests share this one module.
 */

export interface Workshop {
  code: string;
  title: string;
  createdAt: number;
  endedAt: number | null;
  section: Section | null;
  revealed: string[];
  propagationRound: number;
  propagationWrittenAt: number | null;
  herdRun: number;
}

/** Where the instructor asks the room to be. */
export interface Section {
  lesson: string;
  id: string | null;
  label: string;
  at: number;
}

export interface Participant {
  id: string;
  workshopCode: string;
  learnerId: string;
  name: string;
  joinedAt: number;
  lastSeenAt: number;
  lastProgressAt: number;
  lesson: string | null;
  section: string | null;
  done: string[];
}

interface WorkshopRow {
  code: string;
  title: string;
  created_at: number;
  ended_at: number | null;
  section_lesson: string | null;
  section_id: string | null;
  section_label: string | null;
  section_at: number | null;
  propagation_round: number;
  propagation_written_at: number | null;
  herd_run: number;
}

interface ParticipantRow {
  id: string;
  workshop_code: string;
  learner_id: string;
  name: string;
  joined_at: number;
  last_seen_at: number;
  last_progress_at: number;
  lesson: string | null;
  section: string | null;
  done: string;
}

const SELECT_WORKSHOP = `SELECT * FROM workshops WHERE code = ?1`;
const SELECT_REVEALS = `SELECT slug FROM workshop_reveals WHERE workshop_code = ?1 ORDER BY revealed_at`;
const INSERT_WORKSHOP = `INSERT INTO workshops (code, title, created_at) VALUES (?1, ?2, ?3)`;
const SELECT_RECENT_WORKSHOPS = `
  SELECT w.*, (SELECT COUNT(*) FROM workshop_participants p WHERE p.workshop_code = w.code) AS participants
    FROM workshops w ORDER BY w.created_at DESC LIMIT ?1`;
const PARTICIPANT_COLUMNS = `id, workshop_code, learner_id, name, joined_at, last_seen_at, last_progress_at, lesson, section, done`;
const SELECT_BY_SESSION = `SELECT ${PARTICIPANT_COLUMNS} FROM workshop_participants WHERE session_hash = ?1`;
const SELECT_BY_LEARNER = `SELECT ${PARTICIPANT_COLUMNS} FROM workshop_participants WHERE workshop_code = ?1 AND learner_id = ?2`;
const SELECT_BY_ID = `SELECT ${PARTICIPANT_COLUMNS} FROM workshop_participants WHERE workshop_code = ?1 AND id = ?2`;
const SELECT_PARTICIPANTS = `SELECT ${PARTICIPANT_COLUMNS} FROM workshop_participants WHERE workshop_code = ?1 ORDER BY joined_at, id`;
const INSERT_PARTICIPANT = `
  INSERT INTO workshop_participants
    (id, workshop_code, learner_id, session_hash, name, joined_at, last_seen_at, last_progress_at)
  VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?6)`;
const REJOIN_PARTICIPANT = `UPDATE workshop_participants SET session_hash = ?2, name = ?3, last_seen_at = ?4 WHERE id = ?1`;

function toWorkshop(row: WorkshopRow, revealed: string[]): Workshop {
  return {
    code: row.code,
    title: row.title,
    createdAt: row.created_at,
    endedAt: row.ended_at,
    section: row.section_lesson
      ? { lesson: row.section_lesson, id: row.section_id, label: row.section_label ?? row.section_lesson, at: row.section_at ?? 0 }
      : null,
    revealed,
    propagationRound: row.propagation_round,
    propagationWrittenAt: row.propagation_written_at,
    herdRun: row.herd_run,
  };
}

function toParticipant(row: ParticipantRow): Participant {
  let done: string[] = [];
  try {
    const parsed: unknown = JSON.parse(row.done);
    if (Array.isArray(parsed)) done = parsed.filter((d): d is string => typeof d === 'string');
  } catch {
    // A row is only ever written with JSON.stringify; treat anything else as no progress.
  }
  return {
    id: row.id,
    workshopCode: row.workshop_code,
    learnerId: row.learner_id,
    name: row.name,
    joinedAt: row.joined_at,
    lastSeenAt: row.last_seen_at,
    lastProgressAt: row.last_progress_at,
    lesson: row.lesson,
    section: row.section,
    done,
  };
}

/** Create a workshop with a fresh join code (retrying on the rare collision). */
export async function createWorkshop(db: D1Database, title: string, now = Date.now()): Promise<Workshop> {
  for (let attempt = 0; ; attempt++) {
    const code = newJoinCode();
    try {
      await db.prepare(INSERT_WORKSHOP).bind(code, title, now).run();
      return (await getWorkshop(db, code))!;
    } catch (error) {
      if (attempt >= 3 || !/UNIQUE|constraint/i.test(String(error))) throw error;
    }
  }
}

export async function getWorkshop(db: D1Database, code: string): Promise<Workshop | null> {
  const [workshop, reveals] = await db.batch<WorkshopRow | { slug: string }>([
    db.prepare(SELECT_WORKSHOP).bind(code),
    db.prepare(SELECT_REVEALS).bind(code),
  ]);
  const row = workshop.results[0] as WorkshopRow | undefined;
  if (!row) return null;
  return toWorkshop(row, (reveals.results as { slug: string }[]).map((r) => r.slug));
}

/**
 * A workshop and the participant holding `sessionToken`, in one round trip to D1: the
 * lookup every participant request starts with.
 */
export async function getWorkshopAndParticipant(
  db: D1Database,
  code: string,
  sessionToken: string | undefined,
): Promise<{ workshop: Workshop | null; participant: Participant | null }> {
  const statements = [db.prepare(SELECT_WORKSHOP).bind(code), db.prepare(SELECT_REVEALS).bind(code)];
  if (sessionToken) statements.push(db.prepare(SELECT_BY_SESSION).bind(await hashToken(sessionToken)));
  const [workshop, reveals, participant] = await db.batch<WorkshopRow | ParticipantRow | { slug: string }>(statements);
  const row = workshop.results[0] as WorkshopRow | undefined;
  const prow = participant?.results[0] as ParticipantRow | undefined;
  return {
    workshop: row ? toWorkshop(row, (reveals.results as { slug: string }[]).map((r) => r.slug)) : null,
    participant: prow ? toParticipant(prow) : null,
  };
}

export async function listWorkshops(db: D1Database, limit = 20) {
  const { results } = await db.prepare(SELECT_RECENT_WORKSHOPS).bind(limit).run<WorkshopRow & { participants: number }>();
  return results.map((row) => ({ ...toWorkshop(row, []), participants: row.participants }));
}

export interface JoinResult {
  participant: Participant;
  /** The new session token for the cookie; only its hash is stored. */
  sessionToken: string;
  rejoined: boolean;
}

/**
 * Join a workshop, or rejoin it. A participant who comes back — same session cookie, or
 * the same learner cookie after leaving — gets their own namespace and progress back;
 * anyone else gets a new participant with a fresh learner id (an empty namespace).
 * Either way the session token is new, so an old cookie stops working.
 */
export async function joinWorkshop(
  db: D1Database,
  code: string,
  name: string,
  known: { sessionToken?: string; learnerId?: string },
  now = Date.now(),
): Promise<JoinResult> {
  let existing: Participant | null = null;
  if (known.sessionToken) {
    const p = await participantBySession(db, known.sessionToken);
    if (p && p.workshopCode === code) existing = p;
  }
  if (!existing && known.learnerId) {
    const row = await db.prepare(SELECT_BY_LEARNER).bind(code, known.learnerId).first<ParticipantRow>();
    if (row) existing = toParticipant(row);
  }

  const sessionToken = randomToken();
  const sessionHash = await hashToken(sessionToken);
  if (existing) {
    await db.prepare(REJOIN_PARTICIPANT).bind(existing.id, sessionHash, name, now).run();
    return { participant: { ...existing, name, lastSeenAt: now }, sessionToken, rejoined: true };
  }
  const participant: Participant = {
    id: newParticipantId(),
    workshopCode: code,
    learnerId: randomToken(),
    name,
    joinedAt: now,
    lastSeenAt: now,
    lastProgressAt: now,
    lesson: null,
    section: null,
    done: [],
  };
  await db
    .prepare(INSERT_PARTICIPANT)
    .bind(participant.id, code, participant.learnerId, sessionHash, name, now)
    .run();
  return { participant, sessionToken, rejoined: false };
}

export async function participantBySession(db: D1Database, sessionToken: string): Promise<Participant | null> {
  const row = await db.prepare(SELECT_BY_SESSION).bind(await hashToken(sessionToken)).first<ParticipantRow>();
  return row ? toParticipant(row) : null;
}

export async function participantById(db: D1Database, code: string, id: string): Promise<Participant | null> {
  const row = await db.prepare(SELECT_BY_ID).bind(code, id).first<ParticipantRow>();
  return row ? toParticipant(row) : null;
}

export async function listParticipants(db: D1Database, code: string): Promise<Participant[]> {
  const { results } = await db.prepare(SELECT_PARTICIPANTS).bind(code).run<ParticipantRow>();
  return results.map(toParticipant);
}

/** Forget the session (leaving): the learner cookie still finds the participant on rejoin. */
export async function endSession(db: D1Database, participantId: string): Promise<void> {
  await db
    .prepare(`UPDATE workshop_participants SET session_hash = ?2 WHERE id = ?1`)
    .bind(participantId, `left:${participantId}:${randomToken()}`)
    .run();
}

export interface ProgressUpdate {
  done?: string[];
  lesson?: string | null;
  section?: string | null;
}

// The stored ids plus the reported ones, each once, capped.
const MERGED_DONE = `SELECT json_group_array(value) FROM (
  SELECT value FROM (SELECT value FROM json_each(done) UNION SELECT value FROM json_each(?2)) LIMIT 500)`;
/**
 * Record what the browser reports. `done` only ever grows (a browser that lost its
 * localStorage must not erase progress the server has), and only growth counts as
 * progress for the "stuck" signal; moving between sections is not progress. The merge
 * happens inside one UPDATE, so two reports arriving together cannot overwrite each other.
 */
export async function recordProgress(
  db: D1Database,
  participant: Pick<Participant, 'id'>,
  update: ProgressUpdate,
  now = Date.now(),
): Promise<{ done: string[]; progressed: boolean }> {
  const moved = update.lesson !== undefined;
  const row = await db
    .prepare(
      `UPDATE workshop_participants
          SET done = CASE WHEN ?2 IS NULL THEN done ELSE (${MERGED_DONE}) END,
              last_seen_at = ?3,
              last_progress_at = CASE
                WHEN ?2 IS NOT NULL AND json_array_length((${MERGED_DONE})) > json_array_length(done) THEN ?3
                ELSE last_progress_at END,
              lesson = CASE WHEN ?4 THEN ?5 ELSE lesson END,
              section = CASE WHEN ?4 THEN ?6 ELSE section END
        WHERE id = ?1
        RETURNING done, last_progress_at = ?3 AS progressed`,
    )
    .bind(
      participant.id,
      update.done ? JSON.stringify(update.done) : null,
      now,
      moved ? 1 : 0,
      update.lesson ?? null,
      update.section ?? null,
    )
    .first<{ done: string; progressed: number }>();
  return { done: row ? (JSON.parse(row.done) as string[]) : [], progressed: row?.progressed === 1 && !!update.done };
}

export const MAX_DONE = 500;

export async function recordAnswer(
  db: D1Database,
  participant: Participant,
  answer: { kind: 'predict' | 'reflect'; id: string; value: string },
  now = Date.now(),
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO workshop_answers (workshop_code, participant_id, kind, question_id, value, answered_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6)
       ON CONFLICT (participant_id, kind, question_id) DO UPDATE SET value = excluded.value, answered_at = excluded.answered_at`,
    )
    .bind(participant.workshopCode, participant.id, answer.kind, answer.id, answer.value, now)
    .run();
}

export async function setSection(db: D1Database, code: string, section: Omit<Section, 'at'>, now = Date.now()): Promise<Section> {
  await db
    .prepare(`UPDATE workshops SET section_lesson = ?2, section_id = ?3, section_label = ?4, section_at = ?5 WHERE code = ?1`)
    .bind(code, section.lesson, section.id, section.label, now)
    .run();
  return { ...section, at: now };
}

export async function revealSolution(db: D1Database, code: string, slug: string, now = Date.now()): Promise<void> {
  await db
    .prepare(`INSERT INTO workshop_reveals (workshop_code, slug, revealed_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING`)
    .bind(code, slug, now)
    .run();
}

export async function endWorkshop(db: D1Database, code: string, now = Date.now()): Promise<void> {
  await db.prepare(`UPDATE workshops SET ended_at = COALESCE(ended_at, ?2) WHERE code = ?1`).bind(code, now).run();
}

/** Mark participants as seen now (a live connection counts as being there). */
export async function touchParticipant(db: D1Database, participantId: string, now = Date.now()): Promise<void> {
  await db.prepare(`UPDATE workshop_participants SET last_seen_at = ?2 WHERE id = ?1`).bind(participantId, now).run();
}
