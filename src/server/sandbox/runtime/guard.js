// The guard, evaluated inside the sandbox isolate before the learner's module.
//
// compile.ts puts a tick() at every loop iteration, function entry, catch and finally, and
// size checks on spreads, string `+` and template literals. Here those count against one
// budget of "work units", and the built-ins whose cost grows with their input (array and
// string methods, constructors, JSON, Object.keys…) are wrapped to count that cost and to
// refuse outsized allocations before they happen. Local workerd enforces no CPU or memory
// limit on a dynamic worker, so this budget is what keeps a runaway run from stalling or
// crashing the server. Once the budget is spent every tick throws, including the one at
// the top of a catch block, so learner code cannot swallow the error and carry on.

const BUDGET_UNITS = 2_000_000;
/** Wall-clock cap, checked where the clock moves during execution (local workerd). */
const WALL_MS = 1_000;
const MAX_STRING = 1_000_000;
const MAX_ELEMENTS = 1_000_000;

const apply = Reflect.apply;
const construct = Reflect.construct;
const now = Date.now;
const isArray = Array.isArray;
const OriginalArray = Array;
const getPrototypeOf = Object.getPrototypeOf;
const defineProperty = Object.defineProperty;
const getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
const ownKeys = Reflect.ownKeys;
const ErrorCtor = RangeError;

let used = 0;
let nextClockCheck = 4096;
/** When the code last waited on I/O: the wall-clock cap is on computing since then. */
let computingSince = now();
/** Why the run was stopped: { kind: 'budget' | 'time' | 'memory' | 'regex', message }. */
let stopped = null;

function stop(kind, message) {
  if (!stopped) stopped = { kind, message };
  throw new ErrorCtor(stopped.message);
}

// Written to make no call before `stopped` is set: at the edge of the stack (a recursion
// bomb that catches its own stack overflow) any call can overflow, and a guard that needed
// one could never stop the run.
export function tick(units = 1) {
  if (stopped) throw new ErrorCtor(stopped.message);
  used += units;
  if (used > BUDGET_UNITS) {
    stopped = { kind: 'budget', message: 'Your code ran too long: it used its whole budget of work (an endless loop or recursion?).' };
    throw new ErrorCtor(stopped.message);
  }
  if (used >= nextClockCheck) {
    const elapsed = now() - computingSince;
    nextClockCheck = used + 4096;
    if (elapsed > WALL_MS) {
      stopped = { kind: 'time', message: `Your code ran too long: over ${WALL_MS / 1000} s of computing without a pause.` };
      throw new ErrorCtor(stopped.message);
    }
  }
}

const tooMuchMemory = (what) => stop('memory', `Your code used too much memory: ${what}.`);

function sizeOf(value) {
  if (typeof value === 'string' || isArray(value)) return value.length;
  if (value !== null && typeof value === 'object') {
    if (ArrayBuffer.isView(value)) return value.length ?? value.byteLength;
    if (value instanceof Map || value instanceof Set) return value.size;
    if (typeof value.length === 'number') return value.length;
  }
  return 0;
}

function checkString(s) {
  if (typeof s === 'string') {
    if (s.length > MAX_STRING) tooMuchMemory(`a string of ${s.length} characters (the limit is ${MAX_STRING})`);
    tick(1 + (s.length >> 3));
  }
  return s;
}

function checkElements(n, what = 'an array') {
  if (!(n <= MAX_ELEMENTS)) tooMuchMemory(`${what} of ${n} elements (the limit is ${MAX_ELEMENTS})`);
  tick(1 + n);
}

/** `...value`: its elements are copied, so they count. */
export function spread(value) {
  const n = sizeOf(value);
  if (n) checkElements(n, 'a spread');
  else tick();
  return value;
}

/** `a + b`, with the resulting string's size checked. */
export function add(a, b) {
  return checkString(a + b);
}

/** A template literal's result. */
export function str(s) {
  return checkString(s);
}

// --- Built-ins ------------------------------------------------------------------------

function wrapMethods(target, exempt, before, after) {
  for (const key of ownKeys(target)) {
    const descriptor = getOwnPropertyDescriptor(target, key);
    if (!descriptor || typeof descriptor.value !== 'function' || key === 'constructor' || exempt.has(key)) continue;
    const original = descriptor.value;
    const name = typeof key === 'symbol' ? key.description : key;
    const wrapped = {
      [name](...args) {
        before(this, args, key);
        const result = apply(original, this, args);
        after(result, key);
        return result;
      },
    }[name];
    defineProperty(target, key, { ...descriptor, value: wrapped });
  }
}

const afterResult = (result) => {
  if (typeof result === 'string') checkString(result);
  else if (isArray(result)) checkElements(result.length);
};

// Arrays: work grows with the array; length-independent methods stay unwrapped.
wrapMethods(
  Array.prototype,
  new Set(['push', 'pop', 'at', 'keys', 'values', 'entries', Symbol.iterator, Symbol.unscopables]),
  (self, args, key) => {
    const n = sizeOf(self);
    if (n > MAX_ELEMENTS) tooMuchMemory(`an array of ${n} elements (the limit is ${MAX_ELEMENTS})`);
    let extra = 0;
    if (key === 'concat') for (const a of args) extra += sizeOf(a);
    if (key === 'fill' || key === 'concat') checkElements(n + extra);
    else tick(1 + (key === 'sort' || key === 'toSorted' ? n * 20 : n));
  },
  afterResult,
);

