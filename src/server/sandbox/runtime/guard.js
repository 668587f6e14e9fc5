// The guard, evaluated inside the sandbox isolate before the learner's module.
//
// Local workerd enforces no CPU or memory limit on a dynamic worker and runs every isolate
// on one thread: a native call that never returns stalls the whole server, and an
// allocation V8 cannot satisfy aborts it. So the sandbox is made safe from the inside,
// in four layers, before any learner code runs:
//
// 1. Work is counted. compile.ts puts a tick() at every loop iteration, function entry,
//    catch, finally, class field and large literal, and size checks on spreads, string `+`,
//    `+=` and template literals. Ticks count against one budget, and the wall clock is
//    read every few hundred of them.
// 2. No native call is unbounded. Every built-in whose time or output grows with its input
//    is wrapped to check that input first — lengths are read once and the native call gets
//    a snapshot, so a lying `length` getter cannot change its answer — or is replaced by a
//    small JavaScript version that checks as it goes (join, flat, replace, JSON.stringify).
// 3. Only a small, known set of globals exists. Everything else the runtime offers
//    (RegExp, BigInt, Proxy, Intl, crypto.subtle, streams, WebAssembly…) is removed, and
//    `RegExp`, `eval` and the Function constructors are replaced by stubs that stop the run.
// 4. The built-ins are frozen, so learner code cannot change what the harness relies on
//    (JSON, Promise, Object…); the harness also keeps its own references, taken here first.
//
// Once stopped, every tick throws — including the one at the top of a catch block — so
// learner code cannot swallow the error and carry on.

const BUDGET_UNITS = 2_000_000;
/** Wall-clock cap, checked where the clock moves during execution (local workerd). */
const WALL_MS = 1_000;
/** How many units may pass between two readings of the clock. */
const CLOCK_EVERY = 256;
const MAX_STRING = 1_000_000;
const MAX_ELEMENTS = 1_000_000;
const MAX_BUFFER_BYTES = 8 * MAX_ELEMENTS;

// --- The originals, taken before anything is wrapped ----------------------------------

const apply = Reflect.apply;
const construct = Reflect.construct;
const ownKeys = Reflect.ownKeys;
const deleteProperty = Reflect.deleteProperty;
const now = Date.now;
const isArray = Array.isArray;
const OriginalArray = Array;
const ObjectCtor = Object;
const StringCtor = String;
const getPrototypeOf = Object.getPrototypeOf;
const defineProperty = Object.defineProperty;
const getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
const freeze = Object.freeze;
const isFrozen = Object.isFrozen;
const hasOwn = Object.hasOwn;
const isView = ArrayBuffer.isView;
const MapProto = Map.prototype;
const SetProto = Set.prototype;
const mapSize = getOwnPropertyDescriptor(MapProto, 'size').get;
const setSize = getOwnPropertyDescriptor(SetProto, 'size').get;
const typedLength = getOwnPropertyDescriptor(getPrototypeOf(Uint8Array.prototype), 'length').get;
const nativeIndexOf = String.prototype.indexOf;
const nativeSlice = String.prototype.slice;
const nativeJsonParse = JSON.parse;
const dateToISOString = Date.prototype.toISOString;
const ErrorCtor = RangeError;
const ResponseCtor = Response;

let used = 0;
let nextClockCheck = CLOCK_EVERY;
/** When the code last waited on I/O: the wall-clock cap is on computing since then. */
let computingSince = now();
/** Why the run was stopped: { kind: 'budget' | 'time' | 'memory' | 'regex' | 'forbidden', message }. */
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
    nextClockCheck = used + CLOCK_EVERY;
    if (elapsed > WALL_MS) {
      stopped = { kind: 'time', message: `Your code ran too long: over ${WALL_MS / 1000} s of computing without a pause.` };
      throw new ErrorCtor(stopped.message);
    }
  }
}

const tooMuchMemory = (what) => stop('memory', `Your code used too much memory: ${what}.`);
const forbidden = (what) => stop('forbidden', `${what} is not available in exercises.`);

/** How many elements an array-like claims, read once; a getter is learner code and ticks. */
function claimedLength(value) {
  const raw = value.length;
  const n = typeof raw === 'number' ? raw : Number(raw);
  return n > 0 ? Math.floor(n) : 0;
}

