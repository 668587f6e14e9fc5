/**
 * Code that lessons show, read from the files that run. A lesson writes
 * `<CodeFrom file="src/lib/patterns/x.ts" region="name" />`; the text comes from between
 * `// #region name` and `// #endregion name` in that file (the markers editors fold on), or is
 * the whole file without a region. Nothing is retyped, so nothing can drift.
 */

// The raw text of every src/lib module, read at build time.
const RAW = import.meta.glob('../lib/**/*.ts', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

const MARKER = /^\s*\/\/\s*#(end)?region\b\s*(.*)$/;

/** The text of a project file under src/lib, or an error naming the file. */
export function projectFile(path: string): string {
  const code = RAW[path.replace(/^src\/lib\//, '../lib/')];
  if (typeof code !== 'string') throw new Error(`${path} is not a file under src/lib.`);
  return code;
}

/**
 * The lines of `source` between `// #region <name>` and `// #endregion <name>`, without any
 * marker lines and with their common indentation removed; the whole source (markers dropped)
 * when `name` is undefined. Throws when the region is missing or never closed.
 */
export function codeRegion(source: string, name?: string): string {
  const lines = source.split('\n');
  let body: string[];
  if (name === undefined) {
    body = lines;
  } else {
    const start = lines.findIndex((l) => MARKER.exec(l)?.[1] === undefined && MARKER.exec(l)?.[2]?.trim() === name);
    const end = lines.findIndex((l, i) => i > start && MARKER.exec(l)?.[1] === 'end' && MARKER.exec(l)?.[2]?.trim() === name);
    if (start < 0) throw new Error(`No "// #region ${name}" in the file.`);
    if (end < 0) throw new Error(`"// #region ${name}" is never closed with "// #endregion ${name}".`);
    body = lines.slice(start + 1, end);
  }
  body = body.filter((l) => !MARKER.test(l));
  const indent = Math.min(...body.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return body
    .map((l) => l.slice(Number.isFinite(indent) ? indent : 0))
    .join('\n')
    .replace(/^\n+|\s+$/g, '');
}

/** What `<CodeFrom file region />` shows. */
export const codeFrom = (file: string, region?: string) => {
  try {
    return codeRegion(projectFile(file), region);
  } catch (error) {
    throw new Error(`<CodeFrom file="${file}"${region ? ` region="${region}"` : ''}>: ${(error as Error).message}`);
  }
};
