/**
 * Where a section's live demo goes when the screen is too narrow to put it beside the text:
 * right after the paragraph that invites the reader to use it ("Try it: …"), or, when the
 * section has none, after its first paragraph. Lessons need no marker: the split is found in
 * the rendered HTML, at a paragraph of the section itself (never one inside a list, quote or
 * callout, which would cut an element in two).
 */
export function splitAtTryIt(html: string): { lead: string; rest: string } {
  const ends = topLevelParagraphEnds(html);
  const tryIt = ends.find(({ start }) => /^<p\b[^>]*>(?:\s|<[^>]+>)*try it\b/i.test(html.slice(start, start + 200)));
  const at = (tryIt ?? ends[0])?.end;
  if (at === undefined) return { lead: html, rest: '' };
  return { lead: html.slice(0, at), rest: html.slice(at) };
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/** Start and end offsets of each `<p>` that sits at the top level of the fragment. */
function topLevelParagraphEnds(html: string): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  const tag = /<(\/?)([a-zA-Z][\w-]*)\b[^>]*?(\/?)>/g;
  let depth = 0;
  let paragraphStart = -1;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    const [whole, closing, rawName, selfClosing] = m;
    const name = rawName!.toLowerCase();
    if (!closing && (name === 'script' || name === 'style')) {
      // Their text is not HTML: skip to the closing tag.
      const close = html.indexOf(`</${name}`, tag.lastIndex);
      tag.lastIndex = close === -1 ? html.length : html.indexOf('>', close) + 1;
      continue;
    }
    if (VOID.has(name) || selfClosing) continue;
    if (closing) {
      depth = Math.max(0, depth - 1);
      if (depth === 0 && name === 'p' && paragraphStart !== -1) {
        found.push({ start: paragraphStart, end: m.index + whole.length });
        paragraphStart = -1;
      }
    } else {
      if (depth === 0 && name === 'p') paragraphStart = m.index;
      depth++;
    }
  }
  return found;
}
