-- One row per exercise check run: whether every check passed. The workshop reads
-- "exercises passed per participant" from here; a learner's attempts stay as history.
CREATE TABLE exercise_results (
  id         INTEGER PRIMARY KEY,
  learner_id TEXT    NOT NULL,
  slug       TEXT    NOT NULL,
  passed     INTEGER NOT NULL, -- 1 when every check passed, else 0
  checked_at INTEGER NOT NULL  -- ms since the epoch
);
CREATE INDEX exercise_results_learner ON exercise_results (learner_id, slug, passed);
