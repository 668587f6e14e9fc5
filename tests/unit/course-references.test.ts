import { describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/course/demos';
import { exercisesIn, liveDemosIn, referenceProblems } from '../../src/course/references';
import { EXERCISE_SLUGS as RUNNABLE } from '../../src/server/exercises/registry';

// The lessons as their authors wrote them, read at test time like the build reads them.
const LESSONS = import.meta.glob('../../content/lessons/*.mdx', { query: '?raw', import: 'default', eager: true }) as Record<
  string,
  string
>;

const EXERCISE_PAGES = import.meta.glob('../../content/exercises/*/index.md', { query: '?raw', import: 'default', eager: true }) as Record<
  string,
  string
>;
/** Exercise slug → its index.md, from the folder names as the content collection reads them. */
const EXERCISES = Object.fromEntries(Object.entries(EXERCISE_PAGES).map(([path, text]) => [path.split('/').at(-2)!, text]));
const EXERCISE_SLUGS = Object.keys(EXERCISES);
const lessonSlug = (file: string) => file.split('/').at(-1)!.replace(/^\d+-/, '').replace(/\.mdx$/, '');
/** A plain `field: value` line of the frontmatter. */
const frontValue = (source: string, field: string) => new RegExp(`^${field}:\\s*(.+)$`, 'm').exec(/^---\n([\s\S]*?)\n---/.exec(source)?.[1] ?? '')?.[1]?.trim();

/** The `demos:`/`exercises:` flow lists of a lesson's frontmatter (the only form lessons use). */
function frontList(source: string, field: string): string[] {
  const front = /^---\n([\s\S]*?)\n---/.exec(source)?.[1] ?? '';
  const list = new RegExp(`^${field}:\\s*\\[([^\\]]*)\\]`, 'm').exec(front)?.[1];
  return list ? list.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

describe('every lesson references demos and exercises that exist', () => {
  const files = Object.keys(LESSONS);

  it('reads the lessons, numbered 01, 02, … without gaps (the checks below would pass on none)', () => {
    const numbers = files.map((f) => /\/(\d{2})-[a-z0-9-]+\.mdx$/.exec(f)?.[1]);
    expect(numbers.length).toBeGreaterThan(0);
    expect(numbers).toEqual(numbers.map((_, i) => String(i + 1).padStart(2, '0')));
  });

  it('no lesson teaches more than two patterns: at most two pattern demos each', () => {
    const PATTERN_DEMOS = ['cache-aside', 'write-through', 'invalidation', 'swr'];
    for (const file of files) {
      const count = liveDemosIn(LESSONS[file]!).filter((d) => PATTERN_DEMOS.includes(d)).length;
      expect(count, file).toBeLessThanOrEqual(2);
    }
  });

  it.each(files)('%s: frontmatter lists every <Live demo> and <Exercise> of the page, in order, all known', (file) => {
    const source = LESSONS[file]!;
    const front = { demos: frontList(source, 'demos'), exercises: frontList(source, 'exercises') };
    expect(referenceProblems(file, source, front, DEMO_IDS, EXERCISE_SLUGS)).toEqual([]);
  });

  it('every exercise in content can run: it has checks and a reference solution, and nothing else does', () => {
    expect([...EXERCISE_SLUGS].sort()).toEqual([...RUNNABLE].sort());
  });

  it("each exercise names the lesson that places it, and the exercises' order follows the course", () => {
    const placedBy = new Map<string, string>();
    const courseOrder: string[] = [];
    for (const file of files) {
      for (const slug of exercisesIn(LESSONS[file]!)) {
        placedBy.set(slug, lessonSlug(file));
        courseOrder.push(slug);
      }
    }
    for (const [slug, text] of Object.entries(EXERCISES)) {
      expect(frontValue(text, 'lesson'), `${slug}: lesson`).toBe(placedBy.get(slug));
    }
    const byOrder = [...EXERCISE_SLUGS].sort((a, b) => Number(frontValue(EXERCISES[a]!, 'order')) - Number(frontValue(EXERCISES[b]!, 'order')));
    expect(byOrder).toEqual(courseOrder);
  });

  it('places every demo of the catalog and every exercise somewhere in the course', () => {
    const all = Object.values(LESSONS).join('\n');
    expect(new Set(liveDemosIn(all))).toEqual(new Set(DEMO_IDS));
    expect(new Set(exercisesIn(all))).toEqual(new Set(EXERCISE_SLUGS));
  });
});

describe('referenceProblems reports what an author gets wrong', () => {
  const body = '<Live demo="swr">\n## A\n<Exercise slug="cache-aside" />\n</Live>\n<Live demo="ttl">';

  it('accepts a lesson whose frontmatter matches its body', () => {
    expect(referenceProblems('x', body, { demos: ['swr', 'ttl'], exercises: ['cache-aside'] }, DEMO_IDS, EXERCISE_SLUGS)).toEqual([]);
  });

  it('reports demos out of page order, missing from frontmatter, or unknown', () => {
    expect(referenceProblems('x', body, { demos: ['ttl', 'swr'], exercises: ['cache-aside'] }, DEMO_IDS, EXERCISE_SLUGS)).toHaveLength(1);
    expect(referenceProblems('x', body, { demos: ['swr'], exercises: ['cache-aside'] }, DEMO_IDS, EXERCISE_SLUGS)).toHaveLength(1);
    const unknown = referenceProblems('x', '<Live demo="nope">', { demos: ['nope'], exercises: [] }, DEMO_IDS, EXERCISE_SLUGS);
    expect(unknown.join()).toContain('demo "nope" is not in src/course/demos.ts');
  });

  it('reports an unknown exercise slug', () => {
    const problems = referenceProblems('x', '<Exercise slug="nope" />', { demos: [], exercises: ['nope'] }, DEMO_IDS, EXERCISE_SLUGS);
    expect(problems.join()).toContain('exercise "nope" is not in content/exercises');
  });
});
