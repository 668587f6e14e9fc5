import { expect, show, type Check, type CheckContext } from '../check';
import type { KvBridge } from '../../sandbox/bridge';
import { int, pick, word } from './random';

const PAGE_SIZE = 10;
const STATUSES = ['published', 'draft', 'archived'] as const;

/**
 * A different prefix, number of keys, mix of statuses and status asked for every time (so the
 * answer cannot be written down); keys without metadata; and neighbours that share the
 * prefix's first letters and the status but must not be listed with it.
 */
async function seed(ctx: CheckContext) {
  const name = word();
  const prefix = `${name}:`;
  const status = pick(STATUSES);
  const keys = Array.from({ length: int(21, 39) }, (_, i) => ({
    key: `${prefix}item:${String(i + 1).padStart(2, '0')}`,
    // Every third key or so has the status asked for; one in ten has no metadata at all.
    metadata: int(0, 9) === 0 ? undefined : { status: int(0, 2) === 0 ? status : pick(STATUSES.filter((s) => s !== status)) },
  }));
  // At least two keys match, and at least two do not, whatever the dice said.
  keys[0]!.metadata = { status };
  keys[keys.length - 1]!.metadata = { status };
  keys[1]!.metadata = { status: pick(STATUSES.filter((s) => s !== status)) };
  keys[2]!.metadata = undefined;
  const neighbours = [`${name}-archive:item:01`, `${name}x:item:01`, 'other:item:01'];
  await Promise.all([
    ...keys.map(({ key, metadata }) => ctx.directKv.put(key, '{"price":1}', { expirationTtl: 3600, metadata })),
    ...neighbours.map((key) => ctx.directKv.put(key, '{"price":1}', { expirationTtl: 3600, metadata: { status } })),
  ]);
  return { prefix, status, expected: keys.filter((k) => k.metadata?.status === status).map((k) => k.key), total: keys.length };
}

/** Runs listKeysByStatus once against a KV that pages by 10 and, like real KV, can return empty pages. */
async function listOnce(ctx: CheckContext) {
  const seeded = await seed(ctx);
  const kv: KvBridge = ctx.kv({ listPageSize: PAGE_SIZE, emptyPagesBeforeEnd: true });
  const { value } = await ctx.call('listKeysByStatus', kv, seeded.prefix, seeded.status);
  return { names: value, kv, ...seeded };
}

export const checks: Check[] = [
  {
    name: 'Returns every key under the prefix with that status, each once',
    async run(ctx) {
      const { names, prefix, status, expected, total } = await listOnce(ctx);
      expect(Array.isArray(names), `listKeysByStatus should return an array of key names, got ${show(names)}.`);
      const got = [...(names as unknown[])].map(String).sort();
      const missing = expected.filter((k) => !got.includes(k));
      const extra = got.filter((k) => !expected.includes(k));
      expect(missing.length === 0, `${missing.length} of the ${expected.length} keys with status "${status}" are missing, e.g. ${missing[0]}. Follow the cursor to the last page.`);
      expect(
        extra.length === 0,
        `${show(extra[0])} came back, but it is not a key under "${prefix}" whose metadata has status "${status}" (${extra.length} such names of ${got.length}). Keep only keys whose metadata.status is "${status}".`,
      );
      expect(got.length === expected.length, `Each key should appear once; got ${got.length} names for ${expected.length} keys.`);
      return `The ${expected.length} keys of ${total} with status "${status}", read in pages of ${PAGE_SIZE}.`;
    },
  },
  {
    name: 'Reads the status from the listing, without a get per key',
    async run(ctx) {
      const { kv, total } = await listOnce(ctx);
      expect(kv.reads === 0, `${kv.reads} get calls for ${total} keys: list() returns each key's metadata with its name, so no value needs reading.`);
      return `No get: ${kv.listCalls.length} list() calls brought every status.`;
    },
  },
  {
    name: 'Passes the same prefix with every cursor',
    async run(ctx) {
      const { kv, prefix, total } = await listOnce(ctx);
      expect(kv.listCalls.length > 1, `list() was called once: with pages of 10 keys, ${total} keys need several calls.`);
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
