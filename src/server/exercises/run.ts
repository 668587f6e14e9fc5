import { scopeKv, type KvApi } from '~/lib/kv/scoped-kv';
import type { LearnerScope } from '~/lib/learner-scope';
import { listAllKeys } from '~/lib/patterns/list-all-keys';
import { RunState, Trace, type TraceEntry } from '../sandbox/bridge';
import { compileLearnerModule, type CompileError } from '../sandbox/compile';
import { SandboxSession, SandboxStopped, type StopKind } from '../sandbox/sandbox';
import { HttpError } from '../endpoint';
import { BUDGETS, spendAllOrThrow } from '../limits';
import { EXERCISES, type ExerciseSlug } from './registry';
import { CheckFailed, LearnerCodeError, makeContext } from './check';

export interface ExerciseBindings {
  KV: KVNamespace;
  DB: D1Database;
  /** Absent in a deployment without the Worker Loader: exercises then say so. */
  LOADER?: WorkerLoader;
}

export interface CheckReport {
  name: string;
  passed: boolean;
  message: string;
}

export interface RunReport {
  passed: boolean;
  checks: CheckReport[];
  trace: TraceEntry[];
  /** Why the code could not run to the end: where it failed to compile, threw, or hit a limit. */
  error?: { kind: 'syntax' | 'runtime' | StopKind; message: string; line?: number; column?: number };
  durationMs: number;
}

/** The learner's exercise keys: their own prefix plus `exercise:`, wiped before each run. */
export const exercisePrefix = (learner: LearnerScope) => `${learner.kvPrefix}exercise:`;

/**
 * Run every check of `slug` against `code` in a fresh sandbox.
 *
 * Checks run one after another on one isolate; each check sets up its own keys, so one
 * failing check does not drag the others down. A limit (time, memory, budget) stops the run:
 * the checks left are reported as not run.
 */
export async function runExercise(env: ExerciseBindings & { LOADER: WorkerLoader }, learner: LearnerScope, slug: ExerciseSlug, code: string): Promise<RunReport> {
  const started = Date.now();
  const checks = EXERCISES[slug].checks;
  const finish = (partial: Omit<RunReport, 'durationMs' | 'passed'>): RunReport => ({
    passed: partial.checks.length > 0 && partial.checks.every((c) => c.passed),
    ...partial,
    durationMs: Date.now() - started,
  });

  const compiled = compileLearnerModule(code);
  if (!compiled.ok) {
    return finish({ checks: notRun(checks, 'Not run: the code does not compile.'), trace: [], error: { kind: 'syntax', ...compiled.error } });
  }

  const prefix = exercisePrefix(learner);
  const directKv = scopeKv(env.KV, prefix);
  await clear(directKv);

  const trace = new Trace();
  const runState = new RunState(new TextEncoder().encode(prefix).length);
  const session = new SandboxSession(env.LOADER, compiled);
  const ctx = makeContext({
    session,
    directKv,
    trace,
    run: runState,
    db: env.DB,
    learner,
    listExpirations: (key) => expiresIn(env.KV, prefix + key),
  });

  const reports: CheckReport[] = [];
  let error: RunReport['error'];
  try {
    for (const [index, check] of checks.entries()) {
      trace.check = check.name;
      try {
        const message = await check.run(ctx);
        reports.push({ name: check.name, passed: true, message });
      } catch (failure) {
        if (failure instanceof SandboxStopped) {
          reports.push({ name: check.name, passed: false, message: failure.message });
          reports.push(...notRun(checks.slice(index + 1), 'Not run: the sandbox stopped your code.'));
          error = { kind: failure.kind, message: failure.message };
          break;
        }
        if (!(failure instanceof CheckFailed)) throw failure;
        reports.push({ name: check.name, passed: false, message: failure.message });
        if (failure instanceof LearnerCodeError && !error) {
          const { name, message, line, column } = failure.error;
          error = { kind: 'runtime', message: `${name}: ${message}`, line, column };
        }
      }
    }
  } finally {
    runState.closed = true;
    await session.close();
  }
  return finish({ checks: reports, trace: trace.entries, error });
}

export function notRun(checks: { name: string }[], message: string): CheckReport[] {
  return checks.map((c) => ({ name: c.name, passed: false, message }));
}

async function clear(kv: KvApi) {
  const keys = await listAllKeys(kv, '');
  await Promise.all(keys.map((key) => kv.delete(key)));
}

