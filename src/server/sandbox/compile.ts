import { Parser, type Node as AcornNode } from 'acorn';
import { tsPlugin } from '@sveltejs/acorn-typescript';

/**
 * Turns a learner's TypeScript into the JavaScript module the sandbox runs, without ever
 * evaluating it here. Three steps, all on text positions so errors keep the learner's
 * line and column:
 *
 * 1. Strip types by overwriting them with spaces (the approach of Node's type stripping):
 *    every remaining character stays where the learner wrote it.
 * 2. Validate the plain JavaScript: no imports, no regular expressions (a catastrophic
 *    backtracking pattern cannot be interrupted), no reserved guard names.
 * 3. Instrument it with the guard: a tick at the start of every loop iteration, function
 *    body, `catch` and `finally` (so infinite loops and recursion bombs run out of budget,
 *    and the budget error cannot be swallowed), and size checks on spreads, string `+` and
 *    template literals (so memory cannot be doubled without being counted).
 *
 * Local workerd enforces no CPU or memory limit on a dynamic worker, and a runaway
 * isolate there stalls or crashes the whole server: this instrumentation is what stops it.
 */

export const MAX_SOURCE_BYTES = 16 * 1024;
export const MAX_SOURCE_LINES = 400;

/** Names the guard injects; learner code may not use or shadow them. */
const RESERVED_PREFIX = '__kvlab';
const TICK = '__kvlab_tick';
const SPREAD = '__kvlab_spread';
const ADD = '__kvlab_add';
const STR = '__kvlab_str';
const ADD_TO = '__kvlab_addTo';
export const GUARD_IMPORT = `import { tick as ${TICK}, spread as ${SPREAD}, add as ${ADD}, addTo as ${ADD_TO}, str as ${STR} } from "./guard.js";`;

/** A literal this large is charged for its size each time it is evaluated. */
const LARGE_LITERAL = 8;
/** More fields than this in one class would make every `new` allocate unseen. */
const MAX_CLASS_FIELDS = 64;

/** Globals that could escape the guard or the runtime's limits. */
const FORBIDDEN_GLOBALS: Record<string, string> = {
  eval: 'eval is not available: code is never generated from strings in the sandbox.',
  Function: 'The Function constructor is not available: code is never generated from strings in the sandbox.',
  RegExp: 'Regular expressions are not available in exercises (a backtracking pattern cannot be interrupted).',
  WebAssembly: 'WebAssembly is not available in exercises.',
  Atomics: 'Atomics is not available in exercises.',
  SharedArrayBuffer: 'SharedArrayBuffer is not available in exercises.',
  BigInt: 'BigInt is not available in exercises (one operation on a huge BigInt cannot be interrupted).',
  Proxy: 'Proxy is not available in exercises.',
};

export interface SourcePosition {
  /** 1-based line in the learner's code. */
  line: number;
  /** 1-based column in the learner's code. */
  column: number;
}

export interface CompileError extends SourcePosition {
  message: string;
}

export type CompileResult =
  | { ok: true; code: string; toSource: (line: number, column: number) => SourcePosition }
  | { ok: false; error: CompileError };

const TsParser = Parser.extend(tsPlugin());
const PARSE_OPTIONS = { ecmaVersion: 'latest', sourceType: 'module', locations: true } as const;

type AnyNode = AcornNode & Record<string, any>;

class Rejection extends Error {
  constructor(
    message: string,
    readonly pos: number,
  ) {
    super(message);
  }
}

