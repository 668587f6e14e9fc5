-- Write-through edits of one post take turns. KV has no conditional put, so two edits that
-- overlap could each put their copy and the older one could land last; the turn is taken
-- here, in the database that is the source of truth. A row is a held lock: it is deleted when
-- the edit is done, and one left behind by a writer that crashed is free again at expires_at.
CREATE TABLE post_locks (
  learner_id TEXT    NOT NULL,
  post_id    INTEGER NOT NULL,
  token      TEXT    NOT NULL, -- the holder's random id: only the holder releases it
  expires_at INTEGER NOT NULL, -- seconds since the epoch
  PRIMARY KEY (learner_id, post_id)
);