/** KV reports expiration as absolute seconds in list(); turn it into seconds from now. */
async function expiresIn(kv: KVNamespace, fullKey: string): Promise<number | null> {
  const { keys } = await kv.list({ prefix: fullKey, limit: 10 });
  const entry = keys.find((k) => k.name === fullKey);
  if (!entry?.expiration) return null;
  return Math.round(entry.expiration - Date.now() / 1000);
}

const RECORD_RESULT = 'INSERT INTO exercise_results (learner_id, slug, passed, checked_at) VALUES (?1, ?2, ?3, ?4)';
const RECORD_PASSING_CODE = `
  INSERT INTO passing_code (learner_id, slug, code, passed_at) VALUES (?1, ?2, ?3, ?4)
  ON CONFLICT (learner_id, slug) DO UPDATE SET code = excluded.code, passed_at = excluded.passed_at`;

/**
 * Every check run is kept: the workshop counts the exercises each participant passed. A pass
 * also keeps its code (within MAX_SOURCE_BYTES, as the sandbox only ran such code): the
 * capstone's project download is built from it.
 */
export async function recordResult(db: D1Database, learnerId: string, slug: ExerciseSlug, passed: boolean, code?: string) {
  const now = Date.now();
  try {
    const result = db.prepare(RECORD_RESULT).bind(learnerId, slug, passed ? 1 : 0, now);
    if (passed && code !== undefined) await db.batch([result, db.prepare(RECORD_PASSING_CODE).bind(learnerId, slug, code, now)]);
    else await result.run();
  } catch (error) {
    console.error('recording an exercise result failed:', error);
  }
}

// --- Admission ----------------------------------------------------------------------------
// Each run holds an isolate for up to a few seconds, and locally every isolate shares one
// thread. One run per learner at a time, and two at once overall, so that a burst of runs cannot crowd out everybody else's requests.
// One client address never holds every slot: learner ids are cheap to come by (one per
// cookie-less request, within the address's budget), so "one run per learner" alone would let
// a few loops from one place take both slots and turn every other learner away.

export const MAX_CONCURRENT_RUNS = 2;
export const MAX_RUNS_PER_ADDRESS = MAX_CONCURRENT_RUNS - 1;
/** Learner id → the client address the run came from. */
const running = new Map<string, string>();

export type Admission = { ok: true; release: () => void } | { ok: false; reason: 'learner_busy' | 'address_busy' | 'server_busy' };

export function admitRun(learnerId: string, address: string): Admission {
  if (running.has(learnerId)) return { ok: false, reason: 'learner_busy' };
  let fromAddress = 0;
  for (const a of running.values()) if (a === address) fromAddress++;
  if (fromAddress >= MAX_RUNS_PER_ADDRESS) return { ok: false, reason: 'address_busy' };
  if (running.size >= MAX_CONCURRENT_RUNS) return { ok: false, reason: 'server_busy' };
  running.set(learnerId, address);
  return { ok: true, release: () => running.delete(learnerId) };
}

export type { CompileError };

const BUSY: Record<Exclude<Admission, { ok: true }>['reason'], [number, string]> = {
  learner_busy: [429, 'Your previous check run is still going. Wait for it to finish, then try again.'],
  address_busy: [429, 'Another check run from your network address is still going, and one address runs one at a time. Try again in 2 seconds.'],
  server_busy: [503, 'The sandbox is busy with other learners’ runs. Try again in 2 seconds.'],
};

/**
 * POST /api/exercises/:slug/check: a learner's code through the budgets and the admission
 * above, then every check; the result is recorded before it is answered, because a pass
 * unlocks the solution, which the page asks for next.
 */
export async function checkSubmission(env: ExerciseBindings, learner: LearnerScope, address: string, slug: ExerciseSlug, code: string): Promise<RunReport> {
  // A deployment without the Worker Loader: say so, and leave the rest of the app alone.
  const loader = env.LOADER;
  if (!loader) {
    throw new HttpError(503, 'sandbox_unavailable', 'Exercises need the Dynamic Worker Loader, which this deployment does not have. Everything else works.');
  }
  await spendAllOrThrow([
    [BUDGETS.run, `run:${learner.id}`],
    [BUDGETS.runAddress, `run:${address}`],
  ]);
  const admission = admitRun(learner.id, address);
  if (!admission.ok) {
    const [status, message] = BUSY[admission.reason];
    throw new HttpError(status, 'rate_limited', message, { 'retry-after': '2' });
  }
  try {
    const report = await runExercise({ ...env, LOADER: loader }, learner, slug, code);
    await recordResult(env.DB, learner.id, slug, report.passed, code);
    return report;
  } finally {
    admission.release();
  }
}
