-- The code of a learner's last passing run of each exercise (at most the sandbox's 16 KiB
-- source limit, one row per learner and exercise, replaced on every pass). The capstone's
-- "Download your project" builds the learner's Worker project from it.
CREATE TABLE passing_code (
  learner_id TEXT    NOT NULL,
  slug       TEXT    NOT NULL,
  code       TEXT    NOT NULL,
  passed_at  INTEGER NOT NULL, -- ms since the epoch
  PRIMARY KEY (learner_id, slug)
);
