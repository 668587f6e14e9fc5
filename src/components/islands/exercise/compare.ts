import { javascript } from '@codemirror/lang-javascript';
import { syntaxHighlighting } from '@codemirror/language';
import { MergeView } from '@codemirror/merge';
import { EditorState } from '@codemirror/state';
import { themedHighlight } from './highlight';
import { EditorView, lineNumbers } from '@codemirror/view';

/** Side by side, read-only: the learner's code and the reference, with the differences marked. */
export function createComparison(parent: HTMLElement, mine: string, solution: string): MergeView {
  const extensions = (label: string) => [
    lineNumbers(),
    syntaxHighlighting(themedHighlight),
    javascript({ typescript: true }),
    EditorState.readOnly.of(true),
    EditorView.editable.of(false),
    EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0' }), // focusable, so its scroller is (see editor.ts)
  ];
  return new MergeView({
    parent,
    a: { doc: mine, extensions: extensions('Your code') },
    b: { doc: solution, extensions: extensions('The solution') },
    collapseUnchanged: { margin: 3, minSize: 6 },
  });
}
