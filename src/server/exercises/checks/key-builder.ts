import { expect, show, type Check } from '../check';
import { int, pick, word } from './random';

export const checks: Check[] = [
  {
    name: 'buildKey joins the parts with ":", broadest first',
    async run(ctx) {
      const parts = [word(), int(1, 99_999), word()] as const;
      const want = parts.join(':');
      const { value } = await ctx.call('buildKey', ...parts);
      expect(value === want, `buildKey(${parts.map((p) => show(p)).join(', ')}) should be "${want}", got ${show(value)}.`);
      return `buildKey(${parts.map((p) => show(p)).join(', ')}) → ${want}`;
    },
  },
  {
    name: 'buildKey refuses an empty part',
    async run(ctx) {
      const args = [word(), word(), word()];
      args[int(0, 2)] = '';
      const outcome = await ctx.callAllowingError('buildKey', ...args);
      expect(outcome.error, `buildKey(${args.map((p) => show(p)).join(', ')}) should throw (a key with an empty part, like user::profile, is a bug), got ${show(outcome.value)}.`);
      return `Threw: ${outcome.error.message}`;
    },
  },
  {
    name: 'versionedKey puts v<version> in front',
    async run(ctx) {
      const version = int(1, 500);
      const parts = [word(), word()];
      const want = `v${version}:${parts.join(':')}`;
      const { value } = await ctx.call('versionedKey', version, ...parts);
      expect(value === want, `versionedKey(${version}, ${parts.map((p) => show(p)).join(', ')}) should be "${want}", got ${show(value)}.`);
      return `versionedKey(${version}, ${parts.map((p) => show(p)).join(', ')}) → ${want}`;
    },
  },
  {
    name: 'versionedKey refuses a version that is not a whole number from 1',
    async run(ctx) {
      const bad = [0, pick([1.5, 2.25, 7.5]), -int(1, 9)];
      const part = word();
      for (const version of bad) {
        const outcome = await ctx.callAllowingError('versionedKey', version, part);
        expect(outcome.error, `versionedKey(${version}, ${show(part)}) should throw, got ${show(outcome.value)}.`);
      }
      return `Threw for ${bad.join(', ')}.`;
    },
  },
  {
    name: 'buildKey refuses a key over 512 bytes',
    async run(ctx) {
      // Random parts of many bytes each: "é" is 2 bytes of UTF-8 and 6 characters once escaped.
      const short = [word(), 'é'.repeat(int(5, 20))];
      const { value: fits } = await ctx.call('buildKey', ...short);
      expect(typeof fits === 'string' && fits.length > 0, `buildKey(${short.map((p) => show(p)).join(', ')}) is a short key and should be built, got ${show(fits)}.`);
      // 520–600 bytes however it is written: raw UTF-8 and escaped alike are over the limit,
      // while the raw text is under 512 characters (so counting characters is not enough).
      const long = [word(), 'é'.repeat(int(260, 300))];
      const outcome = await ctx.callAllowingError('buildKey', ...long);
      if (!outcome.error) {
        const bytes = new TextEncoder().encode(String(outcome.value)).length;
        expect(bytes <= 512, `buildKey(${show(long[0])}, "é" × ${long[1]!.length}) built a key of ${bytes} bytes; KV refuses keys over 512 bytes. Throw for it (count bytes, not characters).`);
      }
      return outcome.error ? `Threw for ${long[1]!.length} × "é": ${outcome.error.message}` : 'The long key fits in 512 bytes.';
    },
  },
  {
    name: 'Tenant ids are compared without case',
    async run(ctx) {
      const tenant = word();
      const shouted = [...tenant].map((c, i) => (i % int(1, 3) === 0 ? c.toUpperCase() : c)).join('');
      const item = word();
      const { value: lower } = await ctx.call('tenantKey', tenant, item);
      const { value: mixed } = await ctx.call('tenantKey', shouted, item);
      expect(
        mixed === lower,
        `tenantKey(${show(shouted)}, ${show(item)}) is ${show(mixed)} but tenantKey(${show(tenant)}, ${show(item)}) is ${show(lower)}: one tenant, two caches. Lowercase the tenant id.`,
      );
      return `${shouted} and ${tenant} both → ${lower}.`;
    },
  },
  {
    name: 'tenantKey keeps tenants apart in KV',
    async run(ctx) {
      const [a, b] = [word(), word() + 'x'];
      const item = word();
      const { value: first } = await ctx.call('tenantKey', a, item);
      expect(first === `tenant:${a}:${item}`, `tenantKey(${show(a)}, ${show(item)}) should be "tenant:${a}:${item}", got ${show(first)}.`);
      const { value: second } = await ctx.call('tenantKey', b, item);
      await ctx.directKv.put(String(first), '{"theme":"dark"}', { expirationTtl: 3600 });
      await ctx.directKv.put(String(second), '{"theme":"light"}', { expirationTtl: 3600 });
      const { keys } = await ctx.directKv.list({ prefix: `tenant:${a}:` });
      expect(keys.length === 1, `A list by "tenant:${a}:" should find ${a}'s one key, found ${keys.length}.`);
      return `tenant:${a}:${item}; a list by tenant:${a}: finds only ${a}.`;
    },
  },
  {
    name: 'A tenant id containing ":" cannot reach another tenant\'s keys',
    async run(ctx) {
      const [tenant, role, item] = [word(), word(), word()];
      const forged = `${tenant}:${role}`;
      const outcome = await ctx.callAllowingError('tenantKey', forged, item);
      if (outcome.error) return `Refused ${show(forged)}: ${outcome.error.message}`;
      const { value: honest } = await ctx.call('tenantKey', tenant, role, item);
      expect(
        outcome.value !== honest,
        `tenantKey(${show(forged)}, ${show(item)}) and tenantKey(${show(tenant)}, ${show(role)}, ${show(item)}) are both ${show(honest)}: the ":" inside the id became a separator. Escape each part (encodeURIComponent turns ":" into "%3A") or throw.`,
      );
      const key = String(outcome.value);
      expect(
        !key.startsWith(`tenant:${tenant}:`),
        `tenantKey(${show(forged)}, ${show(item)}) is ${show(key)}, which a list by "tenant:${tenant}:" returns as ${tenant}'s own key. Escape the ":" in the id (encodeURIComponent) or throw.`,
      );
      return `tenantKey(${show(forged)}, ${show(item)}) → ${key}, outside tenant:${tenant}:.`;
    },
  },
];
