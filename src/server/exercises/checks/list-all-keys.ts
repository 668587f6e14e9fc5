import { expect, show, type Check, type CheckContext } from '../check';
import type { KvBridge } from '../../sandbox/bridge';

const PREFIX = 'catalog:';
const PAGE_SIZE = 10;
const expected = Array.from({ length: 23 }, (_, i) => `${PREFIX}item:${String(i + 1).padStart(2, '0')}`);

/** 23 keys under the prefix, and neighbours that must not be listed with them. */
async function seed(ctx: CheckContext) {
  const neighbours = ['catalog-archive:item:01', 'catalog-archive:item:02', 'other:item:01', 'other:item:02'];
  await Promise.all([...expected, ...neighbours].map((key) => ctx.store.put(key, '1', { expirationTtl: 3600 })));
}

/** Runs listAllKeys once against a KV that pages by 10 and, like real KV, can return empty pages. */
async function listOnce(ctx: CheckContext): Promise<{ names: unknown; kv: KvBridge }> {
  await seed(ctx);
  const kv = ctx.kv({ listPageSize: PAGE_SIZE, emptyPagesBeforeEnd: true });
  const { value } = await ctx.call('listAllKeys', kv, PREFIX);
  return { names: value, kv };
}

export const checks: Check[] = [
  {
    name: 'Returns every key under the prefix, each once',
    async run(ctx) {
      const { names } = await listOnce(ctx);
      expect(Array.isArray(names), `listAllKeys should return an array of key names, got ${show(names)}.`);
      const got = [...(names as unknown[])].map(String).sort();
      const missing = expected.filter((k) => !got.includes(k));
      const extra = got.filter((k) => !expected.includes(k));
      expect(missing.length === 0, `${missing.length} of the 23 keys are missing, e.g. ${missing[0]}. Follow the cursor to the last page.`);
      expect(extra.length === 0, `Keys that are not under "${PREFIX}" or not key names came back, e.g. ${show(extra[0])}.`);
      expect(got.length === expected.length, `Each key should appear once; got ${got.length} names for 23 keys.`);
      return `All 23 keys, read in pages of ${PAGE_SIZE}.`;
    },
  },
  {
    name: 'Passes the same prefix with every cursor',
    async run(ctx) {
      const { kv } = await listOnce(ctx);
      expect(kv.listCalls.length > 1, 'list() was called once: with pages of 10 keys, 23 keys need several calls.');
      const wrong = kv.listCalls.findIndex((c) => c.prefix !== PREFIX);
      expect(wrong < 0, `Call ${wrong + 1} of list() passed prefix ${show(kv.listCalls[wrong]?.prefix)}: every page needs prefix "${PREFIX}".`);
      return `${kv.listCalls.length} list() calls, each with prefix "${PREFIX}".`;
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
