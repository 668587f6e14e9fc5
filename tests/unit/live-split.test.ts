import { describe, expect, it } from 'vitest';
import { splitAtTryIt } from '../../src/components/live-split';

describe('where a section is cut for its demo on a phone', () => {
  it('cuts after the paragraph that says "Try it"', () => {
    const html = '<h2>A</h2>\n<p>Intro.</p>\n<p>Try it: fetch twice.</p>\n<p>After.</p>';
    expect(splitAtTryIt(html)).toEqual({ lead: '<h2>A</h2>\n<p>Intro.</p>\n<p>Try it: fetch twice.</p>', rest: '\n<p>After.</p>' });
  });

  it('without one, cuts after the first paragraph of the section', () => {
    expect(splitAtTryIt('<h2>A</h2><p>One.</p><p>Two.</p>')).toEqual({ lead: '<h2>A</h2><p>One.</p>', rest: '<p>Two.</p>' });
  });

  it('never cuts inside a list, a quote or a script', () => {
    const html = '<ul><li><p>Try it inside.</p></li></ul><script>if (a < b) "<p>x</p>"</script><blockquote><p>q</p></blockquote><p>Top.</p><p>Last.</p>';
    const { lead, rest } = splitAtTryIt(html);
    expect(lead.endsWith('<p>Top.</p>')).toBe(true);
    expect(rest).toBe('<p>Last.</p>');
  });

  it('leaves a section without paragraphs whole', () => {
    expect(splitAtTryIt('<h2>A</h2><ul><li>x</li></ul>')).toEqual({ lead: '<h2>A</h2><ul><li>x</li></ul>', rest: '' });
  });
});