/** Compile learner code for the sandbox, or say exactly what is wrong and where. */
export function compileLearnerModule(source: string): CompileResult {
  const sizeProblem = checkSize(source);
  if (sizeProblem) return { ok: false, error: { message: sizeProblem, line: 1, column: 1 } };
  const lines = lineStarts(source);
  const at = (pos: number): SourcePosition => positionOf(lines, pos);
  try {
    const stripped = stripTypes(source);
    let ast: AnyNode;
    try {
      ast = Parser.parse(stripped, PARSE_OPTIONS) as AnyNode;
    } catch (error) {
      const pos = (error as { pos?: number }).pos ?? 0;
      throw new Rejection('This TypeScript syntax is not supported in exercises; write plain types and functions.', pos);
    }
    const edits = instrument(stripped, ast);
    edits.push({ pos: 0, text: GUARD_IMPORT, order: -1e9 });
    const { code, segments } = applyEdits(stripped, edits);
    const finalLines = lineStarts(code);
    return {
      ok: true,
      code,
      toSource: (line, column) => {
        const finalPos = (finalLines[line - 1] ?? 0) + Math.max(0, column - 1);
        return at(toSourceOffset(segments, finalPos));
      },
    };
  } catch (error) {
    if (error instanceof Rejection) return { ok: false, error: { message: error.message, ...at(error.pos) } };
    if (error instanceof SyntaxError) {
      const pos = (error as SyntaxError & { pos?: number }).pos ?? 0;
      // acorn appends "(line:column)"; the response carries them as fields instead.
      const message = error.message.replace(/\s*\(\d+:\d+\)$/, '');
      return { ok: false, error: { message: `Syntax error: ${message}`, ...at(pos) } };
    }
    // A deeply nested input can overflow the parser's stack: still the learner's input.
    if (error instanceof RangeError) {
      return { ok: false, error: { message: 'The code is nested too deeply to compile.', line: 1, column: 1 } };
    }
    throw error;
  }
}

function checkSize(source: string): string | null {
  const bytes = new TextEncoder().encode(source).length;
  if (bytes > MAX_SOURCE_BYTES) {
    return `The code is ${bytes} bytes; exercises accept up to ${MAX_SOURCE_BYTES} bytes.`;
  }
  const lineCount = source.split('\n').length;
  if (lineCount > MAX_SOURCE_LINES) return `The code has ${lineCount} lines; exercises accept up to ${MAX_SOURCE_LINES}.`;
  return null;
}

// ---------------------------------------------------------------------------------------
// 1. Type stripping

const MODIFIER_WORDS = /\b(public|private|protected|readonly|override|declare|abstract)\b/g;

