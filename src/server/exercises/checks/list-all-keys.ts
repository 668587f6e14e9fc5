import { expect, show, type Check, type CheckContext } from '../check';
import type { KvBridge } from '../../sandbox/bridge';
import { int, word } from './random';

const PAGE_SIZE = 10;

/**
 * A different prefix and number of keys every time (so the answer cannot be written down),
 * and neighbours that share the prefix's first letters but must not be listed with it.
 */
async function seed(ctx: CheckContext) {
  const name = word();
  const prefix = `${name}:`;
  const expected = Array.from({ length: int(21, 39) }, (_, i) => `${prefix}item:${String(i + 1).padStart(2, '0')}`);
  const neighbours = [`${name}-archive:item:01`, `${name}-archive:item:02`, `${name}x:item:01`, 'other:item:01'];
  await Promise.all([...expected, ...neighbours].map((key) => ctx.directKv.put(key, '1', { expirationTtl: 3600 })));
  return { prefix, expected };
}

/** Runs listAllKeys once against a KV that pages by 10 and, like real KV, can return empty pages. */
async function listOnce(ctx: CheckContext): Promise<{ names: unknown; kv: KvBridge; prefix: string; expected: string[] }> {
  const { prefix, expected } = await seed(ctx);
  const kv = ctx.kv({ listPageSize: PAGE_SIZE, emptyPagesBeforeEnd: true });
  const { value } = await ctx.call('listAllKeys', kv, prefix);
  return { names: value, kv, prefix, expected };
}

export const checks: Check[] = [
  {
    name: 'Returns every key under the prefix, each once',
    async run(ctx) {
      const { names, prefix, expected } = await listOnce(ctx);
      expect(Array.isArray(names), `listAllKeys should return an array of key names, got ${show(names)}.`);
      const got = [...(names as unknown[])].map(String).sort();
      const missing = expected.filter((k) => !got.includes(k));
      const extra = got.filter((k) => !expected.includes(k));
      expect(missing.length === 0, `${missing.length} of the ${expected.length} keys are missing, e.g. ${missing[0]}. Follow the cursor to the last page.`);
      expect(extra.length === 0, `Keys that are not under "${prefix}" or not key names came back, e.g. ${show(extra[0])}.`);
      expect(got.length === expected.length, `Each key should appear once; got ${got.length} names for ${expected.length} keys.`);
      return `All ${expected.length} keys, read in pages of ${PAGE_SIZE}.`;
    },
  },
  {
    name: 'Passes the same prefix with every cursor',
    async run(ctx) {
      const { kv, prefix, expected } = await listOnce(ctx);
      expect(kv.listCalls.length > 1, `list() was called once: with pages of 10 keys, ${expected.length} keys need several calls.`);
      const wrong = kv.listCalls.findIndex((c) => c.prefix !== prefix);
      expect(wrong < 0, `Call ${wrong + 1} of list() passed prefix ${show(kv.listCalls[wrong]?.prefix)}: every page needs prefix "${prefix}".`);
      return `${kv.listCalls.length} list() calls, each with prefix "${prefix}".`;
    },
  },
  {
    name: 'Stops on list_complete, not on an empty page',
    async run(ctx) {
      const { kv } = await listOnce(ctx);
      const complete = kv.listCalls.findIndex((c) => c.listComplete);
      expect(complete >= 0, 'The code stopped before KV said list_complete: true — an empty page does not mean the end.');
      expect(complete === kv.listCalls.length - 1, `list() was called again after list_complete: true (${kv.listCalls.length - complete - 1} extra calls).`);
      return `Went past the empty page and stopped after call ${complete + 1}, on list_complete.`;
    },
  },
];
