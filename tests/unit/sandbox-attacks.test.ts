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
    const viaConstructor = await attack("const F = (() => {}).constructor; return F('return 1')();");
    expect(viaConstructor.report.checks[0]!.message).toMatch(/Code generation from strings disallowed/);
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
