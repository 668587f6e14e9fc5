import { describe, expect, it } from 'vitest';
import { buildKey, childKey, tenantKey, tenantPrefix, versionedKey } from '../../src/lib/patterns/keys';

/** mulberry32: a tiny seeded generator, so a failure can be replayed from its seed. */
function seeded(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Characters that make keys collide when they are pasted in unescaped: the separator, the
// escape character itself, and what an escaped part looks like.
const ALPHABET = ['a', 'b', ':', '%', '3', 'A', '2', '5', ' ', 'é'];

function randomPart(next: () => number): string {
  const length = 1 + Math.floor(next() * 5);
  return Array.from({ length }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]!).join('');
}

function randomParts(next: () => number): string[] {
  return Array.from({ length: 1 + Math.floor(next() * 3) }, () => randomPart(next));
}

const SEED = 20261201;
const RUNS = 3000;

describe('keys cannot collide', () => {
  it("the known collision: tenant 'acme:admin' is not tenant 'acme' with a part 'admin'", () => {
    expect(tenantKey('acme:admin', 'config')).toBe('tenant:acme%3Aadmin:config');
    expect(tenantKey('acme:admin', 'config')).not.toBe(tenantKey('acme', 'admin', 'config'));
    expect(tenantKey('acme', 'admin', 'config').startsWith(tenantPrefix('acme:admin'))).toBe(false);
    expect(tenantKey('acme:admin', 'config').startsWith(tenantPrefix('acme'))).toBe(false);
  });

  it('plain parts are kept as they are, so keys stay readable', () => {
    expect(buildKey('user', 123, 'profile')).toBe('user:123:profile');
    expect(versionedKey(3, 'posts', 'recent')).toBe('v3:posts:recent');
    expect(tenantKey('acme', 'config')).toBe('tenant:acme:config');
    expect(tenantPrefix('acme')).toBe('tenant:acme:');
    expect(childKey('tenant:acme:posts', 'v3', 'post', 1)).toBe('tenant:acme:posts:v3:post:1');
  });

  it('empty parts and text that is not valid Unicode are refused', () => {
    expect(() => buildKey('user', '', 'profile')).toThrow(/empty/);
    expect(() => buildKey()).toThrow();
    expect(() => tenantKey('\ud800', 'config')).toThrow(/Unicode/);
  });

  it(`distinct lists of parts give distinct keys (${RUNS} seeded cases, seed ${SEED})`, () => {
    const next = seeded(SEED);
    const seen = new Map<string, string>();
    for (let i = 0; i < RUNS; i++) {
      const parts = randomParts(next);
      const identity = JSON.stringify(parts);
      const key = buildKey(...parts);
      const before = seen.get(key);
      expect(before === undefined || before === identity, `${identity} and ${before} both give ${key}`).toBe(true);
      seen.set(key, identity);
    }
    // The generator must actually produce separators, or the property proves nothing.
    expect([...seen.values()].some((parts) => parts.includes(':'))).toBe(true);
  });

  it(`a tenant's list prefix never matches another tenant's keys (${RUNS} seeded cases)`, () => {
    const next = seeded(SEED + 1);
    let compared = 0;
    for (let i = 0; i < RUNS; i++) {
      const [a, b] = [randomPart(next), randomPart(next)];
      const key = tenantKey(b, ...randomParts(next));
      if (a === b) {
        expect(key.startsWith(tenantPrefix(a))).toBe(true);
      } else {
        compared++;
        expect(key.startsWith(tenantPrefix(a)), `tenant ${JSON.stringify(a)} would list ${key}`).toBe(false);
      }
    }
    expect(compared).toBeGreaterThan(RUNS / 2);
  });
});
