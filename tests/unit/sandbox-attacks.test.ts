import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { learnerScope } from '../../src/lib/learner-scope';
import { runExercise } from '../../src/server/exercises/run';

// Code that tries to hang, crash or escape the sandbox. Each must end in a clear error
// within a few seconds; the test process (workerd) must stay alive for the next one.

const mallory = learnerScope('mallory_000000000000000');
const alice = learnerScope('alice_00000000000000000');

const cacheAside = (body: string) =>
  `export async function cacheAside(kv: any, key: string, load: () => Promise<unknown>, ttl = 3600) {\n${body}\n}`;

async function attack(body: string, slug: 'cache-aside' = 'cache-aside') {
  const started = Date.now();
  const report = await runExercise(env, mallory, slug, cacheAside(body));
  return { report, ms: Date.now() - started };
}

describe('the sandbox stops runaway code with a clear error', () => {
  it('an infinite loop', async () => {
    const { report, ms } = await attack('while (true) {}');
    expect(report.passed).toBe(false);
    expect(report.error?.kind).toMatch(/budget|time/);
    expect(report.error?.message).toMatch(/ran too long/);
    expect(ms).toBeLessThan(5_000);
  });

  it('an infinite loop whose error is caught and ignored', async () => {
    const { report } = await attack('for (;;) { try { for (;;) {} } catch (e) {} }');
    expect(report.error?.kind).toMatch(/budget|time/);
  });

  it('a loop that swallows the error in finally', async () => {
    const { report } = await attack('while (true) { try { while (true) {} } finally { continue; } }');
    expect(report.error?.kind).toMatch(/budget|time/);
  });

  it('a recursion bomb', async () => {
    const { report } = await attack('const f = (n: number): number => f(n + 1) + f(n + 2); return f(0);');
    expect(report.passed).toBe(false);
    // Either the stack overflows (a RangeError in the learner's code) or the budget runs out.
    expect(report.error?.message).toMatch(/call stack|ran too long/);
  });

  it('an exponential catch-and-retry recursion', async () => {
    const { report, ms } = await attack('function f(): void { try { f(); } catch { f(); } } f();');
    expect(report.error?.kind).toMatch(/budget|time/);
    expect(ms).toBeLessThan(5_000);
  });

  it('a huge allocation in one call', async () => {
    for (const body of [
      'new Array(1e9).fill(0);',
      "'x'.repeat(2 ** 29);",
      'new Uint8Array(2 ** 31);',
      'Array.from({ length: 1e9 });',
      "'x'.padEnd(1e9);",
      'const a = new Array(1e9); [...a];',
    ]) {
      const { report } = await attack(body);
      expect(report.error?.kind, body).toBe('memory');
      expect(report.error?.message, body).toMatch(/too much memory/);
    }
  });

  it('memory grown by doubling', async () => {
    for (const body of [
      'let a = [1]; for (let i = 0; i < 40; i++) a = a.concat(a);',
      "let s = 'x'; for (let i = 0; i < 40; i++) s += s;",
      "let s = 'x'; for (let i = 0; i < 40; i++) s = `${s}${s}`;",
      'let a = [1]; for (let i = 0; i < 40; i++) a = [...a, ...a];',
      'const keep = []; for (let i = 0; i < 1e6; i++) keep.push(new Array(99_999));',
    ]) {
      const { report } = await attack(body);
      expect(report.error?.kind, body).toMatch(/memory|budget|time/);
    }
  });

  it('a promise that never settles', async () => {
    const { report, ms } = await attack('await new Promise(() => {});');
    expect(report.error?.kind).toBe('timeout');
    expect(report.error?.message).toMatch(/never settles/);
    expect(ms).toBeLessThan(8_000);
  }, 15_000);

  it('a promise kept pending by a timer that never ends', async () => {
    const { report, ms } = await attack('await new Promise(() => setInterval(() => {}, 10));');
    expect(report.error?.kind).toMatch(/timeout|budget/);
    expect(report.error?.message).toMatch(/did not finish within 5 s|ran too long/);
    expect(ms).toBeLessThan(8_000);
  }, 15_000);

  it('a regular expression, built any way', async () => {
    expect((await attack("/(a+)+$/.test('a'.repeat(30) + '!');")).report.error?.kind).toBe('syntax');
    expect((await attack("'aaaa!'.match('(a+)+$');")).report.error?.kind).toBe('regex');
  });
});

