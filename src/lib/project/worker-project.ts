import { strToU8, zipSync } from 'fflate';

/**
 * "Download your project": a ready Worker project made of a template (real files kept in
 * content/exercises/<slug>/project/) and the learner's own passing code, which becomes the
 * module the template's Worker and tests import. Pure: files in, zip bytes out.
 */

/** Where the learner's code goes in the project: the module src/index.ts and the tests import. */
export const LEARNER_MODULE = 'src/catalogue.ts';

/** Files as path → text, paths relative to the project's root, with "/" separators. */
export type ProjectFiles = Record<string, string>;

/** The template's files plus the learner's module, with a header saying where it came from. */
export function projectFiles(template: ProjectFiles, learnerCode: string, passedAt: Date): ProjectFiles {
  if (Object.hasOwn(template, LEARNER_MODULE)) throw new Error(`The project template must not contain ${LEARNER_MODULE}: it is the learner's code.`);
  for (const required of ['package.json', 'wrangler.toml', 'README.md']) {
    if (!Object.hasOwn(template, required)) throw new Error(`The project template has no ${required}.`);
  }
  const header = `// Your code from KV Caching Lab: it passed every check of the capstone on ${passedAt.toISOString()}.\n\n`;
  return { ...template, [LEARNER_MODULE]: header + learnerCode.replace(/^\s+/, '') };
}

/** The project as a zip whose entries sit in one folder, `folder/…`, as a download usually does. */
export function zipProject(folder: string, files: ProjectFiles, modified = new Date()): Uint8Array<ArrayBuffer> {
  const entries: Record<string, Uint8Array> = {};
  for (const [path, text] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
    entries[`${folder}/${path}`] = strToU8(text);
  }
  // fflate allocates a plain ArrayBuffer; the type says so, so a Response can take it.
  return zipSync(entries, { level: 6, mtime: modified }) as Uint8Array<ArrayBuffer>;
}
