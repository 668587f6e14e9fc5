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
// `id <= ?2` bounds the scan to the first ?2 rows (ORIGIN_SCAN_ROWS): a range of the primary
// key, so D1 reads exactly those rows; the default is every row of the seed.
const SELECT_POST_STATS = `
  SELECT COUNT(*) AS views, COUNT(DISTINCT visitor_id) AS visitors
    FROM page_views
   WHERE post_id = ?1 AND id <= ?2`;

/** Rows in the seeded page_views table (migrations/0004_seed_page_views.sql). */
export const PAGE_VIEW_ROWS = 150_000;

/**
 * How reads of page_views are bounded: how many rows one read scans, and a gate asked before
 * each scan, which throws when the learner may not scan now (their budget is spent).
 */
export interface PageViewScan {
  rows: number;
  admit?: () => Promise<void>;
}

/** The whole table, ungated: the lessons' price of a MISS, and what tests and exercises use. */
export const FULL_SCAN: PageViewScan = { rows: PAGE_VIEW_ROWS };

/**
 * ORIGIN_SCAN_ROWS from wrangler.toml `[vars]` (or `--var`): a whole number of rows from 1 to
 * the table's size. Unset means the whole table; anything else is a configuration mistake
 * worth stopping for, rather than silently scanning more than the operator asked.
 */
export function parseScanRows(value: unknown): number {
  if (value === undefined || value === '') return PAGE_VIEW_ROWS;
  const text = String(value).trim();
  const rows = /^[0-9]{1,7}$/.test(text) ? Number(text) : NaN;
  if (!(rows >= 1 && rows <= PAGE_VIEW_ROWS)) {
    throw new Error(
      `ORIGIN_SCAN_ROWS must be a whole number from 1 to ${PAGE_VIEW_ROWS} (rows of page_views one origin read scans); it is ${JSON.stringify(value)}. Fix it in wrangler.toml [vars] or the --var flag.`,
    );
  }
  return rows;
}

// Posts visible to the learner, newest first, without the expensive per-post statistics.
const SELECT_RECENT = `
  SELECT p.id, p.slug,
         COALESCE(e.title, p.title)           AS title,
         p.author, p.published_at,
         COALESCE(e.updated_at, p.updated_at) AS updated_at
    FROM posts p
    LEFT JOIN post_edits e ON e.post_id = p.id AND e.learner_id = ?1
   WHERE COALESCE(e.deleted, 0) = 0
   ORDER BY p.published_at DESC
   LIMIT ?2`;

const COUNT_POSTS = `
  SELECT COUNT(*) AS count
    FROM posts p
    LEFT JOIN post_edits e ON e.post_id = p.id AND e.learner_id = ?1
   WHERE COALESCE(e.deleted, 0) = 0`;

// An edit replaces the learner's overlay row; title/body left NULL keep the original.
const UPSERT_EDIT = `
  INSERT INTO post_edits (learner_id, post_id, title, body, deleted, updated_at)
  VALUES (?1, ?2, ?3, ?4, 0, ?5)
  ON CONFLICT (learner_id, post_id) DO UPDATE SET
    title = COALESCE(excluded.title, post_edits.title),
    body = COALESCE(excluded.body, post_edits.body),
    updated_at = excluded.updated_at
  WHERE post_edits.deleted = 0`;

const MARK_DELETED = `
  INSERT INTO post_edits (learner_id, post_id, deleted, updated_at)
  VALUES (?1, ?2, 1, ?3)
  ON CONFLICT (learner_id, post_id) DO UPDATE SET deleted = 1, updated_at = excluded.updated_at`;

const DELETE_LEARNER_EDITS = `DELETE FROM post_edits WHERE learner_id = ?1`;

function account(cost: OriginCost | undefined, meta: D1Meta) {
  if (!cost) return;
  cost.queries += 1;
  cost.rowsRead += meta.rows_read ?? 0;
}

/**
 * One post with its view statistics, or `null` when it does not exist for this learner.
 * The statistics scan page_views (`scan.rows` rows, after `scan.admit`); a post that does
 * not exist costs no scan.
 */
export async function loadPost(
  db: D1Database,
  learnerId: string,
  id: number,
  cost?: OriginCost,
  scan: PageViewScan = FULL_SCAN,
): Promise<Post | null> {
  const post = await db.prepare(SELECT_POST).bind(learnerId, id).run<Omit<Post, 'stats'>>();
  account(cost, post.meta);
  const row = post.results[0];
  if (!row) return null;

  await scan.admit?.();
  const stats = await db.prepare(SELECT_POST_STATS).bind(id, scan.rows).run<Post['stats']>();
  account(cost, stats.meta);
  return { ...row, stats: stats.results[0] ?? { views: 0, visitors: 0 } };
}

/** Forget every origin edit this learner made: the original rows show through again. */
export async function restoreOrigin(db: D1Database, learnerId: string): Promise<number> {
  const result = await db.prepare(DELETE_LEARNER_EDITS).bind(learnerId).run();
  return result.meta.changes ?? 0;
}

export type PostSummary = Pick<Post, 'id' | 'slug' | 'title' | 'author' | 'published_at' | 'updated_at'>;

/** The newest posts this learner can see, without statistics: what a homepage list shows. */
export async function loadRecentPosts(
  db: D1Database,
  learnerId: string,
  limit = 20,
  cost?: OriginCost,
): Promise<PostSummary[]> {
  const result = await db.prepare(SELECT_RECENT).bind(learnerId, limit).run<PostSummary>();
  account(cost, result.meta);
  return result.results;
}

export async function countPosts(db: D1Database, learnerId: string, cost?: OriginCost): Promise<number> {
  const result = await db.prepare(COUNT_POSTS).bind(learnerId).run<{ count: number }>();
  account(cost, result.meta);
  return result.results[0]?.count ?? 0;
}

export interface PostChanges {
  title?: string;
  body?: string;
}

/**
 * Save the learner's edit of a post and return the post as the origin now has it,
 * or `null` when the post does not exist (or this learner deleted it). The read-back scans
 * page_views, so the scan is admitted before anything is written.
 */
export async function savePostEdit(
  db: D1Database,
  learnerId: string,
  id: number,
  changes: PostChanges,
  cost?: OriginCost,
  scan: PageViewScan = FULL_SCAN,
): Promise<Post | null> {
  if (!(await postExists(db, learnerId, id, cost))) return null;
  await scan.admit?.();
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const write = await db
    .prepare(UPSERT_EDIT)
    .bind(learnerId, id, changes.title ?? null, changes.body ?? null, now)
    .run();
  account(cost, write.meta);
  return loadPost(db, learnerId, id, cost, { rows: scan.rows });
}

/** Delete the post for this learner. False when there was nothing to delete. */
export async function deletePostForLearner(
  db: D1Database,
  learnerId: string,
  id: number,
  cost?: OriginCost,
): Promise<boolean> {
  if (!(await postExists(db, learnerId, id, cost))) return false;
  const write = await db.prepare(MARK_DELETED).bind(learnerId, id, new Date().toISOString()).run();
  account(cost, write.meta);
  return true;
}

async function postExists(db: D1Database, learnerId: string, id: number, cost?: OriginCost) {
  const found = await db.prepare(SELECT_POST).bind(learnerId, id).run();
  account(cost, found.meta);
  return found.results.length > 0;
}