/** Overwrite every type with spaces, keeping line breaks, so positions do not move. */
export function stripTypes(source: string): string {
  const ast = TsParser.parse(source, PARSE_OPTIONS) as AnyNode;
  const out = source.split('');
  const blank = (start: number, end: number) => {
    for (let i = start; i < end; i++) if (out[i] !== '\n' && out[i] !== '\r') out[i] = ' ';
  };
  const indexIn = (from: number, to: number, pattern: RegExp): number => {
    const slice = source.slice(from, to);
    let found = -1;
    for (const match of slice.matchAll(pattern)) found = from + match.index;
    return found;
  };

  const visit = (node: AnyNode): void => {
    switch (node.type) {
      case 'TSEnumDeclaration':
        throw new Rejection('Enums need compiling; use a plain object (`const Kind = { A: "a" } as const`).', node.start);
      case 'TSModuleDeclaration':
        if (node.declare) return blank(node.start, node.end);
        throw new Rejection('Namespaces need compiling; use plain functions and objects.', node.start);
      case 'TSParameterProperty':
        throw new Rejection('Parameter properties need compiling; assign the field in the constructor body.', node.start);
      case 'TSImportEqualsDeclaration':
      case 'TSExportAssignment':
        throw new Rejection('Use `import`/`export`, not `import x = require()` or `export =`.', node.start);
      case 'TSAsExpression':
      case 'TSSatisfiesExpression': {
        const keyword = indexIn(node.expression.end, node.typeAnnotation.start, /\b(as|satisfies)\b/g);
        blank(keyword, node.end);
        return visit(node.expression);
      }
      case 'TSNonNullExpression':
        blank(indexIn(node.expression.end, node.end, /!/g), node.end);
        return visit(node.expression);
      case 'TSTypeAssertion':
        blank(node.start, source.indexOf('>', node.typeAnnotation.end) + 1);
        return visit(node.expression);
      case 'ImportDeclaration':
        if (node.importKind === 'type' || (node.specifiers.length > 0 && node.specifiers.every((s: AnyNode) => s.importKind === 'type'))) {
          return blank(node.start, node.end);
        }
        break;
      case 'ExportNamedDeclaration':
        if (node.exportKind === 'type' || node.declaration?.type?.startsWith('TS') || node.declaration?.declare) {
          if (node.declaration?.type === 'TSEnumDeclaration') break;
          return blank(node.start, node.end);
        }
        break;
      case 'VariableDeclaration':
      case 'ClassDeclaration':
        if (node.declare) return blank(node.start, node.end);
        if (node.abstract) throw new Rejection('Abstract classes need compiling; use a plain class.', node.start);
        break;
      case 'PropertyDefinition':
      case 'MethodDefinition':
        if (node.declare || node.abstract || (node.type === 'MethodDefinition' && !node.value?.body)) {
          return blank(node.start, node.end);
        }
        blankModifiers(node);
        break;
      case 'Identifier':
        // `name?: Type` and `name!: Type`: keep the name, blank what follows it.
        if (node.typeAnnotation || node.optional) {
          blank(node.start + node.name.length, node.typeAnnotation?.end ?? node.end);
          return;
        }
        break;
    }
    if (node.type.startsWith('TS')) return blank(node.start, node.end);
    if (node.implements?.length) {
      const keyword = indexIn(node.superClass?.end ?? node.id?.end ?? node.start, node.implements[0].start, /\bimplements\b/g);
      blank(keyword, node.implements.at(-1).end);
    }
    for (const child of children(node)) visit(child);
  };

  const blankModifiers = (member: AnyNode) => {
    const keyStart = member.computed ? source.lastIndexOf('[', member.key.start) : member.key.start;
    const prefix = source.slice(member.start, keyStart);
    for (const match of prefix.matchAll(MODIFIER_WORDS)) {
      blank(member.start + match.index, member.start + match.index + match[0].length);
    }
    if (member.optional || member.definite) {
      const mark = indexIn(member.key.end, member.value?.start ?? member.end, /[?!]/g);
      if (mark >= 0) blank(mark, mark + 1);
    }
  };

  visit(ast);
  return out.join('');
}

// ---------------------------------------------------------------------------------------
// 2 and 3. Validation and instrumentation on the plain JavaScript

interface Edit {
  pos: number;
  /** Characters removed at `pos` (a replacement) — 0 for an insertion. */
  remove?: number;
  text: string;
  /** Among edits at the same position: lower goes first. */
  order: number;
}

