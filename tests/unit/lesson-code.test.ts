import { describe, expect, it } from 'vitest';
import { codeFrom, codeRegion } from '../../src/course/code-regions';
import { DEMOS, type DemoId } from '../../src/course/demos';
import { liveDemosIn } from '../../src/course/references';

// The lessons as their authors wrote them, read at test time like the build reads them.
const LESSONS = import.meta.glob('../../content/lessons/*.mdx', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const PATTERNS = Object.keys(import.meta.glob('../../src/lib/patterns/*.ts', { query: '?raw', eager: true })).map((p) => p.replace('../../', ''));
const name = (file: string) => file.split('/').at(-1)!;

/** `<CodeFrom file="…" region="…" />` of a lesson, in page order. */
function codeFromTags(body: string): { file: string; region?: string }[] {
  return [...body.matchAll(/<CodeFrom\s+([^>]*?)\/>/g)].map((m) => ({
    file: /file="([^"]+)"/.exec(m[1]!)?.[1] ?? '',
    region: /region="([^"]+)"/.exec(m[1]!)?.[1],
  }));
}

/** The ```ts/js fences of a lesson not labelled by a `<Snippet kind="…" />` right before them. */
function unmarkedFences(body: string): string[] {
  return [...body.matchAll(/(<Snippet\s[^>]*\/>\s*)?^```(?:ts|js|typescript|javascript)\b[^\n]*\n([\s\S]*?)^```/gm)]
    .filter((m) => !m[1])
    .map((m) => m[2]!);
}

/** Declares a function: code that would have to be the project's, not an API call or a key example. */
const DECLARES_FUNCTION = /^\s*(?:export\s+)?(?:async\s+)?function\s*\*?\s*[A-Za-z_$]|^\s*(?:export\s+)?const\s+[A-Za-z_$][\w$]*\s*=\s*(?:async\s*)?(?:\([^)]*\)|[A-Za-z_$][\w$]*)\s*(?::[^=]+)?=>/m;

describe('lesson code is the code that runs', () => {
  it('finds the mechanism at work: lessons show project code through <CodeFrom>', () => {
    expect(Object.values(LESSONS).flatMap(codeFromTags).length).toBeGreaterThanOrEqual(8);
  });

  it.each(Object.keys(LESSONS).map(name))('%s: every <CodeFrom> names a file and a region that exist', (file) => {
    const body = LESSONS[`../../content/lessons/${file}`]!;
    for (const tag of codeFromTags(body)) {
      expect(() => codeFrom(tag.file, tag.region), `${file}: ${JSON.stringify(tag)}`).not.toThrow();
    }
  });

  it.each(Object.keys(LESSONS).map(name))('%s: no code block retypes a function; project code comes from the file, other code is a marked <Snippet>', (file) => {
    const body = LESSONS[`../../content/lessons/${file}`]!;
    const retyped = unmarkedFences(body).filter((code) => DECLARES_FUNCTION.test(code));
    expect(retyped, `${file}: show it with <CodeFrom file region /> or mark it <Snippet kind="dont|sketch">`).toEqual([]);
  });

  it('every pattern module is shown by a lesson: with <CodeFrom>, or in the code panel of a demo it mounts', () => {
    const shown = new Set<string>();
    for (const body of Object.values(LESSONS)) {
      for (const tag of codeFromTags(body)) shown.add(tag.file);
      for (const id of liveDemosIn(body)) for (const source of DEMOS[id as DemoId]?.sources ?? []) shown.add(source);
    }
    expect(PATTERNS.filter((p) => !shown.has(p))).toEqual([]);
  });
});

describe('codeRegion', () => {
  const source = ['import x;', '// #region outer', 'export function f() {', '  // #region inner', '  return 1;', '  // #endregion inner', '}', '// #endregion outer', ''].join('\n');

  it('cuts a region, drops nested markers and common indentation', () => {
    expect(codeRegion(source, 'outer')).toBe('export function f() {\n  return 1;\n}');
    expect(codeRegion(source, 'inner')).toBe('return 1;');
    expect(codeRegion(source)).toBe('import x;\nexport function f() {\n  return 1;\n}');
  });

  it('fails when the lesson names a region the file does not have, or one never closed', () => {
    expect(() => codeRegion(source, 'missing')).toThrow(/No "\/\/ #region missing"/);
    expect(() => codeRegion('// #region open\nx', 'open')).toThrow(/never closed/);
    expect(() => codeFrom('src/lib/patterns/nope.ts')).toThrow(/not a file under src\/lib/);
  });
});
