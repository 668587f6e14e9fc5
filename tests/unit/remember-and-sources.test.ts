import { describe, expect, it } from 'vitest';
import { citationName, SOURCES } from '../../src/course/sources';

const LESSONS = import.meta.glob('../../content/lessons/*.mdx', { query: '?raw', import: 'default', eager: true }) as Record<
  string,
  string
>;

describe('every lesson ends with what to remember', () => {
  it('the last block of each lesson is a <Remember> box of 3 to 5 points', () => {
    for (const [file, source] of Object.entries(LESSONS)) {
      const m = /<Remember>\n([\s\S]*?)\n<\/Remember>\s*$/.exec(source);
      expect(m, `${file} ends with <Remember>…</Remember>`).not.toBeNull();
      const points = m![1]!.split('\n').filter((l) => l.startsWith('- '));
      expect(points.length, file).toBeGreaterThanOrEqual(3);
      expect(points.length, file).toBeLessThanOrEqual(5);
    }
  });
});

describe('citations link to the Cloudflare documentation', () => {
  it('every citation a lesson makes names a page that src/course/sources.ts knows', () => {
    const cited = new Set<string>();
    for (const source of Object.values(LESSONS))
      for (const m of source.matchAll(/\*((?:KV|D1|Workers) ›[^*]+)\*/g)) cited.add(citationName(m[1]!));
    for (const name of cited) expect(SOURCES[name], name).toMatch(/^https:\/\/developers\.cloudflare\.com\/.+\/$/);
    // The rest are written as links already: `[KV › List keys](https://developers.cloudflare.com/…)`.
    const linked = Object.values(LESSONS).flatMap((source) => [
      ...source.matchAll(/\[((?:KV|D1|Workers) ›[^\]]+)\]\((https:\/\/developers\.cloudflare\.com\/[^)]+)\)/g),
    ]);
    expect(cited.size + linked.length).toBeGreaterThan(5);
    // No citation is left as plain text: every "KV › …" page name is emphasised or a link.
    for (const [file, source] of Object.entries(LESSONS)) {
      const plain = source.replace(/\*(?:KV|D1|Workers) ›[^*]+\*/g, '').replace(/\[(?:KV|D1|Workers) ›[^\]]+\]\([^)]+\)/g, '');
      expect(plain.match(/\((?:KV|D1|Workers) › [^)]*\)/g), file).toBeNull();
    }
  });
});
