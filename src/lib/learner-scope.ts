/** Whose data a demo works on: the learner's id (origin overlay) and KV key prefix. */
export interface LearnerScope {
  id: string;
  /** Prefix of every KV key that belongs to this learner, e.g. `learner:abc…:`. */
  kvPrefix: string;
}

export function learnerScope(id: string): LearnerScope {
  return { id, kvPrefix: `learner:${id}:` };
}
