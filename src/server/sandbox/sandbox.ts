import guardSource from './runtime/guard.js?raw';
import harnessSource from './runtime/harness.js?raw';
import type { CompileResult, SourcePosition } from './compile';

/**
 * One run of learner code in an isolate of its own, made by the Dynamic Worker Loader.
 *
 * The isolate gets no bindings and no network (`globalOutbound: null`): the only things it
 * can reach are the arguments a check passes to it — a KV bridge scoped to the learner and
 * functions that read the origin — and those live here, in the app, where they are counted.
 * Every call races a wall-clock deadline, so a promise that never settles costs the learner
 * a clear error and nobody else anything.
 */

/** How long one whole check run may take, wall clock. */
export const RUN_DEADLINE_MS = 5_000;
/** Asked of production's runtime, which enforces it; local workerd relies on the guard. */
const CPU_LIMIT_MS = 1_000;
const COMPATIBILITY_DATE = '2026-10-01';

/** Marks an argument the sandbox makes for itself (functions taking a Promise cannot cross RPC). */
export const WAIT_UNTIL = { __kvlabPlaceholder: 'waitUntil' } as const;

export type StopKind = 'budget' | 'time' | 'memory' | 'regex' | 'forbidden' | 'timeout' | 'crashed';

/** The run cannot go on: the learner's code hit a limit, or the sandbox failed. */
export class SandboxStopped extends Error {
  constructor(
    readonly kind: StopKind,
    message: string,
  ) {
    super(message);
  }
}

/** An error thrown by the learner's code, placed in the learner's source. */
export interface LearnerError extends Partial<SourcePosition> {
  name: string;
  message: string;
}

export interface CallOutcome {
  /** The function's result, as JSON would carry it; `undefined` if it returned nothing. */
  value?: unknown;
  error?: LearnerError;
  /** How many times the function handed work to `waitUntil`. */
  waitUntilCalls: number;
  waitUntilErrors: string[];
}

interface HarnessOutcome {
  json?: string;
  error?: { name: string; message: string; stack: string };
  waitUntilCalls: number;
  waitUntilErrors: string[];
  limit: { kind: string; message: string } | null;
}

interface HarnessEntrypoint {
  call(exportName: string, args: unknown[]): Promise<HarnessOutcome>;
  close(): Promise<void>;
}

export class SandboxSession {
  readonly #entry: HarnessEntrypoint;
  readonly #toSource: (line: number, column: number) => SourcePosition;
  readonly #deadline: number;
  #closed = false;

  constructor(loader: WorkerLoader, compiled: Extract<CompileResult, { ok: true }>, deadlineMs = RUN_DEADLINE_MS) {
    const worker = loader.load({
      compatibilityDate: COMPATIBILITY_DATE,
      // nodejs_compat is on by default from 2026-08-04: learner code gets no Node built-ins.
      compatibilityFlags: ['no_nodejs_compat', 'no_nodejs_compat_v2'],
      mainModule: 'harness.js',
      modules: { 'harness.js': harnessSource, 'guard.js': guardSource, 'learner.js': compiled.code },
      env: {},
      globalOutbound: null,
      limits: { cpuMs: CPU_LIMIT_MS },
    });
    this.#entry = worker.getEntrypoint('Sandbox') as unknown as HarnessEntrypoint;
    this.#toSource = compiled.toSource;
    this.#deadline = Date.now() + deadlineMs;
  }

  /** Call the learner's exported function with `args` (RPC stubs, data, or WAIT_UNTIL). */
  async call(exportName: string, args: unknown[]): Promise<CallOutcome> {
    if (this.#closed) throw new SandboxStopped('timeout', 'The check run is over.');
    const left = this.#deadline - Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new SandboxStopped(
              'timeout',
              `Your code did not finish within ${RUN_DEADLINE_MS / 1000} s. Is it waiting on a promise that never settles?`,
            ),
          ),
        Math.max(0, left),
      );
    });
    let outcome: HarnessOutcome;
    try {
      outcome = await Promise.race([this.#entry.call(exportName, args), timeout]);
    } catch (error) {
      if (error instanceof SandboxStopped) throw error;
      // workerd cancels a call that waits on nothing that could ever finish it.
      if (String(error).includes('would never generate a response')) {
        throw new SandboxStopped('timeout', 'Your code waits on a promise that never settles, so it can never finish.');
      }
      console.error('exercise sandbox failed:', error);
      throw new SandboxStopped('crashed', 'The sandbox stopped unexpectedly while running your code (too much memory?).');
    } finally {
      clearTimeout(timer);
    }
    if (outcome.limit && outcome.limit.kind !== 'closed') {
      throw new SandboxStopped(outcome.limit.kind as StopKind, outcome.limit.message);
    }
    const result: CallOutcome = { waitUntilCalls: outcome.waitUntilCalls, waitUntilErrors: outcome.waitUntilErrors };
    if (outcome.error) result.error = this.#place(outcome.error);
    else if (outcome.json !== undefined) result.value = JSON.parse(outcome.json);
    return result;
  }

  /** Stop whatever the learner's code left running (timers, pending promises). */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    // The isolate may be stuck; closing is best effort and must not hold the response.
    await Promise.race([this.#entry.close().catch(() => {}), new Promise((r) => setTimeout(r, 100))]);
  }

  #place(error: { name: string; message: string; stack: string }): LearnerError {
    const frame = /learner\.js:(\d+):(\d+)/.exec(error.stack);
    if (!frame) return { name: error.name, message: error.message };
    return { name: error.name, message: error.message, ...this.#toSource(Number(frame[1]), Number(frame[2])) };
  }
}
