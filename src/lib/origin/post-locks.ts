/**
 * One write-through edit of a post at a time, per learner: a lock row in D1.
 *
 * KV cannot do this part. It has no conditional put, so two edits that overlap could each
 * put their copy, and the older copy could land last (last write wins). D1 can: one
 * statement takes the lock only if it is free, and D1 runs statements one at a time.
 */

/** A lock left by a writer that crashed is free again after this long. */
export const LOCK_SECONDS = 10;

// Insert the lock, or take over one that has expired; otherwise change nothing.
const TAKE = `
  INSERT INTO post_locks (learner_id, post_id, token, expires_at)
  VALUES (?1, ?2, ?3, unixepoch() + ?4)
  ON CONFLICT (learner_id, post_id) DO UPDATE SET
    token = excluded.token,
    expires_at = excluded.expires_at
  WHERE post_locks.expires_at <= unixepoch()`;

const RELEASE = `DELETE FROM post_locks WHERE learner_id = ?1 AND post_id = ?2 AND token = ?3`;

/**
 * Run `work` while holding the post's lock, waiting up to `waitMs` for it (with backoff).
 * Returns `{ locked: false }` without running `work` when another edit kept it that long.
 */
export async function withPostLock<T>(
  db: D1Database,
  learnerId: string,
  postId: number,
  work: () => Promise<T>,
  { waitMs = 3000 } = {},
): Promise<{ locked: true; value: T } | { locked: false }> {
  const token = crypto.randomUUID();
  const giveUpAt = Date.now() + waitMs;
  for (let delay = 10; ; delay = Math.min(delay * 2, 100)) {
    const take = await db.prepare(TAKE).bind(learnerId, postId, token, LOCK_SECONDS).run();
    if (take.meta.changes === 1) break;
    if (Date.now() + delay > giveUpAt) return { locked: false };
    await new Promise((resolve) => setTimeout(resolve, delay * (0.5 + Math.random())));
  }
  try {
    return { locked: true, value: await work() };
  } finally {
    await db.prepare(RELEASE).bind(learnerId, postId, token).run();
  }
}
