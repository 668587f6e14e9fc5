// Local secrets never reach the build: no `.dev.vars` or `.env` file anywhere under dist/, and no
// value of the project's .dev.vars (the instructor token…) inside any file there.
//
//   node scripts/check-secrets.mjs           check dist/ as it is (part of `npm run check:dist`)
//   node scripts/check-secrets.mjs --build   build with a .dev.vars in place, then check (npm test):
//                                            the project's own, or, when there is none, a throwaway
//                                            one with a random token, removed again afterwards — so
//                                            the check can fail on a fresh clone too
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const DEV_VARS = '.dev.vars';
const DIST = 'dist';

/** The values of a dotenv file worth looking for (short ones like `true` would match anything). */
export function secretValues(text) {
  return [...text.matchAll(/^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_]*\s*=\s*(.*)$/gm)]
    .map((m) => m[1].trim().replace(/^(["'`])(.*)\1$/, '$2'))
    .filter((value) => value.length >= 8);
}

/** Files under dist/ named like a vars file, and files containing one of `values`. */
export function findLeaks(values, dir = DIST) {
  const leaks = [];
  const needles = values.map((v) => Buffer.from(v));
  for (const name of readdirSync(dir, { recursive: true })) {
    const path = join(dir, name);
    if (!statSync(path).isFile()) continue;
    if (/(^|\/)\.(dev\.vars|env)(\.|$)/.test(name)) leaks.push(`${path}: a vars file in the build`);
    const bytes = readFileSync(path);
    if (needles.some((needle) => bytes.includes(needle))) leaks.push(`${path}: contains a value from ${DEV_VARS}`);
  }
  return leaks;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let throwaway = false;
  if (process.argv.includes('--build')) {
    if (!existsSync(DEV_VARS)) {
      throwaway = true;
      writeFileSync(DEV_VARS, `# Written by scripts/check-secrets.mjs for one build, then removed.\nINSTRUCTOR_TOKEN="check-${randomBytes(18).toString('base64url')}"\n`, { mode: 0o600 });
      const remove = () => rmSync(DEV_VARS, { force: true });
      process.on('exit', remove);
      for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(1));
    }
    const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  if (!existsSync(DIST)) {
    console.error('✖ No build to check. Run `npm run build` first.');
    process.exit(1);
  }
  const values = existsSync(DEV_VARS) ? secretValues(readFileSync(DEV_VARS, 'utf8')) : [];
  if (process.env.INSTRUCTOR_TOKEN?.length >= 8) values.push(process.env.INSTRUCTOR_TOKEN);
  const leaks = findLeaks(values);
  for (const leak of leaks) console.log(`✗ ${leak}`);
  const what = values.length ? `${values.length} secret value(s) from ${throwaway ? 'a throwaway ' : ''}${DEV_VARS}${process.env.INSTRUCTOR_TOKEN ? ' and the environment' : ''}` : 'vars files (no .dev.vars to take values from)';
  console.log(leaks.length ? `${leaks.length} leak(s) of local secrets into ${DIST}/.` : `✓ No local secrets under ${DIST}/ (looked for ${what}).`);
  process.exit(leaks.length ? 1 : 0);
}
