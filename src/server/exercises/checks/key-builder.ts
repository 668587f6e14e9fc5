import { expect, show, type Check } from '../check';

export const checks: Check[] = [
  {
    name: 'buildKey joins the parts with ":", broadest first',
    async run(ctx) {
      const { value } = await ctx.call('buildKey', 'user', 123, 'profile');
      expect(value === 'user:123:profile', `buildKey('user', 123, 'profile') should be "user:123:profile", got ${show(value)}.`);
      return 'buildKey(\'user\', 123, \'profile\') → user:123:profile';
    },
  },
  {
    name: 'buildKey refuses an empty part',
    async run(ctx) {
      const outcome = await ctx.callAllowingError('buildKey', 'user', '', 'profile');
      expect(outcome.error, `buildKey('user', '', 'profile') should throw (a key like user::profile is a bug), got ${show(outcome.value)}.`);
      return `Threw: ${outcome.error.message}`;
    },
  },
  {
    name: 'versionedKey puts v<version> in front',
    async run(ctx) {
      const { value } = await ctx.call('versionedKey', 3, 'posts', 'recent');
      expect(value === 'v3:posts:recent', `versionedKey(3, 'posts', 'recent') should be "v3:posts:recent", got ${show(value)}.`);
      return 'versionedKey(3, \'posts\', \'recent\') → v3:posts:recent';
    },
  },
  {
    name: 'versionedKey refuses a version that is not a whole number from 1',
    async run(ctx) {
      for (const bad of [0, 1.5, -2]) {
        const outcome = await ctx.callAllowingError('versionedKey', bad, 'posts');
        expect(outcome.error, `versionedKey(${bad}, 'posts') should throw, got ${show(outcome.value)}.`);
      }
      return 'Threw for 0, 1.5 and -2.';
    },
  },
  {
    name: 'tenantKey keeps tenants apart in KV',
    async run(ctx) {
      const { value: acme } = await ctx.call('tenantKey', 'acme', 'config');
      expect(acme === 'tenant:acme:config', `tenantKey('acme', 'config') should be "tenant:acme:config", got ${show(acme)}.`);
      const { value: globex } = await ctx.call('tenantKey', 'globex', 'config');
      await ctx.store.put(String(acme), '{"theme":"dark"}', { expirationTtl: 3600 });
      await ctx.store.put(String(globex), '{"theme":"light"}', { expirationTtl: 3600 });
      const { keys } = await ctx.store.list({ prefix: 'tenant:acme:' });
      expect(keys.length === 1, `A list by "tenant:acme:" should find acme's one key, found ${keys.length}.`);
      return 'tenant:acme:config; a list by tenant:acme: finds only acme.';
    },
  },
];