describe('the sandbox reaches nothing but its own keys', () => {
  it('fetch to the network is refused', async () => {
    const { report } = await attack("const r = await fetch('https://example.com/'); return { value: await r.text(), cache: 'MISS' };");
    expect(report.checks[0]!.passed).toBe(false);
    expect(report.checks[0]!.message).toMatch(/not permitted to access the internet/);
    expect(report.error).toMatchObject({ kind: 'runtime', line: 2 });
  });

  it("another learner's keys are out of reach", async () => {
    await env.KV.put(`${alice.kvPrefix}exercise:secret`, 'alice-only');
    await env.KV.put(`${alice.kvPrefix}post:3`, 'alice-only');
    const { report } = await attack(`
      const names = [];
      for (const prefix of ['', '../', 'learner:', '${alice.kvPrefix}']) {
        const page = await kv.list({ prefix });
        names.push(...page.keys.map((k: any) => k.name));
      }
      const direct = await kv.get('${alice.kvPrefix}exercise:secret');
      const up = await kv.get('../${alice.kvPrefix}post:3');
      return { value: { names, direct, up }, cache: 'MISS' };`);
    const stolen = JSON.stringify(report);
    expect(stolen).not.toContain('alice-only');
    // The only keys it could list are its own (none, at the start of the first check).
    expect(report.trace.find((e) => e.op === 'call')?.outcome).toContain('"names":[]');
  });

  it('bindings, env and other globals are not there', async () => {
    const { report } = await attack(`
      const seen = { env: typeof (globalThis as any).env, KV: typeof (globalThis as any).KV, caches: typeof caches };
      throw new Error(JSON.stringify(seen));`);
    expect(report.checks[0]!.message).toContain('"env":"undefined"');
    expect(report.checks[0]!.message).toContain('"KV":"undefined"');
  });

  it('eval, Function and imports are refused before the code runs', async () => {
    for (const body of ["return eval('1');", "return new Function('return 1')();", "const m = await import('cloudflare:workers');"]) {
      const { report } = await attack(body);
      expect(report.error?.kind, body).toBe('syntax');
    }
    for (const body of [
      "const F = (() => {}).constructor; return F('return 1')();",
      "const F = (async () => {}).constructor; return F('return 1')();",
      "const F = (globalThis as any)['Func' + 'tion']; return F('return 1')();",
    ]) {
      const { report } = await attack(body);
      expect(report.error?.kind, body).toBe('forbidden');
      expect(report.error?.message, body).toMatch(/Function constructor is not available/);
    }
  });

  it('the guard cannot be switched off from learner code', async () => {
    for (const body of ['__kvlab_tick = () => {};', 'const __kvlab_tick = () => {}; while (true) {}']) {
      expect((await attack(body)).report.error?.kind, body).toBe('syntax');
    }
    const deleted = await attack('delete (Array.prototype as any).fill; Object.defineProperty(Array.prototype, "fill", { value() { return this; } }); while (true) {}');
    expect(deleted.report.error?.kind).toMatch(/budget|time/);
  });

  it('writes are bounded: too many KV operations and oversized values are refused', async () => {
    const many = await attack("for (let i = 0; i < 10_000; i++) await kv.put('k' + i, 'v');");
    expect(many.report.checks[0]!.message).toMatch(/Too many KV operations/);
    const big = await attack("await kv.put('big', 'x'.repeat(100_000));");
    expect(big.report.checks[0]!.message).toMatch(/over the exercise limit/);
  });

  it('results are bounded in size', async () => {
    const { report } = await attack("return { value: 'x'.repeat(200_000), cache: 'MISS' };");
    expect(report.checks[0]!.message).toMatch(/checks read at most/);
  });
});

