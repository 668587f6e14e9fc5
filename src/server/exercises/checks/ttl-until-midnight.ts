import { expect, show, type Check } from '../check';
import { dayAt, int, pick } from './random';

const clock = (d: Date) => d.toISOString().slice(11, 23).replace(/\.000$/, '');
const zone = (offset: number) => `UTC${offset < 0 ? '−' : '+'}${Math.floor(Math.abs(offset) / 60)}${Math.abs(offset) % 60 ? `:${String(Math.abs(offset) % 60).padStart(2, '0')}` : ''}`;

/** Real offsets, in minutes ahead of UTC: whole hours, half and quarter hours, both sides. */
const WEST = [-600, -480, -420, -300, -240, -210, -180, -60];
const EAST = [60, 120, 180, 330, 345, 420, 540, 570, 600, 765, 840];

/** Seconds from `when` to the next midnight at `offset`, computed by hand: the day has 86,400 of them. */
function untilLocalMidnight(when: Date, offset: number): number {
  const utcSeconds = Math.floor(when.getTime() / 1000) % 86_400;
  const localSeconds = (((utcSeconds + offset * 60) % 86_400) + 86_400) % 86_400;
  return 86_400 - localSeconds;
}

export const checks: Check[] = [
  {
    name: 'Counts the seconds to the next midnight in the tenant’s zone',
    async run(ctx) {
      const seen: string[] = [];
      const cases: [Date, number][] = [
        [dayAt(int(1, 22), int(0, 59), 0), pick(WEST)],
        [dayAt(int(0, 23), int(0, 58), int(1, 59)), pick(EAST)],
        // East of UTC late in the UTC evening: the tenant's day has already turned.
        [dayAt(22, int(0, 59), int(0, 59)), pick(EAST.filter((o) => o >= 180))],
        [dayAt(int(1, 22), int(0, 59), int(0, 59)), 0],
      ];
      for (const [when, offset] of cases) {
        const expected = untilLocalMidnight(when, offset);
        const { value } = await ctx.call('secondsUntilLocalMidnight', offset, when);
        expect(value === expected, `At ${when.toISOString()} in ${zone(offset)} (offset ${offset}) there are ${expected} s to the tenant's midnight, got ${show(value)}.`);
        seen.push(`${clock(when)} UTC in ${zone(offset)} → ${expected}`);
      }
      return seen.join(', ') + '.';
    },
  },
  {
    name: 'Whole seconds, never short of midnight',
    async run(ctx) {
      // On a whole minute plus some milliseconds: only the rounding is under test here.
      const offset = pick([...WEST, ...EAST]);
      const when = dayAt(int(1, 22), int(0, 59), 0, int(1, 999));
      const expected = untilLocalMidnight(when, offset);
      const { value } = await ctx.call('secondsUntilLocalMidnight', offset, when);
      expect(value === expected, `At ${clock(when)} UTC in ${zone(offset)} the answer should round up to ${expected} (a TTL must not end before midnight), got ${show(value)}.`);
      return `${clock(when)} UTC in ${zone(offset)} → ${expected}.`;
    },
  },
  {
    name: "Never below KV's 60-second minimum",
    async run(ctx) {
      const offset = pick([...WEST, ...EAST]);
      // 23:59:xx on the tenant's clock.
      const when = new Date(dayAt(23, 59, int(1, 59)).getTime() - offset * 60_000);
      const left = untilLocalMidnight(when, offset);
      const local = `23:59:${String(60 - left).padStart(2, '0')} in ${zone(offset)}`;
      const { value } = await ctx.call('secondsUntilLocalMidnight', offset, when);
      expect(value === 60, `At ${clock(when)} UTC it is ${local}: KV would reject a TTL of ${left} s, so the answer should be 60, got ${show(value)}.`);
      return `${clock(when)} UTC (${local}) → 60.`;
    },
  },
  {
    name: 'Uses the current time by default, and KV accepts the result',
    async run(ctx) {
      const offset = pick([...WEST, ...EAST]);
      const { value: byDefault } = await ctx.call('secondsUntilLocalMidnight', offset);
      const { value: explicit } = await ctx.call('secondsUntilLocalMidnight', offset, new Date());
      expect(typeof byDefault === 'number' && typeof explicit === 'number' && Math.abs(byDefault - explicit) <= 2,
        `Called without a date it should count from now, like secondsUntilLocalMidnight(${offset}, new Date()) (${show(explicit)}), got ${show(byDefault)}.`);
      if (Number.isInteger(byDefault) && byDefault >= 60) {
        await ctx.directKv.put('daily-stats', '{}', { expirationTtl: byDefault });
        return `${byDefault} s from now in ${zone(offset)}; KV stored daily-stats expiring in ${await ctx.expiresIn('daily-stats')} s.`;
      }
      return `${byDefault} s from now in ${zone(offset)}.`;
    },
  },
];
