import { expect, show, type Check } from '../check';
import { dayAt, int } from './random';

const clock = (d: Date) => d.toISOString().slice(11, 23).replace(/\.000$/, '');

export const checks: Check[] = [
  {
    name: 'Counts the seconds to the next midnight UTC',
    async run(ctx) {
      const seen: string[] = [];
      for (const [h, m, s] of [[int(1, 22), int(0, 59), 0], [int(0, 23), int(0, 58), int(1, 59)], [23, 0, 0]] as const) {
        const when = dayAt(h, m, s);
        const expected = 86_400 - (h * 3600 + m * 60 + s);
        const { value } = await ctx.call('secondsUntilMidnightUtc', when);
        expect(value === expected, `At ${when.toISOString()} there are ${expected} s to midnight UTC, got ${show(value)}.`);
        seen.push(`${clock(when)} → ${expected}`);
      }
      return seen.join(', ') + '.';
    },
  },
  {
    name: 'Whole seconds, never short of midnight',
    async run(ctx) {
      // On a whole minute plus some milliseconds: only the rounding is under test here.
      const [h, m, s, ms] = [int(1, 22), int(0, 59), 0, int(1, 999)];
      const when = dayAt(h, m, s, ms);
      const expected = 86_400 - (h * 3600 + m * 60 + s);
      const { value } = await ctx.call('secondsUntilMidnightUtc', when);
      expect(value === expected, `At ${clock(when)} the answer should round up to ${expected} (a TTL must not end before midnight), got ${show(value)}.`);
      return `${clock(when)} → ${expected}.`;
    },
  },
  {
    name: "Never below KV's 60-second minimum",
    async run(ctx) {
      const when = dayAt(23, 59, int(1, 59));
      const left = 60 - when.getUTCSeconds();
      const { value } = await ctx.call('secondsUntilMidnightUtc', when);
      expect(value === 60, `At ${clock(when)} KV would reject a TTL of ${left} s: the answer should be 60, got ${show(value)}.`);
      return `${clock(when)} → 60.`;
    },
  },
  {
    name: 'Uses the current time by default, and KV accepts the result',
    async run(ctx) {
      const { value: byDefault } = await ctx.call('secondsUntilMidnightUtc');
      const { value: explicit } = await ctx.call('secondsUntilMidnightUtc', new Date());
      expect(typeof byDefault === 'number' && typeof explicit === 'number' && Math.abs(byDefault - explicit) <= 2,
        `Called without a date it should count from now, like secondsUntilMidnightUtc(new Date()) (${show(explicit)}), got ${show(byDefault)}.`);
      if (Number.isInteger(byDefault) && byDefault >= 60) {
        await ctx.directKv.put('daily-stats', '{}', { expirationTtl: byDefault });
        return `${byDefault} s from now; KV stored daily-stats expiring in ${await ctx.expiresIn('daily-stats')} s.`;
      }
      return `${byDefault} s from now.`;
    },
  },
];
