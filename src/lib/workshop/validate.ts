import { cleanParagraphs, cleanText, isSlug } from './codes';
import { findQuestion } from './questions';
import type { ProgressUpdate } from './records';

/** Checks on what participants' browsers send; each answers a value or a message for a 400. */

type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/** Section ids are the h2 ids Astro generates: letters (any script), digits, `-` and `_`. */
const SECTION_ID = /^[\p{L}\p{N}_-]{1,100}$/u;
export const isSectionId = (v: unknown): v is string => typeof v === 'string' && SECTION_ID.test(v);

/** A `done` entry: a lesson, section or exercise id, optionally `lesson#section` or `lesson/section`. */
const DONE_ENTRY = /^[\p{L}\p{N}_:#/.-]{1,120}$/u;

export function parseProgress(body: Record<string, unknown>): Checked<ProgressUpdate> {
  const update: ProgressUpdate = {};
  if (body.done !== undefined) {
    if (!Array.isArray(body.done) || body.done.length > 500) {
      return { ok: false, message: '"done" must be an array of at most 500 ids.' };
    }
    for (const d of body.done) {
      if (typeof d !== 'string' || !DONE_ENTRY.test(d)) {
        return { ok: false, message: '"done" entries are ids like "caching-patterns#cache-aside" (letters, digits, - _ : # / .).' };
      }
    }
    update.done = body.done as string[];
  }
  if (body.lesson !== undefined) {
    if (body.lesson !== null && !isSlug(body.lesson)) return { ok: false, message: '"lesson" must be a lesson slug or null.' };
    if (body.section !== undefined && body.section !== null && !isSectionId(body.section)) {
      return { ok: false, message: '"section" must be a section id (the h2 id) or null.' };
    }
    update.lesson = (body.lesson as string | null) ?? null;
    update.section = (body.section as string | null | undefined) ?? null;
  }
  if (update.done === undefined && update.lesson === undefined) {
    return { ok: false, message: 'Send "done" (an array) and/or "lesson" with "section".' };
  }
  return { ok: true, value: update };
}

/** A reflection is the participant's own paragraph: long enough to say something, bounded for D1 and the console. */
export const MAX_REFLECTION_CHARS = 2000;

/**
 * An answer to a question the lessons declare (src/lib/workshop/questions.ts): a prediction's
 * value is the index of a choice, a reflection's the text typed.
 */
export function parseAnswer(body: Record<string, unknown>): Checked<{ kind: 'predict' | 'reflect'; id: string; value: string }> {
  const { kind, id, value } = body;
  if (kind !== 'predict' && kind !== 'reflect') return { ok: false, message: '"kind" must be "predict" or "reflect".' };
  if (!isSectionId(id)) return { ok: false, message: '"id" must be a question id (letters, digits, - and _).' };
  const question = findQuestion(kind, id);
  if (!question) return { ok: false, message: `No ${kind === 'predict' ? 'prediction' : 'reflection'} question in the course has the id "${id}".` };
  if (question.kind === 'predict') {
    const index = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,2}$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(index) || index < 0 || index >= question.choices.length) {
      return { ok: false, message: `"value" must be the number of a choice, 0 to ${question.choices.length - 1}.` };
    }
    return { ok: true, value: { kind, id, value: String(index) } };
  }
  const text = cleanParagraphs(value, MAX_REFLECTION_CHARS);
  if (text === null) return { ok: false, message: `"value" must be text of 1 to ${MAX_REFLECTION_CHARS} characters.` };
  return { ok: true, value: { kind, id, value: text } };
}

/** Where the instructor sends the room: {"lesson", "section"?, "label"?}. */
export function parseSection(body: Record<string, unknown>): Checked<{ lesson: string; id: string | null; label: string }> {
  if (!isSlug(body.lesson)) return { ok: false, message: '"lesson" must be a lesson slug, like "caching-patterns".' };
  const id = body.section === undefined || body.section === null || body.section === '' ? null : body.section;
  if (id !== null && !isSectionId(id)) return { ok: false, message: '"section" must be a section id (the h2 id).' };
  const label = body.label === undefined ? `${body.lesson}${id ? ` § ${id}` : ''}` : cleanText(body.label, 120);
  if (label === null) return { ok: false, message: '"label" must be text of 1 to 120 characters.' };
  return { ok: true, value: { lesson: body.lesson, id, label } };
}
