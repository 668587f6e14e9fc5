-- One row per demo request: what the cache did and how long the Worker spent.
-- Monitoring reads hit rate and latency distributions from here. Counters live in D1,
-- not KV: KV has no atomic increment, so read-modify-write counters there lose updates.
CREATE TABLE demo_events (
  id         INTEGER PRIMARY KEY,
  learner_id TEXT    NOT NULL,
  demo       TEXT    NOT NULL,
  cache      TEXT    NOT NULL, -- HIT | MISS | STALE | BYPASS | ERROR
  total_ms   REAL    NOT NULL,
  at         INTEGER NOT NULL  -- ms since the epoch
);
CREATE INDEX demo_events_learner ON demo_events (learner_id, at);