/** Size of what a built-in will walk or copy, without trusting anything learner code controls. */
function sizeOf(value) {
  if (typeof value === 'string') return value.length;
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return 0;
  if (isArray(value)) return value.length;
  if (isView(value)) {
    try {
      return apply(typedLength, value, []);
    } catch {
      return value.byteLength; // a DataView
    }
  }
  try {
    return apply(mapSize, value, []);
  } catch {}
  try {
    return apply(setSize, value, []);
  } catch {}
  // A plain object: its own keys are what Object.assign, spread and JSON walk.
  return ownKeys(value).length;
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

/** A string that will be built from pieces: refuse it before it exists. */
function checkFutureString(length) {
  if (!(length <= MAX_STRING)) tooMuchMemory(`a string of ${length} characters (the limit is ${MAX_STRING})`);
}

/**
 * A real array holding what an array-like claims, its length read once and bounded.
 * Natives get this copy, so a `length` getter that lies on the second read changes nothing.
 */
function snapshot(arrayLike, what) {
  if (isArray(arrayLike)) return arrayLike;
  if (typeof arrayLike === 'string' || isView(arrayLike)) return arrayLike;
  const n = claimedLength(arrayLike);
  checkElements(n, what);
  const copy = new OriginalArray(n);
  for (let i = 0; i < n; i++) copy[i] = arrayLike[i];
  return copy;
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

/** `target[key] += value` for any target: read once, add with the check, write back. */
export function addTo(target, key, value) {
  return (target[key] = checkString(target[key] + value));
}

/** A template literal's result. */
export function str(s) {
  return checkString(s);
}

// --- 2. Built-ins that could run without end or allocate without bound ----------------

function replaceMethod(target, key, make) {
  const descriptor = getOwnPropertyDescriptor(target, key);
  if (!descriptor || typeof descriptor.value !== 'function') return;
  const name = typeof key === 'symbol' ? `[${key.description}]` : key;
  const original = descriptor.value;
  const replacement = make(original);
  // Keep the built-in's name and arity: learner code may print or compare them.
  defineProperty(replacement, 'name', { value: name });
  defineProperty(replacement, 'length', { value: original.length });
  defineProperty(target, key, { ...descriptor, value: replacement });
}

/** Wrap every method of `target` (but `exempt`) with a check before and after. */
function wrapMethods(target, exempt, before, after) {
  for (const key of ownKeys(target)) {
    const descriptor = getOwnPropertyDescriptor(target, key);
    if (!descriptor || typeof descriptor.value !== 'function' || key === 'constructor' || exempt.has(key)) continue;
    replaceMethod(target, key, (original) =>
      function (...args) {
        const self = before(this, args, key);
        const result = apply(original, self === undefined ? this : self, args);
        after(result, key);
        return result;
      },
    );
  }
}

const afterResult = (result) => {
  if (typeof result === 'string') checkString(result);
  else if (isArray(result)) checkElements(result.length);
};

/** ToString as the language does it (learner toString methods tick), then checked. */
const toStr = (value) => checkString(typeof value === 'string' ? value : StringCtor(value));

// Arrays. Array methods accept any array-like as `this`; here a non-array is copied first
// (its length read once), and the methods that write to `this` accept only real arrays.
const MUTATING = new Set(['copyWithin', 'fill', 'pop', 'push', 'reverse', 'shift', 'sort', 'splice', 'unshift']);
const ArrayProto = OriginalArray.prototype;

/** Arrays being joined right now: a cycle joins as '' (as the built-in does). */
const joining = new Set();

/** Array.prototype.join with the output's size checked as it grows. */
function boundedJoin(list, separator) {
  if (joining.has(list)) return '';
  const sep = separator === undefined ? ',' : toStr(separator);
  const n = list.length;
  if (n > MAX_ELEMENTS) tooMuchMemory(`an array of ${n} elements (the limit is ${MAX_ELEMENTS})`);
  joining.add(list);
  try {
    let out = '';
    for (let i = 0; i < n; i++) {
      tick();
      const item = list[i];
      const piece = item === undefined || item === null ? '' : toStr(item);
      checkFutureString(out.length + piece.length + (i ? sep.length : 0));
      out = i ? out + sep + piece : piece;
    }
    return out;
  } finally {
    joining.delete(list);
  }
}

/** Array.prototype.flat, counting every element it produces (shared sub-arrays included). */
function boundedFlat(list, depth, out) {
  for (let i = 0; i < list.length; i++) {
    tick();
    if (!(i in list)) continue;
    const item = list[i];
    if (depth > 0 && isArray(item)) boundedFlat(item, depth - 1, out);
    else {
      if (out.length >= MAX_ELEMENTS) tooMuchMemory(`a flattened array of over ${MAX_ELEMENTS} elements`);
      out[out.length] = item;
    }
  }
  return out;
}

for (const key of ownKeys(ArrayProto)) {
  if (key === 'constructor' || key === Symbol.unscopables) continue;
  const descriptor = getOwnPropertyDescriptor(ArrayProto, key);
  if (!descriptor || typeof descriptor.value !== 'function') continue;
  replaceMethod(ArrayProto, key, (original) => {
    if (key === 'join') return function (separator) { return boundedJoin(snapshot(this, 'an array-like'), separator); };
    if (key === 'toString' || key === 'toLocaleString') {
      return function () { return isArray(this) ? boundedJoin(this, ',') : ObjectCtor.prototype.toString.call(this); };
    }
    if (key === 'flat') {
      return function (depth) {
        const d = depth === undefined ? 1 : Number(depth);
        return boundedFlat(snapshot(this, 'an array-like'), d > 0 ? d : 0, []);
      };
    }
    if (key === 'flatMap') {
      return function (fn, thisArg) {
        const mapped = apply(ArrayProto.map, snapshot(this, 'an array-like'), [fn, thisArg]);
        return boundedFlat(mapped, 1, []);
      };
    }
    return function (...args) {
      let self = this;
      if (!isArray(self)) {
        if (MUTATING.has(key)) forbidden(`Array.prototype.${String(key.description ?? key)} on something that is not an array`);
        self = snapshot(self, 'an array-like');
      }
      const n = self.length;
      if (n > MAX_ELEMENTS) tooMuchMemory(`an array of ${n} elements (the limit is ${MAX_ELEMENTS})`);
      if (key === 'concat') {
        let total = n;
        for (let i = 0; i < args.length; i++) {
          const a = args[i];
          if (isArray(a)) total += a.length;
          else if (a !== null && typeof a === 'object' && a[Symbol.isConcatSpreadable]) {
            forbidden('Spreading an array-like with Symbol.isConcatSpreadable');
          } else total += 1;
        }
        checkElements(total, 'concat');
      } else if (key === 'push' || key === 'unshift' || key === 'splice') {
        checkElements(n + args.length, 'an array');
      } else {
        tick(1 + (key === 'sort' || key === 'toSorted' ? n * 20 : n));
      }
      const result = apply(original, self, args);
      afterResult(result);
      return result;
    };
  });
}

// Typed arrays share one prototype; their length is intrinsic and was bounded at creation.
const TypedProto = getPrototypeOf(Uint8Array.prototype);
wrapMethods(
  TypedProto,
  new Set(['at', Symbol.iterator]),
  (self, args, key) => {
    const n = apply(typedLength, self, []);
    if (key === 'join' || key === 'toString' || key === 'toLocaleString') {
      const sep = key === 'join' && args[0] !== undefined ? toStr(args[0]).length : 1;
      checkFutureString(n * (24 + sep));
    }
    if (key === 'set') args[0] = snapshot(args[0], 'an array-like');
    tick(1 + n);
    return undefined;
  },
  afterResult,
);

// Strings. No regular expressions exist here (see the globals below), so every pattern is
// a string or a learner object with its own Symbol.replace/split: both bounded.
const StringProto = StringCtor.prototype;

/** `replace`/`replaceAll` with a string pattern, its output checked before it is built. */
function boundedReplace(subject, pattern, replacement, all) {
  const s = toStr(subject);
  const p = toStr(pattern);
  const byFunction = typeof replacement === 'function';
  const template = byFunction ? '' : toStr(replacement);
  let out = '';
  let from = 0;
  let searchFrom = 0;
  for (;;) {
    const position = apply(nativeIndexOf, s, [p, searchFrom]);
    if (position === -1) break;
    tick();
    const piece = byFunction ? toStr(replacement(p, position, s)) : expandTemplate(template, s, p, position);
    checkFutureString(out.length + (position - from) + piece.length);
    out = out + apply(nativeSlice, s, [from, position]) + piece;
    from = position + p.length;
    if (!all) break;
    // An empty pattern matches at every position, the very end included.
    searchFrom = p.length ? from : position + 1;
    if (searchFrom > s.length) break;
  }
  const rest = apply(nativeSlice, s, [from]);
  checkFutureString(out.length + rest.length);
  return out + rest;
}

/** `$$`, `$&`, `` $` `` and `$'` in a replacement string, as the language defines them. */
function expandTemplate(template, s, match, position) {
  if (apply(nativeIndexOf, template, ['$', 0]) === -1) return template;
  let out = '';
  for (let i = 0; i < template.length; i++) {
    tick();
    const c = template[i];
    const next = template[i + 1];
    let piece = c;
    if (c === '$' && next !== undefined) {
      if (next === '$') piece = '$';
      else if (next === '&') piece = match;
      else if (next === '`') piece = apply(nativeSlice, s, [0, position]);
      else if (next === "'") piece = apply(nativeSlice, s, [position + match.length]);
      if (piece !== c) i++;
    }
    checkFutureString(out.length + piece.length);
    out += piece;
  }
  return out;
}

const regexMethods = new Set(['match', 'matchAll', 'search']);
for (const key of ownKeys(StringProto)) {
  const descriptor = getOwnPropertyDescriptor(StringProto, key);
  if (!descriptor || typeof descriptor.value !== 'function' || key === 'constructor') continue;
  replaceMethod(StringProto, key, (original) => {
    if (regexMethods.has(key)) return () => stop('regex', 'Regular expressions are not available in exercises (a backtracking pattern cannot be interrupted).');
    if (key === 'replace' || key === 'replaceAll') {
      return function (pattern, replacement) {
        if (pattern !== null && typeof pattern === 'object' && pattern[Symbol.replace] !== undefined) {
          return toStr(apply(original, this, [pattern, replacement]));
        }
        return boundedReplace(this, pattern, replacement, key === 'replaceAll');
      };
    }
    return function (...args) {
      const s = typeof this === 'string' ? this : toStr(this);
      const n = s.length;
      if (key === 'repeat') checkFutureString(n * Number(args[0]));
      if (key === 'padStart' || key === 'padEnd') checkFutureString(Number(args[0]));
      if (key === 'concat') {
        let total = n;
        for (let i = 0; i < args.length; i++) total += (args[i] = toStr(args[i])).length;
        checkFutureString(total);
      }
      tick(1 + (n >> 3));
      const result = apply(original, s, args);
      afterResult(result);
      return result;
    };
  });
}
replaceMethod(StringCtor, 'raw', () => function (strings, ...subs) {
  const raw = snapshot(strings.raw, 'String.raw');
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    tick();
    const piece = toStr(raw[i]) + (i + 1 < raw.length && i < subs.length ? toStr(subs[i]) : '');
    checkFutureString(out.length + piece.length);
    out += piece;
  }
  return out;
});
for (const key of ['fromCharCode', 'fromCodePoint']) {
  replaceMethod(StringCtor, key, (original) => (...codes) => {
    checkElements(codes.length, `String.${key}`);
    return apply(original, StringCtor, codes);
  });
}

// JSON.stringify in JavaScript: the output is checked as it grows, so a thousand references
// to one large string cannot become one enormous string. Same output as the built-in for
// what JSON can carry (no indentation beyond a number or string `space`).
const escapeJson = JSON.stringify;
function boundedStringify(value, replacer, space, limit, onlyOwnData) {
  const indentUnit = typeof space === 'number' ? ' '.repeat(Math.min(10, Math.max(0, Math.floor(space)))) : typeof space === 'string' ? apply(nativeSlice, space, [0, 10]) : '';
  const allow = isArray(replacer) ? new Set(replacer.map((k) => StringCtor(k))) : null;
  const fn = typeof replacer === 'function' ? replacer : null;
  const seen = new Set();
  let size = 0;
  const emit = (s) => {
    size += s.length;
    if (size > limit) {
      if (limit === MAX_STRING) tooMuchMemory(`a JSON text of over ${MAX_STRING} characters`);
      throw new ErrorCtor(`Result too large: over ${limit} characters of JSON.`);
    }
    tick(1 + (s.length >> 3));
    return s;
  };
  const read = (holder, key) => {
    if (onlyOwnData) {
      const d = getOwnPropertyDescriptor(holder, key);
      return d && 'value' in d ? d.value : undefined;
    }
    return holder[key];
  };
  const walk = (holder, key, indent) => {
    tick();
    let v = read(holder, key);
    if (v !== null && typeof v === 'object') {
      if (v instanceof Date) v = apply(dateToISOString, v, []);
      else if (!onlyOwnData && typeof v.toJSON === 'function') v = v.toJSON(key);
    }
    if (fn) v = apply(fn, holder, [key, v]);
    if (v === null) return emit('null');
    switch (typeof v) {
      case 'string':
        return emit(escapeJson(checkString(v)));
      case 'number':
        return emit(Number.isFinite(v) ? StringCtor(v) : 'null');
      case 'boolean':
        return emit(v ? 'true' : 'false');
      case 'object':
        break;
      default:
        return undefined;
    }
    if (seen.has(v)) throw new TypeError('Converting circular structure to JSON');
    seen.add(v);
    const inner = indent + indentUnit;
    const open = indentUnit ? `\n${inner}` : '';
    const close = indentUnit ? `\n${indent}` : '';
    const colon = indentUnit ? ': ' : ':';
    let out;
    if (isArray(v)) {
      const parts = [];
      for (let i = 0; i < v.length; i++) {
        const piece = walk(v, StringCtor(i), inner);
        parts[parts.length] = piece === undefined ? emit('null') : piece;
      }
      out = parts.length ? `[${open}${boundedJoin(parts, `,${open}`)}${close}]` : '[]';
    } else {
      const parts = [];
      const keys = ownKeys(v);
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i];
        if (typeof k !== 'string') continue;
        const d = getOwnPropertyDescriptor(v, k);
        if (!d || !d.enumerable || (allow && !allow.has(k))) continue;
        const piece = walk(v, k, inner);
        if (piece !== undefined) parts[parts.length] = emit(escapeJson(k)) + colon + piece;
      }
      out = parts.length ? `{${open}${boundedJoin(parts, `,${open}`)}${close}}` : '{}';
    }
    seen.delete(v);
    return out;
  };
  return walk({ '': value }, '', '');
}
const jsonStringify = (value, replacer, space) => boundedStringify(value, replacer, space, MAX_STRING, false);
const jsonParse = (text, reviver) => {
  const s = toStr(text);
  tick(1 + (s.length >> 2));
  return reviver === undefined ? nativeJsonParse(s) : nativeJsonParse(s, reviver);
};
defineProperty(JSON, 'stringify', { value: jsonStringify, writable: true, configurable: true });
defineProperty(JSON, 'parse', { value: jsonParse, writable: true, configurable: true });

