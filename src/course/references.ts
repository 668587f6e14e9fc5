/**
 * A lesson's frontmatter promises which demos and exercises it mounts; its body places them.
 * These checks keep the two in step, so the outline, search and later tooling can trust the
 * frontmatter without reading MDX. Pure functions: the build (src/course/outline.ts) and the
 * unit tests both run them.
 */

/** Ids of `<Live demo="…">` in the order they appear in the MDX body. */
export function liveDemosIn(body: string): string[] {
  return [...body.matchAll(/<Live\s+demo=["']([^"']+)["']/g)].map((m) => m[1]!);
}

/** Slugs of `<Exercise slug="…" />` in the order they appear in the MDX body. */
export function exercisesIn(body: string): string[] {
  return [...body.matchAll(/<Exercise\s+slug=["']([^"']+)["']/g)].map((m) => m[1]!);
}

export interface LessonRefs {
  demos: readonly string[];
  exercises: readonly string[];
}

/**
 * Problems with one lesson's references, as sentences; empty when all is well.
 * `knownDemos`/`knownExercises` are the catalog ids, whatever their status: a planned demo or
 * exercise is a valid reference, it just renders as "coming".
 */
export function referenceProblems(
  lessonId: string,
  body: string,
  front: LessonRefs,
  knownDemos: readonly string[],
  knownExercises: readonly string[],
): string[] {
  const problems: string[] = [];
  const placedDemos = liveDemosIn(body);
  const placedExercises = exercisesIn(body);
  for (const id of new Set([...front.demos, ...placedDemos])) {
    if (!knownDemos.includes(id)) problems.push(`${lessonId}: demo "${id}" is not in src/course/demos.ts`);
  }
  for (const slug of new Set([...front.exercises, ...placedExercises])) {
    if (!knownExercises.includes(slug)) problems.push(`${lessonId}: exercise "${slug}" is not in content/exercises`);
  }
  if (placedDemos.join() !== front.demos.join()) {
    problems.push(`${lessonId}: frontmatter demos [${front.demos.join(', ')}] must list the <Live demo> of the page in order: [${placedDemos.join(', ')}]`);
  }
  if (placedExercises.join() !== front.exercises.join()) {
    problems.push(`${lessonId}: frontmatter exercises [${front.exercises.join(', ')}] must list the <Exercise slug> of the page in order: [${placedExercises.join(', ')}]`);
  }
  return problems;
}
