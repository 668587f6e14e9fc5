// The sandbox's entry point. The app calls `call()` over RPC once per step of a check;
// the learner's module is imported lazily so that an error at its top level is reported
// like any other error, with its position, instead of failing the whole sandbox.
import { RpcStub, WorkerEntrypoint } from 'cloudflare:workers';
import { closeRun, consoleLines, harnessProxy, ioSettled, resultJson, rpcOnly, startRun, stopReason, unitsUsed } from './guard.js';

/** Arguments the app cannot send over RPC and asks the harness to make here. */
const PLACEHOLDER = '__kvlabPlaceholder';
const MAX_RESULT_CHARS = 64 * 1024;

let learnerModule = null;
startRun();

/** Waiting on the app (a KV call, an origin read) is not computing: restart the clock after. */
function waited(promise) {
  const settled = () => ioSettled();
  Promise.resolve(promise).then(settled, settled);
  return promise;
}

/**
 * An RPC stub from the app — the KV bridge, or an origin reader — used as the learner
 * expects: `kv.get(…)` or `load()`. Stubs are callable and have methods, so both are wrapped.
 */
function throughStub(stub) {
  return harnessProxy(stub, {
    apply: (target, _self, args) => waited(target(...args)),
    get: (target, key) => {
      if (typeof key !== 'string' || key === 'then') return undefined;
      const method = target[key];
      return (...args) => waited(method(...args));
    },
  });
}

function describeError(error) {
  try {
    if (error instanceof Error) {
      return {
        name: String(error.name).slice(0, 100),
        message: String(error.message).slice(0, 500),
        stack: String(error.stack ?? '').slice(0, 2000),
      };
    }
    return { name: 'Thrown value', message: `Your code threw ${String(error).slice(0, 200)}, not an Error.`, stack: '' };
  } catch {
    return { name: 'Error', message: 'Your code threw something that could not be described.', stack: '' };
  }
}

export class Sandbox extends WorkerEntrypoint {
  async call(exportName, args) {
    const pending = [];
    let waitUntilCalls = 0;
    const waitUntil = (promise) => {
      waitUntilCalls += 1;
      pending.push(Promise.resolve(promise));
    };
    const materialise = (value) => {
      if (value instanceof RpcStub) return throughStub(value);
      if (value && typeof value === 'object' && value[PLACEHOLDER] === 'waitUntil') return waitUntil;
      if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
        const out = {};
        for (const [k, v] of Object.entries(value)) out[k] = materialise(v);
        return out;
      }
      return value;
    };
    ioSettled();

    const outcome = { waitUntilCalls: 0, waitUntilErrors: [] };
    try {
      await this.#run(exportName, args, materialise, outcome, pending);
    } catch {
      // Once the guard has stopped the run even the harness's own use of built-ins throws;
      // answer with what is known, built without calling any of them.
      outcome.error ??= { name: 'Error', message: 'The run was stopped.', stack: '' };
    }
    outcome.waitUntilCalls = waitUntilCalls;
    outcome.limit = stopReason();
    outcome.units = unitsUsed();
    outcome.logs = consoleLines();
    return outcome;
  }

  async #run(exportName, args, materialise, outcome, pending) {
    try {
      learnerModule ??= await import('./learner.js');
      const fn = learnerModule[exportName];
      if (typeof fn !== 'function') {
        outcome.error = { name: 'Missing export', message: `Your code does not export a function named ${exportName}.`, stack: '' };
      } else {
        const value = await fn(...args.map(materialise));
        // Serialised with the guard's own code (taken before learner code ran): what the
        // function returned, as data — no getters, no toJSON, nothing learner code replaced.
        let json;
        try {
          json = value === undefined ? undefined : resultJson(value, MAX_RESULT_CHARS);
        } catch (error) {
          if (stopReason()) throw error;
          outcome.error = {
            name: 'Result too large',
            message: error instanceof RangeError && String(error.message).startsWith('Result too large')
              ? `The function returned over ${MAX_RESULT_CHARS} characters of JSON; checks read at most ${MAX_RESULT_CHARS}.`
              : `The function's result cannot be sent as JSON: ${String(error.message).slice(0, 200)}`,
            stack: '',
          };
        }
        if (!outcome.error) outcome.json = json;
      }
    } catch (error) {
      outcome.error = describeError(error);
    }
    // Work handed to waitUntil finishes before the check looks at KV, as it would in a
    // Worker after the response. Work not handed to it is not waited for.
    for (let i = 0; i < 3 && pending.length; i++) {
      const batch = pending.splice(0);
      for (const result of await Promise.allSettled(batch)) {
        if (result.status === 'rejected') outcome.waitUntilErrors.push(describeError(result.reason).message);
      }
    }
  }

  /** The run is over: stop anything the learner's code left running. */
  close() {
    closeRun();
  }
}

export default {
  fetch() {
    return rpcOnly();
  },
};