// Static methods that walk their arguments: charged by what they walk, array-likes copied.
const charge = (value) => tick(1 + sizeOf(value));
for (const [target, keys] of [
  [OriginalArray, ['from', 'of']],
  [ObjectCtor, ['keys', 'values', 'entries', 'fromEntries', 'assign', 'getOwnPropertyNames', 'getOwnPropertyDescriptors', 'groupBy']],
  [Promise, ['all', 'allSettled', 'any', 'race']],
  [Map, ['groupBy']],
]) {
  const only = new Set(keys);
  wrapMethods(
    target,
    new Set(ownKeys(target).filter((k) => !only.has(k))),
    (_self, args) => {
      if (target === OriginalArray && args[0] !== null && typeof args[0] === 'object' && args[0][Symbol.iterator] === undefined) {
        args[0] = snapshot(args[0], 'Array.from');
      }
      for (const a of args) charge(a);
      return undefined;
    },
    afterResult,
  );
}

// Argument lists built from array-likes (apply, Reflect.apply/construct): copied first.
replaceMethod(Function.prototype, 'apply', (original) => function (self, list) {
  return apply(original, this, [self, list === undefined || list === null ? list : snapshot(list, 'an argument list')]);
});
replaceMethod(Reflect, 'apply', () => (fn, self, list) => apply(fn, self, snapshot(list, 'an argument list')));
replaceMethod(Reflect, 'construct', () => (fn, list, target) => construct(fn, snapshot(list, 'an argument list'), target ?? fn));
replaceMethod(Reflect, 'ownKeys', (original) => (target) => {
  charge(target);
  return original(target);
});

