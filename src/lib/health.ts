/**
 * Real round trips to each binding: a KV read and a D1 query against the seeded origin.
 * A flag is true only when the call came back without an error.
 */
export async function checkHealth(kv: KVNamespace, db: D1Database) {
  const [kvOk, d1Ok] = await Promise.all([
    kv.get('health:probe').then(
      () => true,
      () => false,
    ),
    db
      .prepare('SELECT COUNT(*) AS posts FROM posts')
      .first<{ posts: number }>()
      .then(
        (row) => (row?.posts ?? 0) > 0,
        () => false,
      ),
  ]);
  return { ok: kvOk && d1Ok, kv: kvOk, d1: d1Ok };
}
