import { z } from 'astro/zod';
import { TENANT_ID } from '../lib/demos/key-design';
import { isSimulatedUser, type SimulatedUserId } from '../lib/demos/anti-patterns';

/**
 * The input schemas routes share. Each failure reads as one sentence naming the field, the
 * way the learner sees it in a demo's error line: endpoint() answers it as a 400.
 */

/** A post id in a path: a whole number from 1, as `/posts/3`. */
export const postId = z
  .string()
  .regex(/^[1-9][0-9]{0,8}$/, 'A post id is a whole number from 1 upwards, like /posts/3.')
  .transform(Number);

/** `true`/`false` in a query string. */
export const queryBoolean = (name: string) =>
  z.enum(['true', 'false'], { message: `"${name}" must be true or false.` }).transform((v) => v === 'true');

/** A whole number in a query string, `fallback` when absent; `message` says the range. */
export const queryInteger = (min: number, max: number, fallback: number, message: string) =>
  z
    .string({ error: message })
    .regex(/^\d{1,9}$/, message)
    .transform(Number)
    .refine((n) => n >= min && n <= max, message)
    .optional()
    .transform((n) => n ?? fallback);

/** One of a few words, in a query string or a body. */
export const oneOf = <const T extends readonly [string, ...string[]]>(choices: T, message: string) =>
  z.enum(choices, { error: message });

/** A JSON string, trimmed, 1 to `max` characters; missing or null says it is required. */
export const text = (name: string, max: number) =>
  z
    .string({ error: (issue) => (issue.input == null ? `"${name}" is required.` : `"${name}" must be a string.`) })
    .trim()
    .min(1, `"${name}" must have at least 1 character.`)
    .max(max, `"${name}" can have at most ${max} characters.`);

/** A JSON boolean. */
export const bool = (name: string) => z.boolean({ error: `"${name}" must be true or false.` });

/** A JSON whole number within [min, max]. */
export const wholeNumber = (name: string, min: number, max: number, message = `"${name}" must be a whole number from ${min} to ${max}.`) =>
  z.number({ error: message }).int(message).min(min, message).max(max, message);

/**
 * A check that lives in src/lib (KV's limits, a demo's rules), where it returns the value or
 * the sentence to show, as a schema.
 */
export const checkedBy = <I, T>(check: (raw: I) => { ok: true; value: T } | { ok: false; message: string }) =>
  z.any().transform((raw: I, ctx) => {
    const result = check(raw);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: result.message });
    return z.NEVER;
  });

/**
 * A path segment naming something that may not exist (an exercise slug): a failure is a 404
 * `not_found` with `message`, not a 400.
 */
export const known = <T extends string>(isKnown: (raw: string) => raw is T, message: (raw: string) => string) =>
  z.string().transform((raw, ctx) => {
    if (isKnown(raw)) return raw;
    ctx.addIssue({ code: 'custom', message: message(raw), params: { notFound: true } });
    return z.NEVER;
  });

/** A tenant id of the key-design demo, like "acme". */
export const tenantId = (message = '"tenant" is 1 to 32 lowercase letters, digits or dashes, like "acme".') =>
  z.string({ error: message }).regex(TENANT_ID, message);

/** A simulated user of the anti-patterns demo. */
export const simulatedUser = z.custom<SimulatedUserId>(isSimulatedUser, '"user" must be "alice" or "bob".');

const NO_HERD_TICKET = '"ticket" must be the herd run\'s ticket from the instructor\'s signal (22 letters, digits, "-" or "_").';

/** A herd run's ticket in a query string (src/server/workshop/herd-ticket.ts): its shape only; the route checks it is the run's. */
export const herdTicketQuery = z.string({ error: NO_HERD_TICKET }).regex(/^[A-Za-z0-9_-]{22}$/, NO_HERD_TICKET);