// Typed arrays share one prototype.
wrapMethods(
  getPrototypeOf(Uint8Array.prototype),
  new Set(['at', 'keys', 'values', 'entries', Symbol.iterator]),
  (self) => tick(1 + sizeOf(self)),
  afterResult,
);

const REGEX_METHODS = new Set(['match', 'matchAll', 'search']);
wrapMethods(
  String.prototype,
  new Set(['at', 'charAt', 'charCodeAt', 'codePointAt', 'toString', 'valueOf', Symbol.iterator]),
  (self, args, key) => {
    if (REGEX_METHODS.has(key)) stop('regex', 'Regular expressions are not available in exercises.');
    const n = typeof self === 'string' ? self.length : 0;
    if (key === 'repeat' && !(n * Number(args[0]) <= MAX_STRING)) {
      tooMuchMemory(`a string of ${n * Number(args[0])} characters (the limit is ${MAX_STRING})`);
    }
    if ((key === 'padStart' || key === 'padEnd') && Number(args[0]) > MAX_STRING) {
      tooMuchMemory(`a string of ${args[0]} characters (the limit is ${MAX_STRING})`);
    }
    tick(1 + (n >> 3));
  },
  afterResult,
);

const charge = (value) => tick(1 + sizeOf(value));
for (const [target, keys] of [
  [Array, ['from', 'of']],
  [Object, ['keys', 'values', 'entries', 'fromEntries', 'assign', 'getOwnPropertyNames', 'getOwnPropertyDescriptors', 'groupBy']],
  [JSON, ['stringify', 'parse']],
  [Promise, ['all', 'allSettled', 'any', 'race']],
  [Reflect, ['apply', 'construct', 'ownKeys']],
  [String, ['fromCharCode', 'fromCodePoint', 'raw']],
  [Map, ['groupBy']],
]) {
  const only = new Set(keys);
  wrapMethods(
    target,
    new Set(ownKeys(target).filter((k) => !only.has(k))),
    (_self, args) => {
      if (target === OriginalArray && args[0] && typeof args[0].length === 'number') checkElements(args[0].length, 'Array.from');
      for (const a of args) charge(a);
    },
    afterResult,
  );
}
wrapMethods(Function.prototype, new Set(ownKeys(Function.prototype).filter((k) => k !== 'apply')), (_self, args) => charge(args[1]), () => {});

// Constructors whose size argument allocates at once: proxies that check it first. The
// prototypes point back at the proxies, so `[].constructor` is no way around them.
function guardConstructor(name, sizeFromArgs) {
  const original = globalThis[name];
  if (typeof original !== 'function') return;
  const check = (args) => {
    const n = sizeFromArgs(args);
    if (n) checkElements(n, `a new ${name}`);
    else tick();
  };
  const guarded = new Proxy(original, {
    apply(target, self, args) {
      check(args);
      return apply(target, self, args);
    },
    construct(target, args, newTarget) {
      check(args);
      return construct(target, args, newTarget === guarded ? target : newTarget);
    },
  });
  defineProperty(original.prototype, 'constructor', { value: guarded, writable: true, configurable: true });
  defineProperty(globalThis, name, { value: guarded, writable: true, configurable: true });
}
const lengthArg = (args) => (typeof args[0] === 'number' ? args[0] : sizeOf(args[0]));
guardConstructor('Array', (args) => (args.length === 1 && typeof args[0] === 'number' ? args[0] : args.length));
guardConstructor('ArrayBuffer', (args) => Math.ceil(Number(args[0]) / 8) || 0);
for (const name of ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'Float16Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array']) {
  guardConstructor(name, lengthArg);
}
for (const name of ['Map', 'Set', 'WeakMap', 'WeakSet']) guardConstructor(name, (args) => sizeOf(args[0]));

// Timers: each callback is learner code (it ticks). Once the run is stopped or over, a
// timer that fires cancels itself instead, so an interval cannot keep the isolate busy.
const clearTimer = clearInterval;
for (const name of ['setTimeout', 'setInterval', 'queueMicrotask']) {
  const original = globalThis[name];
  if (typeof original !== 'function') continue;
  globalThis[name] = function (callback, ...rest) {
    tick();
    let handle;
    const wrapped =
      typeof callback === 'function'
        ? (...args) => {
            if (stopped) {
              if (handle !== undefined) clearTimer(handle);
              return undefined;
            }
            if (name !== 'queueMicrotask') ioSettled();
            return apply(callback, globalThis, args);
          }
        : callback;
    handle = apply(original, globalThis, [wrapped, ...rest]);
    return handle;
  };
}

if (typeof structuredClone === 'function') {
  const original = structuredClone;
  globalThis.structuredClone = (value, options) => {
    charge(value);
    const result = original(value, options);
    afterResult(result);
    return result;
  };
}

// --- For the harness ------------------------------------------------------------------

/** Start counting afresh (the module is evaluated once per sandbox, but to be explicit). */
export function startRun() {
  used = 0;
  nextClockCheck = 4096;
  computingSince = now();
}

/** An I/O wait just ended (a KV or origin call came back, a timer fired). */
export function ioSettled() {
  computingSince = now();
}

/** The reason the guard stopped the run, if it did. */
export function stopReason() {
  return stopped;
}

/** After the run: nothing the learner left behind (timers, pending promises) may run on. */
export function closeRun() {
  if (!stopped) stopped = { kind: 'closed', message: 'The check run is over.' };
}

export function unitsUsed() {
  return used;
}