// Globals that grow their input several times over.
for (const [name, factor] of [['encodeURI', 9], ['encodeURIComponent', 9], ['escape', 6], ['btoa', 2], ['atob', 1], ['decodeURI', 1], ['decodeURIComponent', 1], ['unescape', 1]]) {
  const original = globalThis[name];
  if (typeof original !== 'function') continue;
  globalThis[name] = function (input) {
    const s = toStr(input);
    checkFutureString(s.length * factor);
    tick(1 + (s.length >> 3));
    return checkString(original(s));
  };
}

// Constructors whose size argument allocates at once: proxies that check it first. The
// prototypes point back at the proxies, so `[].constructor` is no way around them.
const ProxyCtor = Proxy;
function guardConstructor(name, prepare) {
  const original = globalThis[name];
  if (typeof original !== 'function') return;
  const guarded = new ProxyCtor(original, {
    apply(target, self, args) {
      return apply(target, self, prepare(args));
    },
    construct(target, args, newTarget) {
      return construct(target, prepare(args), newTarget === guarded ? target : newTarget);
    },
  });
  defineProperty(original.prototype, 'constructor', { value: guarded, writable: true, configurable: true });
  defineProperty(globalThis, name, { value: guarded, writable: true, configurable: true });
}
guardConstructor('Array', (args) => {
  checkElements(args.length === 1 && typeof args[0] === 'number' ? args[0] : args.length, 'a new Array');
  return args;
});
guardConstructor('ArrayBuffer', (args) => {
  const bytes = Number(args[0]) || 0;
  const max = args[1] !== null && typeof args[1] === 'object' ? Number(args[1].maxByteLength) || 0 : 0;
  if (!(bytes <= MAX_BUFFER_BYTES) || !(max <= MAX_BUFFER_BYTES)) tooMuchMemory(`an ArrayBuffer of ${Math.max(bytes, max)} bytes (the limit is ${MAX_BUFFER_BYTES})`);
  tick(1 + Math.ceil(Math.max(bytes, max) / 8));
  return max ? [bytes, { maxByteLength: max }] : [bytes];
});
for (const key of ['resize', 'transfer', 'transferToFixedLength']) {
  replaceMethod(ArrayBuffer.prototype, key, (original) => function (length) {
    const bytes = length === undefined ? 0 : Number(length);
    if (!(bytes <= MAX_BUFFER_BYTES)) tooMuchMemory(`an ArrayBuffer of ${bytes} bytes (the limit is ${MAX_BUFFER_BYTES})`);
    tick(1 + Math.ceil(bytes / 8));
    return length === undefined ? apply(original, this, []) : apply(original, this, [bytes]);
  });
}
for (const name of ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'Float16Array', 'Float32Array', 'Float64Array']) {
  guardConstructor(name, (args) => {
    const first = args[0];
    if (typeof first === 'number') checkElements(first, `a new ${name}`);
    else if (first !== null && typeof first === 'object' && !(first instanceof ArrayBuffer)) {
      const source = first[Symbol.iterator] === undefined ? snapshot(first, `a new ${name}`) : first;
      checkElements(sizeOf(source), `a new ${name}`);
      return [source];
    } else tick();
    return args;
  });
}
const TypedCtor = getPrototypeOf(Uint8Array);
replaceMethod(TypedCtor, 'from', (original) => function (source, ...rest) {
  const list = source !== null && typeof source === 'object' && source[Symbol.iterator] === undefined ? snapshot(source, 'TypedArray.from') : source;
  checkElements(sizeOf(list), 'TypedArray.from');
  return apply(original, this, [list, ...rest]);
});
replaceMethod(TypedCtor, 'of', (original) => function (...items) {
  checkElements(items.length, 'TypedArray.of');
  return apply(original, this, items);
});
// Decoding yields a string as long as its input: bounded like every other string.
replaceMethod(TextDecoder.prototype, 'decode', (original) => function (input, options) {
  if (input !== undefined && input !== null) checkFutureString(input.byteLength ?? 0);
  return checkString(apply(original, this, [input, options]));
});
for (const name of ['Map', 'Set', 'WeakMap', 'WeakSet']) {
  guardConstructor(name, (args) => {
    charge(args[0]);
    return args;
  });
}

