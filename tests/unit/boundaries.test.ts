import { describe, expect, it } from 'vitest';

// Pages and components reach the browser (islands) or are prerendered at build time: neither
// may run Worker-only code from src/server (cookies, the sandbox, budgets). `import type` is
// erased, so it is allowed.
const SOURCES = {
  ...import.meta.glob('../../src/pages/**/*.astro', { query: '?raw', import: 'default', eager: true }),
  ...import.meta.glob('../../src/components/**/*.{astro,ts,tsx}', { query: '?raw', import: 'default', eager: true }),
  ...import.meta.glob('../../src/client/**/*.ts', { query: '?raw', import: 'default', eager: true }),
} as Record<string, string>;

/** Module specifiers of every import that is not `import type`, static or dynamic. */
function runtimeImports(source: string): string[] {
  const statics = [...source.matchAll(/^\s*import\s+(?!type\s)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
  const dynamics = [...source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!);
  return [...statics, ...dynamics];
}

const isServer = (specifier: string) => /(^~\/server\/|\/server\/|^src\/server\/)/.test(specifier);

describe('pages, components and browser code never import src/server at runtime', () => {
  it('reads the files it checks', () => {
    expect(Object.keys(SOURCES).length).toBeGreaterThan(20);
  });

  it.each(Object.keys(SOURCES))('%s', (file) => {
    expect(runtimeImports(SOURCES[file]!).filter(isServer)).toEqual([]);
  });

  it('catches a runtime import and lets a type import through', () => {
    const sample = "import type { A } from '~/server/a';\nimport { b } from '../../server/b';\nconst c = import('~/server/c');";
    expect(runtimeImports(sample).filter(isServer)).toEqual(['../../server/b', '~/server/c']);
  });
});