describe('errors point at the line and column', () => {
  it('a syntax error', async () => {
    const report = await runExercise(env, mallory, 'cache-aside', 'export async function cacheAside(kv) {\n  const x = ;\n}');
    expect(report.error).toMatchObject({ kind: 'syntax', line: 2, column: 13 });
    expect(report.checks.every((c) => !c.passed)).toBe(true);
  });

  it('a runtime error, after type annotations and instrumented loops on the same line', async () => {
    const code = [
      'export async function cacheAside(kv: any, key: string, load: () => Promise<unknown>) {',
      '  for (let i = 0; i < 1; i++) { const o: any = null; o.boom; }',
      '}',
    ].join('\n');
    const report = await runExercise(env, mallory, 'cache-aside', code);
    expect(report.error).toMatchObject({ kind: 'runtime', line: 2, column: 56 });
    expect(report.checks[0]!.message).toMatch(/line 2, column 56/);
  });
});

// Each attack below once stalled the server for seconds to minutes, crashed workerd, read
// the sandbox's own source or faked a pass. Every one must now end, quickly, in a failed run
// that says what happened — and the isolate that ran it must answer the next run at once.
describe('attacks that reach past the instrumentation', () => {
  const within = async (body: string, ms = 6_000) => {
    const { report, ms: took } = await attack(body);
    expect(report.passed, body).toBe(false);
    expect(took, body).toBeLessThan(ms);
    return report;
  };

  it('Node built-ins are not there: no process, Buffer or node: modules', async () => {
    const report = await within(`
      const g: any = globalThis;
      throw new Error(JSON.stringify({ process: typeof g.process, Buffer: typeof g.Buffer, require: typeof g.require, navigator: typeof g.navigator }));`);
    expect(report.checks[0]!.message).toContain('"process":"undefined"');
    expect(report.checks[0]!.message).toContain('"Buffer":"undefined"');
    for (const body of [
      "(globalThis as any).process.getBuiltinModule('node:crypto').pbkdf2Sync('a', 'b', 15e6, 64, 'sha512');",
      "(globalThis as any).process.getBuiltinModule('node:fs').writeFileSync('/tmp/x', 'x'.repeat(1e6));",
      '(globalThis as any).Buffer.alloc(2 ** 31);',
    ]) {
      const r = await within(body);
      expect(r.checks[0]!.message, body).toMatch(/undefined|not a function|Cannot read/);
    }
  });

  it('slow built-ins are gone: crypto.subtle, compression streams, Intl, WebAssembly', async () => {
    const report = await within(`
      const g: any = globalThis;
      throw new Error(JSON.stringify([typeof g.crypto.subtle, typeof g.DecompressionStream, typeof g.CompressionStream, typeof g.Intl, typeof g['WebAss' + 'embly'], typeof g.Response, typeof g.caches]));`);
    expect(report.checks[0]!.message).toContain('["undefined","undefined","undefined","undefined","undefined","undefined","undefined"]');
    const random = await within("throw new Error(String(crypto.randomUUID().length));");
    expect(random.checks[0]!.message).toContain('threw Error: 36');
  });

  it('a regular expression reached by a computed name, or made from a string', async () => {
    for (const body of [
      "const R = (globalThis as any)['Reg' + 'Exp']; new R('^(a+)+$').test('a'.repeat(34) + 'b');",
      "'a'.repeat(34).match('^(a+)+$');",
      "'a'.repeat(34).search('(a+)+$');",
      "[...'a'.repeat(34).matchAll('(a+)+$' as any)];",
    ]) {
      const r = await within(body);
      expect(r.error?.kind, body).toBe('regex');
    }
  });

  it('BigInt: literals refused, the constructor stopped', async () => {
    expect((await within('let x = 2n; for (;;) x = x ** 1000n;')).error?.kind).toBe('syntax');
    const viaName = await within("const B = (globalThis as any)['Big' + 'Int']; let x = B(3); for (let i = 0; i < 30; i++) x = x * x;");
    expect(viaName.error?.kind).toBe('forbidden');
    const viaArray = await within("const A = (globalThis as any)['BigUint' + '64Array']; return new A(1);");
    expect(viaArray.checks[0]!.message).toMatch(/not a constructor|not a function/);
  });

  it('array-likes whose length lies: the built-in gets a copy made from one read', async () => {
    // The first read says 3, every later one 2^53 - 1: the built-in sees the 3-element copy.
    for (const body of [
      'let n = 0; const o = { get length() { return n++ ? 2 ** 32 - 1 : 3; } }; return { value: Array.prototype.join.call(o, "x"), cache: "MISS" };',
      'let n = 0; const o = { get length() { return n++ ? 2 ** 53 - 1 : 3; } }; return { value: Array.prototype.lastIndexOf.call(o, 1), cache: "MISS" };',
    ]) {
      const r = await within(body);
      expect(r.error, body).toBeUndefined();
      expect(r.trace.find((e) => e.op === 'call')?.outcome, body).toMatch(/"value":("xx"|-1)/);
    }
    for (const body of [
      'const o = { length: 2 ** 53 - 1 }; Array.prototype.lastIndexOf.call(o, 1);',
      'const o = { length: 2 ** 53 - 1 }; Array.prototype.includes.call(o, 1);',
      'const o = { length: 2 ** 32 - 1 }; Array.prototype.reverse.call(o);',
      'const o = { length: 2 ** 32 - 1 }; Array.from(o);',
      'const o = { length: 2 ** 31 }; Uint8Array.from(o);',
      'const o = { length: 2 ** 31 }; new Uint8Array(o as any);',
      'const o = { length: 2 ** 20, [Symbol.isConcatSpreadable]: true }; [].concat(o as any);',
      'const a: any = []; a.length = 2 ** 32 - 1; a.lastIndexOf(1);',
      'const o = { length: 2 ** 32 - 1 }; String.fromCharCode.apply(null, o as any);',
    ]) {
      const r = await within(body);
      expect(r.error?.kind, body).toMatch(/memory|forbidden|budget|time/);
    }
  });

  it('strings and JSON that would grow past memory in one native call', async () => {
    for (const body of [
      "const o: any = {}; const k = () => 'a'; o[k()] = 'x'; for (let i = 0; i < 40; i++) o[k()] += o[k()]; JSON.stringify(o);",
      "const o: any = { a: { b: 'x' } }; for (let i = 0; i < 40; i++) o.a.b += o.a.b;",
      "const big = 'x'.repeat(900_000); JSON.stringify(new Array(1000).fill(big));",
      "const big = 'x'.repeat(900_000); new Array(1000).fill(big).join('');",
      "const big = 'x'.repeat(900_000); String(new Array(1000).fill(big));",
      "'a'.repeat(100_000).replaceAll('a', '$`');",
      "'a'.repeat(500_000).replaceAll('', 'xyz');",
      "const big = 'x'.repeat(900_000); 'a'.repeat(1000).replaceAll('a', () => big);",
      "let a: any = [1]; for (let i = 0; i < 40; i++) a = [a, a]; a.flat(Infinity);",
      "let a: any = [1]; for (let i = 0; i < 40; i++) a = [a, a]; a.join();",
      "const big = 'x'.repeat(900_000); encodeURIComponent(big);",
      "const b = new ArrayBuffer(8, { maxByteLength: 2 ** 32 }); b.resize(2 ** 31);",
      "const big = 'x'.repeat(900_000); String.raw({ raw: new Array(1000).fill(big) } as any);",
    ]) {
      const r = await within(body);
      expect(r.error?.kind, body).toMatch(/memory|budget|time/);
    }
  });

  it('objects built without a loop tick: large literals and classes are charged or refused', async () => {
    const props = Array.from({ length: 200 }, (_, i) => `p${i}: i`).join(', ');
    const r = await within(`const keep = []; for (let i = 0; ; i++) keep.push({ ${props} });`);
    expect(r.error?.kind).toMatch(/budget|time|memory/);
    const fields = Array.from({ length: 100 }, (_, i) => `f${i} = 0;`).join(' ');
    expect((await within(`class Wide { ${fields} } return new Wide();`)).error?.kind).toBe('syntax');
  });

  it('built-ins cannot be replaced: the result is what the function returned', async () => {
    for (const body of [
      "JSON.stringify = () => '{\"value\":1,\"cache\":\"HIT\"}'; return null;",
      "(Object.prototype as any).toJSON = () => ({ value: 1, cache: 'HIT' }); return null;",
      "Object.defineProperty(Object.prototype, 'cache', { get: () => 'HIT' }); return {};",
      "(Promise.prototype as any).then = function (ok: any) { ok({ cache: 'HIT' }); }; return null;",
      "(Array.prototype as any).push = () => 0; return null;",
    ]) {
      const r = await within(body);
      expect(r.checks[0]!.passed, body).toBe(false);
      expect(JSON.stringify(r.trace), body).not.toContain('"cache":"HIT"');
    }
    // Shadowing a built-in on one's own object still works, as learners write it.
    const shadow = await within("class NotFound extends Error { constructor() { super('gone'); this.name = 'NotFound'; } } throw new NotFound();");
    expect(shadow.checks[0]!.message).toContain('threw NotFound: gone');
  });

  it('console output stays in the sandbox, bounded', async () => {
    const r = await within("for (let i = 0; i < 10_000; i++) console.log('x'.repeat(10_000)); return null;");
    expect(r.checks[0]!.passed).toBe(false);
  });

  it('after every attack the sandbox still runs an honest solution', async () => {
    const honest = await runExercise(
      env,
      mallory,
      'cache-aside',
      `export async function cacheAside(kv: any, key: string, load: () => Promise<unknown>, ttl = 3600) {
        const { value: cached, metadata } = await kv.getWithMetadata(key, 'json');
        if (metadata?.missing) return { value: null, cache: 'NEGATIVE' };
        if (cached !== null) return { value: cached, cache: 'HIT' };
        const value = await load();
        const missing = value === null;
        await kv.put(key, JSON.stringify(value), { expirationTtl: missing ? 60 : ttl, metadata: missing ? { cached_at: Date.now(), missing } : { cached_at: Date.now() } });
        return { value, cache: 'MISS' };
      }`,
    );
    expect(honest.passed, JSON.stringify(honest.checks.filter((c) => !c.passed))).toBe(true);
  });
});