// Timers: each callback is learner code (it ticks). Once the run is stopped or over, a
// timer that fires cancels itself instead, so an interval cannot keep the isolate busy.
const clearTimer = clearInterval;
for (const name of ['setTimeout', 'setInterval', 'queueMicrotask']) {
  const original = globalThis[name];
  if (typeof original !== 'function') continue;
  globalThis[name] = function (callback, ...rest) {
    tick();
    if (typeof callback !== 'function') forbidden('A timer with a string instead of a function');
    let handle;
    const wrapped = (...args) => {
      if (stopped) {
        if (handle !== undefined) clearTimer(handle);
        return undefined;
      }
      if (name !== 'queueMicrotask') ioSettled();
      return apply(callback, globalThis, args);
    };
    handle = apply(original, globalThis, [wrapped, ...rest]);
    return handle;
  };
}

const originalClone = structuredClone;
globalThis.structuredClone = (value, options) => {
  charge(value);
  const result = originalClone(value, options);
  afterResult(result);
  return result;
};

// --- 3. Only known globals ------------------------------------------------------------

const KEPT_GLOBALS = new Set([
  'Object', 'Function', 'Array', 'Number', 'parseFloat', 'parseInt', 'Infinity', 'NaN', 'undefined',
  'Boolean', 'String', 'Symbol', 'Date', 'Promise', 'Error', 'AggregateError', 'EvalError', 'RangeError',
  'ReferenceError', 'SyntaxError', 'TypeError', 'URIError', 'SuppressedError', 'globalThis', 'JSON', 'Math',
  'ArrayBuffer', 'Uint8Array', 'Int8Array', 'Uint16Array', 'Int16Array', 'Uint32Array', 'Int32Array',
  'Uint8ClampedArray', 'Float16Array', 'Float32Array', 'Float64Array', 'Map', 'Set', 'WeakMap', 'WeakSet',
  'Iterator', 'Reflect', 'decodeURI', 'decodeURIComponent', 'encodeURI', 'encodeURIComponent', 'escape',
  'unescape', 'isFinite', 'isNaN', 'console', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval',
  'queueMicrotask', 'structuredClone', 'crypto', 'TextEncoder', 'TextDecoder', 'atob', 'btoa', 'self',
  'performance', 'fetch', 'DisposableStack', 'AsyncDisposableStack',
]);
/** Removed globals that a learner might reach for, with a sentence on why they are gone. */
// (Plain functions, so that `new RegExp(…)` reaches them too.)
const STUBS = {
  RegExp: function RegExp() {
    stop('regex', 'Regular expressions are not available in exercises (a backtracking pattern cannot be interrupted).');
  },
  eval: function evaluate() {
    forbidden('eval');
  },
  BigInt: function BigInt() {
    forbidden('BigInt');
  },
  Proxy: function Proxy() {
    forbidden('Proxy');
  },
};
// The runtime's globals live on the global object and on its prototypes
// (ServiceWorkerGlobalScope…): removed from each, or hidden behind an own `undefined`.
for (let scope = globalThis; scope !== null && scope !== ObjectCtor.prototype; scope = getPrototypeOf(scope)) {
  for (const key of ownKeys(scope)) {
    if ((typeof key === 'string' && KEPT_GLOBALS.has(key)) || key === 'constructor') continue;
    if (scope === globalThis && deleteProperty(globalThis, key)) continue;
    if (scope !== globalThis && deleteProperty(scope, key) && !(key in globalThis)) continue;
    const d = getOwnPropertyDescriptor(globalThis, key);
    if (!d || d.configurable) defineProperty(globalThis, key, { value: undefined, writable: false, configurable: false });
    else if (d.writable) globalThis[key] = undefined;
  }
}
for (const [name, stub] of ObjectCtor.entries(STUBS)) {
  defineProperty(globalThis, name, { value: stub, writable: false, configurable: false });
}

