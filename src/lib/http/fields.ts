/**
 * Typed fields of a JSON body or a query string, each returning the value or the sentence
 * to show the learner. Kept beside parse.ts's `stringField`, in the same shape.
 */
export type Field<T> = { ok: true; value: T } | { ok: false; message: string };

/** A JSON boolean. `fallback` applies when the field is absent. */
export function booleanField(body: Record<string, unknown>, name: string, fallback?: boolean): Field<boolean> {
  const raw = body[name];
  if (raw === undefined && fallback !== undefined) return { ok: true, value: fallback };
  if (typeof raw !== 'boolean') return { ok: false, message: `"${name}" must be true or false.` };
  return { ok: true, value: raw };
}

/** A whole number within [min, max]. `fallback` applies when the field is absent. */
export function integerField(
  body: Record<string, unknown>,
  name: string,
  { min, max, fallback }: { min: number; max: number; fallback?: number },
): Field<number> {
  const raw = body[name];
  if (raw === undefined && fallback !== undefined) return { ok: true, value: fallback };
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < min || raw > max) {
    return { ok: false, message: `"${name}" must be a whole number from ${min} to ${max}.` };
  }
  return { ok: true, value: raw };
}

/** One of a fixed set of strings. */
export function choiceField<T extends string>(body: Record<string, unknown>, name: string, choices: readonly T[]): Field<T> {
  const raw = body[name];
  if (typeof raw !== 'string' || !(choices as readonly string[]).includes(raw)) {
    return { ok: false, message: `"${name}" must be one of: ${choices.join(', ')}.` };
  }
  return { ok: true, value: raw as T };
}

/** `?flag=true|false` in a query string, as a boolean; `fallback` when absent. */
export function booleanParam(params: URLSearchParams, name: string, fallback: boolean): Field<boolean> {
  const raw = params.get(name);
  if (raw === null) return { ok: true, value: fallback };
  if (raw !== 'true' && raw !== 'false') return { ok: false, message: `"${name}" must be true or false.` };
  return { ok: true, value: raw === 'true' };
}
