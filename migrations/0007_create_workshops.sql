-- Workshop mode: an instructor runs a live session for a room of participants. Everything a
-- session needs to survive a restart lives here; the room's Durable Object only holds the
-- live connections.
CREATE TABLE workshops (
  code                   TEXT    PRIMARY KEY, -- join code: 8 characters, ~40 bits, not enumerable
  title                  TEXT    NOT NULL,
  created_at             INTEGER NOT NULL,    -- ms since the epoch
  ended_at               INTEGER,             -- NULL while the workshop runs
  -- Where the instructor asks the room to be ("follow the instructor").
  section_lesson         TEXT,
  section_id             TEXT,
  section_label          TEXT,
  section_at             INTEGER,
  -- Propagation lab: the current round and when its value was written to KV.
  propagation_round      INTEGER NOT NULL DEFAULT 0,
  propagation_written_at INTEGER,
  -- Thundering-herd demo: the latest run.
  herd_run               INTEGER NOT NULL DEFAULT 0
);

-- A participant IS a learner: learner_id is the `kvlab_learner` cookie set on join, so every
-- demo's KV keys and origin edits are scoped to the participant without the demos knowing.
CREATE TABLE workshop_participants (
  id               TEXT    PRIMARY KEY,      -- public id, shown to the instructor
  workshop_code    TEXT    NOT NULL REFERENCES workshops (code),
  learner_id       TEXT    NOT NULL,
  session_hash     TEXT    NOT NULL UNIQUE,  -- SHA-256 of the session cookie; the cookie is never stored
  name             TEXT    NOT NULL,         -- as typed; escaped wherever it is shown
  joined_at        INTEGER NOT NULL,
  last_seen_at     INTEGER NOT NULL,
  last_progress_at INTEGER NOT NULL,         -- last time `done` grew: "stuck" is measured from here
  lesson           TEXT,                     -- where the participant is now
  section          TEXT,
  done             TEXT    NOT NULL DEFAULT '[]', -- JSON array, from the browser's kvlab:progress
  UNIQUE (workshop_code, learner_id)
);
CREATE INDEX workshop_participants_learner ON workshop_participants (learner_id);

-- Answers to prediction and reflection questions; a participant's latest answer counts.
CREATE TABLE workshop_answers (
  workshop_code  TEXT    NOT NULL,
  participant_id TEXT    NOT NULL,
  kind           TEXT    NOT NULL CHECK (kind IN ('predict', 'reflect')),
  question_id    TEXT    NOT NULL,
  value          TEXT    NOT NULL,
  answered_at    INTEGER NOT NULL,
  PRIMARY KEY (participant_id, kind, question_id)
);
CREATE INDEX workshop_answers_question ON workshop_answers (workshop_code, kind, question_id);

-- Exercise solutions the instructor revealed to the room.
CREATE TABLE workshop_reveals (
  workshop_code TEXT    NOT NULL,
  slug          TEXT    NOT NULL,
  revealed_at   INTEGER NOT NULL,
  PRIMARY KEY (workshop_code, slug)
);

-- Propagation lab: when (ms after the write) and where each participant first saw a round's value.
CREATE TABLE workshop_propagation (
  workshop_code  TEXT    NOT NULL,
  round          INTEGER NOT NULL,
  participant_id TEXT    NOT NULL,
  colo           TEXT    NOT NULL,
  simulated      INTEGER NOT NULL, -- 1 when the location and delay come from the labelled model
  visible_ms     INTEGER NOT NULL,
  PRIMARY KEY (workshop_code, round, participant_id)
);

-- Thundering-herd demo: one row per "everyone fetch the cold key now".
CREATE TABLE workshop_herd_runs (
  workshop_code TEXT    NOT NULL,
  run           INTEGER NOT NULL,
  coalesced     INTEGER NOT NULL, -- 1 when misses were coalesced into one origin load
  post_id       INTEGER NOT NULL,
  started_at    INTEGER NOT NULL,
  requests      INTEGER NOT NULL DEFAULT 0,
  kv_misses     INTEGER NOT NULL DEFAULT 0,
  origin_loads  INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (workshop_code, run)
);