// Code made from strings (already refused by the runtime at request time) and the
// constructors reachable from any function.
const functionStub = function Function() {
  forbidden('The Function constructor');
};
// `f instanceof Function` keeps working.
functionStub.prototype = Function.prototype;
defineProperty(globalThis, 'Function', { value: functionStub, writable: false, configurable: false });
for (const sample of [function () {}, async function () {}, function* () {}, async function* () {}]) {
  defineProperty(getPrototypeOf(sample), 'constructor', { value: functionStub, writable: false, configurable: false });
}
// Locale-aware variants run Intl's machinery; plain ones remain.
for (const proto of [Date.prototype, Number.prototype]) {
  for (const key of ['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString']) {
    if (hasOwn(proto, key)) defineProperty(proto, key, { value: proto === Date.prototype ? Date.prototype.toISOString : Number.prototype.toString, writable: true, configurable: true });
  }
}

// crypto: random values only (subtle's key derivation would run for seconds on one call).
const getRandomValues = crypto.getRandomValues.bind(crypto);
const randomUUID = crypto.randomUUID.bind(crypto);
const safeCrypto = freeze({
  getRandomValues(array) {
    tick(1 + sizeOf(array));
    return getRandomValues(array);
  },
  randomUUID,
});
defineProperty(globalThis, 'crypto', { value: safeCrypto, writable: false, configurable: false });