describe('a table of expected answers cannot pass', () => {
  it('key-builder answered from the inputs the checks once used fails; the same table cannot know the next run', async () => {
    const table = `
      const answers: Record<string, string> = { 'user|123|profile': 'user:123:profile', '3|posts|recent': 'v3:posts:recent', 'acme|config': 'tenant:acme:config', 'globex|config': 'tenant:globex:config' };
      export function buildKey(...parts: unknown[]) { if (parts.includes('')) throw new Error('empty'); return answers[parts.join('|')] ?? 'user:123:profile'; }
      export function versionedKey(version: number, ...parts: unknown[]) { if (!Number.isInteger(version) || version < 1) throw new Error('bad'); return answers[[version, ...parts].join('|')] ?? 'v3:posts:recent'; }
      export function tenantKey(tenant: string, ...parts: string[]) { return answers[[tenant, ...parts].join('|')] ?? 'tenant:acme:config'; }`;
    const report = await runExercise(env, mallory, 'key-builder', table);
    expect(report.passed).toBe(false);
    const failed = report.checks.filter((c) => !c.passed).map((c) => c.name);
    expect(failed).toEqual(expect.arrayContaining(['buildKey joins the parts with ":", broadest first', 'versionedKey puts v<version> in front']));
  });

  it('ttl-until-midnight answered from a table of times fails', async () => {
    const table = `
      const known: Record<string, number> = { '2026-03-14T23:00:00.000Z': 3600, '2026-03-14T22:59:15.000Z': 3645, '2026-12-31T18:30:00.000Z': 19800, '2026-03-14T23:00:00.250Z': 3600, '2026-03-14T23:59:30.000Z': 60 };
      export function secondsUntilLocalMidnight(offset: number, now = new Date()) { return known[now.toISOString()] ?? 60; }`;
    const report = await runExercise(env, mallory, 'ttl-until-midnight', table);
    expect(report.checks[0]!.passed).toBe(false);
    expect(report.checks[1]!.passed).toBe(false);
  });
});
