-- The origin data every caching demo reads: a small blog.
CREATE TABLE posts (
  id           INTEGER PRIMARY KEY,
  slug         TEXT    NOT NULL UNIQUE,
  title        TEXT    NOT NULL,
  body         TEXT    NOT NULL,
  author       TEXT    NOT NULL,
  published_at TEXT    NOT NULL, -- ISO 8601, UTC
  updated_at   TEXT    NOT NULL
);
CREATE INDEX posts_published_at ON posts (published_at DESC);

-- Learners edit and delete posts in the demos. Those changes go to an overlay keyed by
-- learner, never to `posts`, so one learner's edits are invisible to everyone else and
-- a reset restores the original rows by deleting the learner's overlay.
CREATE TABLE post_edits (
  learner_id TEXT    NOT NULL,
  post_id    INTEGER NOT NULL REFERENCES posts (id),
  title      TEXT,
  body       TEXT,
  deleted    INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT    NOT NULL,
  PRIMARY KEY (learner_id, post_id)
);
