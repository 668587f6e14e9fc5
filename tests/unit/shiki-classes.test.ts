import { describe, expect, it } from 'vitest';
import { readableOn } from '../../src/build/shiki-classes';

describe('code colours meet WCAG AA contrast', () => {
  it("darkens github-light's orange on white and leaves readable colours alone", () => {
    expect(readableOn('#e36209', '#ffffff')).not.toBe('#e36209');
    expect(readableOn('#24292e', '#ffffff')).toBe('#24292e');
  });
  it('lightens a dim colour on the dark background', () => {
    expect(readableOn('#6a737d', '#1e1d18')).not.toBe('#6a737d');
    expect(readableOn('#e1e4e8', '#1e1d18')).toBe('#e1e4e8');
  });
});
