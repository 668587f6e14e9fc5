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
    expect(cited.size).toBeGreaterThan(5);
    for (const name of cited) expect(SOURCES[name], name).toMatch(/^https:\/\/developers\.cloudflare\.com\/.+\/$/);
  });
});
