import type { KvApi } from '../kv/scoped-kv';

/**
 * Invalidation on delete: remove the row from the origin, then every cached key that was
 * built from it — the item itself and the lists and counts that included it.
 *
 * Forgetting a derived key is the classic bug: the item is gone, but the cached
 * "recent posts" list still shows it until its TTL runs out.
 */
export async function deleteAndInvalidate(
  kv: KvApi,
  deleteFromOrigin: () => Promise<boolean>,
  keys: string[],
): Promise<{ deleted: boolean; invalidated: string[] }> {
  const deleted = await deleteFromOrigin();
  if (!deleted) return { deleted: false, invalidated: [] };

  // Deleting a key that does not exist succeeds, so every key can be deleted blindly.
  await Promise.all(keys.map((key) => kv.delete(key)));
  return { deleted: true, invalidated: keys };
}