function instrument(code: string, ast: AnyNode): Edit[] {
  const edits: Edit[] = [];
  // Openings of outer nodes before inner ones; closings of inner nodes before outer ones.
  const open = (pos: number, text: string, depth: number) => edits.push({ pos, text, order: depth });
  const close = (pos: number, text: string, depth: number) => edits.push({ pos, text, order: -1e6 - depth });
  const tickAtBlockStart = (block: AnyNode, depth: number) => open(block.start + 1, `${TICK}();`, depth);

  const loopBody = (body: AnyNode, depth: number) => {
    if (body.type === 'BlockStatement') return tickAtBlockStart(body, depth);
    open(body.start, `{${TICK}();`, depth);
    close(body.end, '}', depth);
  };

  const visit = (node: AnyNode, parent: AnyNode | null, depth: number): void => {
    switch (node.type) {
      case 'ImportDeclaration':
      case 'ImportExpression':
        throw new Rejection('Imports are not available in exercises: everything your function needs is passed to it.', node.start);
      case 'ExportAllDeclaration':
        throw new Rejection('Re-exports are not available in exercises.', node.start);
      case 'ExportNamedDeclaration':
        if (node.source) throw new Rejection('Re-exports are not available in exercises.', node.start);
        break;
      case 'MetaProperty':
        throw new Rejection(`${node.meta.name}.${node.property.name} is not available in exercises.`, node.start);
      case 'Literal':
        if (node.regex) throw new Rejection(FORBIDDEN_GLOBALS.RegExp!, node.start);
        if (node.bigint !== undefined) throw new Rejection(FORBIDDEN_GLOBALS.BigInt!, node.start);
        break;
      case 'ObjectExpression':
      case 'ArrayExpression': {
        const size = (node.type === 'ObjectExpression' ? node.properties : node.elements).length;
        if (size >= LARGE_LITERAL) {
          open(node.start, `(${TICK}(${size}), `, depth);
          close(node.end, ')', depth);
        }
        break;
      }
      case 'ClassBody': {
        const fields = node.body.filter((m: AnyNode) => m.type === 'PropertyDefinition' && !m.static).length;
        if (fields > MAX_CLASS_FIELDS) {
          throw new Rejection(`A class may have at most ${MAX_CLASS_FIELDS} fields in exercises; this one has ${fields}.`, node.start);
        }
        break;
      }
      case 'Identifier': {
        const isPropertyName =
          (parent?.type === 'MemberExpression' && parent.property === node && !parent.computed) ||
          ((parent?.type === 'Property' || parent?.type === 'PropertyDefinition' || parent?.type === 'MethodDefinition') &&
            parent.key === node &&
            !parent.computed &&
            !parent.shorthand);
        if (node.name.startsWith(RESERVED_PREFIX)) {
          throw new Rejection(`Names starting with ${RESERVED_PREFIX} are reserved for the sandbox.`, node.start);
        }
        if (!isPropertyName && Object.hasOwn(FORBIDDEN_GLOBALS, node.name)) {
          throw new Rejection(FORBIDDEN_GLOBALS[node.name]!, node.start);
        }
        break;
      }
      case 'WhileStatement':
      case 'DoWhileStatement':
      case 'ForStatement':
      case 'ForInStatement':
      case 'ForOfStatement':
        loopBody(node.body, depth);
        break;
      case 'FunctionDeclaration':
      case 'FunctionExpression':
        tickAtBlockStart(node.body, depth);
        break;
      case 'ArrowFunctionExpression':
        if (node.expression) {
          open(node.body.start, `(${TICK}(), `, depth);
          close(node.body.end, ')', depth);
        } else {
          tickAtBlockStart(node.body, depth);
        }
        break;
      case 'CatchClause':
        tickAtBlockStart(node.body, depth);
        break;
      case 'TryStatement':
        if (node.finalizer) tickAtBlockStart(node.finalizer, depth);
        break;
      case 'StaticBlock':
        open(code.indexOf('{', node.start) + 1, `${TICK}();`, depth);
        break;
      case 'SpreadElement':
        open(node.argument.start, `${SPREAD}(`, depth);
        close(node.argument.end, ')', depth);
        break;
      case 'ArrayPattern':
        if (node.elements.some((e: AnyNode | null) => e?.type === 'RestElement')) {
          const direct =
            (parent?.type === 'VariableDeclarator' && parent.id === node && parent.init) ||
            (parent?.type === 'AssignmentExpression' && parent.left === node);
          if (!direct) {
            throw new Rejection('A rest element (`...rest`) in an array pattern works here only in a declaration or assignment.', node.start);
          }
          const value = parent.type === 'VariableDeclarator' ? parent.init : parent.right;
          open(value.start, `${SPREAD}(`, depth);
          close(value.end, ')', depth);
        }
        break;
      case 'BinaryExpression':
        if (node.operator === '+') {
          open(node.start, `${ADD}(`, depth);
          edits.push({ pos: operatorPosition(code, node.left.end, node.right.start, '+'), remove: 1, text: ',', order: 0 });
          close(node.end, ')', depth);
        }
        break;
      case 'AssignmentExpression':
        if (node.operator !== '+=') break;
        if (isSimpleTarget(node.left)) {
          const target = code.slice(node.left.start, node.left.end);
          edits.push({ pos: operatorPosition(code, node.left.end, node.right.start, '+='), remove: 2, text: ' =', order: 0 });
          open(node.right.start, `${ADD}(${target}, `, depth);
          close(node.right.end, ')', depth);
        } else {
          // `o.p.q += v`, `o[k()] += v`: the target is evaluated once, inside addTo.
          const left = node.left;
          if (left.type !== 'MemberExpression' || left.object.type === 'Super' || left.property.type === 'PrivateIdentifier') {
            throw new Rejection('Use `+=` on a variable or a plain property here (copy it to a local variable first).', node.start);
          }
          open(left.start, `${ADD_TO}(`, depth);
          if (left.computed) {
            edits.push({ pos: operatorPosition(code, left.object.end, left.property.start, '['), remove: 1, text: ', ', order: 0 });
            edits.push({ pos: operatorPosition(code, left.property.end, left.end, ']'), remove: 1, text: '', order: 0 });
          } else {
            edits.push({ pos: operatorPosition(code, left.object.end, left.property.start, '.'), remove: 1, text: ', "', order: 0 });
            edits.push({ pos: left.property.end, text: '"', order: 0 });
          }
          edits.push({ pos: operatorPosition(code, left.end, node.right.start, '+='), remove: 2, text: ',', order: 0 });
          close(node.end, ')', depth);
        }
        break;
      case 'TemplateLiteral':
        if (node.expressions.length > 0 && parent?.type !== 'TaggedTemplateExpression') {
          open(node.start, `${STR}(`, depth);
          close(node.end, ')', depth);
        }
        break;
    }
    for (const child of children(node)) visit(child, node, depth + 1);
  };
  visit(ast, null, 0);
  return edits;
}

