import type { KvApi } from '../kv/scoped-kv';

// #region invalidation
/**
 * Invalidation on delete: remove the row from the origin, then every cached key that was
 * built from it — the item itself and the lists and counts that included it.
 *
 * Forgetting a derived key is the classic bug: the item is gone, but the cached
 * "recent posts" list still shows it until its TTL runs out.
 *
 * The origin goes first, so a copy is never deleted for a row that stays. The price is a
 * window: if the request dies between the two steps (or a KV delete fails), the copies
 * outlive the row until their TTL ends. That TTL is the bound, which is why every cached
 * copy has one.
 */
export async function deleteAndInvalidate(
  kv: KvApi,
  deleteFromOrigin: () => Promise<boolean>,
  keys: string[],
): Promise<{ deleted: boolean; invalidated: string[]; failed: string[] }> {
  const deleted = await deleteFromOrigin();
  if (!deleted) return { deleted: false, invalidated: [], failed: [] };

  // Deleting a key that does not exist succeeds, so every key can be deleted blindly.
  // allSettled: one failed delete must neither hide the others nor fail a delete that happened.
  const results = await Promise.allSettled(keys.map((key) => kv.delete(key)));
  const failed = keys.filter((_, i) => results[i]!.status === 'rejected');
  for (const key of failed) console.error(`KV delete of ${key} failed; it expires on its TTL.`);
  return { deleted: true, invalidated: keys.filter((key) => !failed.includes(key)), failed };
}
// #endregion invalidation
