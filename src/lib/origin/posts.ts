/**
 * The origin: posts in D1, seen through the learner's overlay (`post_edits`), so that a
 * learner's edits and deletes in the demos are visible to that learner only.
 */

export interface Post {
  id: number;
  slug: string;
  title: string;
  body: string;
  author: string;
  published_at: string;
  updated_at: string;
  /** Aggregated from `page_views` on every origin read: the expensive part of a MISS. */
  stats: { views: number; visitors: number };
}

/** What origin reads cost, summed from D1's own `meta` of each query. */
export interface OriginCost {
  queries: number;
  rowsRead: number;
}

export const newOriginCost = (): OriginCost => ({ queries: 0, rowsRead: 0 });

// The overlay: a learner's row in post_edits wins over the original; `deleted` hides the post.
const SELECT_POST = `
  SELECT p.id, p.slug,
         COALESCE(e.title, p.title)           AS title,
         COALESCE(e.body, p.body)             AS body,
         p.author, p.published_at,
         COALESCE(e.updated_at, p.updated_at) AS updated_at
    FROM posts p
    LEFT JOIN post_edits e ON e.post_id = p.id AND e.learner_id = ?1
   WHERE p.id = ?2 AND COALESCE(e.deleted, 0) = 0`;

// No index on page_views.post_id: this scans the table, as reporting queries often do.
const SELECT_POST_STATS = `
  SELECT COUNT(*) AS views, COUNT(DISTINCT visitor_id) AS visitors
    FROM page_views
   WHERE post_id = ?1`;

const DELETE_LEARNER_EDITS = `DELETE FROM post_edits WHERE learner_id = ?1`;

function account(cost: OriginCost | undefined, meta: D1Meta) {
  if (!cost) return;
  cost.queries += 1;
  cost.rowsRead += meta.rows_read ?? 0;
}

/** One post with its view statistics, or `null` when it does not exist for this learner. */
export async function loadPost(
  db: D1Database,
  learnerId: string,
  id: number,
  cost?: OriginCost,
): Promise<Post | null> {
  const post = await db.prepare(SELECT_POST).bind(learnerId, id).run<Omit<Post, 'stats'>>();
  account(cost, post.meta);
  const row = post.results[0];
  if (!row) return null;

  const stats = await db.prepare(SELECT_POST_STATS).bind(id).run<Post['stats']>();
  account(cost, stats.meta);
  return { ...row, stats: stats.results[0] ?? { views: 0, visitors: 0 } };
}

/** Forget every origin edit this learner made: the original rows show through again. */
export async function restoreOrigin(db: D1Database, learnerId: string): Promise<number> {
  const result = await db.prepare(DELETE_LEARNER_EDITS).bind(learnerId).run();
  return result.meta.changes ?? 0;
}