// console output would reach the server's log: keep a few short lines for the report.
const logs = [];
const MAX_LOG_LINES = 50;
const MAX_LOG_CHARS = 300;
const log = (...args) => {
  tick();
  if (logs.length >= MAX_LOG_LINES) return;
  let line = '';
  for (let i = 0; i < args.length && line.length < MAX_LOG_CHARS; i++) {
    const a = args[i];
    let text;
    try {
      text = typeof a === 'string' ? a : boundedStringify(a, undefined, undefined, MAX_LOG_CHARS, true) ?? StringCtor(a);
    } catch {
      text = `[${typeof a}]`;
    }
    line += (i ? ' ' : '') + apply(nativeSlice, text, [0, MAX_LOG_CHARS]);
  }
  logs[logs.length] = apply(nativeSlice, line, [0, MAX_LOG_CHARS]);
};
const safeConsole = freeze({ log, info: log, warn: log, error: log, debug: log });
defineProperty(globalThis, 'console', { value: safeConsole, writable: false, configurable: false });

// --- 4. Frozen built-ins --------------------------------------------------------------

// Freezing a prototype makes `obj.name = …` throw where a learner's object only meant to
// shadow it (an Error subclass setting this.name). These become accessors that define an
// own property instead, as hardened JavaScript environments do.
const SHADOWED = ['name', 'message', 'toString', 'valueOf', 'constructor', 'toJSON', 'cause', 'stack'];
function allowShadowing(proto) {
  for (const key of SHADOWED) {
    const d = getOwnPropertyDescriptor(proto, key);
    if (!d || !('value' in d) || !d.configurable) continue;
    const value = d.value;
    defineProperty(proto, key, {
      get() {
        return value;
      },
      set(next) {
        if (this === proto) throw new TypeError(`Cannot change the built-in ${String(key)}.`);
        defineProperty(this, key, { value: next, writable: true, enumerable: true, configurable: true });
      },
      enumerable: d.enumerable,
      configurable: false,
    });
  }
}

