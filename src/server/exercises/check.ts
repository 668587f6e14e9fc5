import type { KvApi } from '~/lib/kv/scoped-kv';
import type { LearnerScope } from '~/lib/learner-scope';
import { KvBridge, originReader, type KvBridgeOptions, type RunState, type Trace } from '../sandbox/bridge';
import type { CallOutcome, SandboxSession } from '../sandbox/sandbox';
import { int, SEEDED_POSTS } from './checks/random';

/**
 * What a check works with. Checks test behaviour: they call the learner's function in the
 * sandbox with a KV bridge and origin readers, then look at what happened — the result,
 * how often the origin was read, what KV now holds, what was handed to `waitUntil`.
 */
export interface CheckContext {
  /** Call an export of the learner's code; a thrown error fails the check with its position. */
  call(exportName: string, ...args: unknown[]): Promise<CallOutcome>;
  /** Like `call`, but an error thrown by the learner's code is returned, not a failure. */
  callAllowingError(exportName: string, ...args: unknown[]): Promise<CallOutcome>;
  /** A KV bridge for the sandbox: the learner's exercise keys, traced and counted. */
  kv(options?: KvBridgeOptions): KvBridge;
  /** The same keys, read and written directly to set up and inspect — not traced, not in the sandbox. */
  directKv: KvApi;
  /** An origin read for the sandbox: `fn` goes to the learner, `calls` counts its use. */
  origin<T>(label: string, load: () => Promise<T>): { fn: () => Promise<T>; readonly calls: number };
  /** Seconds until `key` expires, from KV's own listing; null when it has no expiration. */
  expiresIn(key: string): Promise<number | null>;
  /** A seeded post id no other check of this run has used yet, different every run. */
  freshPost(): number;
  db: D1Database;
  learner: LearnerScope;
}

export interface Check {
  /** What the check proves, as a learner reads it: "The second read is a HIT". */
  name: string;
  /** Resolves with a one-line reason it passed; throws CheckFailed with why not. */
  run(ctx: CheckContext): Promise<string>;
}

export class CheckFailed extends Error {}

/** Fail the check with a one-line reason. */
export function fail(message: string): never {
  throw new CheckFailed(message);
}

export function expect(condition: unknown, message: string): asserts condition {
  if (!condition) fail(message);
}

/** A value as a learner would recognise it in a message, kept to one short line. */
export function show(value: unknown): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Fails with the real cause when a value read from KV came back as text: `kv.get(key)` without
 * `'json'` returns the stored JSON as a string, which then looks like a wrong or falsy value.
 */
export function expectParsed(value: unknown, what: string): void {
  if (typeof value !== 'string') return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return; // Not JSON text: some other bug, which the caller's own message describes.
  }
  fail(`${what} is the string ${show(value)}, not the ${parsed === null ? 'value' : typeof parsed} it encodes: read with kv.get(key, 'json') (or { type: 'json' }) or JSON.parse it.`);
}

/** The result object a pattern returns, or a failure saying what came back instead. */
export function resultObject(outcome: CallOutcome, fn: string): Record<string, any> {
  const value = outcome.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    fail(`${fn} should return an object, but returned ${show(value)}.`);
  }
  return value as Record<string, any>;
}

/** Builds the context for one run; the orchestration lives in run.ts. */
export function makeContext(options: {
  session: SandboxSession;
  directKv: KvApi;
  trace: Trace;
  run: RunState;
  db: D1Database;
  learner: LearnerScope;
  listExpirations: (key: string) => Promise<number | null>;
}): CheckContext {
  const { session, directKv, trace, run } = options;
  const call = (allowError: boolean) => async (exportName: string, ...args: unknown[]) => {
    const outcome = await session.call(exportName, args);
    trace.add({
      op: 'call',
      key: `${exportName}(${args.map(describeArg).join(', ')})`,
      outcome: outcome.error ? `threw ${outcome.error.name}` : `→ ${show(outcome.value)}`,
    });
    if (outcome.waitUntilCalls) trace.add({ op: 'waitUntil', outcome: `${outcome.waitUntilCalls} promise(s) handed to waitUntil` });
    if (outcome.error && !allowError) {
      const where = outcome.error.line ? ` (line ${outcome.error.line}, column ${outcome.error.column})` : '';
      throw new LearnerCodeError(`${exportName} threw ${outcome.error.name}: ${outcome.error.message}${where}`, outcome.error);
    }
    return outcome;
  };
  const usedPosts = new Set<number>();
  return {
    freshPost() {
      let id: number;
      do id = int(SEEDED_POSTS.min, SEEDED_POSTS.max);
      while (usedPosts.has(id) && usedPosts.size < SEEDED_POSTS.max - SEEDED_POSTS.min + 1);
      usedPosts.add(id);
      return id;
    },
    call: call(false),
    callAllowingError: call(true),
    kv: (bridgeOptions) => new KvBridge(directKv, trace, run, bridgeOptions),
    directKv,
    origin: (label, load) => originReader(trace, run, label, load),
    expiresIn: options.listExpirations,
    db: options.db,
    learner: options.learner,
  };
}

/** An argument as the trace shows it: data as JSON, the bridge and readers by role. */
function describeArg(arg: unknown): string {
  if (arg instanceof KvBridge) return 'kv';
  if (typeof arg === 'function') return 'load';
  if (arg instanceof Date) return `new Date('${arg.toISOString()}')`;
  if (arg && typeof arg === 'object') {
    const fields = Object.entries(arg).map(([k, v]) => `${k}: ${typeof v === 'object' && v !== null && !Array.isArray(v) ? 'waitUntil' : show(v)}`);
    return `{ ${fields.join(', ')} }`;
  }
  return show(arg);
}

/** The learner's code threw during a check: the check fails, with the error's position. */
export class LearnerCodeError extends CheckFailed {
  constructor(
    message: string,
    readonly error: NonNullable<CallOutcome['error']>,
  ) {
    super(message);
  }
}
