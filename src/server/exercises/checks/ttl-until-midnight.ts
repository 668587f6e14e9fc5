import { expect, show, type Check } from '../check';

const at = (iso: string) => new Date(iso);

export const checks: Check[] = [
  {
    name: 'Counts the seconds to the next midnight UTC',
    async run(ctx) {
      for (const [iso, expected] of [['2026-03-14T23:00:00Z', 3600], ['2026-03-14T22:59:15Z', 3645], ['2026-12-31T18:30:00Z', 19_800]] as const) {
        const { value } = await ctx.call('secondsUntilMidnightUtc', at(iso));
        expect(value === expected, `At ${iso} there are ${expected} s to midnight UTC, got ${show(value)}.`);
      }
      return '23:00 → 3600, 22:59:15 → 3645, 18:30 on 31 Dec → 19800.';
    },
  },
  {
    name: 'Whole seconds, never short of midnight',
    async run(ctx) {
      const { value } = await ctx.call('secondsUntilMidnightUtc', at('2026-03-14T23:00:00.250Z'));
      expect(value === 3600, `At 23:00:00.250 the answer should round up to 3600 (a TTL must not end before midnight), got ${show(value)}.`);
      return '23:00:00.250 → 3600.';
    },
  },
  {
    name: "Never below KV's 60-second minimum",
    async run(ctx) {
      const { value } = await ctx.call('secondsUntilMidnightUtc', at('2026-03-14T23:59:30Z'));
      expect(value === 60, `At 23:59:30 KV would reject a TTL of 30 s: the answer should be 60, got ${show(value)}.`);
      return '23:59:30 → 60.';
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
        await ctx.store.put('daily-stats', '{}', { expirationTtl: byDefault });
        return `${byDefault} s from now; KV stored daily-stats expiring in ${await ctx.expiresIn('daily-stats')} s.`;
      }
      return `${byDefault} s from now.`;
    },
  },
];
