import { describe, expect, it } from 'vitest';
import { DEMOS, DEMO_IDS } from '../../src/components/demos/catalog';
import { EXERCISES, EXERCISE_SLUGS } from '../../src/course/exercises';
import { exercisesIn, liveDemosIn, referenceProblems } from '../../src/course/references';

// The lessons as their authors wrote them, read at test time like the build reads them.
const LESSONS = import.meta.glob('../../content/lessons/*.mdx', { query: '?raw', import: 'default', eager: true }) as Record<
  string,
  string
>;

/** The `demos:`/`exercises:` flow lists of a lesson's frontmatter (the only form lessons use). */
function frontList(source: string, field: string): string[] {
  const front = /^---\n([\s\S]*?)\n---/.exec(source)?.[1] ?? '';
  const list = new RegExp(`^${field}:\\s*\\[([^\\]]*)\\]`, 'm').exec(front)?.[1];
  return list ? list.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

describe('every lesson references demos and exercises that exist', () => {
  const files = Object.keys(LESSONS);

  it('finds the nine lessons of the course', () => {
    expect(files.map((f) => f.split('/').at(-1))).toEqual([
      '01-understanding-kv.mdx',
      '02-basic-operations.mdx',
      '03-caching-patterns.mdx',
      '04-key-design.mdx',
      '05-ttl-strategies.mdx',
      '06-error-handling.mdx',
      '07-monitoring.mdx',
      '08-anti-patterns.mdx',
      '09-reflection.mdx',
    ]);
  });

  it.each(files)('%s: frontmatter lists every <Live demo> and <Exercise> of the page, in order, all known', (file) => {
    const source = LESSONS[file]!;
    const front = { demos: frontList(source, 'demos'), exercises: frontList(source, 'exercises') };
    expect(referenceProblems(file, source, front, DEMO_IDS, EXERCISE_SLUGS)).toEqual([]);
    // Known means live or planned: a planned one renders as "coming", never as a broken slot.
    for (const id of front.demos) expect(['live', 'planned']).toContain(DEMOS[id as keyof typeof DEMOS].status);
    for (const slug of front.exercises) expect(['ready', 'planned']).toContain(EXERCISES[slug as keyof typeof EXERCISES].status);
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
    expect(unknown.join()).toContain('demo "nope" is not in src/components/demos/catalog.ts');
  });

  it('reports an unknown exercise slug', () => {
    const problems = referenceProblems('x', '<Exercise slug="nope" />', { demos: [], exercises: ['nope'] }, DEMO_IDS, EXERCISE_SLUGS);
    expect(problems.join()).toContain('exercise "nope" is not in src/course/exercises.ts');
  });
});
