/**
 * The course's prediction and reflection questions, read from where the lessons declare them:
 * the `<Predict …/>` and `<Reflect …/>` elements of `content/lessons/*.mdx`. The workshop's
 * debrief and export show a question's and its choices' text from here, so a lesson edit
 * changes the console too; nothing is retyped.
 */

export interface PredictQuestion {
  kind: 'predict';
  id: string;
  lesson: string;
  /** The lesson's title, as its frontmatter gives it. */
  lessonTitle: string;
  question: string;
  choices: { text: string; correct: boolean }[];
}

export interface ReflectQuestion {
  kind: 'reflect';
  id: string;
  lesson: string;
  lessonTitle: string;
  prompt: string;
}

export type Question = PredictQuestion | ReflectQuestion;

// JSX attribute strings have no escapes; the choices are object literals of double-quoted
// strings (Predict.astro's props). The unit test holds every lesson to this shape.
const ELEMENT = /<(Predict|Reflect)\b([\s\S]*?)\/>/g;
const ATTRIBUTE = (name: string) => new RegExp(`\\b${name}="([^"]*)"`);
const CHOICE = /\{\s*text:\s*("(?:[^"\\]|\\.)*")\s*,\s*correct:\s*(true|false)\b/g;

/** The questions one lesson's MDX declares, in page order. */
export function questionsInMdx(lesson: string, mdx: string): Question[] {
  const out: Question[] = [];
  const lessonTitle = /^title:\s*["']?(.+?)["']?\s*$/m.exec(mdx)?.[1] ?? lesson;
  for (const [, tag, attrs] of mdx.matchAll(ELEMENT)) {
    const id = ATTRIBUTE('id').exec(attrs)?.[1];
    if (!id) throw new Error(`A <${tag}> in lesson ${lesson} has no id="…".`);
    if (tag === 'Reflect') {
      const prompt = ATTRIBUTE('prompt').exec(attrs)?.[1];
      if (!prompt) throw new Error(`<Reflect id="${id}"> in lesson ${lesson} has no prompt="…".`);
      out.push({ kind: 'reflect', id, lesson, lessonTitle, prompt });
      continue;
    }
    const question = ATTRIBUTE('question').exec(attrs)?.[1];
    const choices = [...attrs.matchAll(CHOICE)].map(([, text, correct]) => ({ text: JSON.parse(text) as string, correct: correct === 'true' }));
    if (!question || choices.length < 2) throw new Error(`<Predict id="${id}"> in lesson ${lesson}: question="…" and choices={[{ text: "…", correct, feedback }]} expected.`);
    out.push({ kind: 'predict', id, lesson, lessonTitle, question, choices });
  }
  return out;
}

const LESSONS = import.meta.glob('../../../content/lessons/*.mdx', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

/** Every question of the course, keyed `kind:id`. */
export const QUESTIONS: ReadonlyMap<string, Question> = new Map(
  Object.entries(LESSONS)
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([path, mdx]) => questionsInMdx(/\d+-([^/]+)\.mdx$/.exec(path)?.[1] ?? path, mdx))
    .map((q) => [`${q.kind}:${q.id}`, q]),
);

export const findQuestion = (kind: string, id: string): Question | undefined => QUESTIONS.get(`${kind}:${id}`);
