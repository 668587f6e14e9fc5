-- A learner who asks to see an exercise's solution after trying it (at least one run) gets
-- it; the request is kept, so the workshop console can tell "passed" from "passed after
-- seeing the solution". Passing, or the instructor revealing it in a workshop, unlocks it too
-- and needs no row here (exercise_results and workshop_reveals already say so).
CREATE TABLE solution_unlocks (
  learner_id  TEXT    NOT NULL,
  slug        TEXT    NOT NULL,
  unlocked_at INTEGER NOT NULL,
  PRIMARY KEY (learner_id, slug)
);
