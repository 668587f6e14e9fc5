import { HighlightStyle } from '@codemirror/language';
import { tags as t } from '@lezer/highlight';

/**
 * Token colours for the exercise editor, as CSS variables: src/styles/exercise.css gives
 * them light and dark values (each at least 4.5:1 on the editor's background), so the editor
 * follows the site's theme — the OS setting or the header button — without rebuilding.
 */
export const themedHighlight = HighlightStyle.define([
  { tag: [t.keyword, t.operatorKeyword, t.modifier, t.controlKeyword, t.definitionKeyword, t.moduleKeyword], color: 'var(--cm-keyword)' },
  { tag: [t.string, t.special(t.string), t.regexp], color: 'var(--cm-string)' },
  { tag: [t.number, t.bool, t.null, t.atom, t.literal], color: 'var(--cm-number)' },
  { tag: [t.comment, t.lineComment, t.blockComment], color: 'var(--cm-comment)', fontStyle: 'italic' },
  { tag: [t.function(t.variableName), t.function(t.propertyName), t.function(t.definition(t.variableName))], color: 'var(--cm-function)' },
  { tag: [t.typeName, t.className, t.namespace, t.definition(t.typeName)], color: 'var(--cm-type)' },
  { tag: [t.propertyName, t.definition(t.propertyName)], color: 'var(--cm-property)' },
  { tag: [t.variableName, t.definition(t.variableName), t.self], color: 'var(--cm-variable)' },
  { tag: [t.operator, t.punctuation, t.bracket, t.separator], color: 'var(--cm-punctuation)' },
  { tag: t.invalid, color: 'var(--cm-invalid)' },
]);
