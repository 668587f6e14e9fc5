/**
 * Inputs that change with every run, so that a table of the checks' expected answers cannot
 * pass: only code that does what the exercise asks gets every run right.
 */

/** A whole number from `min` to `max`, both included. */
export function int(min: number, max: number): number {
  const [n] = crypto.getRandomValues(new Uint32Array(1));
  return min + (n! % (max - min + 1));
}

/** One of `items`. */
export function pick<T>(items: readonly T[]): T {
  return items[int(0, items.length - 1)]!;
}

/** `count` different whole numbers from `min` to `max`. */
export function distinctInts(count: number, min: number, max: number): number[] {
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(int(min, max));
  return [...chosen];
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'to', 'vi', 'ze', 'po', 'da', 'fu'];

/** A short lowercase word, e.g. "kaloru": valid in a key, never the same table twice. */
export function word(): string {
  let out = '';
  for (let i = int(2, 4); i > 0; i--) out += pick(SYLLABLES);
  return out;
}

/** Seconds since the epoch of a random instant between 2027 and 2030, at a given UTC time of day. */
export function dayAt(hours: number, minutes: number, seconds: number, ms = 0): Date {
  const day = Date.UTC(2027, 0, 1) + int(0, 4 * 365) * 86_400_000;
  return new Date(day + ((hours * 60 + minutes) * 60 + seconds) * 1000 + ms);
}

/** Posts the seed data holds (migrations/…_seed): ids 1–30. */
export const SEEDED_POSTS = { min: 1, max: 30 } as const;
