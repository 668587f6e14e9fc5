import { defaultKeymap, history, historyKeymap, indentMore, indentLess } from '@codemirror/commands';
import { javascript } from '@codemirror/lang-javascript';
import { bracketMatching, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { themedHighlight } from './highlight';
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';

/**
 * The exercise editor: CodeMirror 6 with TypeScript highlighting, line numbers and history.
 * Tab is left to the browser so keyboard users can leave the editor; indenting is
 * Ctrl/⌘+] and Ctrl/⌘+[ (CodeMirror's defaults), and Ctrl/⌘+Enter runs the checks.
 */
export function createEditor(options: {
  parent: HTMLElement;
  doc: string;
  onChange: (code: string) => void;
  onRun: () => void;
}): EditorView {
  return new EditorView({
    parent: options.parent,
    state: EditorState.create({
      doc: options.doc,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightActiveLine(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        syntaxHighlighting(themedHighlight),
        javascript({ typescript: true }),
        lintGutter(),
        keymap.of([
          { key: 'Mod-Enter', run: () => (options.onRun(), true) },
          { key: 'Mod-]', run: indentMore },
          { key: 'Mod-[', run: indentLess },
          ...defaultKeymap,
          ...historyKeymap,
        ]),
        // tabindex: axe counts a contenteditable as focusable only with one; on a phone the editor
        // scrolls sideways, and a scroller must hold something a keyboard can reach.
        EditorView.contentAttributes.of({ 'aria-label': 'Your code (TypeScript)', tabindex: '0' }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
}

/** Offset of a 1-based line and column, clamped to the document. */
function offsetOf(view: EditorView, line: number, column: number): number {
  const doc = view.state.doc;
  const l = doc.line(Math.min(Math.max(1, line), doc.lines));
  return Math.min(l.from + Math.max(0, column - 1), l.to);
}

/** Mark where the last run failed (or clear the mark when it did not). */
export function showError(view: EditorView, error: { message: string; line?: number; column?: number } | undefined) {
  if (!error?.line) {
    view.dispatch(setDiagnostics(view.state, []));
    return;
  }
  const from = offsetOf(view, error.line, error.column ?? 1);
  const to = Math.min(view.state.doc.lineAt(from).to, from + 1);
  view.dispatch(setDiagnostics(view.state, [{ from, to: Math.max(to, from), severity: 'error', message: error.message }]));
}

export function moveCursorTo(view: EditorView, line: number, column: number) {
  const pos = offsetOf(view, line, column);
  view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
  view.focus();
}
