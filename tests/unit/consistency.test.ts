import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import {
  cachedAt,
  convergence,
  createModel,
  localWrite,
  readAt,
  storeRead,
  timeline,
} from '../../src/lib/consistency/model';
import { clearStore, MODEL_KEY, readStore, writeStore } from '../../src/lib/demos/consistency';
import { learnerScope } from '../../src/lib/learner-scope';

const alice = learnerScope('alice_cons_0000000000000');
const bob = learnerScope('bob_cons_000000000000000');

describe('consistency model (pure, explicit clock)', () => {
  it('refuses a cacheTtl under 30 s, like KV', () => {
    expect(() => createModel(29)).toThrow(/at least 30/);
    expect(() => createModel(30)).not.toThrow();
  });

  it('caches a negative lookup: the location keeps answering null after the write, until cacheTtl', async () => {
    let state = createModel(30);
    let store: string | null = null;
    const read = async (location: string, now: number) => {
      const result = await readAt(state, location, now, async () => store);
      state = result.state;
      return result;
    };

    expect(await read('nrt', 0)).toMatchObject({ value: null, source: 'store' });
    store = 'hello';
    state = localWrite(state, 'fra', 'hello', 1_000);

    expect(await read('fra', 2_000)).toMatchObject({ value: 'hello', source: 'location-cache' });
    expect(await read('nrt', 29_999)).toMatchObject({ value: null, source: 'location-cache' });
    expect(convergence(state, 'hello', 29_999).find((v) => v.location.id === 'nrt')?.converged).toBe(false);
    expect(await read('nrt', 30_000)).toMatchObject({ value: 'hello', source: 'store' });
    expect(convergence(state, 'hello', 30_000).every((v) => v.converged)).toBe(true);
  });

  it('draws the timeline from the fills of each location’s cache', () => {
    let state = createModel(30);
    state = storeRead(state, 'gru', null, 0);
    state = localWrite(state, 'fra', 'v1', 5_000);
    state = storeRead(state, 'gru', 'v1', 40_000);
    expect(timeline(state, 50_000)).toEqual([
      { location: 'fra', from: 5_000, to: 35_000, value: 'v1' },
      { location: 'gru', from: 0, to: 30_000, value: null },
      { location: 'gru', from: 40_000, to: 50_000, value: 'v1' },
    ]);
    expect(cachedAt(state, 'fra', 35_000)).toBeNull();
  });
});

describe('the model in front of the real KV', () => {
  it('locations converge on a value written to the real store', async () => {
    await clearStore(env, alice);
    let state = createModel(30);
    const fromKv = async () => (await readStore(env, alice)).data.value;
    for (const [i, loc] of ['fra', 'gru', 'nrt', 'syd'].entries()) state = (await readAt(state, loc, i * 1000, fromKv)).state;

    const write = await writeStore(env, alice, 'hello');
    expect(write).toMatchObject({ key: MODEL_KEY, attempts: 1, data: { value: 'hello' } });
    state = localWrite(state, 'fra', 'hello', 10_000);
    expect(convergence(state, 'hello', 10_000).filter((v) => !v.converged).map((v) => v.location.id)).toEqual(['gru', 'nrt', 'syd']);

    for (const loc of ['gru', 'nrt', 'syd']) state = (await readAt(state, loc, 40_000, fromKv)).state;
    expect(convergence(state, 'hello', 40_000).every((v) => v.converged)).toBe(true);
    expect((await readStore(env, bob)).data.value).toBeNull();
  });
});