function deepFreeze(root) {
  const stack = [root];
  const done = new Set();
  while (stack.length) {
    const value = stack.pop();
    if (value === null || (typeof value !== 'object' && typeof value !== 'function') || done.has(value)) continue;
    done.add(value);
    // Prototypes are what learner objects inherit from, and so what they shadow.
    if (typeof value === 'object' && hasOwn(value, 'constructor')) allowShadowing(value);
    for (const key of ownKeys(value)) {
      const d = getOwnPropertyDescriptor(value, key);
      if (!d) continue;
      if ('value' in d) stack.push(d.value);
      else {
        stack.push(d.get);
        stack.push(d.set);
      }
    }
    stack.push(getPrototypeOf(value));
    if (value !== globalThis && !isFrozen(value)) freeze(value);
  }
}
// Everything reachable from the globals, and the intrinsics only syntax reaches.
const intrinsics = [
  getPrototypeOf(function* () {}),
  getPrototypeOf(async function* () {}),
  getPrototypeOf(getPrototypeOf([][Symbol.iterator]())),
  getPrototypeOf([][Symbol.iterator]()),
  getPrototypeOf(new Map()[Symbol.iterator]()),
  getPrototypeOf(new Set()[Symbol.iterator]()),
  getPrototypeOf(''[Symbol.iterator]()),
];
for (const key of ownKeys(globalThis)) {
  if (key === 'globalThis' || key === 'self') continue;
  const d = getOwnPropertyDescriptor(globalThis, key);
  if (d && 'value' in d) intrinsics.push(d.value);
}
for (const value of intrinsics) deepFreeze(value);
// The global object itself: no new globals, none replaced.
for (const key of ownKeys(globalThis)) {
  const d = getOwnPropertyDescriptor(globalThis, key);
  if (d?.configurable) defineProperty(globalThis, key, { ...d, ...('value' in d ? { writable: false } : {}), configurable: false });
}
ObjectCtor.preventExtensions(globalThis);

// --- For the harness ------------------------------------------------------------------

/**
 * The learner's result as JSON, built from the originals taken above: own data properties
 * only (no getters, no toJSON), at most `limit` characters. Throws a RangeError beyond it.
 */
export function resultJson(value, limit) {
  return boundedStringify(value, undefined, undefined, limit, true);
}

/** A proxy for the harness's own use (learner code has no Proxy). */
export function harnessProxy(target, handler) {
  return new ProxyCtor(target, handler);
}

/** The isolate answers RPC only; a plain request gets this. */
export function rpcOnly() {
  return new ResponseCtor('The exercise sandbox answers RPC only.', { status: 404 });
}

/** What the learner's code printed, a few short lines. */
export function consoleLines() {
  return logs; // read after the run; a copy would call a guarded built-in
}

/** Start counting afresh (the module is evaluated once per sandbox, but to be explicit). */
export function startRun() {
  used = 0;
  nextClockCheck = CLOCK_EVERY;
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
