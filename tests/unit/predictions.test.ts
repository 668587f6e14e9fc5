import { parseExpressionAt, type Expression, type Node } from 'acorn';
import { describe, expect, it } from 'vitest';

// The lessons as their authors wrote them: every <Predict> declaration, parsed the way a reader
// of the MDX sees it (the choices prop is a JS array literal).
const LESSONS = import.meta.glob('../../content/lessons/*.mdx', { query: '?raw', import: 'default', eager: true }) as Record<
  string,
  string
>;

interface Choice {
  text: string;
  correct: boolean;
  feedback: string;
  tempting?: string;
}
interface Prediction {
  lesson: string;
  id: string;
  question: string;
  check?: string;
  choices: Choice[];
  /** The last non-blank line before the declaration. */
  before: string;
}

/** A JS literal (strings, booleans, arrays, plain objects) from its AST. */
function literal(node: Node): unknown {
  const n = node as Expression;
  if (n.type === 'Literal') return n.value;
  if (n.type === 'ArrayExpression') return n.elements.map((e) => literal(e!));
  if (n.type === 'ObjectExpression')
    return Object.fromEntries(
      n.properties.map((p) => {
        if (p.type !== 'Property' || p.key.type !== 'Identifier') throw new Error('choices hold plain properties only');
        return [p.key.name, literal(p.value)];
      }),
    );
  throw new Error(`not a literal: ${n.type}`);
}

function predictions(): Prediction[] {
  const out: Prediction[] = [];
  for (const [file, source] of Object.entries(LESSONS)) {
    const lesson = file.split('/').at(-1)!;
    for (const m of source.matchAll(/<Predict\b([\s\S]*?)\n\/>/g)) {
      const attrs = m[1]!;
      const attr = (name: string) => new RegExp(`\\n  ${name}="([^"]*)"`).exec(attrs)?.[1];
      const open = attrs.indexOf('choices={');
      const choices = literal(parseExpressionAt(attrs, open + 'choices={'.length, { ecmaVersion: 'latest' })) as Choice[];
      const before = source.slice(0, m.index).trimEnd().split('\n').at(-1)!;
      out.push({ lesson, id: attr('id')!, question: attr('question')!, check: attr('check'), choices, before });
    }
  }
  return out;
}

describe('predictions ask before they tell', () => {
  const all = predictions();

  it('finds every prediction of the course, each with a unique id', () => {
    expect(all.length).toBeGreaterThanOrEqual(20);
    expect(new Set(all.map((p) => p.id)).size).toBe(all.length);
  });

  it('each prediction is the first block of its section, before the text and demo that answer it', () => {
    for (const p of all) {
      // Right under a heading, or right after another prediction that opens the same section.
      expect(/^#{2,3} /.test(p.before) || p.before === '/>', `${p.lesson} ${p.id} follows “${p.before}”`).toBe(true);
    }
  });

  it('no answer position holds more than 40 % of the questions', () => {
    const positions = new Map<number, number>();
    for (const p of all) {
      const correct = p.choices.map((c, i) => (c.correct ? i : -1)).filter((i) => i >= 0);
      expect(correct, p.id).toHaveLength(1);
      positions.set(correct[0]!, (positions.get(correct[0]!) ?? 0) + 1);
    }
    for (const [position, n] of positions) expect(n / all.length, `position ${position}: ${n} of ${all.length}`).toBeLessThanOrEqual(0.4);
  });

  it('every wrong choice says why it is tempting and why it is wrong', () => {
    for (const p of all) {
      expect(p.question.length, p.id).toBeGreaterThan(10);
      for (const c of p.choices) {
        expect(c.feedback.length, `${p.id}: ${c.text}`).toBeGreaterThan(15);
        if (!c.correct) expect(c.tempting?.length ?? 0, `${p.id}: ${c.text}`).toBeGreaterThan(15);
      }
    }
  });

  it('a prediction inside a live demo says what to press to see the answer', () => {
    const withDemo = all.filter((p) => p.check);
    expect(withDemo.length).toBeGreaterThanOrEqual(12);
    for (const p of withDemo) expect(p.check, p.id).toMatch(/press|tick|choose/i);
  });
});