/** `x`, `this.x`, `o.p`, `o[k]`: evaluating these twice reads the same thing. */
function isSimpleTarget(node: AnyNode): boolean {
  if (node.type === 'Identifier') return true;
  if (node.type !== 'MemberExpression' || node.optional) return false;
  const simpleObject = node.object.type === 'Identifier' || node.object.type === 'ThisExpression';
  const simpleKey = !node.computed || node.property.type === 'Identifier' || node.property.type === 'Literal';
  return simpleObject && simpleKey;
}

/** Where `operator` sits between two operands, skipping parentheses and comments. */
function operatorPosition(code: string, from: number, to: number, operator: string): number {
  for (let i = from; i < to; i++) {
    if (code.startsWith('/*', i)) i = code.indexOf('*/', i + 2) + 1;
    else if (code.startsWith('//', i)) i = code.indexOf('\n', i);
    else if (code.startsWith(operator, i)) return i;
  }
  throw new Error(`operator ${operator} not found between ${from} and ${to}`);
}

function* children(node: AnyNode): Generator<AnyNode> {
  for (const key in node) {
    if (key === 'loc' || key === 'type') continue;
    const value = node[key];
    if (Array.isArray(value)) {
      for (const item of value) if (item && typeof item.type === 'string') yield item;
    } else if (value && typeof value === 'object' && typeof value.type === 'string') {
      yield value;
    }
  }
}

// ---------------------------------------------------------------------------------------
// Positions

/** A stretch of the final code copied from the source: final offset → source offset. */
interface Segment {
  finalStart: number;
  sourceStart: number;
  length: number;
}

function applyEdits(code: string, edits: Edit[]) {
  edits.sort((a, b) => a.pos - b.pos || a.order - b.order);
  let out = '';
  let cursor = 0;
  const segments: Segment[] = [];
  const copyTo = (pos: number) => {
    if (pos <= cursor) return;
    segments.push({ finalStart: out.length, sourceStart: cursor, length: pos - cursor });
    out += code.slice(cursor, pos);
    cursor = pos;
  };
  for (const edit of edits) {
    copyTo(edit.pos);
    out += edit.text;
    cursor += edit.remove ?? 0;
  }
  copyTo(code.length);
  return { code: out, segments };
}

function toSourceOffset(segments: Segment[], finalPos: number): number {
  let best = 0;
  for (const s of segments) {
    if (s.finalStart > finalPos) break;
    best = s.sourceStart + Math.min(finalPos - s.finalStart, s.length);
  }
  return best;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

function positionOf(starts: number[], pos: number): SourcePosition {
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1]! <= pos) line++;
  return { line: line + 1, column: pos - starts[line]! + 1 };
}
